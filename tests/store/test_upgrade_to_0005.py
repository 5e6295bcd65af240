"""Revision 0005 on a store made at 0004 with voted themes: each counter becomes one vote
record, the column goes, and the rewritten log still rebuilds the store."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from alembic import command

from app.config import STORE_FILENAME
from app.services.core.check import run_check
from app.services.sensemaking import votes
from app.services.sensemaking.theme_query import list_themes
from app.store import migrate
from app.store.engine import open_store

DEVICE = "0190aaaa-0000-7000-8000-0000000000de"
SYSTEM = "0190aaaa-0000-7000-8000-000000000001"
SESSION = "0190aaaa-0000-7000-8000-000000000002"
VOTED, UNVOTED = "0190aaaa-0000-7000-8000-0000000000c1", "0190aaaa-0000-7000-8000-0000000000c2"
BASELINE = "0190aaaa-0000-7000-8000-0000000000f0"


def _entry(conn: sqlite3.Connection, n: int, entity: str, entity_id: str, op: str,
           value: object, field: str | None = None) -> None:
    conn.execute(
        "INSERT INTO change_log (id, op_id, at, device_id, author, entity, entity_id, op, "
        "field, value, exported) VALUES (?, ?, '2025-01-01T09:30:00.000000Z', ?, 'Isla', ?, ?, "
        "?, ?, ?, 0)",
        (f"0190aaaa-0000-7000-8000-0000000001{n:02d}", BASELINE, DEVICE, entity, entity_id, op,
         field, json.dumps(value, sort_keys=True, separators=(",", ":"))))


def _store_at_0004(path: Path) -> None:
    """Two themes of a session, one voted 5 (inserted with 2, then updated), as 0004 logs them."""
    command.upgrade(migrate.alembic_config(f"sqlite:///{path}"), "0004")
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO store_meta VALUES ('device_id', ?)", (DEVICE,))
    system = {"id": SYSTEM, "name": "Island system", "purpose": "", "principles": "",
              "created_at": "2025-01-01T09:30:00.000000Z"}
    session = {"id": SESSION, "system_id": SYSTEM, "title": "Workshop",
               "kind": "sensemaking-workshop", "starts": "2025-01-02T10:00:00.000000Z",
               "minutes": 90, "format": "online", "platform": "", "join_link": "",
               "location": "", "purpose": "", "facilitators": "", "status": "done"}
    records = [("learning_systems", "system", system), ("sessions", "session", session)]
    for theme_id, title, rank in ((VOTED, "Trust", "a0"), (UNVOTED, "Transport", "a1")):
        records.append(("themes", "theme", {
            "id": theme_id, "system_id": SYSTEM, "session_id": SESSION, "title": title,
            "synthesis": "", "votes": 2 if theme_id == VOTED else 0, "rank": rank}))
    for n, (table, entity, record) in enumerate(records):
        conn.execute(f"INSERT INTO {table} ({', '.join(record)}) "
                     f"VALUES ({', '.join('?' * len(record))})", list(record.values()))
        _entry(conn, n, entity, str(record["id"]), "insert", record)
    conn.execute("UPDATE themes SET votes = 5 WHERE id = ?", (VOTED,))
    _entry(conn, 9, "theme", VOTED, "update", 5, field="votes")
    conn.commit()
    conn.close()


@pytest.fixture
def upgraded(data_dir):
    _store_at_0004(data_dir / STORE_FILENAME)
    store = open_store(data_dir)
    yield store
    store.close()


def test_each_counter_becomes_one_vote_record(upgraded):
    assert migrate.current_revision(upgraded.path) == migrate.head_revision()
    assert [(t.title, t.votes) for t in list_themes(upgraded, SESSION)] == [
        ("Trust", 5), ("Transport", 0)]
    [vote] = votes.list_votes(upgraded, VOTED)
    assert (vote.count, vote.entered_by, vote.device_id) == (5, "(upgrade to 0005)", DEVICE)
    conn = upgraded.raw()
    try:
        columns = [c[1] for c in conn.execute("PRAGMA table_info(themes)")]
        log = conn.execute("SELECT entity, op, field, value FROM change_log ORDER BY seq").fetchall()
    finally:
        conn.close()
    assert "votes" not in columns
    assert not any(field == "votes" for _, _, field, _ in log)
    assert all("votes" not in json.loads(v) for e, op, _, v in log if e == "theme")
    assert [(e, op) for e, op, _, _ in log][-1] == ("theme_vote", "insert")


def test_the_upgraded_store_replays_and_takes_new_votes(upgraded):
    assert run_check(upgraded, with_replay=True).ok
    votes.add_votes(upgraded, UNVOTED, 1)
    assert [t.title for t in list_themes(upgraded, SESSION, by_votes=True)] == [
        "Trust", "Transport"]
    report = run_check(upgraded, with_replay=True)
    assert report.ok, report.lines()


def test_downgrade_turns_the_records_back_into_counters(upgraded, data_dir):
    path = upgraded.path
    upgraded.close()
    command.downgrade(migrate.alembic_config(f"sqlite:///{path}"), "0004")
    conn = sqlite3.connect(path)
    try:
        assert dict(conn.execute("SELECT id, votes FROM themes")) == {VOTED: 5, UNVOTED: 0}
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    finally:
        conn.close()
    assert "theme_votes" not in tables
