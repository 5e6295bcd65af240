"""Rebuilding a store from its change log alone, and comparing it with the store, record by record.

This is what sync will rely on: another laptop that applies this laptop's log must end up with
the same records. The rebuild starts from an empty store at the current schema, applies every
entry in `seq` order directly in SQL (never through the ORM and its logging hook), with
foreign keys off while it runs so that order within an operation does not matter, and checks
them at the end. Then every logged table is compared with the live store, row by row and
column by column, as stored text: a value written in another form is a difference too.
"""

from __future__ import annotations

import json
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from sqlalchemy import Column, Table
from sqlalchemy.dialects.sqlite import pysqlite

from app.config import STORE_FILENAME
from app.store import migrate
from app.store.canonical import decoder
from app.store.engine import Store
from app.store.health import foreign_key_problems
from app.store.tables import ENTITY_OF_TABLE, Base

TABLES: dict[str, Table] = {
    t.name: t for t in Base.metadata.sorted_tables if t.name in ENTITY_OF_TABLE}
TABLE_OF_ENTITY = {ENTITY_OF_TABLE[name]: table for name, table in TABLES.items()}
KEPT_DIFFERENCES = 20
_DIALECT = pysqlite.dialect()


@dataclass(frozen=True)
class Difference:
    """One way the store and its rebuilt copy disagree."""

    entity: str
    entity_id: str
    field: str | None  # None: the whole record is on one side only
    in_store: Any
    from_log: Any

    def sentence(self) -> str:
        if self.field is None:
            where = "in the store but not in the log" if self.in_store else \
                "in the log but not in the store"
            return f"{self.entity} {self.entity_id} is {where}."
        return (f"{self.entity} {self.entity_id}: field {self.field} is "
                f"{_shown(self.in_store)} in the store and {_shown(self.from_log)} from the log.")


@dataclass
class Replay:
    """What replaying the log found: entries that did not apply and differences from the store."""

    entries: int = 0
    operations: int = 0
    records: int = 0
    problems: list[str] = field(default_factory=list)
    differences: list[Difference] = field(default_factory=list)
    difference_count: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems and not self.difference_count


def replay(store: Store, folder: Path | None = None) -> Replay:
    """Rebuild `store` from its change log in `folder` (default: a temporary one), compare."""
    if folder is None:
        with tempfile.TemporaryDirectory(prefix="cairn-replay-") as temporary:
            return replay(store, Path(temporary))
    copy = empty_store(folder)
    live = store.raw()
    rebuilt = sqlite3.connect(copy, isolation_level=None)
    try:
        rebuilt.execute("PRAGMA foreign_keys=OFF")
        rebuilt.execute("PRAGMA synchronous=OFF")  # a throwaway copy: no need to wait for disk
        live.execute("BEGIN")  # one snapshot of the log and the records it should give
        report = Replay()
        rebuilt.execute("BEGIN")
        _apply_log(live, rebuilt, report)
        rebuilt.execute("COMMIT")
        report.problems += [f"After replay, {p}." for p in foreign_key_problems(rebuilt)]
        _compare(live, rebuilt, report)
        live.execute("COMMIT")
        return report
    finally:
        rebuilt.close()
        live.close()


def empty_store(folder: Path) -> Path:
    """An empty store at the current schema in `folder` (migrated once per process, then
    copied: the migrations take far longer than the copy)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / STORE_FILENAME
    path.write_bytes(_empty_head_store(migrate.head_revision()))
    return path


@cache
def _empty_head_store(revision: str) -> bytes:
    with tempfile.TemporaryDirectory(prefix="cairn-empty-store-") as folder:
        made = Path(folder) / STORE_FILENAME
        migrate.bring_to_head(made)
        return made.read_bytes()


def _apply_log(live: sqlite3.Connection, rebuilt: sqlite3.Connection, report: Replay) -> None:
    operations: set[str] = set()
    for seq, op_id, entity, entity_id, op, name, value in live.execute(
            "SELECT seq, op_id, entity, entity_id, op, field, value FROM change_log "
            "WHERE applied = 1 ORDER BY seq"):  # received changes that lost are not in the store
        report.entries += 1
        operations.add(op_id)
        problem = _apply(rebuilt, entity, entity_id, op, name, value)
        if problem:
            report.problems.append(f"Change {seq} ({op} of {entity} {entity_id}) {problem}")
    report.operations = len(operations)


@dataclass(frozen=True)
class _Plan:
    """How to apply entries to one table: its statements and each column's conversion."""

    table: Table
    keys: list[str]
    columns: frozenset[str]
    insert: str
    where: str
    stored: dict[str, Callable[[Any], Any]]


