"""Reading what a pack shows, with a few set-based queries in one read transaction: a session's
agenda, invitations, notes and themes, and its learning system's focus areas, register,
actions, evidence and theme titles. However many notes a session has, the number of queries
stays the same (notes are read in chunks of several hundred)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session as OrmSession

from app.models import (
    Action,
    AgendaItem,
    Evidence,
    FocusArea,
    LearningSystem,
    Note,
    Participant,
    Session,
    SessionParticipant,
    Theme,
)
from app.services.capture.note_query import load_notes
from app.services.sensemaking import theme_links
from app.services.sensemaking.theme_query import themes_of
from app.store import repos
from app.store.engine import Store
from app.store.tables import (
    ActionRow,
    ActionThemeRow,
    EvidenceRow,
    EvidenceThemeRow,
    LearningSystemRow,
    NoteRow,
    SessionRow,
    ThemeRow,
)


@dataclass(frozen=True)
class SessionRead:
    """One session and what it produced."""

    session: Session
    agenda: tuple[AgendaItem, ...]
    invited: tuple[SessionParticipant, ...]
    notes: dict[str, Note]  # id -> note, oldest first
    themes: tuple[Theme, ...]  # board order


@dataclass(frozen=True)
class SystemRead:
    """A learning system with the sessions a pack covers (one, or all of them)."""

    system: LearningSystem
    areas: tuple[FocusArea, ...]  # in the system's order, retired ones included
    register: tuple[Participant, ...]
    sessions: tuple[SessionRead, ...]  # by start
    actions: tuple[Action, ...]  # all of the system's
    evidence: tuple[Evidence, ...]  # all of the system's, by title
    theme_titles: dict[str, str]  # every theme of the system: id -> title


def read_session(store: Store, session_id: str) -> SystemRead:
    """One session with its learning system's shared parts."""
    with store.read() as s:
        row = repos.get_row(s, SessionRow, session_id, "session")
        return _system(s, row.system_id, [Session.model_validate(row)])


def read_system(store: Store, system_id: str) -> SystemRead:
    """A learning system with every one of its sessions."""
    with store.read() as s:
        repos.get_row(s, LearningSystemRow, system_id, "learning system")
        return _system(s, system_id, repos.sessions(s, system_id))


def _system(s: OrmSession, system_id: str, sessions: Sequence[Session]) -> SystemRead:
    system = LearningSystem.model_validate(repos.get_row(s, LearningSystemRow, system_id,
                                                         "learning system"))
    titles = {i: t for i, t in s.execute(select(ThemeRow.id, ThemeRow.title)
                                         .where(ThemeRow.system_id == system_id))}
    return SystemRead(
        system=system, areas=tuple(repos.focus_areas(s, system_id)),
        register=tuple(repos.participants(s, system_id)),
        sessions=tuple(_session(s, x) for x in sessions),
        actions=tuple(_linked(s, Action, ActionRow, ActionThemeRow, "action_id", system_id)),
        evidence=tuple(sorted(
            _linked(s, Evidence, EvidenceRow, EvidenceThemeRow, "evidence_id", system_id),
            key=lambda e: (e.title.casefold(), e.id))),
        theme_titles=titles)


def _session(s: OrmSession, session: Session) -> SessionRead:
    ids = list(s.scalars(select(NoteRow.id).where(NoteRow.session_id == session.id)
                         .order_by(NoteRow.created_at, NoteRow.id)))
    return SessionRead(
        session=session, agenda=tuple(repos.agenda(s, session.id)),
        invited=tuple(repos.session_participants(s, session.id)),
        notes={n.id: n for n in load_notes(s, ids)},
        themes=tuple(themes_of(s, repos.ranked_rows(s, ThemeRow, "session_id", session.id))))


def _linked(s: OrmSession, model: Any, row_type: Any, link: Any, key: str,
            system_id: str) -> list[Any]:
    """Actions or evidence of the system, each with the themes it is linked to."""
    rows = list(s.scalars(select(row_type).where(row_type.system_id == system_id)
                          .order_by(row_type.id)))
    links = theme_links.linked(s, link, key, [r.id for r in rows])
    return [model.model_validate({**{c.key: getattr(r, c.key)
                                     for c in r.__mapper__.column_attrs},
                                  "theme_ids": links[r.id]}) for r in rows]
