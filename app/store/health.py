"""The store's own checks, in SQL: integrity, foreign keys, the search index, what is pending.

`cairn check` reports these (see `app.services.core.check`); they live here because they are
SQL, which stays inside `app.store`.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from app.store.engine import Store

COUNTED = ("learning_systems", "sessions", "participants", "notes", "themes", "actions", "evidence")


@dataclass(frozen=True)
class Health:
    integrity: list[str]
    foreign_key_problems: list[str]
    search_index_ok: bool
    pending_changes: int
    records: dict[str, int]


def store_health(store: Store) -> Health:
    """SQLite's integrity and foreign key checks, FTS5's index check, and counts."""
    conn = store.raw()
    try:
        return Health(
            integrity=[r[0] for r in conn.execute("PRAGMA integrity_check")],
            foreign_key_problems=foreign_key_problems(conn),
            search_index_ok=search_index_ok(conn),
            pending_changes=conn.execute(
                "SELECT count(*) FROM change_log WHERE exported = 0").fetchone()[0],
            records={t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                     for t in COUNTED},
        )
    finally:
        conn.close()


def foreign_key_problems(conn: sqlite3.Connection) -> list[str]:
    """Every row whose link points at nothing, as 'table row N -> parent'."""
    return [f"{table} row {rowid} -> {parent}"
            for table, rowid, parent, _ in conn.execute("PRAGMA foreign_key_check")]


def search_index_ok(conn: sqlite3.Connection) -> bool:
    """FTS5's own check that the note index matches the notes it indexes."""
    try:
        conn.execute("INSERT INTO note_search(note_search, rank) VALUES ('integrity-check', 1)")
    except sqlite3.DatabaseError:
        return False
    return True