@cache
def _plan(entity: str) -> _Plan | None:
    table = TABLE_OF_ENTITY.get(entity)
    if table is None:
        return None
    names = [c.name for c in table.columns]
    return _Plan(
        table=table, keys=[c.name for c in table.primary_key.columns],
        columns=frozenset(names),
        insert=f"INSERT INTO {table.name} ({', '.join(names)}) "
               f"VALUES ({', '.join('?' for _ in names)})",
        where=" AND ".join(f"{c.name} = ?" for c in table.primary_key.columns),
        stored={c.name: _stored(c) for c in table.columns},
    )


def _apply(conn: sqlite3.Connection, entity: str, entity_id: str, op: str, name: str | None,
           value: str | None) -> str:
    """Apply one entry; '' when it applied, else why not (the end of a sentence)."""
    plan = _plan(entity)
    if plan is None:
        return "names a kind of record this Cairn does not know."
    table = plan.table.name
    try:
        if op == "insert":
            return _insert_record(conn, plan, entity_id, json.loads(value or "null"))
        key_values = entity_id.split(":", len(plan.keys) - 1)
        if op == "update":
            if name not in plan.columns:
                return f"changes a field the record does not have ({name})."
            done = conn.execute(f"UPDATE {table} SET {name} = ? WHERE {plan.where}",
                                [plan.stored[name](json.loads(value or "null")), *key_values])
        elif op == "delete":
            done = conn.execute(f"DELETE FROM {table} WHERE {plan.where}", key_values)
        else:
            return f"has an unknown kind of change ({op})."
    except sqlite3.IntegrityError as err:
        return f"cannot be applied: {err}."
    except (ValueError, TypeError) as err:
        return f"holds a value that cannot be read: {err}."
    return "" if done.rowcount == 1 else "finds no such record."


def _insert_record(conn: sqlite3.Connection, plan: _Plan, entity_id: str, record: Any) -> str:
    """Insert one record already decoded from its entry's value (sync decodes it once for
    this and for what it then looks at); '' when it applied, else why not, as `_apply`."""
    if not isinstance(record, dict) or record.keys() != plan.columns:
        return "does not hold every field of the record."
    if ":".join(str(record[k]) for k in plan.keys) != entity_id:
        return "holds another record than the one it names."
    try:
        conn.execute(plan.insert, [store(record[c]) for c, store in plan.stored.items()])
    except sqlite3.IntegrityError as err:
        return f"cannot be applied: {err}."
    except (ValueError, TypeError) as err:
        return f"holds a value that cannot be read: {err}."
    return ""


def _stored(column: Column[Any]) -> Callable[[Any], Any]:
    """How a log value becomes what the column stores: decoded, then the column's own bind
    processing (canonical times, 1/0 for flags)."""
    process, read = column.type.bind_processor(_DIALECT), decoder(column)

    def stored(value: Any) -> Any:
        value = read(value)
        return value if process is None or value is None else process(value)

    return stored


def _compare(live: sqlite3.Connection, rebuilt: sqlite3.Connection, report: Replay) -> None:
    for table in TABLES.values():
        entity = ENTITY_OF_TABLE[table.name]
        names = [c.name for c in table.columns]
        keys = [c.name for c in table.primary_key.columns]
        sql = f"SELECT {', '.join(names)} FROM {table.name} ORDER BY {', '.join(keys)}"
        picks = [names.index(k) for k in keys]
        for mine, theirs in _paired(live.execute(sql), rebuilt.execute(sql), picks):
            report.records += 1
            row = mine or theirs
            assert row is not None
            entity_id = ":".join(str(row[i]) for i in picks)
            if mine is None or theirs is None:
                _found(report, Difference(entity, entity_id, None, mine is not None,
                                          theirs is not None))
                continue
            for n, name in enumerate(names):
                if mine[n] != theirs[n] or type(mine[n]) is not type(theirs[n]):
                    _found(report, Difference(entity, entity_id, name, mine[n], theirs[n]))


def _paired(mine: Iterator[tuple[Any, ...]], theirs: Iterator[tuple[Any, ...]],
            picks: list[int]) -> Iterator[tuple[tuple[Any, ...] | None, tuple[Any, ...] | None]]:
    """Rows of two key-ordered cursors side by side; None where one side lacks the record."""
    a, b = next(mine, None), next(theirs, None)
    while a is not None or b is not None:
        key_a = None if a is None else [a[i] for i in picks]
        key_b = None if b is None else [b[i] for i in picks]
        if key_b is None or (key_a is not None and key_a < key_b):
            yield a, None
            a = next(mine, None)
        elif key_a is None or key_b < key_a:
            yield None, b
            b = next(theirs, None)
        else:
            yield a, b
            a, b = next(mine, None), next(theirs, None)


def _found(report: Replay, difference: Difference) -> None:
    report.difference_count += 1
    if len(report.differences) < KEPT_DIFFERENCES:
        report.differences.append(difference)


def _shown(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, str):
        return repr(value if len(value) <= 80 else value[:77] + "...")
    return str(value)
