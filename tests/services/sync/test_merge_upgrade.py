"""Revision 0008 on a store made at 0006 (the sample loaded): every change gets a clock stamp
from its time, the log still rebuilds the store, the store syncs, and going back down works."""

from __future__ import annotations

import sqlite3

from alembic import command

from app.config import STORE_FILENAME
from app.services.demo import load_demo
from app.store import migrate
from app.store.engine import open_store
from tests.services.sync.laptops import assert_identical, assert_replays, laptop, sync


def test_upgrading_stamps_every_change_and_the_store_syncs(tmp_path):
    folder = tmp_path / "old"
    folder.mkdir()
    path = folder / STORE_FILENAME
    command.upgrade(migrate.alembic_config(f"sqlite:///{path}"), "0006")
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO store_meta VALUES ('device_id', "
                 "'0190aaaa-0000-7000-8000-0000000000de')")
    conn.execute(
        "INSERT INTO change_log (id, op_id, at, device_id, author, entity, entity_id, op, "
        "field, value, exported) VALUES ('0190aaaa-0000-7000-8000-000000000101', "
        "'0190aaaa-0000-7000-8000-0000000000f0', '2025-01-01T09:30:00.123456Z', "
        "'0190aaaa-0000-7000-8000-0000000000de', 'Isla', 'system', "
        "'0190aaaa-0000-7000-8000-000000000001', 'insert', NULL, ?, 0)",
        ('{"created_at":"2025-01-01T09:30:00.123456Z","id":"0190aaaa-0000-7000-8000-'
         '000000000001","name":"Island system","principles":"","purpose":""}',))
    conn.execute("INSERT INTO learning_systems VALUES ('0190aaaa-0000-7000-8000-000000000001', "
                 "'Island system', '', '', '2025-01-01T09:30:00.123456Z')")
    conn.commit()
    conn.close()
    store = open_store(folder)
    try:
        conn = sqlite3.connect(path)
        stamp, applied, base = conn.execute("SELECT hlc, applied, base FROM change_log").fetchone()
        conn.close()
        assert stamp == "2025-01-01T09:30:00.123Z-0000-0190aaaa-0000-7000-8000-0000000000de"
        assert applied == 1 and base is None
        load_demo(store)
        assert_replays(store)
        shared = tmp_path / "shared"
        shared.mkdir()
        other = laptop(tmp_path, "Skye")
        sync(store, shared)
        sync(other, shared)
        assert_identical([store, other])
        other.close()
    finally:
        store.close()
    command.downgrade(migrate.alembic_config(f"sqlite:///{path}"), "0006")
    conn = sqlite3.connect(path)
    names = [r[1] for r in conn.execute("PRAGMA table_info(change_log)")]
    assert "hlc" not in names and conn.execute(
        "SELECT count(*) FROM sqlite_master WHERE name = 'sync_conflicts'").fetchone()[0] == 0
    conn.close()
