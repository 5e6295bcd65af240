"""The `cairn` command line, run as a real subprocess against a real data folder."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.config import STORE_FILENAME


def cairn(data_dir: Path, *args: str, env: dict[str, str] | None = None,
          stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app", "--data-dir", str(data_dir), *args],
        capture_output=True, text=True, input=stdin, timeout=60,
        env={**os.environ, **(env or {})},
    )


def ok_json(data_dir: Path, *args: str):
    done = cairn(data_dir, *args, "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def digest(data_dir: Path) -> str:
    conn_files = sorted(data_dir.glob(STORE_FILENAME + "*"))
    import sqlite3

    conn = sqlite3.connect(data_dir / STORE_FILENAME)
    dump = "\n".join(conn.iterdump())
    conn.close()
    assert conn_files
    return hashlib.sha256(dump.encode()).hexdigest()


def test_version():
    done = subprocess.run([sys.executable, "-m", "app", "--version"], capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0 and done.stdout.startswith("cairn ")


def test_plan_a_session_end_to_end(data_dir):
    system = ok_json(data_dir, "system", "create", "--name", "Highland learning system")
    assert set(system) >= {"id", "name"}
    areas = ok_json(data_dir, "focus-areas")
    assert [(a["key"], a["slug"]) for a in areas] == [
        (1, "community-led"), (2, "emerging-needs"), (3, "strategic-planning"),
        (4, "published-learning")]
    planned = ok_json(data_dir, "session", "create", "--title", "Workshop 1",
                      "--starts", "2026-12-08T10:00", "--minutes", "120", "--format", "hybrid")
    assert {k: planned[k] for k in ("title", "minutes", "format", "status", "system_id")} == {
        "title": "Workshop 1", "minutes": 120, "format": "hybrid", "status": "planned",
        "system_id": system["id"]}
    listed = ok_json(data_dir, "session", "list")
    assert [s["id"] for s in listed] == [planned["id"]]
    person = ok_json(data_dir, "participant", "add", planned["id"][:30], "--name", "Shona Madeup",
                     "--email", "shona@example.org", "--sector", "hscp", "--may-email")
    assert (person["may_name"], person["may_email"], person["may_quote"]) == (False, True, False)
    people = ok_json(data_dir, "participants", planned["id"])
    assert [(p["name"], p["sector"]) for p in people] == [("Shona Madeup", "hscp")]
    assert all("id" in p for p in people)


def test_json_goes_alone_on_stdout(data_dir):
    done = cairn(data_dir, "system", "list", "--json")
    assert done.returncode == 0 and json.loads(done.stdout) == []


@pytest.mark.parametrize("args, message", [
    (["session", "create", "--title", "X", "--starts", "08/12/2026"], "not a date and time"),
    (["session", "create", "--title", " ", "--starts", "2026-12-08T10:00"], "cannot be empty"),
    (["session", "create", "--title", "X", "--starts", "2026-12-08T10:00", "--minutes", "-4"],
     "at least 5"),
    (["session", "create", "--title", "X", "--starts", "2026-12-08T10:00", "--minutes", "99999"],
     "at most 720"),
    (["participant", "add", "nope", "--name", "X"], "no session"),
    (["session", "create", "--title", "X", "--starts", "9999-12-31T23:59"],
     "between the years 1900 and 2200"),
    (["session", "create", "--title", "X", "--starts", "1066-10-14T09:00"],
     "between the years 1900 and 2200"),
])
def test_bad_input_is_one_sentence_and_changes_nothing(data_dir, args, message):
    ok_json(data_dir, "system", "create", "--name", "Fife learning system")
    before = digest(data_dir)
    done = cairn(data_dir, *args)
    assert done.returncode == 1
    assert message in done.stderr and done.stderr.count("\n") == 1 and done.stdout == ""
    assert digest(data_dir) == before


@pytest.mark.parametrize("zone", ["America/New_York", "Pacific/Kiritimati"])
def test_the_last_date_there_is_is_refused_in_every_time_zone(data_dir, zone):
    ok_json(data_dir, "system", "create", "--name", "Fife learning system")
    before = digest(data_dir)
    done = cairn(data_dir, "session", "create", "--title", "X", "--starts", "9999-12-31T23:59",
                 env={"TZ": zone})
    assert done.returncode == 1
    assert done.stderr.startswith("cairn: ") and done.stderr.count("\n") == 1
    assert "Traceback" not in done.stderr and done.stdout == ""
    assert digest(data_dir) == before


def test_malformed_command_line_exits_2(data_dir):
    assert cairn(data_dir, "session", "create", "--title", "X").returncode == 2
    assert cairn(data_dir, "session", "create", "--title", "X", "--starts", "2026-12-08T10:00",
                 "--minutes", "ninety").returncode == 2


def test_session_needs_a_system_when_there_are_several(data_dir):
    ok_json(data_dir, "system", "create", "--name", "One")
    ok_json(data_dir, "system", "create", "--name", "Two")
    done = cairn(data_dir, "session", "create", "--title", "X", "--starts", "2026-12-08T10:00")
    assert done.returncode == 1 and "--system" in done.stderr


def test_data_dir_from_the_environment(tmp_path):
    folder = tmp_path / "from-env"
    done = subprocess.run([sys.executable, "-m", "app", "system", "create", "--name", "Env"],
                          capture_output=True, text=True, timeout=60,
                          env={**os.environ, "CAIRN_DATA_DIR": str(folder)})
    assert done.returncode == 0, done.stderr
    assert (folder / STORE_FILENAME).exists()


def test_unwritable_data_folder(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    done = cairn(blocker / "data", "system", "list")
    assert done.returncode == 1 and "cannot write to its data folder" in done.stderr


def test_newer_store_is_refused(data_dir):
    ok_json(data_dir, "system", "create", "--name", "Orkney learning system")
    import sqlite3

    conn = sqlite3.connect(data_dir / STORE_FILENAME)
    conn.execute("UPDATE alembic_version SET version_num = 'ffffffff'")
    conn.commit()
    conn.close()
    before = digest(data_dir)
    done = cairn(data_dir, "system", "list")
    assert done.returncode == 1 and "newer version of Cairn" in done.stderr
    assert digest(data_dir) == before


def test_check_reports_a_sound_store(data_dir):
    ok_json(data_dir, "system", "create", "--name", "Checked")
    report = ok_json(data_dir, "check")
    assert report["ok"] is True and report["integrity"] == ["ok"]
    assert report["pending_changes"] > 0
    assert "The store is sound." in cairn(data_dir, "check").stdout


def test_check_finds_broken_links(data_dir):
    ok_json(data_dir, "system", "create", "--name", "Broken")
    import sqlite3

    conn = sqlite3.connect(data_dir / STORE_FILENAME)
    conn.execute("PRAGMA foreign_keys=OFF")
    conn.execute("DELETE FROM learning_systems")
    conn.commit()
    conn.close()
    done = cairn(data_dir, "check")
    assert done.returncode == 1 and "broken links" in done.stdout


def test_check_finds_a_search_index_out_of_step(data_dir):
    ok_json(data_dir, "system", "create", "--name", "Indexed")
    session = ok_json(data_dir, "session", "create", "--title", "W", "--starts", "2026-12-08T10:00")
    done = cairn(data_dir, "capture", session["id"], stdin="Trust made the difference\n")
    assert done.returncode == 0, done.stderr
    import sqlite3

    conn = sqlite3.connect(data_dir / STORE_FILENAME)
    conn.execute("DROP TRIGGER note_search_after_update")
    conn.execute("UPDATE notes SET text = 'Something else entirely'")
    conn.commit()
    conn.close()
    report = cairn(data_dir, "check", "--json")
    assert report.returncode == 1 and json.loads(report.stdout)["search_index_ok"] is False


def test_without_a_command_the_desktop_app_opens(data_dir):
    done = cairn(data_dir, env={"QT_QPA_PLATFORM": "offscreen", "CAIRN_REPORT_SHOWN": "1"})
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("shown ")


def test_a_command_after_the_options_is_still_a_command(data_dir):
    done = cairn(data_dir, "--json", "system", "list")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == []
