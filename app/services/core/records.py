"""Generic record work shared by the services: validate-then-write, and delete with a snapshot.

A delete returns a `Snapshot` of the records and everything that depended on them, so that
undo can put all of it back exactly (same ids), and sync sees explicit, logged deletes. One
record and 5,000 notes go the same way: dependants are found level by level, and rows are
read, deleted and put back a whole set at a time (`app.store.bulk`), so the number of
statements follows the tables touched, not the records: undoing a large import is one blink.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, TypeVar, cast

from pydantic import BaseModel, ValidationError
from sqlalchemy import Table, inspect
from sqlalchemy.orm import Session

from app.models import Changes
from app.models.errors import InvalidInput, NotFound, sentence_from
from app.store import bulk, repos
from app.store.changelog import collected
from app.store.engine import Store
from app.store.tables import Base

M = TypeVar("M", bound=BaseModel)
Key = bulk.Key
_TABLES: list[Table] = Base.metadata.sorted_tables  # parents before children
_BY_NAME = {t.name: t for t in _TABLES}


def validated(model: type[M], data: Mapping[str, Any]) -> M:
    """Build a domain model, turning pydantic's report into one clear sentence."""
    try:
        return model.model_validate(dict(data))
    except ValidationError as err:
        raise InvalidInput(sentence_from(err)) from None


def only_fields(fields: Collection[str], allowed: Collection[str], what: str) -> None:
    """Refuse, in one sentence, a field the record does not have ("A session has no field x.")."""
    unknown = set(fields) - set(allowed)
    if unknown:
        article = "An" if what[:1].lower() in "aeiou" else "A"
        raise InvalidInput(f"{article} {what} has no field {sorted(unknown)[0]}.")


def merged(model: type[M], row: Base, fields: Mapping[str, Any]) -> M:
    """The record `row` holds with `fields` changed, validated (nothing is written yet)."""
    return validated(model, {**model.model_validate(row).model_dump(), **fields})


def write_fields(row: Base, model: BaseModel, fields: Mapping[str, Any] | None = None) -> None:
    """Copy the model's validated values onto the row's columns (all, or just `fields`)."""
    columns = {c.key for c in row.__mapper__.column_attrs}
    names = columns if fields is None else columns & set(fields)
    for name in names:
        if name in type(model).model_fields:
            setattr(row, name, getattr(model, name))


@dataclass(frozen=True)
class Snapshot:
    """Rows removed by one delete, parents before children, and the links set to NULL.

    Each row is (table name, every column's value); each link is (table name, the record's
    key, the column, the value it had). A plain value: undo and redo can hold it for as long
    as they like, and `restore_snapshot` puts it back.
    """

    rows: tuple[tuple[str, dict[str, Any]], ...]
    nulled: tuple[tuple[str, tuple[Any, ...], str, Any], ...]


def update_by_id(store: Store, row_type: type[Base], model: type[M], record_id: str,
                 what: str, allowed: Collection[str], fields: Mapping[str, Any]) -> tuple[M, Changes]:
    """Change some fields of one record (by id) as one unit of work, validated as a whole."""
    only_fields(fields, allowed, what)
    with store.unit() as s:
        row = repos.get_row(s, row_type, record_id, what)
        updated = merged(model, row, fields)
        write_fields(row, updated, fields)
    return updated, collected(s)


def delete_by_id(store: Store, row_type: type[Base], record_id: str,
                 what: str) -> tuple[Snapshot, Changes]:
    """Delete one record (by id) with its dependants, as one unit of work; the snapshot undoes it."""
    with store.unit() as s:
        snap = delete_with_snapshot(s, repos.get_row(s, row_type, record_id, what))
    return snap, collected(s)


def delete_with_snapshot(s: Session, row: Base) -> Snapshot:
    """Delete `row` and its dependants (each delete logged); return what was removed."""
    key = inspect(row).mapper.primary_key_from_instance(row)
    return delete_many_with_snapshot(s, type(row), [tuple(key) if len(key) > 1 else key[0]])


