"""`cairn capture`, `cairn notes`, `cairn note edit|delete`, run as real subprocesses."""

from __future__ import annotations

import json
import os
import queue
import re
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from app.config import STORE_FILENAME

SAVED = re.compile(r"^saved ([0-9a-f-]{36})$")


def cairn(data_dir: Path, *args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([sys.executable, "-m", "app", "--data-dir", str(data_dir), *args],
                          capture_output=True, input=stdin, timeout=60)
    return subprocess.CompletedProcess(done.args, done.returncode,
                                       done.stdout.decode("utf-8"), done.stderr.decode("utf-8"))


def ok_json(data_dir: Path, *args: str):
    done = cairn(data_dir, *args, "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def store_dump(data_dir: Path) -> str:
    conn = sqlite3.connect(data_dir / STORE_FILENAME)
    try:
        return "\n".join(conn.iterdump())
    finally:
        conn.close()


@pytest.fixture
def session_id(data_dir) -> str:
    ok_json(data_dir, "system", "create", "--name", "Skye learning system")
    planned = ok_json(data_dir, "session", "create", "--title", "Workshop",
                      "--starts", "2026-12-08T10:00")
    ok_json(data_dir, "participant", "add", planned["id"], "--name", "Iona Fictional")
    return planned["id"]


def test_lines_are_saved_and_reported_one_by_one_as_they_arrive(data_dir, session_id):
    proc = subprocess.Popen(
        [sys.executable, "-m", "app", "--data-dir", str(data_dir), "capture", session_id],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, bufsize=0,
        env={**os.environ})
    lines: queue.Queue[bytes] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(ln) for ln in proc.stdout], daemon=True).start()
    reported = []
    try:
        for text in ("First point #community-led", "@iona fictional: Second point #trust",
                     "/barrier Third point"):
            proc.stdin.write(text.encode() + b"\n")
            proc.stdin.flush()
            # The reply comes while stdin is still open: capture does not wait for the end.
            found = SAVED.match(lines.get(timeout=30).decode().strip())
            assert found, "capture did not report the saved note"
            reported.append(found.group(1))
            # Reported means committed: another connection already sees it.
            conn = sqlite3.connect(data_dir / STORE_FILENAME)
            assert conn.execute("SELECT count(*) FROM notes WHERE id = ?",
                                (found.group(1),)).fetchone() == (1,)
            conn.close()
        proc.stdin.close()
        assert proc.wait(timeout=30) == 0
    finally:
        proc.kill()
        proc.wait()
    notes = {n["id"]: n for n in ok_json(data_dir, "notes", session_id)}
    assert set(notes) == set(reported)
    first, second, third = (notes[i] for i in reported)
    assert first["focus_areas"] == ["community-led"] and first["text"] == "First point #community-led"
    assert (second["speaker"], second["tags"], second["text"]) == (
        "Iona Fictional", ["trust"], "Second point #trust")
    assert (third["kind"], third["text"]) == ("barrier", "Third point")


def test_bad_utf8_and_refused_lines_are_named_and_capture_goes_on(data_dir, session_id):
    feed = b"good one\n\n   \n\xff\xfe not text\n/in ambiguous\ngood two\n"
    done = cairn(data_dir, "capture", session_id, stdin=feed)
    assert done.returncode == 1
    assert len([ln for ln in done.stdout.splitlines() if SAVED.match(ln)]) == 2
    errors = done.stderr.splitlines()
    assert len(errors) == 2
    assert "line 4 is not valid UTF-8" in errors[0]
    assert "line 5 was not saved" in errors[1] and "insight or inequality" in errors[1]
    texts = [n["text"] for n in ok_json(data_dir, "notes", session_id)]
    assert sorted(texts) == ["good one", "good two"]


def test_nul_bytes_and_undecodable_lines_are_refused_one_by_one_and_never_saved(
        data_dir, session_id):
    feed = (b"good one\n"
            b"a NUL\x00inside\n"                         # line 2
            b"\x00\n"                                    # line 3: a NUL alone
            + "UTF-16 text".encode("utf-16-le") + b"\n"   # line 4: NULs between the letters
            + b"\xc3\x28 a broken sequence\n"           # line 5
            b"\xed\xa0\x80 a surrogate in UTF-8\n"      # line 6
            b"caf\xc3\xa9 is fine\n"
            b"no newline at the end\x00")                 # line 8
    done = cairn(data_dir, "capture", session_id, stdin=feed)
    assert done.returncode == 1
    assert len([ln for ln in done.stdout.splitlines() if SAVED.match(ln)]) == 2
    errors = done.stderr.splitlines()
    assert [re.match(r"cairn: line (\d+) ", e).group(1) for e in errors] == [
        "2", "3", "4", "5", "6", "8"]
    assert all(e.endswith("it was not saved.") for e in errors)
    assert "NUL" in errors[0] and "not valid UTF-8" in errors[3]
    assert sorted(n["text"] for n in ok_json(data_dir, "notes", session_id)) == [
        "café is fine", "good one"]
    conn = sqlite3.connect(data_dir / STORE_FILENAME)
    try:
        assert conn.execute("SELECT count(*) FROM notes WHERE instr(text, char(0)) > 0"
                            ).fetchone() == (0,)
        assert conn.execute("SELECT count(*) FROM change_log WHERE instr(value, char(0)) > 0"
                            ).fetchone() == (0,)
    finally:
        conn.close()


