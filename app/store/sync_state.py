"""Sync's bookkeeping in the store: peers seen, files written, the sync log, files set aside,
conflicts, and this laptop's id when its data folder turns out to be a copy.

All of it is local to this laptop (never logged, never synced), except conflict resolutions,
which are records like any other (see `ConflictResolutionRow`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from app.models.base import new_id, utcnow
from app.store import sync_entries as log
from app.store.canonical import canonical_json, canonical_time
from app.store.changelog import driver
from app.store.engine import Store


def seen(store: Store) -> dict[str, tuple[int, str]]:
    """device -> (last applied seq, its sha256)."""
    with store.read() as s:
        return {r[0]: (r[1], r[2]) for r in driver(s).execute(
            "SELECT device_id, last_seq, last_sha256 FROM sync_peers")}


def peer_names(store: Store) -> dict[str, str]:
    with store.read() as s:
        return dict(driver(s).execute("SELECT device_id, name FROM sync_peers"))


def own_files(store: Store) -> dict[int, str]:
    """This laptop's seq -> sha256 of the files it wrote (under its current id)."""
    with store.read() as s:
        return dict(driver(s).execute(
            "SELECT seq, sha256 FROM sync_written WHERE device_id = ?", (store.device_id,)))


def own_entries(store: Store, seq: int) -> tuple[str, list[dict[str, Any]]]:
    """The previous file's sha256 and the entries of one file this laptop wrote."""
    import json

    with store.read() as s:
        conn = driver(s)
        row = conn.execute("SELECT entries_json FROM sync_written WHERE device_id = ? AND "
                           "seq = ?", (store.device_id, seq)).fetchone()
        prev = conn.execute("SELECT sha256 FROM sync_written WHERE device_id = ? AND seq = ?",
                            (store.device_id, seq - 1)).fetchone()
    return (prev[0] if prev else ""), (json.loads(row[0]) if row and row[0] else [])


def unsent(store: Store, limit: int) -> list[tuple[int, dict[str, Any]]]:
    with store.read() as s:
        return log.unsent(driver(s), limit)


def pending(store: Store) -> int:
    with store.read() as s:
        return log.count_unsent(driver(s))


def next_file(store: Store) -> tuple[int, str]:
    """The seq of this laptop's next file and the sha256 of its last one."""
    with store.read() as s:
        row = driver(s).execute("SELECT seq, sha256 FROM sync_written WHERE device_id = ? "
                                "ORDER BY seq DESC LIMIT 1", (store.device_id,)).fetchone()
    return (1, "") if row is None else (row[0] + 1, row[1])


def record_sent(store: Store, seq: int, sha256: str, name: str, last_change: int,
                entries: Sequence[Mapping[str, Any]]) -> None:
    """The file is on the shared folder: its changes are sent (one transaction)."""
    with store.unit() as s:
        conn = driver(s)
        conn.execute("INSERT OR REPLACE INTO sync_written (seq, device_id, sha256, name, "
                     "last_change, entries_json) VALUES (?, ?, ?, ?, ?, ?)",
                     (seq, store.device_id, sha256, name, last_change,
                      canonical_json(list(entries))))
        log.mark_sent(conn, last_change)


def write_log(store: Store, lines: Sequence[tuple[str, str]]) -> None:
    """Append (kind, text) lines to the sync log, in one transaction (a durable commit)."""
    at = canonical_time(utcnow())
    with store.unit() as s:
        driver(s).executemany("INSERT INTO sync_log (at, kind, text) VALUES (?, ?, ?)",
                              [(at, kind, text) for kind, text in lines])


def read_log(store: Store, limit: int) -> list[tuple[datetime, str, str]]:
    with store.read() as s:
        return [(datetime.fromisoformat(r[0]), r[1], r[2]) for r in driver(s).execute(
            "SELECT at, kind, text FROM sync_log ORDER BY seq DESC LIMIT ?", (limit,))]


