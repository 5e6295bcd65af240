"""Generic record work shared by the services: validate-then-write, and delete with a snapshot.

A delete returns a `Snapshot` of the record and everything that depended on it, so that undo
can put all of it back exactly (same ids), and sync sees explicit, logged deletes.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from app.models import Changes
from app.models.errors import InvalidInput, sentence_from
from app.store import repos
from app.store.changelog import collected
from app.store.engine import Store
from app.store.tables import Base

M = TypeVar("M", bound=BaseModel)


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


def fields_of(row: Base) -> dict[str, Any]:
    return {c.key: getattr(row, c.key) for c in row.__mapper__.column_attrs}


@dataclass(frozen=True)
class Snapshot:
    """Rows removed by one delete, parents before children, and the links set to NULL."""

    rows: tuple[tuple[str, dict[str, Any]], ...]
    nulled: tuple[tuple[str, tuple[Any, ...], str, Any], ...]


def _class_of(table: Table) -> type[Base]:
    for mapper in Base.registry.mappers:
        if mapper.local_table is table:
            return mapper.class_
    raise LookupError(table.name)


def _pk(table: Table, values: Mapping[str, Any]) -> tuple[Any, ...]:
    return tuple(values[c.name] for c in table.primary_key.columns)


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
    """Delete `row` and its dependants one by one (each delete logged); return what was removed."""
    tables = Base.metadata.sorted_tables
    rows: list[tuple[Table, dict[str, Any]]] = []
    nulled: list[tuple[Table, tuple[Any, ...], str, Any]] = []
    seen: set[tuple[str, tuple[Any, ...]]] = set()

    def walk(table: Table, values: dict[str, Any]) -> None:
        key = (table.name, _pk(table, values))
        if key in seen:
            return
        seen.add(key)
        rows.append((table, values))
        for child in tables:
            for fk in child.foreign_keys:
                if fk.column.table is not table:
                    continue
                ref = values[fk.column.name]
                for found in s.execute(select(child).where(fk.parent == ref)).mappings():
                    found_values = dict(found)
                    if (fk.ondelete or "").upper() == "SET NULL":
                        nulled.append((child, _pk(child, found_values), fk.parent.name, ref))
                    else:
                        walk(child, found_values)

    walk(row.__table__, fields_of(row))  # type: ignore[arg-type]
    # Parents before children by the tables' dependency order, not by the order found: a row
    # reached through two parents (an invitation: its session, its participant) must go before
    # both, or SQLite's ON DELETE CASCADE would remove it unseen by the log.
    order = {t.name: n for n, t in enumerate(tables)}
    rows.sort(key=lambda found: order[found[0].name])
    # Clear SET NULL links first, then delete children before parents, all through the ORM.
    for table, pk, column, _ in nulled:
        target = s.get(_class_of(table), pk if len(pk) > 1 else pk[0])
        if target is not None:
            setattr(target, column, None)
    s.flush()
    for table, values in reversed(rows):
        pk = _pk(table, values)
        target = s.get(_class_of(table), pk if len(pk) > 1 else pk[0])
        if target is not None:
            s.delete(target)
            s.flush()
    return Snapshot(
        rows=tuple((t.name, v) for t, v in rows),
        nulled=tuple((t.name, pk, c, v) for t, pk, c, v in nulled),
    )


def restore_snapshot(s: Session, snapshot: Snapshot) -> None:
    """Put back exactly what `delete_with_snapshot` removed (same ids), each insert logged.

    An ordered record (agenda block, focus area, theme) comes back with its own rank, so it
    takes its old place without its siblings being touched.
    """
    by_name = {t.name: t for t in Base.metadata.sorted_tables}
    for name, values in snapshot.rows:
        s.add(_class_of(by_name[name])(**values))
        s.flush()
    for name, pk, column, value in snapshot.nulled:
        target = s.get(_class_of(by_name[name]), pk if len(pk) > 1 else pk[0])
        if target is not None:
            setattr(target, column, value)
