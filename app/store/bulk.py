"""Set-based reads and writes for deleting and restoring many records in one unit of work.

Deleting 5,000 notes through the ORM costs a SELECT per dependant table per note and a flush
per row: seconds, where SQLite needs tens of milliseconds. These statements work on whole sets
instead, through the unit's own sqlite3 connection (as `logged_insert` does): each matches or
inserts as many rows as SQLite's variable limit allows, and every row written is logged by
`changelog.append`, the log's one writer, in the same transaction.

The unit's ORM session does not see these writes, so each write tells it: a deleted row's
object leaves the session, an updated column is set as if loaded. Values go in and come out as
the ORM's (aware datetimes, booleans), through each column's own bind and result processing.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from operator import itemgetter
from typing import Any

from sqlalchemy import Table
from sqlalchemy.dialects.sqlite import pysqlite
from sqlalchemy.orm import Session as OrmSession
from sqlalchemy.orm.attributes import set_committed_value

from app.store.changelog import append, driver
from app.store.tables import Base

Key = tuple[Any, ...]
Processor = Callable[[Any], Any]

_DIALECT = pysqlite.dialect()


def primary_key(table: Table) -> list[str]:
    """The names of the table's key columns, in the order a `Key` holds their values."""
    return _shape(table).keys


def key_of(table: Table, values: dict[str, Any]) -> Key:
    """A record's key, from its values."""
    return _shape(table).key_of(values)


def rows_where(s: OrmSession, table: Table, columns: Sequence[str],
               values: Sequence[Key]) -> list[dict[str, Any]]:
    """Every row of `table` (all its columns) whose `columns` hold one of `values`.

    One column is matched with `IN (?, ...)`, several with a row value `IN (VALUES ...)`;
    each statement takes as many values as SQLite's variable limit allows.
    """
    shape = _shape(table)
    found: list[dict[str, Any]] = []
    for sql, params in _matching(s, f"SELECT {', '.join(shape.names)} FROM {table.name}",
                                 table, columns, values):
        for row in driver(s).execute(sql, params):
            record = dict(zip(shape.names, row, strict=True))
            for name, read in shape.readers:
                if record[name] is not None:
                    record[name] = read(record[name])
            found.append(record)
    return found


def keys_present(s: OrmSession, table: Table, keys: Sequence[Key]) -> set[Key]:
    """Which of these keys name a record of `table`."""
    names = primary_key(table)
    present: set[Key] = set()
    for sql, params in _matching(s, f"SELECT {', '.join(names)} FROM {table.name}", table,
                                 names, keys):
        present.update(key_of(table, dict(zip(names, _read(table, names, row), strict=True)))
                       for row in driver(s).execute(sql, params))
    return present


