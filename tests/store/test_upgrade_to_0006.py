"""Revision 0006 on a store made at 0005 with logged themes, votes and evidence: the data stays,
the rewritten log still rebuilds the store (and keeps doing so once themes recur), and going
back down to 0005 works."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from alembic import command

from app.config import STORE_FILENAME
from app.services.core.check import run_check
from app.services.sensemaking import evidence, recurring
from app.services.sensemaking.board_undo import revert
from app.services.sensemaking.recurring_query import list_recurring
from app.services.sensemaking.theme_query import list_themes
from app.store import migrate
from app.store.engine import open_store

DEVICE = "0190aaaa-0000-7000-8000-0000000000de"
SYSTEM = "0190aaaa-0000-7000-8000-000000000001"
SESSIONS = ("0190aaaa-0000-7000-8000-000000000002", "0190aaaa-0000-7000-8000-000000000003")
THEMES = ("0190aaaa-0000-7000-8000-0000000000c1", "0190aaaa-0000-7000-8000-0000000000c2",
          "0190aaaa-0000-7000-8000-0000000000c3")
VOTE = "0190aaaa-0000-7000-8000-0000000000d1"
EVIDENCE = "0190aaaa-0000-7000-8000-0000000000e1"
BASELINE = "0190aaaa-0000-7000-8000-0000000000f0"
AT = "2025-01-01T09:30:00.000000Z"


def _entry(conn: sqlite3.Connection, n: int, entity: str, entity_id: str, op: str,
           value: object, field: str | None = None) -> None:
    conn.execute(
        "INSERT INTO change_log (id, op_id, at, device_id, author, entity, entity_id, op, "
        "field, value, exported) VALUES (?, ?, ?, ?, 'Isla', ?, ?, ?, ?, ?, 0)",
        (f"0190aaaa-0000-7000-8000-0000000001{n:02d}", BASELINE, AT, DEVICE, entity, entity_id,
         op, field, json.dumps(value, sort_keys=True, separators=(",", ":"))))


def _store_at_0005(path: Path) -> None:
    """Two sessions with themes (one voted), and evidence linked to a theme, as 0005 logs them;
    one theme retitled by a logged update."""
    command.upgrade(migrate.alembic_config(f"sqlite:///{path}"), "0005")
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO store_meta VALUES ('device_id', ?)", (DEVICE,))
    records: list[tuple[str, str, str, dict[str, object]]] = [
        ("learning_systems", "system", SYSTEM, {
            "id": SYSTEM, "name": "Island system", "purpose": "", "principles": "",
            "created_at": AT})]
    for n, session_id in enumerate(SESSIONS, start=1):
        records.append(("sessions", "session", session_id, {
            "id": session_id, "system_id": SYSTEM, "title": f"Workshop {n}",
            "kind": "sensemaking-workshop", "starts": f"2025-01-0{n + 1}T10:00:00.000000Z",
            "minutes": 90, "format": "online", "platform": "", "join_link": "",
            "location": "", "purpose": "", "facilitators": "", "status": "done"}))
    for theme_id, session_id, title, rank in (
            (THEMES[0], SESSIONS[0], "Ferries", "a0"), (THEMES[1], SESSIONS[0], "Trust", "a1"),
            (THEMES[2], SESSIONS[1], "Ferry timetables", "a0")):
        records.append(("themes", "theme", theme_id, {
            "id": theme_id, "system_id": SYSTEM, "session_id": session_id, "title": title,
            "synthesis": "", "rank": rank}))
    records.append(("theme_votes", "theme_vote", VOTE, {
        "id": VOTE, "theme_id": THEMES[0], "count": 4, "entered_by": "Isla",
        "device_id": DEVICE, "created_at": AT}))
    records.append(("evidence", "evidence", EVIDENCE, {
        "id": EVIDENCE, "system_id": SYSTEM, "kind": "case-study", "title": "Island ferries",
        "citation": "Ferry study, 2024", "link": "https://example.org/ferries", "summary": ""}))
    records.append(("evidence_themes", "evidence_theme", f"{EVIDENCE}:{THEMES[2]}", {
        "evidence_id": EVIDENCE, "theme_id": THEMES[2]}))
    for n, (table, entity, key, record) in enumerate(records):
        conn.execute(f"INSERT INTO {table} ({', '.join(record)}) "
                     f"VALUES ({', '.join('?' * len(record))})", list(record.values()))
        _entry(conn, n, entity, key, "insert", record)
    conn.execute("UPDATE themes SET title = 'Ferry crossings' WHERE id = ?", (THEMES[0],))
    _entry(conn, 20, "theme", THEMES[0], "update", "Ferry crossings", field="title")
    conn.commit()
    conn.close()


@pytest.fixture
def upgraded(data_dir):
    _store_at_0005(data_dir / STORE_FILENAME)
    store = open_store(data_dir)
    yield store
    store.close()


def test_the_data_stays_and_the_new_fields_are_empty(upgraded):
    assert migrate.current_revision(upgraded.path) == migrate.head_revision()
    assert [(t.title, t.votes, t.recurring_id) for t in list_themes(upgraded, SESSIONS[0])] == [
        ("Ferry crossings", 4, None), ("Trust", 0, None)]
    [found] = evidence.list_evidence(upgraded, SYSTEM)
    assert (found.title, found.theme_ids, found.file_name, found.file_sha256) == (
        "Island ferries", (THEMES[2],), "", "")
    assert list_recurring(upgraded, SYSTEM) == []
    conn = upgraded.raw()
    try:
        log = {(e, i): json.loads(v) for e, i, v in conn.execute(
            "SELECT entity, entity_id, value FROM change_log WHERE op = 'insert'")}
    finally:
        conn.close()
    assert log["theme", THEMES[0]]["recurring_id"] is None
    assert (log["evidence", EVIDENCE]["file_name"], log["evidence", EVIDENCE]["file_sha256"]) == (
        "", "")


def test_the_upgraded_store_replays_before_and_after_themes_recur(upgraded):
    report = run_check(upgraded, with_replay=True)
    assert report.ok, report.lines()
    linked, _ = recurring.link_themes(upgraded, [THEMES[0], THEMES[2]], title="Ferries")
    assert linked.recurring and linked.recurring.sessions == 2
    recurring.rename_recurring(upgraded, linked.recurring.id, "Getting to the mainland")
    report = run_check(upgraded, with_replay=True)
    assert report.ok, report.lines()
    deleted, _ = recurring.delete_recurring(upgraded, linked.recurring.id)
    revert(upgraded, deleted.undo)
    report = run_check(upgraded, with_replay=True)
    assert report.ok, report.lines()


def test_downgrade_to_0005_keeps_the_themes_and_evidence(upgraded):
    linked, _ = recurring.link_themes(upgraded, [THEMES[0], THEMES[2]])
    assert linked.recurring
    path = upgraded.path
    upgraded.close()
    command.downgrade(migrate.alembic_config(f"sqlite:///{path}"), "0005")
    conn = sqlite3.connect(path)
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        theme_columns = [c[1] for c in conn.execute("PRAGMA table_info(themes)")]
        evidence_columns = [c[1] for c in conn.execute("PRAGMA table_info(evidence)")]
        titles = dict(conn.execute("SELECT id, title FROM themes"))
        linked_evidence = conn.execute(
            "SELECT evidence_id, theme_id FROM evidence_themes").fetchall()
        log = conn.execute("SELECT entity, op, field, value FROM change_log").fetchall()
    finally:
        conn.close()
    assert "recurring_themes" not in tables and "recurring_id" not in theme_columns
    assert "file_name" not in evidence_columns
    assert titles == {THEMES[0]: "Ferry crossings", THEMES[1]: "Trust",
                      THEMES[2]: "Ferry timetables"}
    assert linked_evidence == [(EVIDENCE, THEMES[2])]
    assert not any(e == "recurring_theme" or f == "recurring_id" for e, _, f, _ in log)
    assert all("recurring_id" not in json.loads(v) for e, op, _, v in log
               if e == "theme" and op == "insert")
