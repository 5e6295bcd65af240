"""The change log as sync reads and writes it: entries to send, received entries, lookups.

An entry travels as a dict with exactly `ENTRY_KEYS`. Received entries are kept in the log
under their own id, device and clock stamp, marked `exported` (never sent again from here) and
`applied` (0: it lost to a newer change, and replay skips it). Entries this laptop derives
while merging (a record brought back, a field set by a newer copy of the same record) are
logged as this laptop's own, already `exported`: every laptop derives them alike, and they
are there so that replaying the log rebuilds the store.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from app.models.base import new_id

ENTRY_KEYS = ("id", "op_id", "at", "hlc", "device_id", "author", "entity", "entity_id", "op",
              "field", "value", "base")
_COLUMNS = ", ".join(ENTRY_KEYS)
_INSERT = (f"INSERT INTO change_log ({_COLUMNS}, exported, applied) "
           f"VALUES ({', '.join('?' * len(ENTRY_KEYS))}, 1, ?)")
DERIVED_AUTHOR = "(sync)"  # the author of changes a laptop derives while merging
CONFLICT_NAMESPACE = uuid.UUID("6c1f3e4a-5b2d-4f0e-9a7c-2d8e1b0c9f31")


def conflict_id(entity: str, entity_id: str, field: str | None, loser: str) -> str:
    """The same conflict has the same id on every laptop."""
    return str(uuid.uuid5(CONFLICT_NAMESPACE, f"{entity}/{entity_id}/{field or ''}/{loser}"))


def unsent(conn: sqlite3.Connection, limit: int) -> list[tuple[int, dict[str, Any]]]:
    """This laptop's changes not yet written to the shared folder: (seq, entry), oldest first."""
    rows = conn.execute(f"SELECT seq, {_COLUMNS} FROM change_log WHERE exported = 0 "
                        "ORDER BY seq LIMIT ?", (limit,))
    return [(row[0], dict(zip(ENTRY_KEYS, row[1:], strict=True))) for row in rows]


