"""`cairn` against damaged, empty, read-only and full stores, as real subprocesses: one sentence,
exit code 1, never a traceback, and the store file byte for byte as it was."""

from __future__ import annotations

import json
import sqlite3

import pytest

from app.config import STORE_FILENAME
from tests.cli.test_cli import cairn
from tests.store.fault_helpers import (
    corrupt_page,
    damage_header,
    digest,
    fill_disk,
    notes_leaf_page,
    notes_store,
    read_only_file,
    read_only_folder,
    small_disk,
)


def _one_sentence_on_stderr(done) -> str:
    assert "Traceback" not in done.stderr + done.stdout
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("cairn: "), done.stderr
    return lines[0].removeprefix("cairn: ")


@pytest.fixture
def damaged(data_dir):
    path = notes_store(data_dir)
    corrupt_page(path, notes_leaf_page(path))
    return path


def test_check_reports_a_corrupt_page_in_one_sentence(damaged, data_dir):
    done = cairn(data_dir, "check")
    assert done.returncode == 1 and done.stderr == ""
    last = done.stdout.splitlines()[-1]
    assert last.startswith(f"The store {damaged} is damaged (") and "will not save" in last
    assert "restore cairn.sqlite from your own backup" in last
    assert done.stdout.startswith("Integrity: ") and "Traceback" not in done.stdout
    report = json.loads(cairn(data_dir, "check", "--replay", "--json").stdout)
    assert not report["ok"] and report["damage"] == last
    assert report["records"]["learning_systems"] == 1


def test_check_on_a_damaged_header_is_one_sentence(data_dir):
    path = notes_store(data_dir)
    damage_header(path)
    before = digest(path)
    done = cairn(data_dir, "check")
    assert done.returncode == 1
    sentence = _one_sentence_on_stderr(done)
    assert sentence.startswith(f"{path} is damaged or is not a Cairn store (file is not a "
                               "database); nothing was changed.")
    assert digest(path) == before


def test_every_writing_command_is_refused_on_a_damaged_store(damaged, data_dir):
    sessions = cairn(data_dir, "session", "list", "--json")
    assert sessions.returncode == 0  # reading still works where SQLite can
    session_id = json.loads(sessions.stdout)[0]["id"]
    before = digest(damaged)
    for args, stdin in [(("system", "create", "--name", "Another"), None),
                        (("demo",), None),
                        (("session", "create", "--title", "Workshop 2", "--starts",
                          "2026-12-09T10:00"), None),
                        (("capture", session_id), "A note typed into a damaged store\n")]:
        done = cairn(data_dir, *args, stdin=stdin)
        assert done.returncode == 1, args
        assert "Traceback" not in done.stderr
        assert "is damaged (" in done.stderr and "will not save changes" in done.stderr, args
        assert digest(damaged) == before
    assert not (data_dir / "backups").exists()


def test_an_empty_store_file_is_refused_by_every_command(data_dir):
    path = data_dir / STORE_FILENAME
    path.write_bytes(b"")
    for args in (("system", "list"), ("check",)):
        done = cairn(data_dir, *args)
        assert done.returncode == 1
        assert _one_sentence_on_stderr(done).startswith(f"The store {path} is an empty file")
    assert path.read_bytes() == b""


def test_check_says_a_read_only_store_is_read_only_and_writes_say_so(data_dir):
    path = notes_store(data_dir)
    with read_only_file(path):
        done = cairn(data_dir, "check")
        assert done.returncode == 0, done.stdout + done.stderr
        assert "Search index: not checked (the store is read-only)" in done.stdout
        assert "The store is read-only: Cairn can read it but will not save changes." \
            in done.stdout
        assert "out of step" not in done.stdout and "damaged" not in done.stdout
        created = cairn(data_dir, "system", "create", "--name", "Not written")
        assert created.returncode == 1
        assert _one_sentence_on_stderr(created) == (
            f"The store {path} is read-only, so Cairn will not save changes to it.")


def test_a_read_only_data_folder_is_read_and_writes_say_so(data_dir):
    notes_store(data_dir)
    with read_only_folder(data_dir):
        assert cairn(data_dir, "check").returncode == 0
        created = cairn(data_dir, "system", "create", "--name", "Not written")
        assert _one_sentence_on_stderr(created) == (
            f"Cairn's data folder {data_dir} is read-only, so Cairn will not save changes to "
            "it.")


def test_a_failed_upgrade_is_one_sentence(data_dir):
    from alembic import command

    from app.store import migrate

    path = data_dir / STORE_FILENAME
    command.upgrade(migrate.alembic_config(f"sqlite:///{path}"), "0003")
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO learning_systems VALUES ('01900000-0000-7000-8000-000000000001', "
                 "'Island system', '', '', 'last Tuesday')")
    conn.commit()
    conn.close()
    for _ in range(2):
        done = cairn(data_dir, "system", "list")
        assert done.returncode == 1
        assert _one_sentence_on_stderr(done).startswith(
            "This version of Cairn could not upgrade the store from revision 0003 (Invalid "
            "isoformat string: 'last Tuesday'), and left it as it was; the copy taken before "
            "the upgrade is ")
    assert len(list((data_dir / "backups").glob("*.sqlite"))) == 1


def test_a_write_on_a_full_disk_says_the_disk_is_full(tmp_path):
    with small_disk(tmp_path / "disk") as disk:
        folder = disk / "data"
        path = notes_store(folder)
        fill_disk(disk, leave=64 << 10)  # room to open the store, not to load the sample
        before = digest(path)
        done = cairn(folder, "demo")
        assert done.returncode == 1
        assert _one_sentence_on_stderr(done).startswith(
            "The disk is full: the change was not saved. Free some space on the disk")
        assert "damaged" not in done.stderr
        assert digest(path) == before
