"""Planning services on a real SQLite store: systems, focus areas, sessions, agenda, templates."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select

from app.models import InvalidInput, NotFound
from app.services.core import history
from app.services.planning import agenda, focus_areas, sessions, systems, templates
from app.store.tables import ChangeLogRow

EXPECTED_AREAS = [
    (1, "community-led", "Community Led Approaches"),
    (2, "emerging-needs", "Emerging Community Service Needs in Integration"),
    (3, "strategic-planning", "Strategic Planning"),
    (4, "published-learning", "Synthesising Published Learning"),
]


def _last_seq(store) -> int:
    with store.read() as s:
        return s.scalar(select(func.max(ChangeLogRow.seq))) or 0


def _written(store, since: int) -> list[tuple[str, str, str | None]]:
    """(entity, op, field) of every log entry after `since`."""
    with store.read() as s:
        return [(e.entity, e.op, e.field) for e in s.scalars(
            select(ChangeLogRow).where(ChangeLogRow.seq > since).order_by(ChangeLogRow.seq))]


def test_a_new_system_starts_with_the_four_focus_areas(store, system):
    areas = focus_areas.list_focus_areas(store, system.id)
    assert [(a.key, a.slug, a.name) for a in areas] == EXPECTED_AREAS


def test_system_names_are_unique_and_not_empty(store, system):
    with pytest.raises(InvalidInput, match="already a learning system"):
        systems.create_system(store, system.name)
    with pytest.raises(InvalidInput, match="cannot be empty"):
        systems.create_system(store, "   ")
    assert len(systems.list_systems(store)) == 1


def test_rename_and_describe_a_system(store, system):
    updated, changes = systems.update_system(store, system.id, name="Renamed", principles="Equity")
    assert systems.get_system(store, system.id).principles == "Equity"
    assert changes.updated == {"system": frozenset({system.id})}
    assert updated.name == "Renamed"


def test_duplicate_quick_keys_are_refused_and_change_nothing(store, system):
    areas = focus_areas.list_focus_areas(store, system.id)
    with pytest.raises(InvalidInput, match="Quick key 1 is already used"):
        focus_areas.update_focus_area(store, areas[1].id, key=1)
    assert focus_areas.list_focus_areas(store, system.id) == areas


def test_adding_focus_areas_takes_free_keys_up_to_nine(store, system):
    for n in range(5):
        focus_areas.add_focus_area(store, system.id, f"Extra area {n}")
    areas = focus_areas.list_focus_areas(store, system.id)
    assert sorted(a.key for a in areas) == list(range(1, 10))
    tenth, _ = focus_areas.add_focus_area(store, system.id, "Tenth area")
    assert tenth.key is None and tenth.slug == "tenth-area"
    with pytest.raises(InvalidInput, match="at most 9"):
        focus_areas.update_focus_area(store, tenth.id, key=10)


def test_recolour_reorder_and_retire(store, system):
    areas = focus_areas.list_focus_areas(store, system.id)
    focus_areas.update_focus_area(store, areas[0].id, colour="#123abc", retired=True)
    with pytest.raises(InvalidInput, match="#RRGGBB"):
        focus_areas.update_focus_area(store, areas[0].id, colour="teal")
    focus_areas.reorder_focus_areas(store, system.id, [a.id for a in reversed(areas)])
    now = focus_areas.list_focus_areas(store, system.id)
    assert [a.slug for a in now][0] == "published-learning"
    assert now[-1].colour == "#123ABC" and now[-1].retired
    assert len(focus_areas.list_focus_areas(store, system.id, include_retired=False)) == 3


def test_free_tags(store, system):
    tag, _ = focus_areas.add_tag(store, system.id, "#Digital")
    assert tag.name == "digital"
    with pytest.raises(InvalidInput, match="already a tag"):
        focus_areas.add_tag(store, system.id, "digital")
    with pytest.raises(InvalidInput, match="focus area's slug"):
        focus_areas.add_tag(store, system.id, "community-led")
    focus_areas.rename_tag(store, tag.id, "trust")
    snap, _ = focus_areas.delete_tag(store, tag.id)
    assert focus_areas.list_tags(store, system.id) == []
    history.restore(store, snap)
    assert [t.name for t in focus_areas.list_tags(store, system.id)] == ["trust"]


def test_bad_session_input_is_refused(store, system):
    with pytest.raises(InvalidInput, match="not a date and time"):
        sessions.parse_starts("next tuesday")
    with pytest.raises(InvalidInput, match="at least 5"):
        sessions.create_session(store, system.id, "Short", datetime.now().astimezone(), minutes=-3)
    with pytest.raises(InvalidInput, match="at most 720"):
        sessions.create_session(store, system.id, "Long", datetime.now().astimezone(), minutes=10_000)
    with pytest.raises(NotFound):
        sessions.create_session(store, "no-such-system", "X", datetime.now().astimezone())
    assert sessions.list_sessions(store) == []


def test_naive_start_times_are_local_wall_clock(store, system):
    created, _ = sessions.create_session(store, system.id, "Local", datetime(2026, 12, 8, 10, 0))
    again = sessions.get_session(store, created.id)
    assert again.starts.astimezone().replace(tzinfo=None) == datetime(2026, 12, 8, 10, 0)


def test_agenda_schedule_follows_order_and_warns_on_overrun(store, session):
    first, _ = agenda.add_item(store, session.id, "Welcome", 10)
    second, _ = agenda.add_item(store, session.id, "Breakouts", 60)
    third, _ = agenda.add_item(store, session.id, "Plenary", 30)
    plan = agenda.session_schedule(store, session.id)
    assert [i.starts - session.starts for i in plan.items] == [
        timedelta(0), timedelta(minutes=10), timedelta(minutes=70)]
    assert plan.overrun_minutes == 10 and "10 min over" in plan.warning
    assert [i.overruns for i in plan.items] == [False, False, True]
    agenda.move_item(store, third.id, 0)
    assert [i.title for i in agenda.list_agenda(store, session.id)] == [
        "Plenary", "Welcome", "Breakouts"]
    agenda.update_item(store, second.id, minutes=50)
    assert agenda.session_schedule(store, session.id).warning == ""


def test_removing_a_block_can_be_undone_with_its_focus_areas(store, system, session):
    areas = focus_areas.list_focus_areas(store, system.id)
    item, _ = agenda.add_item(store, session.id, "Breakout", 20,
                              focus_area_ids=[areas[0].id, areas[2].id], prompt="What helped?")
    agenda.add_item(store, session.id, "Close", 5)
    snap, changes = agenda.remove_item(store, item.id)
    assert "agenda_item" in changes.deleted
    assert [i.position for i in agenda.list_agenda(store, session.id)] == [0]
    before = _last_seq(store)
    history.restore(store, snap)
    back = agenda.list_agenda(store, session.id)[0]
    assert back.id == item.id and set(back.focus_area_ids) == {areas[0].id, areas[2].id}
    assert back.position == 0 and back.rank == item.rank
    # Back at its own rank: the block after it was not touched.
    assert sorted(_written(store, before)) == [
        ("agenda_item", "insert", None), *[("agenda_item_focus_area", "insert", None)] * 2]


def test_moving_a_block_writes_that_block_alone(store, session):
    items = [agenda.add_item(store, session.id, f"Block {n}", 10)[0] for n in range(6)]
    before = _last_seq(store)
    changes = agenda.move_item(store, items[5].id, 1)
    assert _written(store, before) == [("agenda_item", "update", "rank")]
    assert changes.updated == {"agenda_item": frozenset({items[5].id})}
    assert [i.title for i in agenda.list_agenda(store, session.id)] == [
        "Block 0", "Block 5", "Block 1", "Block 2", "Block 3", "Block 4"]
    before = _last_seq(store)
    assert not agenda.move_item(store, items[0].id, 0)  # already there: nothing written
    assert _written(store, before) == []


def test_adding_a_block_at_an_index_writes_that_block_alone(store, session):
    for n in range(3):
        agenda.add_item(store, session.id, f"Block {n}", 10)
    before = _last_seq(store)
    added, _ = agenda.add_item(store, session.id, "Inserted", 5, index=1)
    assert _written(store, before) == [("agenda_item", "insert", None)]
    listed = agenda.list_agenda(store, session.id)
    assert [i.title for i in listed] == ["Block 0", "Inserted", "Block 1", "Block 2"]
    assert [i.position for i in listed] == [0, 1, 2, 3] and added.position == 1
    assert added == listed[1]


def test_two_hundred_random_moves_keep_the_order_of_a_list(store, session):
    rng = random.Random(20261208)
    model = [agenda.add_item(store, session.id, f"Block {n}", 5)[0].id for n in range(8)]
    for _ in range(200):
        item_id, index = rng.choice(model), rng.randrange(len(model))
        moves = model.index(item_id) != index
        model.remove(item_id)
        model.insert(index, item_id)
        before = _last_seq(store)
        agenda.move_item(store, item_id, index)
        listed = agenda.list_agenda(store, session.id)
        assert [i.id for i in listed] == model
        assert [i.position for i in listed] == list(range(8))
        assert _written(store, before) == ([("agenda_item", "update", "rank")] if moves else [])
        assert agenda.list_agenda(store, session.id)[index].position == index


def test_reordering_focus_areas_writes_only_those_that_moved(store, system):
    areas = [a.id for a in focus_areas.list_focus_areas(store, system.id)]
    before = _last_seq(store)
    focus_areas.reorder_focus_areas(store, system.id, [areas[3], *areas[:3]])
    assert _written(store, before) == [("focus_area", "update", "rank")]
    before = _last_seq(store)
    focus_areas.reorder_focus_areas(store, system.id, list(reversed(areas)))
    assert len(_written(store, before)) == 2  # the longest run already in order keeps its ranks
    now = focus_areas.list_focus_areas(store, system.id)
    assert [a.id for a in now] == list(reversed(areas))
    assert [a.position for a in now] == [0, 1, 2, 3]
    with pytest.raises(InvalidInput, match="each focus area"):
        focus_areas.reorder_focus_areas(store, system.id, [areas[0], *areas])


def test_agenda_refuses_absurd_minutes_and_foreign_focus_areas(store, session):
    with pytest.raises(InvalidInput, match="at least 1"):
        agenda.add_item(store, session.id, "Nothing", 0)
    with pytest.raises(InvalidInput, match="not one of this system's"):
        agenda.add_item(store, session.id, "Odd", 5, focus_area_ids=["not-an-area"])
    assert agenda.list_agenda(store, session.id) == []


def test_three_builtin_templates_each_fit_their_length(store):
    names = {t.name for t in templates.list_templates(store)}
    assert {"Sensemaking workshop (90 min)", "Insight conversation with a partner",
            "Learning network meeting"} <= names
    for template in templates.builtin_templates():
        assert sum(i.minutes for i in template.items) == template.minutes
        assert all(i.prompt or i.title == "Break" for i in template.items)


def test_plan_from_template_and_save_as_template(store, system):
    planned, _ = templates.plan_from_template(
        store, system.id, "builtin-sensemaking-90", "Workshop on trust",
        datetime(2026, 12, 8, 10, 0).astimezone())
    items = agenda.list_agenda(store, planned.id)
    assert planned.minutes == 90 and len(items) == 8
    assert any(i.focus_area_ids for i in items)
    saved, _ = templates.save_as_template(store, planned.id, "Our workshop")
    assert [i.title for i in saved.items] == [i.title for i in items]
    with pytest.raises(InvalidInput, match="already a template"):
        templates.save_as_template(store, planned.id, "our workshop")
    again, _ = templates.plan_from_template(store, system.id, saved.id, "",
                                            datetime(2027, 1, 8, 10, 0).astimezone())
    assert again.title == "Our workshop" and len(agenda.list_agenda(store, again.id)) == 8


def test_deleting_a_session_can_be_undone_exactly(store, session):
    agenda.add_item(store, session.id, "Welcome", 10)
    snap, _ = sessions.delete_session(store, session.id)
    assert sessions.list_sessions(store) == []
    history.restore(store, snap)
    assert sessions.get_session(store, session.id) == session
    assert [i.title for i in agenda.list_agenda(store, session.id)] == ["Welcome"]


def test_deleting_a_system_or_focus_area_can_be_undone(store, system, session):
    area, _ = focus_areas.add_focus_area(store, system.id, "Digital inclusion")
    snap, _ = focus_areas.delete_focus_area(store, area.id)
    assert area.id not in {a.id for a in focus_areas.list_focus_areas(store, system.id)}
    history.restore(store, snap)
    assert area in focus_areas.list_focus_areas(store, system.id)
    snap, changes = systems.delete_system(store, system.id)
    assert systems.list_systems(store) == [] and sessions.list_sessions(store) == []
    assert {"system", "focus_area", "session"} <= changes.deleted.keys()
    history.restore(store, snap)
    assert systems.list_systems(store) == [system]
    assert sessions.list_sessions(store) == [session]
