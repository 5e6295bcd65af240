"""Repositories: read rows in a session and return pydantic models; no ORM object leaves here."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import TypeVar

from pydantic import BaseModel
from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from app.models import (
    AgendaItem,
    FocusArea,
    FreeTag,
    Invitation,
    LearningSystem,
    NotFound,
    Participant,
    SessionParticipant,
)
from app.models import (
    Session as SessionModel,
)
from app.store.tables import (
    AgendaItemFocusAreaRow,
    AgendaItemRow,
    Base,
    FocusAreaRow,
    FreeTagRow,
    InvitationRow,
    LearningSystemRow,
    ParticipantRow,
    SessionRow,
)

M = TypeVar("M", bound=BaseModel)
R = TypeVar("R", bound=Base)


def get_row(s: Session, row_type: type[R], record_id: str, what: str) -> R:
    """The row with this id; NotFound names what was looked for."""
    row = s.get(row_type, record_id)
    if row is None:
        raise NotFound(f"There is no {what} with id {record_id}.")
    return row


def resolve_id(s: Session, row_type: type[Base], prefix: str, what: str) -> str:
    """A full id from a unique prefix of one, as the command line accepts.

    The prefix is matched literally: `%`, `_` and the escape character are escaped, so
    `cairn note delete %` names no note rather than every one.
    """
    prefix = prefix.strip().lower()
    if not prefix:
        raise NotFound(f"Give a {what} id.")
    id_col = row_type.__table__.c.id
    literal = id_col.startswith(prefix, autoescape=True)
    ids = list(s.scalars(select(id_col).where(literal).limit(2)))
    if not ids:
        raise NotFound(f"There is no {what} with id {prefix}.")
    if len(ids) > 1:
        raise NotFound(f"More than one {what} id starts with {prefix}; give more of it.")
    return ids[0]


def to_models(model: type[M], rows: Iterable[object]) -> list[M]:
    return [model.model_validate(r) for r in rows]


def systems(s: Session) -> list[LearningSystem]:
    rows = s.scalars(select(LearningSystemRow).order_by(LearningSystemRow.created_at))
    return to_models(LearningSystem, rows)


def ranked_rows(s: Session, row_type: type[R], scope: str, scope_id: str) -> list[R]:
    """The rows of one ordered list (a session's agenda, a system's focus areas) in order:
    by rank, then id, so that equal ranks from two laptops sort the same everywhere."""
    table = row_type.__table__
    q = select(row_type).where(table.c[scope] == scope_id).order_by(table.c.rank, table.c.id)
    return list(s.scalars(q))


def _placed(model: type[M], rows: Iterable[Base]) -> list[M]:
    """Models of ordered rows, each with its 0-based `position` in the list."""
    return [model.model_validate({**_fields(r), "position": n}) for n, r in enumerate(rows)]


def focus_areas(s: Session, system_id: str, *, include_retired: bool = True) -> list[FocusArea]:
    """A system's focus areas in order; `position` counts the retired ones too."""
    areas = _placed(FocusArea, ranked_rows(s, FocusAreaRow, "system_id", system_id))
    return [a for a in areas if include_retired or not a.retired]


def focus_area(s: Session, area_id: str) -> FocusArea:
    row = get_row(s, FocusAreaRow, area_id, "focus area")
    place = _place(s, FocusAreaRow, "system_id", row.system_id, row.rank, row.id)
    return FocusArea.model_validate({**_fields(row), "position": place})


def _place(s: Session, row_type: type[Base], scope: str, scope_id: str, rank: str,
           row_id: str) -> int:
    """How many of its siblings come before a row in (rank, id) order."""
    table = row_type.__table__
    earlier = or_(table.c.rank < rank, and_(table.c.rank == rank, table.c.id < row_id))
    return int(s.scalar(select(func.count()).where(table.c[scope] == scope_id, earlier)) or 0)


def free_tags(s: Session, system_id: str) -> list[FreeTag]:
    q = select(FreeTagRow).where(FreeTagRow.system_id == system_id).order_by(FreeTagRow.name)
    return to_models(FreeTag, s.scalars(q))


def sessions(s: Session, system_id: str | None = None) -> list[SessionModel]:
    q = select(SessionRow).order_by(SessionRow.starts)
    if system_id:
        q = q.where(SessionRow.system_id == system_id)
    return to_models(SessionModel, s.scalars(q))


def agenda(s: Session, session_id: str) -> list[AgendaItem]:
    rows = ranked_rows(s, AgendaItemRow, "session_id", session_id)
    links = _links(
        s, AgendaItemFocusAreaRow, "agenda_item_id", "focus_area_id", [r.id for r in rows]
    )
    return [
        AgendaItem.model_validate(
            {**_fields(r), "position": n, "focus_area_ids": tuple(links[r.id])})
        for n, r in enumerate(rows)
    ]


def agenda_item(s: Session, item_id: str) -> AgendaItem:
    row = get_row(s, AgendaItemRow, item_id, "agenda item")
    links = _links(s, AgendaItemFocusAreaRow, "agenda_item_id", "focus_area_id", [row.id])
    return AgendaItem.model_validate({
        **_fields(row),
        "position": _place(s, AgendaItemRow, "session_id", row.session_id, row.rank, row.id),
        "focus_area_ids": tuple(links[row.id])})


def participants(s: Session, system_id: str) -> list[Participant]:
    q = select(ParticipantRow).where(ParticipantRow.system_id == system_id)
    return to_models(Participant, s.scalars(q.order_by(ParticipantRow.name)))


def session_participants(s: Session, session_id: str) -> list[SessionParticipant]:
    q = (
        select(ParticipantRow, InvitationRow)
        .join(InvitationRow, InvitationRow.participant_id == ParticipantRow.id)
        .where(InvitationRow.session_id == session_id)
        .order_by(ParticipantRow.name)
    )
    return [
        SessionParticipant(
            participant=Participant.model_validate(p), invitation=Invitation.model_validate(i)
        )
        for p, i in s.execute(q)
    ]


def _fields(row: Base) -> dict[str, object]:
    return {c.key: getattr(row, c.key) for c in row.__mapper__.column_attrs}


def _links(
    s: Session, link: type[Base], own: str, other: str, ids: Sequence[str]
) -> dict[str, list[str]]:
    out: dict[str, list[str]] = defaultdict(list)
    if not ids:
        return out
    own_col, other_col = getattr(link, own), getattr(link, other)
    for a, b in s.execute(select(own_col, other_col).where(own_col.in_(ids))):
        out[a].append(b)
    return out


def set_links(
    s: Session, link: type[Base], own: str, other: str, own_id: str, wanted: Iterable[str]
) -> None:
    """Make the link rows for `own_id` exactly `wanted`, adding and deleting one by one (logged)."""
    wanted_set = set(wanted)
    current = {getattr(r, other): r for r in s.scalars(select(link).where(getattr(link, own) == own_id))}
    for other_id, row in current.items():
        if other_id not in wanted_set:
            s.delete(row)
    for other_id in wanted_set - current.keys():
        s.add(link(**{own: own_id, other: other_id}))