def delete_many_with_snapshot(s: Session, row_type: type[Base], ids: Sequence[Any],
                              what: str = "record") -> Snapshot:
    """Delete the records of `row_type` with these ids (a tuple for a composite key) and all
    that depends on them, as set-based statements in the caller's unit of work.

    Every row deleted and every link set to NULL is logged. An id that names no record refuses
    the lot (NotFound, "A note to delete is no longer there; ..."), before anything is written.
    """
    table = cast(Table, row_type.__table__)
    keys = list(dict.fromkeys(i if isinstance(i, tuple) else (i,) for i in ids))
    s.flush()  # the unit's pending ORM writes first, so that the reads below see them
    found = {bulk.key_of(table, v): v
             for v in bulk.rows_where(s, table, bulk.primary_key(table), keys)}
    if len(found) != len(keys):
        article = "An" if what[:1].lower() in "aeiou" else "A"
        raise NotFound(f"{article} {what} to delete is no longer there; nothing was changed.")
    taken, links = _dependants(s, table, {k: found[k] for k in keys})
    nulled = [(child, key, column, values[column])
              for child, column, rows in links for values in rows
              if (key := bulk.key_of(child, values)) not in taken[child.name]]
    # Clear SET NULL links first, then delete children before parents, by the tables'
    # dependency order rather than the order found: a row reached through two parents (an
    # invitation: its session, its participant) must go before both, or SQLite's ON DELETE
    # CASCADE would remove it unseen by the log.
    cleared: dict[tuple[Table, str], list[tuple[Key, Any]]] = defaultdict(list)
    for child, key, column, _ in nulled:
        cleared[child, column].append((key, None))
    for (child, column), items in cleared.items():
        bulk.update_logged(s, child, column, items)
    for t in reversed(_TABLES):
        if taken[t.name]:
            bulk.delete_logged(s, t, list(taken[t.name]))
    return Snapshot(
        rows=tuple((t.name, v) for t in _TABLES for v in taken[t.name].values()),
        nulled=tuple((t.name, key, column, value) for t, key, column, value in nulled),
    )


def restore_snapshot(s: Session, snapshot: Snapshot) -> None:
    """Put back exactly what a delete removed (same ids), set-based, each row logged.

    Parents go in before children; an ordered record (agenda block, focus area, theme) comes
    back with its own rank, so it takes its old place without its siblings being touched.
    Links cleared by the delete are set back on the records still there. When a record cannot
    go back (what it belonged to has been deleted since, or a record added since takes its
    place) nothing is put back, and the error says why.
    """
    s.flush()
    rows: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for name, values in snapshot.rows:
        rows[name].append(values)
    links: dict[tuple[str, str], list[tuple[Key, Any]]] = defaultdict(list)
    for name, key, column, value in snapshot.nulled:
        links[name, column].append((tuple(key), value))
    try:
        for table in _TABLES:
            if rows[table.name]:
                bulk.insert_logged(s, table, rows[table.name])
        for (name, column), items in links.items():
            table = _BY_NAME[name]
            present = bulk.keys_present(s, table, [key for key, _ in items])
            bulk.update_logged(s, table, column, [(k, v) for k, v in items if k in present])
    except sqlite3.IntegrityError as err:
        if "FOREIGN KEY" in str(err).upper():
            raise NotFound("What was deleted cannot be put back: something it belonged to has "
                           "been deleted since; nothing was changed.") from None
        raise InvalidInput("What was deleted cannot be put back: a record added since takes "
                           "its place; nothing was changed.") from None


def _dependants(s: Session, table: Table, roots: dict[Key, dict[str, Any]]) -> tuple[
        dict[str, dict[Key, dict[str, Any]]], list[tuple[Table, str, list[dict[str, Any]]]]]:
    """Everything that goes with `roots` (records of `table` by key), found level by level
    with one set-based read per (parent table, foreign key) and level: the rows to delete by
    table and key, and the rows whose SET NULL link points at one of them (child table,
    column, rows)."""
    taken: dict[str, dict[Key, dict[str, Any]]] = defaultdict(dict)
    taken[table.name] = roots
    links: list[tuple[Table, str, list[dict[str, Any]]]] = []
    level: dict[Table, list[dict[str, Any]]] = {table: list(roots.values())}
    while level:
        following: dict[Table, list[dict[str, Any]]] = defaultdict(list)
        for parent, parents in level.items():
            for child, column, referenced, set_null in _children(parent.name):
                refs = list(dict.fromkeys(
                    (v[referenced],) for v in parents if v[referenced] is not None))
                found = bulk.rows_where(s, child, [column], refs) if refs else []
                if set_null:
                    links.append((child, column, found))
                    continue
                mine = taken[child.name]
                for values in found:
                    key = bulk.key_of(child, values)
                    if key not in mine:
                        mine[key] = values
                        following[child].append(values)
        level = following
    return taken, links


@cache
def _children(name: str) -> list[tuple[Table, str, str, bool]]:
    """The links into table `name`: (child table, its column, the column it refers to, whether
    deleting the parent sets the link to NULL rather than deleting the child)."""
    return [(child, fk.parent.name, fk.column.name, (fk.ondelete or "").upper() == "SET NULL")
            for child in _TABLES for fk in child.foreign_keys if fk.column.table.name == name]
