"""The sample learning system: what it holds, that it loads once, and that it leaves others alone."""

from __future__ import annotations

import sqlite3
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from app.config import resources_dir
from app.models import CairnError, EvidenceKind, InvalidInput, NoteKind, Sector
from app.services import demo
from app.services.core.check import run_check
from app.services.demo import SAMPLE_NAME, load_demo, sample_content
from app.services.planning.sessions import create_session
from app.services.sensemaking.recurring_query import list_recurring
from app.store.engine import Store
from app.store.tables import Base

# The four focus areas exactly as the product brief names them: (key, slug, name).
PRODUCT_FOCUS_AREAS = [
    (1, "community-led", "Community Led Approaches"),
    (2, "emerging-needs", "Emerging Community Service Needs in Integration"),
    (3, "strategic-planning", "Strategic Planning"),
    (4, "published-learning", "Synthesising Published Learning"),
]
TABLES = [t.name for t in Base.metadata.sorted_tables]


def _db(store: Store) -> sqlite3.Connection:
    conn = store.raw()
    conn.row_factory = sqlite3.Row
    return conn


def _counts(store: Store) -> dict[str, int]:
    return {t: _rows(store, f"SELECT count(*) AS n FROM {t}")[0]["n"] for t in TABLES}


def _rows(store: Store, sql: str, *args: object) -> list[sqlite3.Row]:
    conn = _db(store)
    try:
        return conn.execute(sql, args).fetchall()
    finally:
        conn.close()


@pytest.fixture
def sample(store: Store):
    system, changes = load_demo(store)
    return system, changes


def test_the_sample_has_everything_the_brief_names(store, sample):
    system, changes = sample
    assert system.name == SAMPLE_NAME and changes
    assert "Equity and equality" in system.principles and "Reciprocity" in system.principles
    counts = _counts(store)
    assert counts["learning_systems"] == 1
    assert counts["participants"] == 20
    assert counts["sessions"] == 7
    assert 80 <= counts["notes"] <= 150
    assert counts["actions"] >= 6
    tags = [r["name"] for r in _rows(store, "SELECT name FROM free_tags")]
    assert sorted(tags) == ["digital", "housing", "rural", "trust", "unpaid-carers"]
    kinds = Counter(r["kind"] for r in _rows(store, "SELECT kind FROM evidence"))
    assert kinds[EvidenceKind.CASE_STUDY] >= 3 and kinds[EvidenceKind.PUBLICATION] >= 3
    assert kinds[EvidenceKind.OPINION] >= 2 and kinds[EvidenceKind.PODCAST] == 1
    # Inserted ids in the change-set are exactly the records now in the store.
    assert len(changes.inserted["note"]) == counts["notes"]
    assert len(changes.inserted["session"]) == counts["sessions"]


def test_the_four_focus_areas_exactly(store, sample):
    rows = _rows(store, "SELECT key, slug, name FROM focus_areas ORDER BY rank, id")
    assert [(r["key"], r["slug"], r["name"]) for r in rows] == PRODUCT_FOCUS_AREAS


@pytest.mark.parametrize("now", [datetime(2030, 3, 15, 9, 0), datetime(2026, 11, 23, 17, 0)])
def test_sessions_are_finished_and_planned_around_today(store, now):
    now = now.astimezone()
    load_demo(store, now=now)
    sessions = _rows(store, "SELECT * FROM sessions ORDER BY starts")
    done = [s for s in sessions if s["status"] == "done"]
    planned = [s for s in sessions if s["status"] == "planned"]
    assert len(done) >= 4 and len(planned) >= 2
    assert all(datetime.fromisoformat(s["starts"]) < now for s in done)
    assert all(datetime.fromisoformat(s["starts"]) > now for s in planned)
    for s in sessions:  # on a working day, never over the festive break
        day = datetime.fromisoformat(s["starts"]).astimezone().date()
        assert day.weekday() < 5 and not (day.month == 12 and day.day >= 24), day
    assert {s["kind"] for s in sessions} == {
        "sensemaking-workshop", "insight-conversation", "learning-network-meeting"}
    assert {s["platform"] for s in sessions} == {"Microsoft Teams", "Near Me", "Zoom"}
    for s in sessions:
        assert s["join_link"].split("/")[2].endswith(("example.org", ".invalid"))
        minutes = _rows(store, "SELECT minutes FROM agenda_items WHERE session_id = ?", s["id"])
        assert len(minutes) >= 5 and sum(r["minutes"] for r in minutes) == s["minutes"]
    due = [r["due"] for r in _rows(store, "SELECT due FROM actions")]
    assert min(due) < now.date().isoformat() < max(due)


