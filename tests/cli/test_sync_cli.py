"""`cairn sync`, `cairn conflicts` and `cairn conflict resolve` as real processes, and a sync
killed with SIGKILL while it applies what it received."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from app.models import NoteDraft
from app.services import capture
from app.services.planning import sessions, systems
from app.store.engine import open_store
from tests.cli.test_cli import cairn, ok_json
from tests.services.sync.laptops import records


@pytest.fixture
def folders(tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir()
    a, b = tmp_path / "orkney", tmp_path / "shetland"
    a.mkdir()
    b.mkdir()
    return a, b, shared


def test_sync_conflicts_and_resolve_from_the_command_line(folders):
    a, b, shared = folders
    ok_json(a, "system", "create", "--name", "Island learning system")
    session = ok_json(a, "session", "create", "--title", "Workshop",
                      "--starts", "2026-12-08T10:00:00+00:00")
    saved = cairn(a, "capture", session["id"], stdin="Buses stop at six\n")
    note_id = saved.stdout.split()[1]
    sent = ok_json(a, "sync", "--shared-dir", str(shared))
    assert sent["sent"] > 0 and sent["received"] == 0 and sent["set_aside"] == 0
    assert isinstance(sent["messages"], list)
    got = ok_json(b, "sync", "--shared-dir", str(shared))
    assert got["received"] == sent["sent"]
    assert cairn(a, "note", "edit", note_id[:8], "--text", "From Orkney").returncode == 0
    assert cairn(b, "note", "edit", note_id[:8], "--text", "From Shetland").returncode == 0
    for _ in range(2):
        for folder in (a, b):
            assert cairn(folder, "sync", "--shared-dir", str(shared)).returncode == 0
    listed = ok_json(b, "conflicts")
    assert len(listed) == 1 and {listed[0]["mine"], listed[0]["theirs"]} == {
        "From Orkney", "From Shetland"}
    table = cairn(b, "conflicts")
    assert listed[0]["id"][:8] in table.stdout and "From Orkney" in table.stdout
    done = cairn(b, "conflict", "resolve", listed[0]["id"][:8], "--keep", "both")
    assert done.returncode == 0, done.stderr
    assert ok_json(b, "conflicts") == []
    for folder in (b, a):
        ok_json(folder, "sync", "--shared-dir", str(shared))
    assert ok_json(a, "conflicts") == []
    notes = ok_json(a, "notes", session["id"])
    assert notes[0]["text"] == "From Shetland\n\nFrom Orkney"
    assert cairn(a, "check", "--replay").returncode == 0


def test_a_missing_shared_folder_is_one_sentence_and_exit_1(folders, tmp_path):
    a, _, _ = folders
    done = cairn(a, "sync", "--shared-dir", str(tmp_path / "unplugged"))
    assert done.returncode == 1
    assert done.stderr.startswith("cairn: The shared folder") and done.stderr.count("\n") == 1
    assert not (tmp_path / "unplugged").exists()


def test_the_mass_delete_guard_asks_and_yes_answers(folders):
    a, b, shared = folders
    store = open_store(a, author="Orkney facilitator")
    try:
        system, _ = systems.create_system(store, "Island learning system")
        session, _ = sessions.create_session(store, system.id, "Workshop",
                                             datetime(2026, 12, 8, 10).astimezone())
        notes, _ = capture.add_notes(store, session.id, [NoteDraft(f"Note {n}")
                                                         for n in range(30)])
        ok_json(a, "sync", "--shared-dir", str(shared))
        ok_json(b, "sync", "--shared-dir", str(shared))
        capture.delete_notes(store, [n.id for n in notes[:25]])
    finally:
        store.close()
    ok_json(a, "sync", "--shared-dir", str(shared))
    asked = cairn(b, "sync", "--shared-dir", str(shared))
    assert asked.returncode == 1 and "--yes" in asked.stderr
    assert "would delete 25 notes of the 30 here" in asked.stderr
    assert cairn(b, "sync", "--shared-dir", str(shared), "--yes").returncode == 0
    assert len(ok_json(b, "notes", session.id)) == 5


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
def test_a_sync_killed_while_applying_leaves_the_store_whole(folders):
    a, b, shared = folders
    store = open_store(a, author="Orkney facilitator", device_name="Orkney office")
    try:
        system, _ = systems.create_system(store, "Island learning system")
        session, _ = sessions.create_session(store, system.id, "Workshop",
                                             datetime(2026, 12, 8, 10).astimezone())
        for n in range(60):  # sixty operations
            capture.add_note(store, session.id, f"Note {n}", tags=[f"tag-{n % 5}"])
    finally:
        store.close()
    ok_json(a, "sync", "--shared-dir", str(shared))
    process = subprocess.Popen(
        [sys.executable, "-m", "app", "--data-dir", str(b), "sync", "--shared-dir",
         str(shared)], stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True,
        env={**os.environ, "CAIRN_SYNC_PAUSE_AFTER": "25"})
    try:
        assert process.stderr is not None
        line = process.stderr.readline()  # waits for the state: 25 operations applied
        assert "paused after 25 operations" in line
    finally:
        process.kill()
        process.wait()
    check = cairn(b, "check", "--replay")
    assert check.returncode == 0, check.stdout
    partial = ok_json(b, "notes", session.id)
    assert 0 < len(partial) < 60
    again = ok_json(b, "sync", "--shared-dir", str(shared))
    assert again["received"] > 0
    assert len(ok_json(b, "notes", session.id)) == 60
    assert cairn(b, "check", "--replay").returncode == 0
    first, second = (open_store(Path(f)) for f in (a, b))
    try:
        assert records(first) == records(second)
    finally:
        first.close()
        second.close()
