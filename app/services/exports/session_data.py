"""Everything about one session, read from the store once for the data exports (CSV, XLSX,
JSON, REFI-QDA): raw records, before any consent is applied."""

from __future__ import annotations

from dataclasses import dataclass

from app.models import (
    Action,
    AgendaItem,
    Evidence,
    FocusArea,
    FreeTag,
    LearningSystem,
    Note,
    Session,
    SessionParticipant,
    Theme,
    ThemeVote,
)
from app.services.sensemaking.recurring_query import Recurring
from app.store.engine import Store


@dataclass(frozen=True)
class SessionData:
    """One session and what it produced. Actions: the session's own and those answering its
    themes; evidence: linked to its themes; recurring: the recurring themes its themes are in."""

    system: LearningSystem
    session: Session
    author: str
    agenda: tuple[AgendaItem, ...]
    focus_areas: tuple[FocusArea, ...]
    tags: tuple[FreeTag, ...]
    people: tuple[SessionParticipant, ...]
    notes: tuple[Note, ...]  # oldest first
    themes: tuple[Theme, ...]  # board order
    votes: tuple[ThemeVote, ...]
    actions: tuple[Action, ...]
    evidence: tuple[Evidence, ...]
    recurring: tuple[Recurring, ...]

    def area(self, area_id: str) -> FocusArea | None:
        return next((a for a in self.focus_areas if a.id == area_id), None)

    def tag(self, tag_id: str) -> FreeTag | None:
        return next((t for t in self.tags if t.id == tag_id), None)

    def theme(self, theme_id: str | None) -> Theme | None:
        return next((t for t in self.themes if t.id == theme_id), None)


def read_session_data(store: Store, session_id: str) -> SessionData:
    """The session's records (NotFound, in one sentence, when there is no such session)."""
    from app.services import capture
    from app.services.planning import agenda, focus_areas, participants, sessions, systems
    from app.services.sensemaking import actions, evidence, recurring_query, theme_query, votes

    session = sessions.get_session(store, session_id)
    system = systems.get_system(store, session.system_id)
    notes = sorted(capture.list_notes(store, session.id),
                   key=lambda n: (n.created_at is None, n.created_at, n.id))
    themes = theme_query.list_themes(store, session.id)
    theme_ids = {t.id for t in themes}
    return SessionData(
        system=system, session=session, author=store.author,
        agenda=tuple(agenda.list_agenda(store, session.id)),
        focus_areas=tuple(focus_areas.list_focus_areas(store, system.id)),
        tags=tuple(focus_areas.list_tags(store, system.id)),
        people=tuple(participants.list_session_participants(store, session.id)),
        notes=tuple(notes), themes=tuple(themes),
        votes=tuple(v for t in themes for v in votes.list_votes(store, t.id)),
        actions=tuple(listed.action for listed in actions.list_actions(store, system.id)
                      if listed.action.session_id == session.id
                      or theme_ids & set(listed.action.theme_ids)),
        evidence=tuple(e for e in evidence.list_evidence(store, system.id)
                       if theme_ids & set(e.theme_ids)),
        recurring=tuple(r for r in recurring_query.list_recurring(store, system.id)
                        if theme_ids & set(r.theme.theme_ids)),
    )
