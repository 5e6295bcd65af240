"""The store's own checks, in SQL: integrity, foreign keys, the search index, what is pending.

`cairn check` reports these (see `app.services.core.check`); they live here because they are
SQL, which stays inside `app.store`. Each part is read on its own: on a damaged store a part
SQLite cannot read is reported as unreadable, in SQLite's words, and the others still run.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from app.store import faults
from app.store.engine import Store
from app.store.soundness import plain_findings

COUNTED = ("learning_systems", "sessions", "participants", "notes", "themes", "actions", "evidence")
SQLITE_CORRUPT_VTAB = 267
T = TypeVar("T")


@dataclass(frozen=True)
class Health:
    integrity: list[str]  # ["ok"], or SQLite's findings one a line
    foreign_key_problems: list[str]
    search_index_ok: bool | None  # None: not checked (a read-only store) or unreadable
    revision: str | None
    pending_changes: int | None  # None: could not be read
    records: dict[str, int]  # the counts that could be read
    unreadable: list[str]  # "<part>: <SQLite's words>" for each part SQLite could not read
    read_only: bool


def store_health(store: Store) -> Health:
    """SQLite's integrity and foreign key checks, FTS5's index check, the revision, counts."""
    conn = store.raw()
    unreadable: list[str] = []

    def attempt(part: str, read: Callable[[], T], fallback: T) -> T:
        try:
            return read()
        except sqlite3.DatabaseError as exc:
            unreadable.append(f"{part}: {one_line(str(exc))}")
            return fallback

    try:
        try:
            integrity = findings(conn)
        except sqlite3.DatabaseError as exc:  # the check stopped on a page it could not parse
            integrity = [one_line(str(exc))]
        fk: list[str] = attempt("foreign keys", lambda: foreign_key_problems(conn), [])
        revision = attempt("schema revision", lambda: conn.execute(
            "SELECT version_num FROM alembic_version").fetchone()[0], None)
        pending = attempt("change log", lambda: conn.execute(
            "SELECT count(*) FROM change_log WHERE exported = 0").fetchone()[0], None)
        counts = {table: attempt(table, _counter(conn, table), None) for table in COUNTED}
        return Health(
            integrity=integrity, foreign_key_problems=fk,
            search_index_ok=attempt("search index", lambda: search_index_ok(conn), None),
            revision=revision,
            pending_changes=pending, unreadable=unreadable,
            records={t: n for t, n in counts.items() if n is not None},
            read_only=store.read_only,
        )
    finally:
        conn.close()


def _counter(conn: sqlite3.Connection, table: str) -> Callable[[], int]:
    return lambda: int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def findings(conn: sqlite3.Connection) -> list[str]:
    """PRAGMA integrity_check's rows, one finding a line, without its per-database headings."""
    return plain_findings([str(row) for (row,) in conn.execute("PRAGMA integrity_check")]) \
        or ["ok"]


def one_line(text: str) -> str:
    return " ".join(plain_findings([text]))


def foreign_key_problems(conn: sqlite3.Connection) -> list[str]:
    """Every row whose link points at nothing, as 'table row N -> parent'."""
    return [f"{table} row {rowid} -> {parent}"
            for table, rowid, parent, _ in conn.execute("PRAGMA foreign_key_check")]


def search_index_ok(conn: sqlite3.Connection) -> bool | None:
    """FTS5's own check that the note index matches the notes it indexes; None when it cannot
    run: the check is a write command, which a read-only store refuses whatever its index.

    FTS5 says "out of step" as SQLITE_CORRUPT_VTAB; a plain SQLITE_CORRUPT is a damaged page
    under it, raised for the caller to report as such."""
    try:
        conn.execute("INSERT INTO note_search(note_search, rank) VALUES ('integrity-check', 1)")
    except sqlite3.DatabaseError as exc:
        code = getattr(exc, "sqlite_errorcode", None)
        if code == SQLITE_CORRUPT_VTAB:
            return False
        if faults.code_of(exc) == faults.SQLITE_READONLY:
            return None
        raise
    return True
