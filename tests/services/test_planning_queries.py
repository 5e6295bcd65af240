"""Planning queries on a real store: what a run sheet reads, taking back additions, templates."""

from __future__ import annotations

from datetime import datetime

import pytest

from app.models import InvalidInput
from app.services.planning import participants, planning_queries, templates


@pytest.fixture
def planned(store, system):
    session, _ = templates.plan_from_template(store, system.id, "builtin-sensemaking-90",
                                              "Winter pressures",
                                              datetime(2026, 12, 8, 10, 0).astimezone())
    return session


def test_a_session_plan_holds_everything_the_outputs_print(store, system, planned):
    participants.add_to_session(store, planned.id, "Aileen Brodie",
                                consent={"access_needs": "Captions on"})
    plan = planning_queries.session_plan(store, planned.id)
    assert plan.session == planned
    assert len(plan.agenda) == 8
    assert [p.invitation.access_needs for p in plan.participants] == ["Captions on"]
    assert [a.key for a in plan.focus_areas] == [1, 2, 3, 4]
    assert plan.system_name == system.name


def test_withdrawing_an_import_keeps_people_who_were_already_registered(store, system, planned):
    known, _ = participants.add_participant(store, system.id, "Morag Fraser",
                                            email="morag@example.org")
    result, changes = participants.import_to_session(store, planned.id, [
        {"name": "Morag Fraser", "email": "morag@example.org", "may_name": True},
        {"name": "Isla Munro", "email": "isla@example.org"},
    ])
    added = result.added
    new_people = changes.inserted["participant"]
    assert len(new_people) == 1

    snapshots, undone = planning_queries.withdraw_added(
        store, [p.invitation.id for p in added], new_people)
    assert participants.list_session_participants(store, planned.id) == []
    assert [p.name for p in participants.list_register(store, system.id)] == ["Morag Fraser"]
    assert undone.deleted["invitation"] == {p.invitation.id for p in added}

    planning_queries.restore_all(store, snapshots)
    again = participants.list_session_participants(store, planned.id)
    assert {p.invitation.id for p in again} == {p.invitation.id for p in added}
    assert {p.participant.name for p in again} == {"Morag Fraser", "Isla Munro"}


def test_a_saved_template_can_be_deleted_but_a_built_in_one_cannot(store, planned):
    saved, _ = templates.save_as_template(store, planned.id, "Winter sensemaking")
    planning_queries.delete_template(store, saved.id)
    assert "Winter sensemaking" not in [t.name for t in templates.list_templates(store)]
    with pytest.raises(InvalidInput):
        planning_queries.delete_template(store, "builtin-sensemaking-90")
