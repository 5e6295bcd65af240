"""Revision 0004 on a store made at 0003 with data in it: ranks follow the old positions, times
take the canonical form, links survive the table rebuilds, and the old log is re-based as one
marked baseline operation from which replay rebuilds the store."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from alembic import command

from app.config import STORE_FILENAME
from app.services import capture
from app.services.core.check import run_check
from app.services.planning import agenda, focus_areas
from app.store import migrate
from app.store.engine import open_store
from app.store.replay import TABLES

DEVICE = "0190aaaa-0000-7000-8000-0000000000de"
SYSTEM = "0190aaaa-0000-7000-8000-000000000001"
SESSION = "0190aaaa-0000-7000-8000-000000000002"
AREAS = {  # id: (position, key, slug): the old order is Strategic, Community, Housing
    "0190aaaa-0000-7000-8000-0000000000a1": (1, 1, "community"),
    "0190aaaa-0000-7000-8000-0000000000a2": (0, 2, "strategic"),
    "0190aaaa-0000-7000-8000-0000000000a3": (2, None, "housing"),
}
BLOCKS = {  # id: (position, title)
    "0190aaaa-0000-7000-8000-0000000000b1": (2, "Plenary"),
    "0190aaaa-0000-7000-8000-0000000000b2": (0, "Welcome"),
    "0190aaaa-0000-7000-8000-0000000000b3": (1, "Breakouts"),
}
THEMES = {
    "0190aaaa-0000-7000-8000-0000000000c1": (1, "Trust"),
    "0190aaaa-0000-7000-8000-0000000000c2": (0, "Transport"),
}
NOTE = "0190aaaa-0000-7000-8000-0000000000d1"
TAG = "0190aaaa-0000-7000-8000-0000000000e1"
PERSON = "0190aaaa-0000-7000-8000-0000000000f1"
ACTION = "0190aaaa-0000-7000-8000-0000000000f2"
EVIDENCE = "0190aaaa-0000-7000-8000-0000000000f3"


def _store_at_0003(path: Path) -> None:
    """A store as Cairn up to revision 0003 wrote it: positions, `+00:00` times, an old log."""
    command.upgrade(migrate.alembic_config(f"sqlite:///{path}"), "0003")
    conn = sqlite3.connect(path)
    run = conn.execute
    run("INSERT INTO store_meta VALUES ('device_id', ?), ('device_name', 'Orkney office')",
        (DEVICE,))
    run("INSERT INTO learning_systems VALUES (?, 'Island system', 'Learn', 'Equity', "
        "'2025-01-01T09:30:00.000000+00:00')", (SYSTEM,))
    for area_id, (position, key, slug) in AREAS.items():
        run("INSERT INTO focus_areas (id, system_id, key, slug, name, description, colour, "
            "position, retired) VALUES (?, ?, ?, ?, ?, '', '#1B7F5B', ?, ?)",
            (area_id, SYSTEM, key, slug, slug.title(), position, int(slug == "housing")))
    run("INSERT INTO free_tags VALUES (?, ?, 'ferry')", (TAG, SYSTEM))
    run("INSERT INTO sessions VALUES (?, ?, 'Workshop', 'sensemaking-workshop', "
        "'2025-01-02T10:00:00.000000+00:00', 90, 'online', 'Teams', '', '', '', '', 'done')",
        (SESSION, SYSTEM))
    for block_id, (position, title) in BLOCKS.items():
        run("INSERT INTO agenda_items VALUES (?, ?, ?, ?, 20, '', '')",
            (block_id, SESSION, position, title))
    run("INSERT INTO agenda_item_focus_areas VALUES (?, ?)",
        ("0190aaaa-0000-7000-8000-0000000000b3", "0190aaaa-0000-7000-8000-0000000000a1"))
    run("INSERT INTO participants VALUES (?, ?, 'Seonaid Example', 's@example.org', '', "
        "'housing', 'Stromness')", (PERSON, SYSTEM))
    run("INSERT INTO invitations VALUES ('0190aaaa-0000-7000-8000-0000000000f4', ?, ?, NULL, "
        "1, 0, 1, 'Captions')", (SESSION, PERSON))
    for theme_id, (position, title) in THEMES.items():
        run("INSERT INTO themes VALUES (?, ?, ?, ?, '', 2, ?)",
            (theme_id, SYSTEM, SESSION, title, position))
    run("INSERT INTO notes VALUES (?, ?, ?, 'The ferry decides who comes', 'barrier', 'Ailsa', "
        "?, '', ?, 1, '2025-01-02T10:25:00.000000+00:00')",
        (NOTE, SESSION, "0190aaaa-0000-7000-8000-0000000000b3", PERSON,
         "0190aaaa-0000-7000-8000-0000000000c2"))
    run("INSERT INTO note_tags VALUES (?, ?)", (NOTE, TAG))
    run("INSERT INTO note_focus_areas VALUES (?, ?)",
        (NOTE, "0190aaaa-0000-7000-8000-0000000000a1"))
    run("INSERT INTO theme_focus_areas VALUES (?, ?)",
        ("0190aaaa-0000-7000-8000-0000000000c2", "0190aaaa-0000-7000-8000-0000000000a2"))
    run("INSERT INTO actions VALUES (?, ?, ?, 'Ask the ferry operator', 'Ailsa', '2025-02-01', "
        "'open')", (ACTION, SYSTEM, SESSION))
    run("INSERT INTO action_themes VALUES (?, ?)", (ACTION, "0190aaaa-0000-7000-8000-0000000000c2"))
    run("INSERT INTO evidence VALUES (?, ?, 'case-study', 'Ferry study', '', '', '')",
        (EVIDENCE, SYSTEM))
    run("INSERT INTO evidence_themes VALUES (?, ?)",
        (EVIDENCE, "0190aaaa-0000-7000-8000-0000000000c1"))
    run("INSERT INTO session_templates VALUES ('0190aaaa-0000-7000-8000-0000000000f5', "
        "'Ours', 'sensemaking-workshop', 60, 'online', '', "
        "'[{\"title\": \"Welcome\", \"minutes\": 10}]')")
    for n, (entity, op, value) in enumerate([("system", "insert", '{"name": "Island system"}'),
                                             ("session", "update", '"2025-01-02T10:00:00+00:00"')]):
        run("INSERT INTO change_log (id, at, device_id, author, entity, entity_id, op, field, "
            "value) VALUES (?, '2025-01-02T11:00:00.000000+01:00', ?, 'Ailsa', ?, ?, ?, NULL, ?)",
            (f"0190aaaa-0000-7000-8000-00000000010{n}", DEVICE, entity, SYSTEM, op, value))
    conn.commit()
    conn.close()


@pytest.fixture
def upgraded(data_dir):
    _store_at_0003(data_dir / STORE_FILENAME)
    store = open_store(data_dir)
    yield store
    store.close()


def _rows(store, sql: str, *params: object) -> list[tuple]:
    conn = store.raw()
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def test_the_upgrade_is_backed_up_and_reaches_head(upgraded, data_dir):
    assert migrate.current_revision(upgraded.path) == migrate.head_revision()
    assert len(list((data_dir / "backups").glob("*0003*.sqlite"))) == 1
    assert upgraded.device_id == DEVICE


def test_ranks_follow_the_old_positions(upgraded):
    blocks = agenda.list_agenda(upgraded, SESSION)
    assert [(b.title, b.position) for b in blocks] == [
        ("Welcome", 0), ("Breakouts", 1), ("Plenary", 2)]
    assert [b.rank for b in blocks] == sorted({b.rank for b in blocks})
    areas = focus_areas.list_focus_areas(upgraded, SYSTEM)
    assert [a.slug for a in areas] == ["strategic", "community", "housing"]
    assert [a.slug for a in focus_areas.list_focus_areas(
        upgraded, SYSTEM, include_retired=False)] == ["strategic", "community"]
    themes = _rows(upgraded, "SELECT title FROM themes ORDER BY rank, id")
    assert themes == [("Transport",), ("Trust",)]


def test_times_take_the_one_canonical_form(upgraded):
    assert _rows(upgraded, "SELECT created_at FROM learning_systems") == [
        ("2025-01-01T09:30:00.000000Z",)]
    assert _rows(upgraded, "SELECT starts FROM sessions") == [("2025-01-02T10:00:00.000000Z",)]
    assert _rows(upgraded, "SELECT created_at FROM notes") == [("2025-01-02T10:25:00.000000Z",)]
    assert _rows(upgraded, "SELECT items_json FROM session_templates") == [
        ('[{"minutes":10,"title":"Welcome"}]',)]


def test_links_to_rebuilt_tables_survive(upgraded):
    """Rebuilding agenda_items, focus_areas and themes cascades to nothing."""
    note = capture.get_note(upgraded, NOTE)
    assert note.agenda_item_id == "0190aaaa-0000-7000-8000-0000000000b3"
    assert note.theme_id == "0190aaaa-0000-7000-8000-0000000000c2"
    assert note.focus_area_ids == ("0190aaaa-0000-7000-8000-0000000000a1",)
    assert note.tag_ids == (TAG,) and note.starred
    assert _rows(upgraded, "SELECT count(*) FROM agenda_item_focus_areas") == [(1,)]
    assert _rows(upgraded, "SELECT count(*) FROM theme_focus_areas") == [(1,)]
    assert [h.note_id for h in capture.search_notes(upgraded, SESSION, "ferry")] == [NOTE]


def test_the_old_log_is_re_based_as_one_marked_operation(upgraded):
    log = _rows(upgraded, "SELECT op_id, author, op, entity, entity_id, value FROM change_log "
                          "WHERE entity != 'theme_vote' ORDER BY seq")  # those came with 0005
    records = sum(_rows(upgraded, f"SELECT count(*) FROM {t}")[0][0] for t in TABLES
                  if t != "theme_votes")
    assert len(log) == records == 23
    assert {(e[1], e[2]) for e in log} == {("(baseline at upgrade to 0004)", "insert")}
    baseline = {e[0] for e in log}
    assert [(v,) for v in baseline] == _rows(
        upgraded, "SELECT value FROM store_meta WHERE key = 'log_baseline_op'")
    assert log[0][3] == "system"  # parents first
    invitation = json.loads(next(e[5] for e in log if e[3] == "invitation"))
    assert (invitation["attended"], invitation["may_name"], invitation["may_email"]) == (
        None, True, False)
    session = json.loads(next(e[5] for e in log if e[3] == "session"))
    assert session["starts"] == "2025-01-02T10:00:00.000000Z"
    assert _rows(upgraded, "SELECT DISTINCT device_id FROM change_log") == [(DEVICE,)]


def test_the_upgraded_store_replays_and_checks_sound(upgraded):
    report = run_check(upgraded, with_replay=True)
    assert report.ok, report.lines()
    # 23 records, and the two themes' vote counters as vote records since revision 0005
    assert report.replay is not None and report.replay.records_compared == 25


def test_the_upgraded_store_moves_one_row_at_a_time(upgraded):
    before = _rows(upgraded, "SELECT max(seq) FROM change_log")[0][0]
    agenda.move_item(upgraded, "0190aaaa-0000-7000-8000-0000000000b1", 0)
    assert _rows(upgraded, "SELECT entity, op, field FROM change_log WHERE seq > ?", before) == [
        ("agenda_item", "update", "rank")]
    assert [b.title for b in agenda.list_agenda(upgraded, SESSION)] == [
        "Plenary", "Welcome", "Breakouts"]
    assert run_check(upgraded, with_replay=True).ok


def test_downgrading_to_0003_brings_positions_back(upgraded, data_dir):
    upgraded.close()
    path = data_dir / STORE_FILENAME
    command.downgrade(migrate.alembic_config(f"sqlite:///{path}"), "0003")
    conn = sqlite3.connect(path)
    titles = conn.execute("SELECT title, position FROM agenda_items ORDER BY position").fetchall()
    starts = conn.execute("SELECT starts FROM sessions").fetchone()[0]
    conn.close()
    assert titles == [("Welcome", 0), ("Breakouts", 1), ("Plenary", 2)]
    assert starts == "2025-01-02T10:00:00.000000+00:00"
