"""`cairn check [--replay]` as a real subprocess against a real data folder."""

from __future__ import annotations

import json
import sqlite3

from app.config import STORE_FILENAME
from tests.cli.test_cli import cairn, ok_json


def _tamper(data_dir, sql: str) -> None:
    conn = sqlite3.connect(data_dir / STORE_FILENAME)
    conn.execute(sql)
    conn.commit()
    conn.close()


def test_check_replays_the_sample_from_its_log(data_dir):
    ok_json(data_dir, "demo")
    done = cairn(data_dir, "check", "--replay")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "the rebuilt copy equals the store" in done.stdout
    assert done.stdout.rstrip().endswith("The store is sound.")
    report = ok_json(data_dir, "check", "--replay")
    assert report["ok"] and report["replay"]["ok"]
    assert report["replay"]["entries"] == report["replay"]["records_compared"] > 500
    assert report["replay"]["operations"] == 1 and report["replay"]["differences"] == []


def test_check_without_replay_reports_no_replay(data_dir):
    ok_json(data_dir, "system", "create", "--name", "Highland learning system")
    report = ok_json(data_dir, "check")
    assert report["ok"] and report["replay"] is None
    assert report["pending_changes"] == 5  # the system and its four focus areas


def test_a_change_made_behind_the_log_is_printed_and_fails_the_check(data_dir):
    system = ok_json(data_dir, "system", "create", "--name", "Highland learning system")
    _tamper(data_dir, "UPDATE learning_systems SET name = 'Renamed behind the log'")
    done = cairn(data_dir, "check", "--replay")
    assert done.returncode == 1
    assert (f"system {system['id']}: field name is 'Renamed behind the log' in the store and "
            "'Highland learning system' from the log.") in done.stdout
    assert "The store has problems" in done.stdout
    report = json.loads(cairn(data_dir, "check", "--replay", "--json").stdout)
    assert not report["ok"] and report["replay"]["difference_count"] == 1
    assert report["replay"]["differences"][0].startswith(f"system {system['id']}: field name")
