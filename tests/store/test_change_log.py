"""The change log: one writer, one operation id and time per unit of work, canonical values,
and tables that are either logged or declared local-only."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from app.models import NoteKind, new_id
from app.services import capture
from app.services.planning import agenda, focus_areas, participants, sessions
from app.store.canonical import canonical_json, canonical_time
from app.store.changelog import entity_of
from app.store.logged_insert import insert_logged
from app.store.tables import (
    ENTITY_OF_TABLE,
    LOCAL_ONLY_TABLES,
    ActionRow,
    Base,
    ChangeLogRow,
    NoteRow,
    StoreMetaRow,
)

EDINBURGH_WINTER = timezone(timedelta(0))
PARIS_WINTER = timezone(timedelta(hours=1))


def _entries(store, since: int = 0) -> list[ChangeLogRow]:
    with store.read() as s:
        return list(s.scalars(select(ChangeLogRow).where(ChangeLogRow.seq > since)
                              .order_by(ChangeLogRow.seq)))


def _last_seq(store) -> int:
    entries = _entries(store)
    return entries[-1].seq if entries else 0


def test_every_table_is_either_logged_or_local_only(store):
    declared = {t.name for t in Base.metadata.sorted_tables}
    assert not set(ENTITY_OF_TABLE) & LOCAL_ONLY_TABLES
    assert declared == set(ENTITY_OF_TABLE) | LOCAL_ONLY_TABLES
    # The store file too: every table in it, apart from SQLite's, Alembic's and the search
    # index's (kept by triggers), is declared one way or the other.
    conn = store.raw()
    found = {name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = "
                                              "'table'")}
    conn.close()
    undeclared = {n for n in found if not n.startswith(("sqlite_", "note_search"))
                  and n != "alembic_version"}
    assert undeclared == declared


def test_a_table_declared_neither_way_is_refused():
    with pytest.raises(LookupError, match="neither logged nor local-only"):
        entity_of("scratch_pad")
    assert entity_of("store_meta") is None and entity_of("notes") == "note"


def test_local_only_tables_are_never_logged(store, system):
    before = _last_seq(store)
    with store.unit() as s:
        s.add(StoreMetaRow(key="last_window", value="capture"))
    with store.unit() as s:
        changes = insert_logged(s, StoreMetaRow, [{"key": "text_size", "value": "120"}])
        row = s.get(StoreMetaRow, "last_window")
        assert row is not None
        row.value = "planning"
    assert not changes
    assert _entries(store, before) == []


def test_one_operation_id_and_one_time_per_unit_of_work(store, system, session):
    areas = focus_areas.list_focus_areas(store, system.id)
    before = _last_seq(store)
    agenda.append_items(store, session.id, [
        {"title": "Welcome", "minutes": 10, "focus_area_ids": (areas[0].id,)},
        {"title": "Breakouts", "minutes": 40, "focus_area_ids": (areas[1].id, areas[2].id)},
        {"title": "Plenary", "minutes": 20}])
    first = _entries(store, before)
    assert len(first) == 6  # three blocks and three focus-area links
    assert len({e.op_id for e in first}) == 1 and len({e.at for e in first}) == 1
    assert first[0].op_id != first[0].id

    middle = _last_seq(store)
    agenda.append_items(store, session.id, [{"title": "Close", "minutes": 5}])
    second = _entries(store, middle)
    assert len(second) == 1 and second[0].op_id != first[0].op_id


def test_a_delete_with_dependants_is_one_operation(store, system, session):
    item, _ = agenda.add_item(store, session.id, "Small groups", 30)
    person, _ = participants.add_to_session(store, session.id, "Morag Testperson")
    capture.add_note(store, session.id, "Transport is the barrier", agenda_item_id=item.id,
                     tags=["transport"], speaker=person.participant.id)
    before = _last_seq(store)
    sessions.delete_session(store, session.id)
    entries = _entries(store, before)
    assert {e.entity for e in entries} >= {"session", "agenda_item", "invitation", "note",
                                           "note_tag"}
    assert len({e.op_id for e in entries}) == 1 and len({e.at for e in entries}) == 1


def test_times_are_one_text_in_the_row_and_in_the_log(store, system):
    starts = datetime(2026, 12, 8, 10, 0, tzinfo=PARIS_WINTER)
    created, _ = sessions.create_session(store, system.id, "Paris time", starts)
    sessions.update_session(store, created.id, starts=starts + timedelta(hours=1))
    conn = store.raw()
    stored = conn.execute("SELECT starts FROM sessions WHERE id = ?", (created.id,)).fetchone()[0]
    logged = [json.loads(v) for (v,) in conn.execute(
        "SELECT value FROM change_log WHERE entity_id = ? ORDER BY seq", (created.id,))]
    at = conn.execute("SELECT at FROM change_log ORDER BY seq DESC LIMIT 1").fetchone()[0]
    conn.close()
    assert stored == "2026-12-08T10:00:00.000000Z"
    assert logged[0]["starts"] == "2026-12-08T09:00:00.000000Z"
    assert logged[1] == stored
    assert at.endswith("Z") and len(at) == len(stored)
    assert sessions.get_session(store, created.id).starts == starts + timedelta(hours=1)


def test_values_are_canonical_whichever_path_wrote_them(store, system, session):
    """An ORM insert and a fast insert of the same record log the very same text."""
    note = {"id": "", "session_id": session.id, "agenda_item_id": None, "text": "Café à l'île",
            "kind": NoteKind.QUOTE, "captured_by": "Ailsa", "speaker_participant_id": None,
            "speaker_label": "", "theme_id": None, "starred": True,
            "created_at": datetime(2026, 12, 8, 10, 5, tzinfo=PARIS_WINTER)}
    orm_id, fast_id = new_id(), new_id()
    with store.unit() as s:
        s.add(NoteRow(**{**note, "id": orm_id, "starred": 1}))
    with store.unit() as s:
        insert_logged(s, NoteRow, [{**note, "id": fast_id}])
    orm, fast = (e for e in _entries(store) if e.entity_id in (orm_id, fast_id))
    assert (orm.op, orm.field, orm.device_id, orm.author) == (
        fast.op, fast.field, fast.device_id, fast.author)
    assert orm.value == fast.value.replace(fast_id, orm_id)
    assert orm.value == canonical_json(json.loads(orm.value))  # sorted keys, compact
    record = json.loads(orm.value)
    assert record["starred"] is True and record["kind"] == "quote"
    assert record["created_at"] == "2026-12-08T09:05:00.000000Z"
    assert "Café à l'île" in orm.value  # UTF-8 kept, not \\u escapes


def test_updates_log_one_entry_per_changed_field_in_canonical_form(store, system):
    area = focus_areas.list_focus_areas(store, system.id)[0]
    before = _last_seq(store)
    focus_areas.update_focus_area(store, area.id, retired=True, name="Community led")
    entries = {e.field: e.value for e in _entries(store, before)}
    assert entries == {"retired": "true", "name": '"Community led"'}


def test_dates_and_defaults_are_logged_as_stored(store, system):
    with store.unit() as s:
        # `owner` is left to its column default: the log holds what the row holds.
        s.add(ActionRow(id="0190aaaa-0000-7000-8000-0000000000a1", system_id=system.id,
                        what="Ask the ferry operator", due=date(2027, 1, 15), status="open"))
    entry = _entries(store)[-1]
    assert json.loads(entry.value)["due"] == "2027-01-15"
    assert json.loads(entry.value)["owner"] == ""


def test_canonical_time_is_utc_with_z_and_refuses_naive_times():
    assert canonical_time(datetime(2026, 6, 1, 9, 0, tzinfo=UTC)) == "2026-06-01T09:00:00.000000Z"
    assert canonical_time(datetime(2026, 6, 1, 10, 0, 0, 5, tzinfo=PARIS_WINTER)) == \
        "2026-06-01T09:00:00.000005Z"
    assert canonical_time(datetime(2026, 12, 8, 9, 0, tzinfo=EDINBURGH_WINTER)).endswith("Z")
    with pytest.raises(ValueError, match="naive"):
        canonical_time(datetime(2026, 6, 1, 9, 0))