def last_round(store: Store) -> datetime | None:
    with store.read() as s:
        row = driver(s).execute("SELECT at FROM sync_log WHERE kind = 'round' "
                                "ORDER BY seq DESC LIMIT 1").fetchone()
    return None if row is None else datetime.fromisoformat(row[0])


def set_aside(store: Store, files: Sequence[tuple[str, str, int, str]]) -> None:
    """Remember files set aside this round (name, device, seq, reason); the others are gone."""
    at = canonical_time(utcnow())
    with store.unit() as s:
        conn = driver(s)
        conn.execute("DELETE FROM sync_set_aside")
        conn.executemany("INSERT OR REPLACE INTO sync_set_aside (name, device_id, seq, reason, "
                         "at) VALUES (?, ?, ?, ?, ?)", [(*f, at) for f in files])


def conflict_rows(store: Store, include_resolved: bool) -> list[dict[str, Any]]:
    """The conflicts, newest first, with the losing change of each."""
    where = "" if include_resolved else "WHERE c.resolved = 0"
    with store.read() as s:
        rows = driver(s).execute(
            "SELECT c.id, c.entity, c.entity_id, c.field, c.kind, c.loser, c.detected_at, "
            "c.resolved, c.resolution, l.device_id, l.value, l.op FROM sync_conflicts c "
            f"LEFT JOIN change_log l ON l.id = c.loser {where} ORDER BY c.detected_at DESC, c.id")
        names = ("id", "entity", "entity_id", "field", "kind", "loser", "detected_at",
                 "resolved", "resolution", "loser_device", "loser_value", "loser_op")
        return [dict(zip(names, r, strict=True)) for r in rows]


def open_conflicts(store: Store) -> int:
    with store.read() as s:
        return int(driver(s).execute(
            "SELECT count(*) FROM sync_conflicts WHERE resolved = 0").fetchone()[0])


def close_conflict(s: Any, conflict_id: str, choice: str | None) -> None:
    """Mark a conflict resolved inside the caller's unit of work."""
    driver(s).execute("UPDATE sync_conflicts SET resolved = 1, resolution = ? WHERE id = ?",
                      (choice, conflict_id))


def close_resolved(store: Store) -> int:
    """Close the conflicts whose resolution arrived from another laptop."""
    with store.unit() as s:
        return driver(s).execute(
            "UPDATE sync_conflicts SET resolved = 1, resolution = (SELECT choice FROM "
            "conflict_resolutions r WHERE r.id = sync_conflicts.id) WHERE resolved = 0 AND "
            "id IN (SELECT id FROM conflict_resolutions)").rowcount


def new_device_id(store: Store) -> tuple[str, int]:
    """Give this store a new device id (its data folder is a copy of another laptop's); every
    change it made under the old id is sent again under the new one. (new id, changes)."""
    old, made = store.device_id, new_id()
    with store.unit() as s:
        conn = driver(s)
        conn.execute("UPDATE store_meta SET value = ? WHERE key = 'device_id'", (made,))
        again = log.mark_unsent_from(conn, old)
    store.device_id = made
    return made, again


def removals(store: Store, deletes: Mapping[str, set[str]]) -> dict[str, tuple[int, int]]:
    """entity -> (records here that these deletes name, records of that kind here)."""
    from app.store.replay import TABLE_OF_ENTITY

    found: dict[str, tuple[int, int]] = {}
    with store.read() as s:
        conn = driver(s)
        for entity, ids in deletes.items():
            table = TABLE_OF_ENTITY.get(entity)
            if table is None or len(table.primary_key.columns) != 1:
                continue
            key = next(iter(table.primary_key.columns)).name
            total = conn.execute(f"SELECT count(*) FROM {table.name}").fetchone()[0]
            listed = sorted(ids)
            here = 0
            for start in range(0, len(listed), 500):
                chunk = listed[start:start + 500]
                here += conn.execute(f"SELECT count(*) FROM {table.name} WHERE {key} IN "
                                     f"({', '.join('?' * len(chunk))})", chunk).fetchone()[0]
            found[entity] = (here, total)
    return found