def insert_logged(s: OrmSession, table: Table, rows: Sequence[Mapping[str, Any]]) -> list[str]:
    """Insert these records (every column given) and log each insert; their entity ids.

    Many rows per statement rather than executemany: the notes' search index (FTS5) writes
    out what it has gathered at the end of every statement, so 5,000 notes put back one
    statement each cost five times as much as in a few statements.
    """
    if not rows:
        return []
    shape = _shape(table)
    names = shape.names
    converted = [(names.index(n), w) for n, w in shape.writers.items()]
    one = f"({', '.join('?' * len(names))})"
    size = max(1, _variables(s) // len(names))
    for start in range(0, len(rows), size):
        chunk = rows[start:start + size]
        params: list[Any] = []
        for row in chunk:
            values = list(shape.values_of(row))
            for i, write in converted:
                if values[i] is not None:
                    values[i] = write(values[i])
            params += values
        driver(s).execute(f"INSERT INTO {table.name} ({', '.join(names)}) "
                          f"VALUES {', '.join([one] * len(chunk))}", params)
    return append(s, table, "insert", [(row, None) for row in rows])


def delete_logged(s: OrmSession, table: Table, keys: Sequence[Key]) -> None:
    """Delete the records with these keys and log each delete; their objects leave the session.

    A few statements matching many keys each, not one per key, for the same reason as inserts.
    """
    if not keys:
        return
    names = primary_key(table)
    for sql, params in _matching(s, f"DELETE FROM {table.name}", table, names, keys):
        driver(s).execute(sql, params)
    append(s, table, "delete", [(dict(zip(names, key, strict=True)), None) for key in keys])
    for obj in _held(s, table, keys).values():
        s.expunge(obj)


def update_logged(s: OrmSession, table: Table, column: str,
                  items: Sequence[tuple[Key, Any]]) -> None:
    """Set one column of the records with these keys, each to its value, and log each change.

    Records that take the same value are set in one statement (clearing links: all of them).
    """
    if not items:
        return
    names = primary_key(table)
    by_value: dict[Any, list[Key]] = {}
    for key, value in items:
        by_value.setdefault(value, []).append(key)
    for value, keys in by_value.items():
        stored = _bound(table, [column], [value])
        for sql, params in _matching(s, f"UPDATE {table.name} SET {column} = ?", table, names,
                                     keys, reserved=1):
            driver(s).execute(sql, [*stored, *params])
    append(s, table, "update", [({**dict(zip(names, key, strict=True)), column: value}, column)
                                for key, value in items])
    held = _held(s, table, [key for key, _ in items])
    for key, value in items:
        if key in held:
            set_committed_value(held[key], column, value)


def _matching(s: OrmSession, head: str, table: Table, columns: Sequence[str],
              values: Sequence[Key], reserved: int = 0) -> Iterator[tuple[str, list[Any]]]:
    """`head` with a WHERE clause for each chunk of `values`, and the chunk's parameters
    (`reserved`: how many parameters `head` takes itself, given before these)."""
    per_value = len(columns)
    size = max(1, (_variables(s) - reserved) // per_value)
    for start in range(0, len(values), size):
        chunk = values[start:start + size]
        params = [p for value in chunk for p in _bound(table, columns, value)]
        if per_value == 1:
            where = f"{columns[0]} IN ({', '.join('?' * len(chunk))})"
        else:
            one = f"({', '.join('?' * per_value)})"
            where = f"({', '.join(columns)}) IN (VALUES {', '.join([one] * len(chunk))})"
        yield f"{head} WHERE {where}", params


def _variables(s: OrmSession) -> int:
    """How many parameters one statement may take (SQLite's variable limit)."""
    return driver(s).getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)


def _bound(table: Table, columns: Sequence[str], values: Sequence[Any]) -> Sequence[Any]:
    """Values of these columns as the columns store them (aware times as canonical text)."""
    writers = _shape(table).writers
    if not any(name in writers for name in columns):
        return values
    return [v if v is None or name not in writers else writers[name](v)
            for name, v in zip(columns, values, strict=True)]


def _read(table: Table, columns: Sequence[str], row: Sequence[Any]) -> list[Any]:
    """Stored values of these columns as the ORM reads them."""
    readers = dict(_shape(table).readers)
    return [v if v is None or name not in readers else readers[name](v)
            for name, v in zip(columns, row, strict=True)]


def _held(s: OrmSession, table: Table, keys: Sequence[Key]) -> dict[Key, Any]:
    """The objects the session holds for these records, by key (usually none: a unit of work
    that deletes many records rarely loaded them first)."""
    if not len(s.identity_map):
        return {}
    cls, wanted = _classes()[table.name], set(keys)
    return {state.identity: state.obj() for state in s.identity_map.all_states()
            if state.class_ is cls and state.identity in wanted}


@cache
def _classes() -> dict[str, type[Base]]:
    return {m.local_table.name: m.class_ for m in Base.registry.mappers}  # type: ignore[attr-defined]


@dataclass(frozen=True)
class _Shape:
    """What the statements need to know of one table, worked out once."""

    names: list[str]
    keys: list[str]
    key_of: Callable[[dict[str, Any]], Key]
    values_of: Callable[[Mapping[str, Any]], tuple[Any, ...]]  # every column's, in table order
    readers: list[tuple[str, Processor]]  # the columns whose stored text is not the value
    writers: dict[str, Processor]


@cache
def _shape(table: Table) -> _Shape:
    keys = [c.name for c in table.primary_key.columns]
    get = itemgetter(*keys)
    impls = {c.name: c.type.dialect_impl(_DIALECT) for c in table.columns}
    everything = itemgetter(*impls)
    readers = {n: t.result_processor(_DIALECT, None) for n, t in impls.items()}
    writers = {n: t.bind_processor(_DIALECT) for n, t in impls.items()}
    return _Shape(
        names=list(impls), keys=keys,
        key_of=(lambda values: (get(values),)) if len(keys) == 1 else get,
        values_of=everything if len(impls) > 1 else (lambda values: (everything(values),)),
        readers=[(n, r) for n, r in readers.items() if r is not None],
        writers={n: w for n, w in writers.items() if w is not None},
    )
