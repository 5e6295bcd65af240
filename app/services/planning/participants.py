"""The participant register of a learning system, and who is invited to each session.

Consent is per session and defaults to no: a participant is named, emailed or quoted only
where they said yes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import func, select

from app.models import (
    Changes,
    InvalidInput,
    Invitation,
    Participant,
    SessionParticipant,
    new_id,
)
from app.services.core.records import (
    Snapshot,
    delete_by_id,
    merged,
    only_fields,
    update_by_id,
    validated,
    write_fields,
)
from app.store import repos
from app.store.changelog import collected
from app.store.engine import Store
from app.store.tables import InvitationRow, LearningSystemRow, ParticipantRow, SessionRow

PERSON_FIELDS = {"name", "email", "organisation", "sector", "locality"}
INVITATION_FIELDS = {"attended", "may_name", "may_email", "may_quote", "access_needs"}


def list_register(store: Store, system_id: str) -> list[Participant]:
    with store.read() as s:
        return repos.participants(s, system_id)


def list_session_participants(store: Store, session_id: str) -> list[SessionParticipant]:
    with store.read() as s:
        repos.get_row(s, SessionRow, session_id, "session")
        return repos.session_participants(s, session_id)


def _add_person(s: Any, system_id: str, fields: dict[str, Any]) -> Participant:
    person = validated(Participant, {"id": new_id(), "system_id": system_id, **fields})
    if person.email and s.scalar(select(ParticipantRow.id).where(
            ParticipantRow.system_id == system_id,
            func.lower(ParticipantRow.email) == person.email.lower())):
        raise InvalidInput(f"Someone with the email {person.email} is already in the register.")
    row = ParticipantRow()
    write_fields(row, person)
    s.add(row)
    s.flush()
    return person


def add_participant(store: Store, system_id: str, name: str, **fields: Any) -> tuple[Participant, Changes]:
    only_fields(fields, PERSON_FIELDS, "participant")
    with store.unit() as s:
        repos.get_row(s, LearningSystemRow, system_id, "learning system")
        person = _add_person(s, system_id, {"name": name, **fields})
    return person, collected(s)


def update_participant(store: Store, participant_id: str, **fields: Any) -> tuple[Participant, Changes]:
    only_fields(fields, PERSON_FIELDS, "participant")
    with store.unit() as s:
        row = repos.get_row(s, ParticipantRow, participant_id, "participant")
        person = merged(Participant, row, fields)
        if "email" in fields and person.email and s.scalar(select(ParticipantRow.id).where(
                ParticipantRow.system_id == row.system_id, ParticipantRow.id != participant_id,
                func.lower(ParticipantRow.email) == person.email.lower())):
            raise InvalidInput(f"Someone with the email {person.email} is already in the register.")
        write_fields(row, person, fields)
    return person, collected(s)


def delete_participant(store: Store, participant_id: str) -> tuple[Snapshot, Changes]:
    """Remove someone from the register and every session; notes keep their text, unattributed."""
    return delete_by_id(store, ParticipantRow, participant_id, "participant")


def _find_or_add(s: Any, system_id: str, person: dict[str, Any]) -> Participant:
    """The register's entry with this email (without one: with this name and no email either,
    so that importing a file again adds nobody twice), or a new entry."""
    if person.get("email"):
        match = func.lower(ParticipantRow.email) == str(person["email"]).lower()
    else:
        match = (ParticipantRow.email == "") & (
            func.lower(ParticipantRow.name) == str(person.get("name", "")).strip().lower())
    existing = s.scalars(select(ParticipantRow).where(
        ParticipantRow.system_id == system_id, match).order_by(ParticipantRow.id)).first()
    if existing is not None:
        return Participant.model_validate(existing)
    return _add_person(s, system_id, person)


def _invite(s: Any, session_id: str, participant_id: str, consent: dict[str, Any]) -> Invitation:
    if s.scalar(select(InvitationRow.id).where(InvitationRow.session_id == session_id,
                                               InvitationRow.participant_id == participant_id)):
        raise InvalidInput("That participant is already invited to this session.")
    invitation = validated(Invitation, {"id": new_id(), "session_id": session_id,
                                        "participant_id": participant_id, **consent})
    row = InvitationRow()
    write_fields(row, invitation)
    s.add(row)
    return invitation


def invite(store: Store, session_id: str, participant_id: str, **consent: Any) -> tuple[Invitation, Changes]:
    only_fields(consent, INVITATION_FIELDS, "invitation")
    with store.unit() as s:
        session = repos.get_row(s, SessionRow, session_id, "session")
        person = repos.get_row(s, ParticipantRow, participant_id, "participant")
        if person.system_id != session.system_id:
            raise InvalidInput("That participant belongs to another learning system.")
        invitation = _invite(s, session_id, participant_id, consent)
    return invitation, collected(s)


def invite_many(store: Store, session_id: str, participant_ids: Sequence[str],
                **consent: Any) -> tuple[list[SessionParticipant], Changes]:
    """Invite several people from the register with the same consent: all of them, or none.

    One undo step: `planning_queries.withdraw_added(store, invitation_ids, [])` takes it back.
    Someone already invited, or named twice, or of another learning system refuses the lot.
    """
    only_fields(consent, INVITATION_FIELDS, "invitation")
    invited: list[SessionParticipant] = []
    with store.unit() as s:
        session = repos.get_row(s, SessionRow, session_id, "session")
        seen: set[str] = set()
        for participant_id in participant_ids:
            row = repos.get_row(s, ParticipantRow, participant_id, "participant")
            person = Participant.model_validate(row)
            if person.system_id != session.system_id:
                raise InvalidInput(f"{person.name} belongs to another learning system; nobody "
                                   "was invited.")
            if participant_id in seen:
                raise InvalidInput(f"{person.name} is named twice; nobody was invited.")
            seen.add(participant_id)
            if s.scalar(select(InvitationRow.id).where(
                    InvitationRow.session_id == session_id,
                    InvitationRow.participant_id == participant_id)):
                raise InvalidInput(f"{person.name} is already invited to this session; nobody "
                                   "was invited.")
            invitation = _invite(s, session_id, participant_id, consent)
            invited.append(SessionParticipant(participant=person, invitation=invitation))
    return invited, collected(s)


def add_to_session(
    store: Store, session_id: str, name: str, *, consent: dict[str, Any] | None = None,
    **person: Any,
) -> tuple[SessionParticipant, Changes]:
    """Register someone (or find them by email) and invite them, in one unit of work."""
    only_fields(person, PERSON_FIELDS, "participant")
    with store.unit() as s:
        session = repos.get_row(s, SessionRow, session_id, "session")
        found = _find_or_add(s, session.system_id, {"name": name, **person})
        invitation = _invite(s, session_id, found.id, consent or {})
    return SessionParticipant(participant=found, invitation=invitation), collected(s)


def update_invitation(store: Store, invitation_id: str, **fields: Any) -> tuple[Invitation, Changes]:
    """Record attendance, the three consents or access needs for one session."""
    return update_by_id(store, InvitationRow, Invitation, invitation_id, "invitation",
                        INVITATION_FIELDS, fields)


def uninvite(store: Store, invitation_id: str) -> tuple[Snapshot, Changes]:
    return delete_by_id(store, InvitationRow, invitation_id, "invitation")


@dataclass(frozen=True)
class ImportResult:
    """What `import_to_session` did: the people it invited, and the invitations it marked as
    attended (each with its `attended` before, so Undo can put it back)."""

    added: list[SessionParticipant]
    marked: dict[str, bool | None]
    left: int  # people already invited (and, for a report, already marked) left as they were


def import_to_session(
    store: Store, session_id: str, people: Sequence[dict[str, Any]]
) -> tuple[ImportResult, Changes]:
    """Register and invite many people at once: all of them, or (on any error) none.

    Each dict has person fields plus consent fields; someone already in the register (same
    email) is invited rather than added twice. Someone already invited is left as they are,
    except that an attendance report (`attended` true) marks them as attended.
    """
    added: list[SessionParticipant] = []
    marked: dict[str, bool | None] = {}
    left = 0
    with store.unit() as s:
        session = repos.get_row(s, SessionRow, session_id, "session")
        invited: dict[str, InvitationRow | None] = {row.participant_id: row for row in s.scalars(
            select(InvitationRow).where(InvitationRow.session_id == session_id))}
        for spec in people:
            person = {k: v for k, v in spec.items() if k in PERSON_FIELDS}
            consent = {k: v for k, v in spec.items() if k in INVITATION_FIELDS}
            found = _find_or_add(s, session.system_id, person)
            if found.id not in invited:
                invitation = _invite(s, session_id, found.id, consent)
                added.append(SessionParticipant(participant=found, invitation=invitation))
                invited[found.id] = None  # invited by this import: a repeat is left alone
                continue
            row = invited[found.id]
            if row is not None and spec.get("attended") is True and row.attended is not True \
                    and row.id not in marked:
                marked[row.id] = row.attended
                row.attended = True
            else:
                left += 1
    return ImportResult(added=added, marked=marked, left=left), collected(s)


ImportStep = Literal["add", "invite", "attend", "leave"]


def preview_import_to_session(store: Store, session_id: str,
                              people: Sequence[dict[str, Any]]) -> list[ImportStep]:
    """What `import_to_session` would do with each person, without doing it: "add" to the
    register and invite, "invite" someone the register has (same email), "attend": mark
    someone invited as attended (a report), or "leave" someone already invited as they are."""
    with store.read() as s:
        session = repos.get_row(s, SessionRow, session_id, "session")
        register = {_register_key(p.email, p.name): p.id
                    for p in sorted(repos.participants(s, session.system_id),
                                    key=lambda p: p.id, reverse=True)}
        invited = {participant: attended for participant, attended in s.execute(
            select(InvitationRow.participant_id, InvitationRow.attended)
            .where(InvitationRow.session_id == session_id))}
    steps: list[ImportStep] = []
    for spec in people:
        found = register.get(_register_key(str(spec.get("email") or ""),
                                           str(spec.get("name") or "")))
        if found is None:
            steps.append("add")
        elif found not in invited:
            steps.append("invite")
        elif spec.get("attended") is True and invited[found] is not True:
            steps.append("attend")
        else:
            steps.append("leave")
    return steps


def _register_key(email: str, name: str) -> str:
    """How `_find_or_add` knows someone: by email, or without one by name."""
    return email.lower() if email else "name:" + name.strip().lower()