_LABEL_COLUMNS = ("text", "title", "name", "what", "slug")


def label_of(store: Store, entity: str, entity_id: str) -> str:
    """What a person calls a record: its text, title or name ("" if it is not here)."""
    from app.store.replay import TABLE_OF_ENTITY

    table = TABLE_OF_ENTITY.get(entity)
    if table is None:
        return ""
    column = next((c for c in _LABEL_COLUMNS if c in table.c), None)
    keys = [c.name for c in table.primary_key.columns]
    if column is None:
        return ""
    where = " AND ".join(f"{k} = ?" for k in keys)
    with store.read() as s:
        row = driver(s).execute(f"SELECT {column} FROM {table.name} WHERE {where}",
                                entity_id.split(":", len(keys) - 1)).fetchone()
    return "" if row is None else str(row[0])


def current_value(store: Store, entity: str, entity_id: str, field: str) -> tuple[bool, Any]:
    """(whether the record is here, the field's value as its log entry would hold it)."""
    import json

    from app.store.replay import TABLE_OF_ENTITY

    table = TABLE_OF_ENTITY[entity]
    keys = [c.name for c in table.primary_key.columns]
    where = " AND ".join(f"{k} = ?" for k in keys)
    with store.read() as s:
        row = driver(s).execute(f"SELECT {', '.join(c.name for c in table.columns)} FROM "
                                f"{table.name} WHERE {where}",
                                entity_id.split(":", len(keys) - 1)).fetchone()
    if row is None:
        return False, None
    from app.store.canonical import record_json

    record = dict(zip([c.key for c in table.columns], row, strict=True))
    for column in table.columns:
        processor = column.type.result_processor(_dialect(), None)
        if processor is not None and record[column.key] is not None:
            record[column.key] = processor(record[column.key])
    return True, json.loads(record_json(table, record)).get(field)


def _dialect() -> Any:
    from sqlalchemy.dialects.sqlite import pysqlite

    return pysqlite.dialect()


def row_class(entity: str) -> type[Any]:
    """The mapped class of a logged entity's table."""
    from app.store.replay import TABLE_OF_ENTITY
    from app.store.tables import Base

    table = TABLE_OF_ENTITY[entity]
    return next(m.class_ for m in Base.registry.mappers if m.local_table is table)


def find_conflict(store: Store, prefix: str) -> list[str]:
    """Ids of conflicts starting with `prefix`."""
    with store.read() as s:
        return [r[0] for r in driver(s).execute(
            "SELECT id FROM sync_conflicts WHERE id LIKE ? ESCAPE '\\'",
            (prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%",))]


def version_device(store: Store, entity: str, entity_id: str, field: str | None) -> str:
    """The device whose change set the field's current value ("" when the insert did)."""
    from app.store.sync_clock import parse_hlc

    with store.read() as s:
        row = driver(s).execute("SELECT hlc FROM sync_field_versions WHERE entity = ? AND "
                                "entity_id = ? AND field = ?",
                                (entity, entity_id, field or "")).fetchone()
    if row is None:
        return ""
    try:
        return parse_hlc(row[0])[2]
    except ValueError:
        return ""


def device_name(store: Store) -> str:
    """This laptop's name as the store recorded it when it was made."""
    with store.read() as s:
        row = driver(s).execute(
            "SELECT value FROM store_meta WHERE key = 'device_name'").fetchone()
    return "" if row is None else str(row[0])


def newest_received(store: Store) -> str:
    """The newest clock stamp received from another laptop ("" before any)."""
    with store.read() as s:
        row = driver(s).execute(
            "SELECT value FROM store_meta WHERE key = 'sync_newest_hlc'").fetchone()
    return "" if row is None else str(row[0])