def test_capture_options_and_json_lines(data_dir, session_id):
    done = cairn(data_dir, "capture", session_id[:30], "--tag", "strategic-planning",
                 "--tag", "Winter", "--kind", "idea", "--json",
                 stdin=b"Pop-up clinic #rural\n/quote \"We felt heard\"\n")
    assert done.returncode == 0, done.stderr
    records = [json.loads(line) for line in done.stdout.splitlines()]
    assert [(r["kind"], r["focus_areas"], r["tags"]) for r in records] == [
        ("idea", ["strategic-planning"], ["rural", "winter"]),
        ("quote", ["strategic-planning"], ["winter"])]


def test_notes_json_has_the_contract_fields(data_dir, session_id):
    cairn(data_dir, "capture", session_id, stdin=b"@Housing officer: Tenancies held #trust\n")
    [note] = ok_json(data_dir, "notes", session_id)
    assert {"id", "session_id", "text", "kind", "speaker", "focus_areas", "tags", "theme_id",
            "created_at", "starred"} <= set(note)
    assert (note["session_id"], note["speaker"], note["tags"], note["theme_id"],
            note["starred"]) == (session_id, "Housing officer", ["trust"], None, False)
    table = cairn(data_dir, "notes", session_id)
    assert "Tenancies held" in table.stdout and "#trust" in table.stdout
    assert ok_json(data_dir, "notes", session_id, "--search", "tenan")[0]["id"] == note["id"]
    assert ok_json(data_dir, "notes", session_id, "--search", "nothing") == []


def test_edit_and_delete_a_note_by_prefix(data_dir, session_id):
    cairn(data_dir, "capture", session_id, stdin=b"Draft thought #digital\n")
    [note] = ok_json(data_dir, "notes", session_id)
    edited = ok_json(data_dir, "note", "edit", note["id"][:32], "--text", "Clear thought #equity",
                     "--tag", "community-led", "--untag", "digital", "--kind", "enab")
    assert (edited["text"], edited["kind"], edited["tags"], edited["focus_areas"]) == (
        "Clear thought #equity", "enabler", ["equity"], ["community-led"])
    done = cairn(data_dir, "note", "delete", note["id"])
    assert done.returncode == 0 and note["id"] in done.stdout
    assert ok_json(data_dir, "notes", session_id) == []


@pytest.mark.parametrize("args, message", [
    (["note", "edit", "0190aaaa", "--text", "x"], "no note"),
    (["note", "delete", "0190aaaa"], "no note"),
    # An id is matched literally: LIKE's wildcards name no note, never every one.
    (["note", "delete", "%"], "no note"),
    (["note", "delete", "{note4}_"], "no note"),
    (["note", "edit", "________", "--text", "x"], "no note"),
    (["capture", "%"], "no session"),
    (["note", "edit", "{note}", "--text", "  "], "cannot be empty"),
    (["capture", "0190aaaa"], "no session"),
    (["capture", "{session}", "--tag", "two words"], "not a tag"),
])
def test_errors_are_one_sentence_and_change_nothing(data_dir, session_id, args, message):
    cairn(data_dir, "capture", session_id, stdin=b"Existing note\n")
    [note] = ok_json(data_dir, "notes", session_id)
    args = [a.format(note=note["id"], note4=note["id"][:4], session=session_id) for a in args]
    before = store_dump(data_dir)
    done = cairn(data_dir, *args, stdin=b"would be a note\n")
    assert done.returncode == 1
    assert message in done.stderr and done.stderr.count("\n") == 1 and done.stdout == ""
    assert store_dump(data_dir) == before


def test_an_unknown_kind_is_a_malformed_command_line(data_dir, session_id):
    assert cairn(data_dir, "capture", session_id, "--kind", "gossip").returncode == 2


def test_lines_waiting_together_are_committed_together_and_each_reported(data_dir, session_id):
    feed = b"".join(f"Piped line {n} #trust\n".encode() for n in range(300)) + b"/in bad\n"
    done = cairn(data_dir, "capture", session_id, stdin=feed)
    assert done.returncode == 1
    saved = [SAVED.match(ln).group(1) for ln in done.stdout.splitlines()]
    assert len(saved) == 300 and done.stderr.startswith("cairn: line 301 was not saved")
    conn = sqlite3.connect(data_dir / STORE_FILENAME)
    try:
        stored = [r[0] for r in conn.execute("SELECT id FROM notes ORDER BY created_at, id")]
        # One unit of work logs its rows with one time: few units, not one per line.
        units = conn.execute("SELECT count(DISTINCT at) FROM change_log WHERE entity = 'note'"
                             ).fetchone()[0]
    finally:
        conn.close()
    assert stored == saved
    assert units <= 10


def test_control_characters_are_refused_but_a_tab_is_text(data_dir, session_id):
    feed = (b"a terminal escape \x1b[31mred\x1b[0m\n"   # line 1
            b"tab\tseparated is fine\n"
            b"a bell\x07 and a form feed\x0c\n"         # line 3
            + "C1 control \u0085 next line\n".encode())  # line 4
    done = cairn(data_dir, "capture", session_id, stdin=feed)
    assert done.returncode == 1
    errors = done.stderr.splitlines()
    assert [re.match(r"cairn: line (\d+) ", e).group(1) for e in errors] == ["1", "3", "4"]
    assert "control character (U+001B)" in errors[0] and "(U+0007)" in errors[1]
    assert "(U+0085)" in errors[2]
    assert [n["text"] for n in ok_json(data_dir, "notes", session_id)] == [
        "tab\tseparated is fine"]

