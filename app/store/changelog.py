"""The local change log and its one writer: every write appends what changed, in its transaction.

An insert is one entry holding the whole record; an update one entry per changed field; a
delete one entry (a tombstone). Every entry of one unit of work (one `Store.unit()`, one user
operation) carries the same operation id and time, so sync can ship and apply an operation
as a whole. Values are canonical JSON (see `canonical`), so one value is always one text.

Two paths write records, and both log through `append`, the only code that builds entries:
SQLAlchemy's `before_flush` hook (so no ORM write can forget the log) and
`logged_insert.insert_logged`, the capture hot path's executemany inserts. Tables declared
local-only in `tables.py` are never logged; a table declared neither way is refused.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any, Literal, cast

from sqlalchemy import Table, event, inspect
from sqlalchemy.orm import Session as OrmSession

from app.models.base import new_id, utcnow
from app.models.changes import Changes
from app.store import sync_clock
from app.store.canonical import canonical_json, canonical_time, column_encoder, record_json
from app.store.tables import ENTITY_OF_TABLE, LOCAL_ONLY_TABLES, Base

Op = Literal["insert", "update", "delete"]
Item = tuple[Mapping[str, Any], str | None]

_OPERATION = "operation"
_TOUCHED = "touched"
_DRIVER = "sqlite3_connection"
_INSERT_ENTRY = (
    "INSERT INTO change_log (id, op_id, at, device_id, author, entity, entity_id, op, field, "
    "value, hlc, base, exported, applied) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 1)"
)
_VERSION = ("SELECT entry_id FROM sync_field_versions WHERE entity = ? AND entity_id = ? "
            "AND field = ?")
_SET_VERSION = ("INSERT OR REPLACE INTO sync_field_versions (entity, entity_id, field, "
                "entry_id, hlc) VALUES (?, ?, ?, ?, ?)")
_CLOCK = "sync_clock"
# Inserts parents first and deletes children first, so the log reads in a sensible order.
_TABLE_ORDER = {t.name: n for n, t in enumerate(Base.metadata.sorted_tables)}


def entity_of(table_name: str) -> str | None:
    """The log's entity name for a logged table; None for a local-only one; else LookupError."""
    entity = ENTITY_OF_TABLE.get(table_name)
    if entity is None and table_name not in LOCAL_ONLY_TABLES:
        raise LookupError(f"table {table_name} is declared neither logged nor local-only")
    return entity


def driver(s: OrmSession) -> sqlite3.Connection:
    """The sqlite3 connection under the unit of work, inside the transaction it has begun."""
    if _DRIVER not in s.info:
        s.info[_DRIVER] = s.connection().connection.driver_connection
    return cast(sqlite3.Connection, s.info[_DRIVER])


def operation(s: OrmSession) -> tuple[str, datetime]:
    """This unit of work's operation id (a UUIDv7) and time, made when it first logs."""
    if _OPERATION not in s.info:
        s.info[_OPERATION] = (new_id(), utcnow())
    return cast(tuple[str, datetime], s.info[_OPERATION])


def append(s: OrmSession, table: Table, op: Op, items: Iterable[Item]) -> list[str]:
    """Build the log entries for `items` of one table and write them; their entity ids.

    Each item is (record, field): for an insert, the whole record and no field; for an
    update, the record's key columns and the new value under `field`; for a delete, the
    record's key columns. Nothing is written for a local-only table.

    Every entry gets a tick of the store's hybrid logical clock. An update names as its
    `base` the change that set the field until now (none: the insert did), and becomes the
    field's version; a delete's value lists the field versions it saw, so that sync can tell
    an edit the deleter had not seen.
    """
    entity = entity_of(table.name)
    if entity is None:
        return []
    keys = [c.key for c in table.primary_key.columns]
    op_id, at = operation(s)
    when = canonical_time(at)
    device, author = s.info.get("device_id", ""), s.info.get("author", "")
    conn = driver(s)
    tick = _clock(s, conn).tick
    params: list[tuple[Any, ...]] = []
    ids: list[str] = []
    for record, _ in items:
        ids.append(":".join(str(record[k]) for k in keys))
    # A link row (every column a key) has one version, the insert that made it (a tag
    # removed and added again is added anew); other records, a version per field updated.
    link = len(keys) == len(table.columns)
    seen = _seen_versions(conn, entity, ids) if op == "delete" else {}
    made: list[tuple[str, str, str, str, str]] = []
    for (record, field), entity_id in zip(items, ids, strict=True):
        base: str | None = None
        entry_id, stamp = new_id(), tick(device)
        if op == "insert":
            value: str | None = record_json(table, record)
            if link:
                made.append((entity, entity_id, "", entry_id, stamp))
        elif op == "update":
            assert field is not None
            value = canonical_json(column_encoder(table.c[field])(record[field]))
            found = conn.execute(_VERSION, (entity, entity_id, field)).fetchone()
            base = found[0] if found else None
            # Set at once: a later update of the same field in this call takes it as base.
            conn.execute(_SET_VERSION, (entity, entity_id, field, entry_id, stamp))
        else:
            known = seen.get(entity_id)
            value = canonical_json(sorted(known)) if known else None
        params.append((entry_id, op_id, when, device, author, entity, entity_id, op, field,
                       value, stamp, base))
    if params:
        conn.executemany(_INSERT_ENTRY, params)
        if made:
            conn.executemany(_SET_VERSION, made)
        touched = s.info.setdefault(_TOUCHED, {"insert": {}, "update": {}, "delete": {}})
        touched[op].setdefault(entity, set()).update(ids)
    return ids


