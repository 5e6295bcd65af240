"""The register, invitations and consent (which defaults to no)."""

from __future__ import annotations

import sqlite3

import pytest

from app.models import InvalidInput, NotFound, Sector
from app.services.planning import participants, planning_queries, systems


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
    result, _ = participants.import_to_session(store, session.id, people[:1])
    assert len(result.added) == 1 and result.added[0].invitation.may_name
    again, _ = participants.import_to_session(store, session.id, people[:1])
    assert (again.added, again.marked, again.left) == ([], {}, 1)  # left as they are


def test_uninvite_and_delete(store, system, session):
    added, _ = participants.add_to_session(store, session.id, "Duncan Notreal")
    participants.uninvite(store, added.invitation.id)
    assert participants.list_session_participants(store, session.id) == []
    participants.delete_participant(store, added.participant.id)
    assert participants.list_register(store, system.id) == []


def _counts(store) -> dict[str, int]:
    """Rows per table, read by a connection of its own from the store's file."""
    conn = sqlite3.connect(store.path)
    try:
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("participants", "invitations", "change_log")}
    finally:
        conn.close()


def test_invite_many_invites_all_with_one_consent_and_one_undo(store, system, session):
    people = [participants.add_participant(store, system.id, name)[0]
              for name in ("Ailsa Fictional", "Brodie Madeup", "Catriona Notreal")]
    before = _counts(store)
    invited, changes = participants.invite_many(store, session.id, [p.id for p in people],
                                                may_name=True)
    assert [i.participant for i in invited] == people
    assert all(i.invitation.may_name and not i.invitation.may_email for i in invited)
    assert changes.inserted["invitation"] == {i.invitation.id for i in invited}
    planning_queries.withdraw_added(store, [i.invitation.id for i in invited], [])
    assert participants.list_session_participants(store, session.id) == []
    assert _counts(store)["invitations"] == before["invitations"]


@pytest.mark.parametrize("third, message", [
    ("twice", "is named twice; nobody was invited."),
    ("invited", "is already invited to this session; nobody was invited."),
    ("other system", "belongs to another learning system; nobody was invited."),
    ("missing", "There is no participant with id"),
])
def test_invite_many_with_person_3_refused_invites_nobody(store, system, session, third,
                                                          message):
    people = [participants.add_participant(store, system.id, name)[0].id
              for name in ("Ailsa Fictional", "Brodie Madeup", "Catriona Notreal")]
    other, _ = systems.create_system(store, "Another learning system")
    stranger, _ = participants.add_participant(store, other.id, "Dougie Elsewhere")
    if third == "invited":
        participants.invite(store, session.id, people[2])
    chosen = {"twice": [people[0], people[1], people[0]], "invited": people,
              "other system": [people[0], people[1], stranger.id],
              "missing": [people[0], people[1], "0190aaaa-0000-7000-8000-000000000000"]}[third]
    before = _counts(store)
    with pytest.raises((InvalidInput, NotFound), match=message):
        participants.invite_many(store, session.id, chosen)
    assert _counts(store) == before


def test_import_to_session_with_row_3_refused_adds_nobody(store, system, session):
    participants.add_to_session(store, session.id, "Already Here", email="here@example.org")
    rows = [{"name": "Ailsa Fictional", "email": "ailsa@example.org", "may_name": True},
            {"name": "Already Here", "email": "HERE@example.org"},
            {"name": "x" * 201},
            {"name": "Dougie Madeup"}]
    before = _counts(store)
    with pytest.raises(InvalidInput, match="Name is too long"):
        participants.import_to_session(store, session.id, rows)
    assert _counts(store) == before
    result, _ = participants.import_to_session(store, session.id, rows[:2] + rows[3:])
    assert [a.participant.name for a in result.added] == ["Ailsa Fictional", "Dougie Madeup"]
