"""`cairn check`: is the local store sound? Integrity, foreign keys, schema version, pending sync,
and, asked for, whether the change log alone rebuilds the store (`--replay`)."""

from __future__ import annotations

from pydantic import BaseModel

from app.store import migrate
from app.store.engine import Store
from app.store.health import store_health
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
    search_index_ok: bool
    revision: str | None
    head: str
    pending_changes: int
    records: dict[str, int]
    replay: ReplayReport | None = None

    @property
    def ok(self) -> bool:
        return (self.integrity == ["ok"] and not self.foreign_key_problems
                and self.search_index_ok and self.revision == self.head
                and (self.replay is None or self.replay.ok))

    def lines(self) -> list[str]:
        out = [
            "Integrity: " + ("ok" if self.integrity == ["ok"] else "; ".join(self.integrity[:5])),
            "Foreign keys: " + ("ok" if not self.foreign_key_problems
                                else f"{len(self.foreign_key_problems)} broken links"),
            "Search index: " + ("ok" if self.search_index_ok else "out of step with the notes"),
            f"Schema: {self.revision} (current {self.head})",
            f"Changes not yet synced: {self.pending_changes}",
        ]
        out += [f"{name}: {count}" for name, count in self.records.items()]
        if self.replay is not None:
            out += self.replay.lines()
        return out


def run_check(store: Store, *, with_replay: bool = False) -> CheckReport:
    """Check the store; with `with_replay`, also rebuild it from its log and compare."""
    health = store_health(store)
    return CheckReport(
        integrity=health.integrity, foreign_key_problems=health.foreign_key_problems,
        search_index_ok=health.search_index_ok, revision=migrate.current_revision(store.path),
        head=migrate.head_revision(), pending_changes=health.pending_changes,
        records=health.records, replay=replay_check(store) if with_replay else None,
    )


def replay_check(store: Store) -> ReplayReport:
    """Rebuild the store from its change log alone (in a temporary folder) and compare."""
    found = replay(store)
    return ReplayReport(
        entries=found.entries, operations=found.operations, records_compared=found.records,
        problems=found.problems, difference_count=found.difference_count,
        differences=[d.sentence() for d in found.differences],
    )
