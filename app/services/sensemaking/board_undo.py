"""The undo of a board operation, as a plain value, and `revert`, which applies it.

A board operation (a merge, a split, notes moved between themes) changes a few fields,
creates a few records and deletes others. What puts it back is recorded while it runs, as an
`Undo`: the records to put back (a delete's `Snapshot`), the fields to set back, the records
to remove. `revert` applies one in one unit of work and returns the `Undo` that reverts the
revert, so undo and redo are the same call, with the same ids each time.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, cast

from sqlalchemy import Table
from sqlalchemy.orm import Session as OrmSession

from app.models import Changes, NotFound
from app.services.core.records import Snapshot, delete_many_with_snapshot, restore_snapshot
from app.store import bulk
from app.store.changelog import collected
from app.store.engine import Store
from app.store.tables import Base

_TABLES: list[Table] = Base.metadata.sorted_tables  # parents before children
_BY_NAME = {t.name: t for t in _TABLES}
_CLASS_OF = {cast(Table, m.local_table).name: m.class_ for m in Base.registry.mappers}

FieldValue = tuple[str, tuple[Any, ...], str, Any]  # (table, key, column, value)


@dataclass(frozen=True)
class Undo:
    """What puts the store back as it was before one operation; applied by `revert`."""

    put_back: Snapshot = Snapshot((), ())  # deleted records, put back first
    fields: tuple[FieldValue, ...] = ()  # then these fields set back to these values
    remove: tuple[tuple[str, tuple[Any, ...]], ...] = ()  # then these new records removed


@dataclass
class Recorder:
    """Gathers an operation's `Undo` while it writes, inside its unit of work."""

    put_back: list[Snapshot] = field(default_factory=list)
    fields: dict[tuple[str, tuple[Any, ...], str], Any] = field(default_factory=dict)
    remove: list[tuple[str, tuple[Any, ...]]] = field(default_factory=list)

    def set(self, s: OrmSession, table: Table, column: str,
            items: list[tuple[tuple[Any, ...], Any]]) -> None:
        """Set one column of these records (key, value), keeping the first old values."""
        if not items:
            return
        old = {bulk.key_of(table, r): r[column]
               for r in bulk.rows_where(s, table, bulk.primary_key(table), [k for k, _ in items])}
        if len(old) != len({k for k, _ in items}):
            raise NotFound("A record to change is no longer there; nothing was changed.")
        changed = [(k, v) for k, v in items if old[k] != v]
        for key, _ in changed:
            self.fields.setdefault((table.name, key, column), old[key])
        bulk.update_logged(s, table, column, changed)

    def created(self, table: Table, key: tuple[Any, ...]) -> None:
        self.remove.append((table.name, key))

    def deleted(self, snapshot: Snapshot) -> None:
        self.put_back.append(snapshot)

    def undo(self) -> Undo:
        return Undo(put_back=_joined(self.put_back),
                    fields=tuple((t, k, c, v) for (t, k, c), v in self.fields.items()),
                    remove=tuple(self.remove))


def revert(store: Store, undo: Undo) -> tuple[Undo, Changes]:
    """Apply `undo` in one unit of work; returns the `Undo` that does the operation again.

    Refused whole (NotFound, InvalidInput) when a record it needs has gone since, for example
    the theme notes would go back to; fields of records deleted since are left alone.
    """
    with store.unit() as s:
        restore_snapshot(s, undo.put_back)
        again_fields = _set_back(s, undo.fields)
        again_put_back = _remove(s, undo.remove)
    again = Undo(put_back=again_put_back, fields=again_fields,
                 remove=tuple((name, key) for name, key in _keys(undo.put_back)))
    return again, collected(s)


def _set_back(s: OrmSession, values: tuple[FieldValue, ...]) -> tuple[FieldValue, ...]:
    by_column: dict[tuple[str, str], list[tuple[tuple[Any, ...], Any]]] = defaultdict(list)
    for name, key, column, value in values:
        by_column[name, column].append((tuple(key), value))
    now: list[FieldValue] = []
    for (name, column), items in by_column.items():
        table = _BY_NAME[name]
        current = {bulk.key_of(table, r): r[column] for r in bulk.rows_where(
            s, table, bulk.primary_key(table), [k for k, _ in items])}
        present = [(k, v) for k, v in items if k in current]
        try:
            bulk.update_logged(s, table, column, present)
        except sqlite3.IntegrityError:
            raise NotFound("That cannot be put back: a theme it belonged to has been deleted "
                           "since; nothing was changed.") from None
        now += [(name, k, column, current[k]) for k, _ in present]
    return tuple(now)


def _remove(s: OrmSession, keys: tuple[tuple[str, tuple[Any, ...]], ...]) -> Snapshot:
    """Delete these records (those still there), parents first, each with what depends on it."""
    by_table: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
    for name, key in keys:
        by_table[name].append(tuple(key))
    taken: list[Snapshot] = []
    for table in _TABLES:
        wanted = by_table.get(table.name)
        if not wanted:
            continue
        present = bulk.keys_present(s, table, wanted)
        still = [k if len(k) > 1 else k[0] for k in wanted if k in present]
        if still:
            taken.append(delete_many_with_snapshot(s, _CLASS_OF[table.name], still))
    return _joined(taken)


def _keys(snapshot: Snapshot) -> list[tuple[str, tuple[Any, ...]]]:
    return [(name, bulk.key_of(_BY_NAME[name], values)) for name, values in snapshot.rows]


def _joined(snapshots: list[Snapshot]) -> Snapshot:
    """Several snapshots as one, rows parents first (restore inserts them table by table)."""
    order = {t.name: n for n, t in enumerate(_TABLES)}
    rows = sorted((r for snap in snapshots for r in snap.rows), key=lambda r: order[r[0]])
    return Snapshot(rows=tuple(rows), nulled=tuple(n for snap in snapshots for n in snap.nulled))