def _clock(s: OrmSession, conn: sqlite3.Connection) -> sync_clock.Clock:
    clock = s.info.get(_CLOCK)
    if clock is None:
        clock = s.info[_CLOCK] = sync_clock.clock_for(conn)
    return cast(sync_clock.Clock, clock)


def _seen_versions(conn: sqlite3.Connection, entity: str,
                   entity_ids: list[str]) -> dict[str, list[str]]:
    """The field versions of these records (only records once updated have any)."""
    seen: dict[str, list[str]] = {}
    size = max(1, min(500, conn.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER) - 1))
    for start in range(0, len(entity_ids), size):
        chunk = entity_ids[start:start + size]
        for entity_id, entry_id in conn.execute(
                "SELECT entity_id, entry_id FROM sync_field_versions WHERE entity = ? AND "
                f"entity_id IN ({', '.join('?' * len(chunk))})", [entity, *chunk]):
            seen.setdefault(entity_id, []).append(entry_id)
    return seen


def collected(session: OrmSession) -> Changes:
    """The change-set of a finished unit of work: every entry it logged, by either path."""
    seen = session.info.get(_TOUCHED)
    if not seen:
        return Changes()

    def frozen(part: dict[str, set[str]]) -> dict[str, frozenset[str]]:
        return {k: frozenset(v) for k, v in part.items()}

    return Changes(frozen(seen["insert"]), frozen(seen["update"]), frozen(seen["delete"]))


def install(session_class: type[OrmSession]) -> None:
    """Attach the log to every session made from `session_class` (a sessionmaker's class)."""

    @event.listens_for(session_class, "before_flush")
    def _log(session: OrmSession, flush_context: object, instances: object) -> None:
        log_flush(session)


def log_flush(session: OrmSession) -> None:
    """Log what the coming flush will write: deletes, then updates, then inserts.

    Replaying in that order reproduces the flush: a record deleted and re-added under its id
    in one flush (an ORM "row switch") comes out re-added.
    """
    groups: dict[tuple[Op, str], list[Item]] = defaultdict(list)
    tables: dict[str, Table] = {}
    for obj in session.deleted:
        table = _logged_table(obj)
        if table is not None:
            tables[table.name] = table
            groups["delete", table.name].append((_key(obj), None))
    for obj in session.dirty:
        table = _logged_table(obj)
        if table is None or not session.is_modified(obj):
            continue
        tables[table.name] = table
        state = inspect(obj)
        for attr in state.mapper.column_attrs:
            history = state.attrs[attr.key].history
            if history.has_changes() and history.added:
                groups["update", table.name].append(
                    ({**_key(obj), attr.key: history.added[0]}, attr.key))
    for obj in session.new:
        table = _logged_table(obj)
        if table is not None:
            tables[table.name] = table
            groups["insert", table.name].append((_record(obj), None))
    phase = {"delete": 0, "update": 1, "insert": 2}
    for op, name in sorted(groups, key=lambda g: (
            phase[g[0]], -_TABLE_ORDER[g[1]] if g[0] == "delete" else _TABLE_ORDER[g[1]])):
        append(session, tables[name], op, groups[op, name])


def _logged_table(obj: object) -> Table | None:
    table = cast(Table, inspect(obj).mapper.local_table)
    return table if entity_of(table.name) is not None else None


def _key(obj: object) -> dict[str, Any]:
    """The record's key as stored (its identity), even if a key attribute was reassigned."""
    state = inspect(obj)
    columns = state.mapper.primary_key
    values = state.identity or tuple(getattr(obj, c.key) for c in columns)
    return {c.key: v for c, v in zip(columns, values, strict=True)}


def _record(obj: object) -> dict[str, Any]:
    """Every column of a new record, a column's plain default filled in (as the INSERT will)."""
    out: dict[str, Any] = {}
    for attr in inspect(obj).mapper.column_attrs:
        value = getattr(obj, attr.key)
        column = attr.columns[0]
        default = getattr(column, "default", None)
        if value is None and default is not None and default.is_scalar:
            value = default.arg
            setattr(obj, attr.key, value)
        out[attr.key] = value
    return out
