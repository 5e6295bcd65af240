"""The local change log: every flush appends what changed, field by field, in the same transaction.

An insert is one entry with all the record's fields; an update one entry per changed field;
a delete one entry (a tombstone).

It hangs off SQLAlchemy's `before_flush`, so no service can forget it: a write that goes
through the ORM is logged, field by field, with the time, device and author. Sync exports it.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session as OrmSession

from app.models.base import new_id, utcnow
from app.models.changes import Changes
from app.store.tables import ENTITY_OF_TABLE, Base, ChangeLogRow


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _json(value: Any) -> str:
    return json.dumps(_plain(value))


def _entity_id(obj: Base) -> str:
    mapper = inspect(obj).mapper
    return ":".join(str(getattr(obj, str(col.key))) for col in mapper.primary_key)


def _columns(obj: Base) -> list[str]:
    return [attr.key for attr in inspect(obj).mapper.column_attrs]


def _entries(session: OrmSession) -> list[ChangeLogRow]:
    at = utcnow()
    device = session.info.get("device_id", "")
    author = session.info.get("author", "")
    rows: list[ChangeLogRow] = []

    def add(obj: Base, op: str, field: str | None, value: str | None) -> None:
        rows.append(
            ChangeLogRow(
                id=new_id(), at=at, device_id=device, author=author,
                entity=ENTITY_OF_TABLE[obj.__tablename__], entity_id=_entity_id(obj),
                op=op, field=field, value=value,
            )
        )

    for obj in session.new:
        if obj.__tablename__ not in ENTITY_OF_TABLE:
            continue
        # An insert is one entry holding every field, so replaying it recreates the record.
        add(obj, "insert", None, json.dumps({k: _plain(getattr(obj, k)) for k in _columns(obj)}))
    for obj in session.dirty:
        if obj.__tablename__ not in ENTITY_OF_TABLE or not session.is_modified(obj):
            continue
        state = inspect(obj)
        for key in _columns(obj):
            history = state.attrs[key].history
            if history.has_changes() and history.added:
                add(obj, "update", key, _json(history.added[0]))
    for obj in session.deleted:
        if obj.__tablename__ in ENTITY_OF_TABLE:
            add(obj, "delete", None, None)
    return rows


def install(session_class: type[OrmSession]) -> None:
    """Attach the log to every session made from `session_class` (a sessionmaker's class)."""

    @event.listens_for(session_class, "before_flush")
    def _log(session: OrmSession, flush_context: object, instances: object) -> None:
        entries = _entries(session)
        if entries:
            session.add_all(entries)
            _collect(session, entries)


def _collect(session: OrmSession, entries: list[ChangeLogRow]) -> None:
    """Keep what this unit of work touched, so the service can return it as `Changes`."""
    seen = session.info.setdefault("touched", {"insert": {}, "update": {}, "delete": {}})
    for entry in entries:
        seen[entry.op].setdefault(entry.entity, set()).add(entry.entity_id)


def collected(session: OrmSession) -> Changes:
    """The change-set of a finished unit of work."""
    seen = session.info.get("touched")
    if not seen:
        return Changes()

    def frozen(part: dict[str, set[str]]) -> dict[str, frozenset[str]]:
        return {k: frozenset(v) for k, v in part.items()}

    return Changes(frozen(seen["insert"]), frozen(seen["update"]), frozen(seen["delete"]))
