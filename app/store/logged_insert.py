"""Inserting rows on the hot path of capture: plain SQL inserts, logged by the log's one writer.

Saving a note through the ORM's flush machinery costs about a millisecond of Python, several
times what SQLite needs to commit it. Capture is the one place where that shows (a facilitator
presses Enter while thirty people watch), so a new note and its tag links are written with
executemany inserts inside the same unit of work, and their change log entries are written
beside them by `changelog.append`, the same function the ORM's flush hook logs through: one
"insert" entry per row holding every column, with the unit's operation id, device and author.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from sqlalchemy import Table
from sqlalchemy.orm import Session as OrmSession

from app.models import Changes
from app.store.changelog import append, collected, driver, entity_of
from app.store.tables import Base

__all__ = ["driver", "insert_logged", "unit_changes"]


def insert_logged(s: OrmSession, row_type: type[Base], rows: Sequence[Mapping[str, Any]]) -> Changes:
    """Insert `rows` (every column given) into `row_type`'s table and log each; the change-set."""
    if not rows:
        return Changes()
    table: Table = row_type.__table__  # type: ignore[assignment]
    _execute_many(s, table, rows)
    ids = append(s, table, "insert", [(row, None) for row in rows])
    entity = entity_of(table.name)
    return Changes(inserted={entity: frozenset(ids)}) if entity else Changes()


def unit_changes(s: OrmSession) -> Changes:
    """Everything a finished unit of work wrote: through the ORM, and through `insert_logged`."""
    return collected(s)


_Prepared = tuple[str, list[str], list[Callable[[Any], Any] | None]]
_prepared: dict[tuple[str, str], _Prepared] = {}


def _execute_many(s: OrmSession, table: Table, rows: Sequence[Mapping[str, Any]]) -> None:
    """executemany with the columns' own bind processing (UTC times, booleans), but without
    compiling a statement each time: that compile step is most of Core's cost per insert."""
    dialect = s.get_bind().dialect
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