def test_participants_span_sectors_and_localities(store, sample):
    people = _rows(store, "SELECT * FROM participants")
    assert {p["sector"] for p in people} == set(Sector) - {Sector.OTHER}
    assert {"Orkney", "Highland", "Dumfries and Galloway", "Glasgow", "Fife"} <= {
        p["locality"] for p in people}
    assert all(p["email"].endswith("@example.org") for p in people)
    assert len({p["email"] for p in people}) == len(people)


def test_consent_is_really_mixed(store, sample):
    invitations = _rows(store, "SELECT * FROM invitations")
    for field in ("may_name", "may_email", "may_quote"):
        assert {i[field] for i in invitations} == {0, 1}, field
    profiles = {(i["may_name"], i["may_email"], i["may_quote"]) for i in invitations}
    assert (1, 1, 1) in profiles and (0, 0, 0) in profiles and len(profiles) >= 5
    needs = {i["access_needs"] for i in invitations}
    assert "BSL interpreter" in needs
    assert "Uses a screen reader; send papers in advance" in needs


def test_attendance_is_recorded_only_for_finished_sessions(store, sample):
    rows = _rows(store, "SELECT i.attended, s.status FROM invitations i "
                        "JOIN sessions s ON s.id = i.session_id")
    assert {r["attended"] for r in rows if r["status"] == "done"} == {0, 1}
    assert {r["attended"] for r in rows if r["status"] == "planned"} == {None}


def test_notes_are_plausible_scribe_notes(store, sample):
    notes = _rows(store, "SELECT n.*, a.session_id AS block_session FROM notes n "
                         "JOIN agenda_items a ON a.id = n.agenda_item_id")
    assert len(notes) == _counts(store)["notes"]  # every note is stamped with its block
    assert {n["kind"] for n in notes} == set(NoteKind)
    assert all(n["block_session"] == n["session_id"] for n in notes)
    assert any(n["starred"] for n in notes) and not all(n["starred"] for n in notes)
    assert any(n["theme_id"] is None for n in notes) and any(n["theme_id"] for n in notes)
    labels = {n["speaker_label"] for n in notes}
    assert "anonymous" in labels and "Housing officer" in labels
    assert any(n["speaker_participant_id"] for n in notes)
    assert all(n["captured_by"] for n in notes)
    statuses = {r["id"]: r["status"] for r in _rows(store, "SELECT id, status FROM sessions")}
    assert {statuses[n["session_id"]] for n in notes} == {"done"}
    tagged = {r["note_id"] for r in _rows(store, "SELECT note_id FROM note_focus_areas")}
    assert len(tagged) > len(notes) * 3 // 4
    assert _rows(store, "SELECT count(*) AS n FROM note_tags")[0]["n"] > 30


def test_note_times_fall_within_their_agenda_block(store, sample):
    sessions = {r["id"]: r for r in _rows(store, "SELECT * FROM sessions")}
    blocks: dict[str, tuple[datetime, datetime]] = {}
    for session_id, session in sessions.items():
        clock = datetime.fromisoformat(session["starts"])
        for item in _rows(store, "SELECT id, minutes FROM agenda_items WHERE session_id = ? "
                                 "ORDER BY rank, id", session_id):
            blocks[item["id"]] = (clock, clock + timedelta(minutes=item["minutes"]))
            clock += timedelta(minutes=item["minutes"])
    for note in _rows(store, "SELECT agenda_item_id, created_at FROM notes"):
        starts, ends = blocks[note["agenda_item_id"]]
        assert starts <= datetime.fromisoformat(note["created_at"]) < ends


def test_speakers_attended_and_quotes_respect_consent(store, sample):
    rows = _rows(store, "SELECT n.kind, i.attended, i.may_quote FROM notes n "
                        "LEFT JOIN invitations i ON i.session_id = n.session_id "
                        "AND i.participant_id = n.speaker_participant_id "
                        "WHERE n.speaker_participant_id IS NOT NULL")
    assert rows and all(r["attended"] == 1 for r in rows)
    quotes = [r for r in rows if r["kind"] == "quote"]
    assert quotes and all(r["may_quote"] == 1 for r in quotes)


