"""Planning operations the session screens need beyond the single-record services.

Reading everything a run sheet prints in one snapshot, taking back what an import or an
"add person" added (and putting it back, same ids), and deleting a saved template.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from app.models import (
    AgendaItem,
    Changes,
    FocusArea,
    InvalidInput,
    Session,
    SessionParticipant,
)
from app.services.core.records import Snapshot, delete_with_snapshot, restore_snapshot
from app.store import repos
from app.store.changelog import collected
from app.store.engine import Store
from app.store.tables import (
    InvitationRow,
    LearningSystemRow,
    ParticipantRow,
    SessionRow,
    SessionTemplateRow,
)


@dataclass(frozen=True)
class SessionPlan:
    """A session with everything its planning outputs show, read in one snapshot."""

    session: Session
    agenda: list[AgendaItem]
    participants: list[SessionParticipant]
    focus_areas: list[FocusArea]
    system_name: str


def session_plan(store: Store, session_id: str) -> SessionPlan:
    with store.read() as s:
        row = repos.get_row(s, SessionRow, session_id, "session")
        session = Session.model_validate(row)
        system = repos.get_row(s, LearningSystemRow, session.system_id, "learning system")
        return SessionPlan(
            session=session,
            agenda=repos.agenda(s, session_id),
            participants=repos.session_participants(s, session_id),
            focus_areas=repos.focus_areas(s, session.system_id),
            system_name=system.name,
        )


def withdraw_added(
    store: Store, invitation_ids: Iterable[str], participant_ids: Iterable[str] = (),
    attendance: Mapping[str, bool | None] | None = None,
) -> tuple[list[Snapshot], Changes]:
    """Take back invitations, and register entries made for them, in one unit of work; with
    `attendance` (invitation id -> value), also set those invitations' attendance back.

    Deleting a register entry also removes its invitations, so those are not deleted twice.
    """
    people = list(dict.fromkeys(participant_ids))
    with store.unit() as s:
        snapshots: list[Snapshot] = []
        covered: set[str] = set()
        for person_id in people:
            person = repos.get_row(s, ParticipantRow, person_id, "participant")
            snap = delete_with_snapshot(s, person)
            covered |= {v["id"] for name, v in snap.rows if name == InvitationRow.__tablename__}
            snapshots.append(snap)
        for invitation_id in dict.fromkeys(invitation_ids):
            if invitation_id not in covered:
                invitation = repos.get_row(s, InvitationRow, invitation_id, "invitation")
                snapshots.append(delete_with_snapshot(s, invitation))
        _set_attendance(s, attendance or {})
    return snapshots, collected(s)


def restore_all(store: Store, snapshots: Sequence[Snapshot],
                attendance: Mapping[str, bool | None] | None = None) -> Changes:
    """Put back several deleted records (same ids) in one unit of work, and with `attendance`
    set those invitations' attendance (the redo of an import's marks)."""
    with store.unit() as s:
        for snapshot in snapshots:
            restore_snapshot(s, snapshot)
        _set_attendance(s, attendance or {})
    return collected(s)


def _set_attendance(s: Any, attendance: Mapping[str, bool | None]) -> None:
    for invitation_id, attended in attendance.items():
        repos.get_row(s, InvitationRow, invitation_id, "invitation").attended = attended


def delete_template(store: Store, template_id: str) -> tuple[Snapshot, Changes]:
    """Delete a template a facilitator saved; the built-in ones cannot be deleted."""
    with store.unit() as s:
        row = s.get(SessionTemplateRow, template_id)
        if row is None:
            raise InvalidInput("Only templates saved in Cairn can be deleted.")
        snap = delete_with_snapshot(s, row)
    return snap, collected(s)
