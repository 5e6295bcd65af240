"""`cairn check`: is the local store sound? Integrity, foreign keys, schema version, pending sync."""

from __future__ import annotations

import sqlite3

from pydantic import BaseModel

from app.store import migrate
from app.store.engine import Store


class CheckReport(BaseModel):
    integrity: list[str]
    foreign_key_problems: list[str]
    search_index_ok: bool
    revision: str | None
    head: str
    pending_changes: int
    records: dict[str, int]

    @property
    def ok(self) -> bool:
        return (self.integrity == ["ok"] and not self.foreign_key_problems
                and self.search_index_ok and self.revision == self.head)

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
        return out


COUNTED = ("learning_systems", "sessions", "participants", "notes", "themes", "actions", "evidence")


def run_check(store: Store) -> CheckReport:
    conn = store.raw()
    try:
        integrity = [r[0] for r in conn.execute("PRAGMA integrity_check")]
        fk = [f"{table} row {rowid} -> {parent}"
              for table, rowid, parent, _ in conn.execute("PRAGMA foreign_key_check")]
        search_ok = _search_index_ok(conn)
        pending = conn.execute("SELECT count(*) FROM change_log WHERE exported = 0").fetchone()[0]
        records = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in COUNTED}
    finally:
        conn.close()
    return CheckReport(
        integrity=integrity, foreign_key_problems=fk, search_index_ok=search_ok,
        revision=migrate.current_revision(store.path), head=migrate.head_revision(),
        pending_changes=pending, records=records,
    )


def _search_index_ok(conn: sqlite3.Connection) -> bool:
    """FTS5's own check that the note index matches the notes it indexes."""
    try:
        conn.execute("INSERT INTO note_search(note_search, rank) VALUES ('integrity-check', 1)")
    except sqlite3.DatabaseError:
        return False
    return True