def count_unsent(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT count(*) FROM change_log WHERE exported = 0").fetchone()[0])


def mark_sent(conn: sqlite3.Connection, up_to_seq: int) -> None:
    conn.execute("UPDATE change_log SET exported = 1 WHERE exported = 0 AND seq <= ?",
                 (up_to_seq,))


def mark_unsent_from(conn: sqlite3.Connection, device_id: str) -> int:
    """Send again every change this laptop made under `device_id` (a copied data folder)."""
    return conn.execute("UPDATE change_log SET exported = 0 WHERE device_id = ? AND "
                        "applied = 1 AND exported = 1 AND author != ?", (device_id, DERIVED_AUTHOR)).rowcount


def known(conn: sqlite3.Connection, ids: Sequence[str]) -> set[str]:
    """Which of these entry ids the log holds already."""
    found: set[str] = set()
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        found.update(r[0] for r in conn.execute(
            f"SELECT id FROM change_log WHERE id IN ({', '.join('?' * len(chunk))})", chunk))
    return found


def log_received(conn: sqlite3.Connection, entry: Mapping[str, Any], applied: bool) -> None:
    conn.execute(_INSERT, (*map(entry.get, ENTRY_KEYS), int(applied)))


def log_derived(conn: sqlite3.Connection, device: str, stamp: str, at: str, entity: str,
                entity_id: str, op: str, field: str | None, value: str | None,
                base: str | None = None) -> str:
    """A change this laptop makes while merging, logged as sent; its id."""
    entry_id = new_id()
    conn.execute(_INSERT, [entry_id, new_id(), at, stamp, device, DERIVED_AUTHOR, entity,
                           entity_id, op, field, value, base, 1])
    return entry_id


def entry(conn: sqlite3.Connection, entry_id: str) -> dict[str, Any] | None:
    row = conn.execute(f"SELECT {_COLUMNS} FROM change_log WHERE id = ?", (entry_id,)).fetchone()
    return None if row is None else dict(zip(ENTRY_KEYS, row, strict=True))


def superseded(conn: sqlite3.Connection, entry_id: str, conflict: str) -> bool:
    """Whether a change was overwritten knowingly (a later change names it as base) or its
    conflict was resolved by a person."""
    if conn.execute("SELECT 1 FROM change_log WHERE base = ? LIMIT 1", (entry_id,)).fetchone():
        return True
    return conn.execute("SELECT 1 FROM conflict_resolutions WHERE id = ?",
                        (conflict,)).fetchone() is not None


def deletes_of(conn: sqlite3.Connection, entity: str,
               entity_id: str) -> list[tuple[str, str, list[str]]]:
    """The deletes of one record in the log: (entry id, stamp, versions it had seen)."""
    return [(r[0], r[1], json.loads(r[2]) if r[2] else []) for r in conn.execute(
        "SELECT id, hlc, value FROM change_log WHERE op = 'delete' AND entity_id = ? "
        "AND entity = ?", (entity_id, entity))]


def deleted_records(conn: sqlite3.Connection) -> set[tuple[str, str]]:
    """(entity, id) of every record the log holds a delete of."""
    return set(conn.execute("SELECT entity, entity_id FROM change_log WHERE op = 'delete'"))


def history(conn: sqlite3.Connection, entity: str,
            entity_id: str) -> tuple[dict[str, Any] | None, dict[str, tuple[str, str, str]]]:
    """The newest insert of a record (made by a person) and, per field, the newest update:
    (hlc, value, id).

    Reads the whole log (records are rarely brought back: only when an edit meets a delete)."""
    newest: dict[str, Any] | None = None
    fields: dict[str, tuple[str, str, str]] = {}
    for op, field, value, stamp, entry_id, author in conn.execute(
            "SELECT op, field, value, hlc, id, author FROM change_log WHERE entity = ? AND "
            "entity_id = ? AND op IN ('insert', 'update')", (entity, entity_id)):
        if op == "insert":
            if author == DERIVED_AUTHOR:
                continue  # a record brought back before: rebuilt again from the originals
            if newest is None or stamp > newest["hlc"]:
                newest = {"hlc": stamp, "value": value, "id": entry_id}
        elif field not in fields or stamp > fields[field][0]:
            fields[field] = (stamp, value, entry_id)
    return newest, fields


def inserts_of(conn: sqlite3.Connection, wanted: Iterable[tuple[str, str]]
               ) -> dict[tuple[str, str], str]:
    """The newest stamp of an insert of each of these records (entity, id): one pass over the
    log, for the rare operation that inserts records that are already here."""
    wanted = set(wanted)
    newest: dict[tuple[str, str], str] = {}
    for entity, entity_id, stamp in conn.execute(
            "SELECT entity, entity_id, hlc FROM change_log WHERE op = 'insert'"):
        key = (entity, entity_id)
        if key in wanted and stamp > newest.get(key, ""):
            newest[key] = stamp
    return newest


def versions(conn: sqlite3.Connection, entity: str, entity_id: str) -> dict[str, tuple[str, str]]:
    """field -> (entry id, stamp) of the change that set it, for the fields ever updated."""
    return {r[0]: (r[1], r[2]) for r in conn.execute(
        "SELECT field, entry_id, hlc FROM sync_field_versions WHERE entity = ? AND entity_id = ?",
        (entity, entity_id))}


def set_version(conn: sqlite3.Connection, entity: str, entity_id: str, field: str,
                entry_id: str, stamp: str) -> None:
    conn.execute("INSERT OR REPLACE INTO sync_field_versions (entity, entity_id, field, "
                 "entry_id, hlc) VALUES (?, ?, ?, ?, ?)", (entity, entity_id, field, entry_id,
                                                           stamp))


def newer_version(conn: sqlite3.Connection, entity: str, entity_id: str, field: str,
                  entry_id: str, stamp: str) -> None:
    """This change sets the field's version unless a newer one is there (as `versions`, then
    `set_version` when it is the newest, in one statement)."""
    conn.execute("INSERT INTO sync_field_versions (entity, entity_id, field, entry_id, hlc) "
                 "VALUES (?, ?, ?, ?, ?) ON CONFLICT (entity, entity_id, field) DO UPDATE SET "
                 "entry_id = excluded.entry_id, hlc = excluded.hlc "
                 "WHERE excluded.hlc > sync_field_versions.hlc",
                 (entity, entity_id, field, entry_id, stamp))
