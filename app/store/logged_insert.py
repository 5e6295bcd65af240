"""Inserting rows on the hot path of capture: plain SQL inserts, logged exactly as the ORM would.

Saving a note through the ORM's flush machinery costs about a millisecond of Python, several
times what SQLite needs to commit it. Capture is the one place where that shows (a facilitator
presses Enter while thirty people watch), so a new note and its tag links are written with
executemany inserts inside the same unit of work, and their change log entries are written
beside them in the same transaction, in the very form `app.store.changelog` gives an ORM
insert: one "insert" entry per row holding every column as JSON, with the unit's device and
author. The tests compare the two forms entry by entry, so they cannot drift apart silently.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from enum import Enum
from typing import Any, cast

from sqlalchemy import Table
from sqlalchemy.orm import Session as OrmSession

from app.models import Changes, new_id, utcnow
from app.store.changelog import collected
from app.store.tables import ENTITY_OF_TABLE, Base, ChangeLogRow


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


_TOUCHED = "inserted_without_flush"
_DRIVER = "sqlite3_connection"


def insert_logged(s: OrmSession, row_type: type[Base], rows: Sequence[Mapping[str, Any]]) -> Changes:
    """Insert `rows` (every column given) into `row_type`'s table and log each; the change-set."""
    if not rows:
        return Changes()
    table: Table = row_type.__table__  # type: ignore[assignment]
    entity = ENTITY_OF_TABLE[table.name]
    columns = [c.key for c in row_type.__mapper__.column_attrs]
    keys = [c.name for c in row_type.__mapper__.primary_key]
    at = utcnow()
    device, author = s.info.get("device_id", ""), s.info.get("author", "")
    ids: list[str] = []
    log: list[dict[str, Any]] = []
    for row in rows:
        entity_id = ":".join(str(row[k]) for k in keys)
        ids.append(entity_id)
        log.append({
            "id": new_id(), "at": at, "device_id": device, "author": author, "entity": entity,
            "entity_id": entity_id, "op": "insert", "field": None, "exported": False,
            "value": json.dumps({k: _plain(row[k]) for k in columns}),
        })
    _execute_many(s, table, rows)
    _execute_many(s, ChangeLogRow.__table__, log)  # type: ignore[arg-type]
    changes = Changes(inserted={entity: frozenset(ids)})
    s.info[_TOUCHED] = s.info.get(_TOUCHED, Changes()) | changes
    return changes


def unit_changes(s: OrmSession) -> Changes:
    """Everything a finished unit of work wrote: through the ORM, and through `insert_logged`."""
    return collected(s) | s.info.get(_TOUCHED, Changes())


_Prepared = tuple[str, list[str], list[Callable[[Any], Any] | None]]
_prepared: dict[tuple[str, str], _Prepared] = {}


def driver(s: OrmSession) -> sqlite3.Connection:
    """The sqlite3 connection under the unit of work, inside the transaction it has begun."""
    if _DRIVER not in s.info:
        s.info[_DRIVER] = s.connection().connection.driver_connection
    return cast(sqlite3.Connection, s.info[_DRIVER])


def _execute_many(s: OrmSession, table: Table, rows: Sequence[Mapping[str, Any]]) -> None:
    """executemany with the columns' own bind processing (UTC times, booleans), but without
    compiling a statement each time: that compile step is most of Core's cost per insert."""
    dialect = s.get_bind().dialect
    # Columns left out (the change log's autoincrement `seq`) take their default in SQLite.
    given = [c for c in table.columns if c.name in rows[0]]
    key = (table.name, ",".join(c.name for c in given))
    if key not in _prepared:
        names = [c.name for c in given]
        sql = (f"INSERT INTO {table.name} ({', '.join(names)}) "
               f"VALUES ({', '.join('?' for _ in names)})")
        _prepared[key] = (sql, names, [c.type.bind_processor(dialect) for c in given])
    sql, names, processors = _prepared[key]
    params = [
        tuple(value if p is None else p(value)
              for value, p in zip((row[n] for n in names), processors, strict=True))
        for row in rows
    ]
    driver(s).executemany(sql, params)