def test_themes_actions_and_evidence_are_linked(store, sample):
    themes = _rows(store, "SELECT t.*, s.status FROM themes t JOIN sessions s "
                          "ON s.id = t.session_id")
    done = {r["id"] for r in _rows(store, "SELECT id FROM sessions WHERE status = 'done'")}
    assert {t["session_id"] for t in themes} == done
    assert all(t["synthesis"] for t in themes)
    votes = _rows(store, "SELECT theme_id, count FROM theme_votes")
    assert votes and {v["theme_id"] for v in votes} <= {t["id"] for t in themes}
    titles = Counter(t["title"] for t in themes)
    assert titles["Trusting relationships enabled rapid change"] >= 1
    assert titles["Digital enhanced rather than replaced in-person support"] == 2  # recurs
    clustered = {r["theme_id"] for r in _rows(store, "SELECT theme_id FROM notes")}
    assert {t["id"] for t in themes} <= clustered  # no empty theme
    themed = _rows(store, "SELECT DISTINCT theme_id FROM theme_focus_areas")
    assert len(themed) == len(themes)
    actions = _rows(store, "SELECT a.*, (SELECT count(*) FROM action_themes x "
                           "WHERE x.action_id = a.id) AS links FROM actions a")
    assert all(a["links"] and a["owner"] and a["due"] for a in actions)
    assert {"open", "in-progress", "done"} <= {a["status"] for a in actions}
    evidence = _rows(store, "SELECT e.*, (SELECT count(*) FROM evidence_themes x "
                            "WHERE x.evidence_id = e.id) AS links FROM evidence e")
    assert all(e["links"] and e["citation"] for e in evidence)
    assert all(e["link"].startswith("https://example.org/") for e in evidence)


def test_themes_recur_across_sessions_with_votes_actions_and_evidence(store, sample):
    system, changes = sample
    found = list_recurring(store, system.id)
    assert len(changes.inserted["recurring_theme"]) == len(found) >= 3
    assert found[0].sessions >= 3 and all(r.sessions >= 2 for r in found)
    for r in found:  # one appearance per session, in date order, every one with notes
        assert len({a.session_id for a in r.timeline}) == len(r.timeline)
        assert [a.starts for a in r.timeline] == sorted(a.starts for a in r.timeline)
        assert all(a.notes for a in r.timeline)
    assert any(a.votes for r in found for a in r.timeline)
    linked = {t for r in found for t in r.theme.theme_ids}
    acted = {r["theme_id"] for r in _rows(store, "SELECT theme_id FROM action_themes")}
    cited = {r["theme_id"] for r in _rows(store, "SELECT theme_id FROM evidence_themes")}
    assert linked & acted and linked & cited
    today = datetime.now().astimezone().date().isoformat()
    overdue = _rows(store, "SELECT id FROM actions WHERE due < ? AND status IN "
                           "('open', 'in-progress')", today)
    assert overdue  # the festive break can move one due date to today, never both
    late = [a for a in sample_content().actions
            if a.due_day < 0 and a.status in ("open", "in-progress")]
    assert len(late) >= 2


def test_second_load_adds_nothing(store, sample):
    system, _ = sample
    before = _counts(store)
    again, changes = load_demo(store)
    assert again.id == system.id and not changes
    assert _counts(store) == before  # change_log included


def test_the_change_log_records_the_sample(store, sample):
    _, changes = sample
    logged = Counter(r["entity"] for r in _rows(
        store, "SELECT entity FROM change_log WHERE op = 'insert'"))
    for entity, ids in changes.inserted.items():
        assert logged[entity] == len(ids), entity
    for entity in ("system", "session", "participant", "invitation", "note", "note_tag",
                   "theme", "action", "action_theme", "evidence", "evidence_theme"):
        assert logged[entity], entity


def test_the_store_checks_sound_after_loading(store, sample):
    report = run_check(store)
    assert report.ok, report.lines()
    assert report.records["notes"] > 0


