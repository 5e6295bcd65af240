"""`cairn themes`, `cairn theme create|move|vote`, run as real subprocesses."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.test_capture_cli import store_dump

FIELDS = {"id", "session_id", "title", "synthesis", "focus_areas", "votes", "note_ids"}


def cairn(data_dir: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "app", "--data-dir", str(data_dir), *args],
                          capture_output=True, text=True, encoding="utf-8", input=stdin,
                          timeout=60)


def ok_json(data_dir: Path, *args: str):
    done = cairn(data_dir, *args, "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.fixture
def board(data_dir) -> tuple[str, list[str]]:
    """A session with three notes, none in a theme."""
    ok_json(data_dir, "system", "create", "--name", "Skye learning system")
    session = ok_json(data_dir, "session", "create", "--title", "Workshop",
                      "--starts", "2026-12-08T10:00")["id"]
    done = cairn(data_dir, "capture", session, "--json",
                 stdin="Ferries cut people off #community-led\nTrust came first\nTablets helped\n")
    assert done.returncode == 0, done.stderr
    return session, [json.loads(line)["id"] for line in done.stdout.splitlines()]


def test_create_a_theme_from_notes_and_list_it(data_dir, board):
    session, notes = board
    created = ok_json(data_dir, "theme", "create", session[:8], "--title", "Getting there",
                      "--note", notes[0], "--note", notes[1][:20])
    assert set(created) >= FIELDS
    assert (created["title"], created["note_ids"], created["votes"]) == (
        "Getting there", notes[:2], 0)
    [listed] = ok_json(data_dir, "themes", session)
    assert listed == created
    text = cairn(data_dir, "themes", session)
    assert text.returncode == 0 and "Getting there" in text.stdout
    by_note = {n["id"]: n["theme_id"] for n in ok_json(data_dir, "notes", session)}
    assert by_note == {notes[0]: created["id"], notes[1]: created["id"], notes[2]: None}


def test_move_notes_between_themes_and_to_the_tray(data_dir, board):
    session, notes = board
    first = ok_json(data_dir, "theme", "create", session, "--title", "First", "--note", notes[0])
    second = ok_json(data_dir, "theme", "create", session, "--title", "Second")
    moved = ok_json(data_dir, "theme", "move", notes[0], notes[2], "--to", second["id"][:24])
    assert [(n["id"], n["theme_id"]) for n in moved] == [
        (notes[0], second["id"]), (notes[2], second["id"])]
    said = cairn(data_dir, "theme", "move", notes[2], "--to", "tray")
    assert said.returncode == 0 and said.stdout.strip() == "Moved 1 note to the tray."
    [back] = ok_json(data_dir, "theme", "move", notes[2], "--to", "TRAY")
    assert (back["id"], back["theme_id"]) == (notes[2], None)
    listed = {t["title"]: t["note_ids"] for t in ok_json(data_dir, "themes", session)}
    assert listed == {"First": [], "Second": [notes[0]]} and first["id"]


def test_votes_add_up_and_sort_the_themes(data_dir, board):
    session, _ = board
    a = ok_json(data_dir, "theme", "create", session, "--title", "A")
    b = ok_json(data_dir, "theme", "create", session, "--title", "B")
    ok_json(data_dir, "theme", "vote", a["id"], "--add", "2")
    ok_json(data_dir, "theme", "vote", b["id"], "--add", "4")
    assert ok_json(data_dir, "theme", "vote", b["id"], "--add", "-1")["votes"] == 3
    said = cairn(data_dir, "theme", "vote", a["id"], "--add", "1")
    assert said.stdout.strip() == "'A' now has 3 votes."
    ok_json(data_dir, "theme", "vote", b["id"], "--add", "1")
    ranked = ok_json(data_dir, "themes", session, "--by-votes")
    assert [(t["title"], t["votes"]) for t in ranked] == [("B", 4), ("A", 3)]
    assert cairn(data_dir, "check", "--replay").returncode == 0


def test_errors_are_one_sentence_and_change_nothing(data_dir, board):
    session, notes = board
    theme = ok_json(data_dir, "theme", "create", session, "--title", "A")
    before = store_dump(data_dir)
    for args, said in [
        (("theme", "vote", theme["id"], "--add", "-1"), "has 0 votes; 1 cannot be taken away"),
        (("theme", "vote", "ffff", "--add", "1"), "There is no theme with id ffff."),
        (("theme", "create", session, "--title", " "), "Title cannot be empty."),
        (("theme", "move", notes[0], "nope", "--to", theme["id"]), "There is no note"),
        (("theme", "create", session, "--title", "X", "--note", "0000"), "There is no note"),
    ]:
        done = cairn(data_dir, *args)
        assert done.returncode == 1, args
        assert said in done.stderr and done.stderr.count("\n") == 1 and not done.stdout
    assert store_dump(data_dir) == before
    assert cairn(data_dir, "theme", "vote", theme["id"]).returncode == 2  # --add is required
