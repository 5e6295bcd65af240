"""`cairn check`: is the local store sound? Integrity, foreign keys, schema version, pending sync,
and, asked for, whether the change log alone rebuilds the store (`--replay`).

A damaged store is reported, never raised: what SQLite could read is counted, what it could
not is listed, and the verdict is one sentence saying how to restore a backup."""

from __future__ import annotations

import sqlite3

from pydantic import BaseModel

from app.store import faults, migrate
from app.store.engine import Store
from app.store.health import one_line, store_health
from app.store.replay import replay


class ReplayReport(BaseModel):
    """The store rebuilt from its change log in a temporary folder, compared record by record."""

    entries: int
    operations: int
    records_compared: int
    problems: list[str]
    difference_count: int
    differences: list[str]  # the first few, each one sentence

    @property
    def ok(self) -> bool:
        return not self.problems and not self.difference_count

    def lines(self) -> list[str]:
        out = [f"Replay: {self.entries} changes in {self.operations} operations rebuilt "
               f"{self.records_compared} records"]
        if self.ok:
            return [out[0] + "; the rebuilt copy equals the store."]
        out += self.problems[:5]
        if self.difference_count:
            out.append(f"The rebuilt copy differs from the store in {self.difference_count} "
                       f"places; the first: {self.differences[0]}")
        return out


class CheckReport(BaseModel):
    integrity: list[str]
    foreign_key_problems: list[str]
    search_index_ok: bool | None  # None: not checked (a read-only store cannot run FTS5's check)
    revision: str | None
    head: str
    pending_changes: int | None
    records: dict[str, int]
    read_only: bool = False
    unreadable: list[str] = []  # parts SQLite could not read, each "<part>: <its words>"
    damage: str | None = None  # the sentence for a damaged store, with how to restore a backup
    replay: ReplayReport | None = None

    @property
    def ok(self) -> bool:
        return (self.integrity == ["ok"] and not self.foreign_key_problems
                and self.search_index_ok is not False and not self.unreadable
                and self.revision == self.head and (self.replay is None or self.replay.ok))

    def lines(self) -> list[str]:
        unread = "could not be read"
        index = {True: "ok", False: "out of step with the notes",
                 None: "not checked (the store is read-only)" if self.read_only else unread,
                 }[self.search_index_ok]
        links = "ok" if not self.foreign_key_problems else \
            f"{len(self.foreign_key_problems)} broken links"
        if any(part.startswith("foreign keys:") for part in self.unreadable):
            links = unread
        out = [
            "Integrity: " + ("ok" if self.integrity == ["ok"] else "; ".join(self.integrity[:5])),
            f"Foreign keys: {links}",
            f"Search index: {index}",
            f"Schema: {self.revision or unread} (current {self.head})",
            "Changes not yet synced: " + (unread if self.pending_changes is None
                                          else str(self.pending_changes)),
        ]
        out += [f"{name}: {count}" for name, count in self.records.items()]
        shown = ("foreign keys", "search index", "change log", "schema revision")
        out += [f"{part}: {unread}" for part in (u.split(":")[0] for u in self.unreadable)
                if part not in shown]
        if self.read_only:
            out.append("The store is read-only: Cairn can read it but will not save changes.")
        if self.replay is not None:
            out += self.replay.lines()
        return out

    def verdict(self) -> str:
        """The last line: sound, damaged (with how to restore), or problems listed above."""
        if self.damage:
            return self.damage
        return "The store is sound." if self.ok else "The store has problems (see above)."


def run_check(store: Store, *, with_replay: bool = False) -> CheckReport:
    """Check the store; with `with_replay`, also rebuild it from its log and compare."""
    health = store_health(store)
    damaged = health.integrity != ["ok"] or bool(health.unreadable)
    first = (health.integrity if health.integrity != ["ok"] else health.unreadable)[:1]
    return CheckReport(
        integrity=health.integrity, foreign_key_problems=health.foreign_key_problems,
        search_index_ok=health.search_index_ok, revision=health.revision,
        head=migrate.head_revision(), pending_changes=health.pending_changes,
        records=health.records, read_only=health.read_only, unreadable=health.unreadable,
        damage=str(faults.damaged(store.path, first[0])) if damaged else None,
        replay=replay_check(store) if with_replay else None,
    )


def replay_check(store: Store) -> ReplayReport:
    """Rebuild the store from its change log alone (in a temporary folder) and compare."""
    try:
        found = replay(store)
    except sqlite3.DatabaseError as exc:  # a damaged store: the log or a table is unreadable
        return ReplayReport(entries=0, operations=0, records_compared=0, difference_count=0,
                            problems=[f"The store could not be replayed ({one_line(str(exc))})."],
                            differences=[])
    return ReplayReport(
        entries=found.entries, operations=found.operations, records_compared=found.records,
        problems=found.problems, difference_count=found.difference_count,
        differences=[d.sentence() for d in found.differences],
    )