def test_another_learning_system_is_left_alone(store, system, session):
    before = {t: _rows(store, f"SELECT * FROM {t}") for t in ("learning_systems", "focus_areas",
                                                              "sessions")}
    sample_system, _ = load_demo(store)
    assert sample_system.id != system.id
    for table in ("focus_areas", "sessions"):
        mine = [dict(r) for r in _rows(store, f"SELECT * FROM {table} WHERE system_id = ?",
                                       system.id)]
        assert mine == [dict(r) for r in before[table]]
    kept = _rows(store, "SELECT * FROM learning_systems WHERE id = ?", system.id)
    assert [dict(r) for r in kept] == [dict(r) for r in before["learning_systems"]]
    # The other system can still be worked in, and a second load still adds nothing.
    create_session(store, system.id, "Follow-up", datetime(2026, 12, 9, 10, 0).astimezone())
    assert not load_demo(store)[1]


def test_a_failure_part_way_leaves_no_trace(store, monkeypatch):
    content = sample_content()
    bad = content.evidence[0].model_copy(update={"title": ""})
    broken = content.model_copy(update={"evidence": (*content.evidence, bad)})
    monkeypatch.setattr(demo, "sample_content", lambda: broken)
    before = _counts(store)
    with pytest.raises(InvalidInput):
        load_demo(store)
    assert _counts(store) == before


def test_loading_reports_each_step_and_stops_when_asked(store):
    heard: list[tuple[int, int, str]] = []
    load_demo(store, report=lambda done, total, text: heard.append((done, total, text)))
    total = heard[0][1]
    assert [h[0] for h in heard] == list(range(total))  # every step once, in order
    assert heard[-1][2] == "Saving"
    assert any("Sensemaking workshop 1" in text for _, _, text in heard)


def test_a_stopped_load_writes_nothing(store):
    class Stop(Exception):
        pass

    def stop_at_the_notes(done: int, total: int, text: str) -> None:
        if text.startswith("Writing the notes"):
            raise Stop

    before = _counts(store)
    with pytest.raises(Stop):
        load_demo(store, report=stop_at_the_notes)
    assert _counts(store) == before
    assert load_demo(store)[1]  # and it loads in full afterwards


def test_the_sample_is_data_in_the_resources():
    files = sorted(p.name for p in (resources_dir() / "sample").glob("*.json"))
    assert files == sorted(f"{name}.json" for name in demo.SAMPLE_FILES)
    assert sample_content().name == SAMPLE_NAME
    assert not (Path(demo.__file__).parent / "demo_content.py").exists()


def test_damaged_sample_files_are_refused_in_one_sentence(store, tmp_path, monkeypatch):
    (tmp_path / "sample").mkdir()
    for name in demo.SAMPLE_FILES:
        (tmp_path / "sample" / f"{name}.json").write_text("{}", encoding="utf-8")
    monkeypatch.setattr(demo, "resources_dir", lambda: tmp_path)
    demo.sample_content.cache_clear()
    try:
        with pytest.raises(CairnError, match="sample learning system's files are damaged") as err:
            load_demo(store)
        assert "\n" not in str(err.value)
    finally:
        demo.sample_content.cache_clear()


def test_content_keys_are_consistent():
    content = sample_content()
    theme_keys = [t.key for s in content.sessions for t in s.themes]
    assert len(theme_keys) == len(set(theme_keys))
    people = {p.key for p in content.people}
    assert len(people) == len(content.people)
    assert set(content.access_needs) <= people
    for spec in content.sessions:
        invited = [k.lstrip("-") for k in spec.invited]
        assert len(invited) == len(set(invited)) and set(invited) <= people, spec.title
    for note in (n for s in content.sessions for n in s.notes):
        assert not note.theme or note.theme in theme_keys
    for action in content.actions:
        assert 0 <= action.session < len(content.sessions)
        assert set(action.themes) <= set(theme_keys)
    for evidence in content.evidence:
        assert set(evidence.themes) <= set(theme_keys)
    session_of = {t.key: n for n, s in enumerate(content.sessions) for t in s.themes}
    recurring = [k for r in content.recurring for k in r.themes]
    assert len(recurring) == len(set(recurring)) and set(recurring) <= set(theme_keys)
    for r in content.recurring:
        assert len({session_of[k] for k in r.themes}) == len(r.themes) >= 2, r.title
