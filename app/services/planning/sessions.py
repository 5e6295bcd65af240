"""Sessions: plan, edit, list, delete (with a snapshot for undo)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from app.models import Changes, InvalidInput, Session, SessionFormat, SessionKind, new_id
from app.services.core.records import (
    Snapshot,
    delete_by_id,
    only_fields,
    update_by_id,
    validated,
    write_fields,
)
from app.store import repos
from app.store.changelog import collected
from app.store.engine import Store
from app.store.tables import LearningSystemRow, SessionRow

EDITABLE = {"title", "kind", "starts", "minutes", "format", "platform", "join_link", "location",
            "purpose", "facilitators", "status"}


def parse_starts(text: str) -> datetime:
    """An ISO 8601 date and time; without a zone it is the local wall-clock time."""
    try:
        return datetime.fromisoformat(text.strip()).astimezone() if text.strip() else _bad(text)
    except (ValueError, OverflowError):  # year 9999 overflows when put in a zone west of UTC
        return _bad(text)


def _bad(text: str) -> datetime:
    raise InvalidInput(
        f"'{text}' is not a date and time; write it as 2026-12-08T10:00 (ISO 8601)."
    )


def create_session(
    store: Store, system_id: str, title: str, starts: datetime, *, minutes: int = 90,
    format: SessionFormat | str = SessionFormat.ONLINE,
    kind: SessionKind | str = SessionKind.SENSEMAKING, **extra: Any,
) -> tuple[Session, Changes]:
    session = new_session(system_id, title, starts, minutes=minutes, format=format, kind=kind,
                          **extra)
    with store.unit() as s:
        insert_session(s, session)
    return session, collected(s)


def new_session(system_id: str, title: str, starts: datetime, **fields: Any) -> Session:
    """A validated, not yet saved session."""
    only_fields(fields, EDITABLE, "session")
    return validated(Session, {"id": new_id(), "system_id": system_id, "title": title,
                               "starts": starts, **fields})


def insert_session(s: Any, session: Session) -> None:
    repos.get_row(s, LearningSystemRow, session.system_id, "learning system")
    row = SessionRow()
    write_fields(row, session)
    s.add(row)
    s.flush()


def list_sessions(store: Store, system_id: str | None = None) -> list[Session]:
    with store.read() as s:
        return repos.sessions(s, system_id)


def get_session(store: Store, session_id: str) -> Session:
    with store.read() as s:
        return Session.model_validate(repos.get_row(s, SessionRow, session_id, "session"))


def resolve_session(store: Store, prefix: str) -> Session:
    """A session from its id or a unique prefix of it."""
    with store.read() as s:
        full = repos.resolve_id(s, SessionRow, prefix, "session")
        return Session.model_validate(s.get(SessionRow, full))


def update_session(store: Store, session_id: str, **fields: Any) -> tuple[Session, Changes]:
    return update_by_id(store, SessionRow, Session, session_id, "session", EDITABLE, fields)


def delete_session(store: Store, session_id: str) -> tuple[Snapshot, Changes]:
    """Delete a session with its agenda, invitations and notes; the snapshot undoes it."""
    return delete_by_id(store, SessionRow, session_id, "session")
