"""The register, invitations and consent (which defaults to no)."""

from __future__ import annotations

import pytest

from app.models import InvalidInput, Sector
from app.services.planning import participants


def test_consent_defaults_to_no(store, session):
    added, _ = participants.add_to_session(store, session.id, "Rona Fictional",
                                           email="rona@example.org")
    inv = added.invitation
    assert (inv.may_name, inv.may_email, inv.may_quote, inv.attended) == (False, False, False, None)


def test_same_email_is_one_person_in_the_register(store, system, session):
    participants.add_participant(store, system.id, "Iain Invented", email="iain@example.org")
    with pytest.raises(InvalidInput, match="already in the register"):
        participants.add_participant(store, system.id, "Iain Again", email="IAIN@example.org")
    added, _ = participants.add_to_session(store, session.id, "Iain I.", email="iain@example.org")
    assert added.participant.name == "Iain Invented"
    assert len(participants.list_register(store, system.id)) == 1


def test_attendance_consent_and_access_needs(store, session):
    added, _ = participants.add_to_session(store, session.id, "Kirsty Madeup",
                                           sector=Sector.HOUSING)
    participants.update_invitation(store, added.invitation.id, attended=True, may_quote=True,
                                   access_needs="Needs captions")
    got = participants.list_session_participants(store, session.id)[0]
    assert got.invitation.attended and got.invitation.may_quote
    assert got.invitation.access_needs == "Needs captions"
    assert got.participant.sector is Sector.HOUSING


def test_import_is_all_or_nothing(store, system, session):
    people = [
        {"name": "Alba Example", "email": "alba@example.org", "may_name": True},
        {"name": "Bad Email", "email": "not-an-address"},
    ]
    with pytest.raises(InvalidInput, match="not an email address"):
        participants.import_to_session(store, session.id, people)
    assert participants.list_register(store, system.id) == []
    added, _ = participants.import_to_session(store, session.id, people[:1])
    assert len(added) == 1 and added[0].invitation.may_name
    again, _ = participants.import_to_session(store, session.id, people[:1])
    assert again == []  # already invited: left as they are


def test_uninvite_and_delete(store, system, session):
    added, _ = participants.add_to_session(store, session.id, "Duncan Notreal")
    participants.uninvite(store, added.invitation.id)
    assert participants.list_session_participants(store, session.id) == []
    participants.delete_participant(store, added.participant.id)
    assert participants.list_register(store, system.id) == []
