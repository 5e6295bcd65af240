"""One text per value: how times, dates, enums, booleans and JSON are written, in rows and log.

Sync compares and merges values as text, so the same value must always be the same text: a
session that starts at 10:00 in Edinburgh in December is `2026-12-08T10:00:00.000000Z` in its
row, in the change log and on every laptop, never `10:00:00+00:00` here and `10:00+00:00`
there. Everything that turns a value into stored text goes through this module.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime
from enum import Enum
from typing import Any

from sqlalchemy import Boolean, Column, Date, Table


def canonical_time(value: datetime) -> str:
    """UTC, ISO-8601, microseconds, `Z`: `2026-12-08T09:00:00.000000Z`. Naive times are refused."""
    if value.tzinfo is None:
        raise ValueError("naive datetimes are not stored; give a time zone")
    return value.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="microseconds") + "Z"


def plain(value: Any) -> Any:
    """A value as JSON holds it: times canonical, dates `YYYY-MM-DD`, enums by value."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime):
        return canonical_time(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def canonical_json(value: Any) -> str:
    """Sorted keys, no spaces, UTF-8 left as it is: equal values give equal text."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      default=plain)


Encoder = Callable[[Any], Any]


def _as_bool(value: Any) -> Any:
    return value if value is None else bool(value)


def _as_plain(value: Any) -> Any:
    return value if value is None else plain(value)


def column_encoder(column: Column[Any]) -> Encoder:
    """How one column's Python value becomes its JSON value (the same whoever wrote it)."""
    if isinstance(column.type, Boolean):
        return _as_bool  # a flag is true/false in the log, whether 1 or True was set
    return _as_plain


_encoders: dict[str, list[tuple[str, Encoder]]] = {}


def table_encoders(table: Table) -> list[tuple[str, Encoder]]:
    """(column key, encoder) for every column of `table`, in the table's order; cached."""
    if table.name not in _encoders:
        _encoders[table.name] = [(c.key, column_encoder(c)) for c in table.columns]
    return _encoders[table.name]


def record_json(table: Table, values: Mapping[str, Any]) -> str:
    """A whole record (every column) as canonical JSON: an insert's log value."""
    return canonical_json({key: encode(values[key]) for key, encode in table_encoders(table)})


def decoder(column: Column[Any]) -> Encoder:
    """How a column's JSON value becomes its Python value (the inverse of `column_encoder`)."""
    if isinstance(column.type, Date):
        return _read_date
    if _python_type(column) is datetime:
        return _read_time
    return _as_is


def _read_date(value: Any) -> Any:
    return value if value is None else date.fromisoformat(value)


def _read_time(value: Any) -> Any:
    return value if value is None else datetime.fromisoformat(value)


def _as_is(value: Any) -> Any:
    return value


def _python_type(column: Column[Any]) -> type | None:
    try:
        return column.type.python_type
    except NotImplementedError:
        return None
