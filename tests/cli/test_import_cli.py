"""`cairn import notes|participants`, run as real subprocesses: all or nothing, a dry run that
changes nothing, every problem by line on standard error, and JSON summaries."""

from __future__ import annotations

import json

import pytest
from openpyxl import Workbook

from tests.cli.test_capture_cli import cairn, ok_json, store_dump
from tests.sample_files import TEAMS_TRANSCRIPT

BAD_WALL = ("Note,Kind,Tags\nFine #trust,idea,\nBad kind,blocker,\nBad tag,,two#words\n"
            "/in ambiguous,,\nAlso fine,,ferry community-led\n")


@pytest.fixture
def session_id(data_dir) -> str:
    ok_json(data_dir, "system", "create", "--name", "Skye learning system")
    planned = ok_json(data_dir, "session", "create", "--title", "Workshop",
                      "--starts", "2026-12-08T10:00")
    ok_json(data_dir, "participant", "add", planned["id"], "--name", "Iona Fictional",
            "--email", "iona@example.org")
    return planned["id"]


def write(tmp_path, name: str, content: str):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return str(path)


def test_a_text_file_is_imported_with_its_shorthand(data_dir, session_id, tmp_path):
    path = write(tmp_path, "flipchart.txt", "@Iona Fictional: Ferries decide #community-led\n\n"
                                            "/barrier Broadband drops out #digital\n")
    done = cairn(data_dir, "import", "notes", session_id[:20], path)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "Imported 2 notes from flipchart.txt into 'Workshop'.\n"
    notes = {n["text"]: n for n in ok_json(data_dir, "notes", session_id)}
    ferries = notes["Ferries decide #community-led"]
    assert (ferries["speaker"], ferries["focus_areas"]) == ("Iona Fictional", ["community-led"])
    assert (notes["Broadband drops out #digital"]["kind"],
            notes["Broadband drops out #digital"]["tags"]) == ("barrier", ["digital"])


def test_json_summary_names_the_notes_imported(data_dir, session_id, tmp_path):
    path = write(tmp_path, "meeting.vtt", TEAMS_TRANSCRIPT)
    summary = ok_json(data_dir, "import", "notes", session_id, path)
    assert summary["imported"] == 2 and summary["problems"] == []
    stored = ok_json(data_dir, "notes", session_id)
    assert sorted(summary["ids"]) == sorted(n["id"] for n in stored)
    assert {n["speaker"] for n in stored} == {"Iona Fictional", "Housing officer"}


def test_an_excel_file_is_read_with_the_guessed_columns(data_dir, session_id, tmp_path):
    book = Workbook()
    book.active.append(["Who", "Comment", "Type"])
    book.active.append(["Housing officer", "Tenancies held", "enabler"])
    book.save(tmp_path / "wall.xlsx")
    done = cairn(data_dir, "import", "notes", session_id, str(tmp_path / "wall.xlsx"))
    assert done.returncode == 0, done.stderr
    [note] = ok_json(data_dir, "notes", session_id)
    assert (note["text"], note["kind"], note["speaker"]) == (
        "Tenancies held", "enabler", "Housing officer")


def test_a_dry_run_shows_what_and_every_problem_and_changes_nothing(data_dir, session_id,
                                                                    tmp_path):
    path = write(tmp_path, "wall.csv", BAD_WALL)
    before = store_dump(data_dir)
    done = cairn(data_dir, "import", "notes", session_id, path, "--dry-run")
    assert done.returncode == 1
    assert done.stdout.splitlines() == [
        "Would import 2 notes from wall.csv into 'Workshop':",
        "line 2: [idea] Fine #trust  (tags: #trust)",
        "line 6: [insight] Also fine  (tags: #community-led #ferry)"]
    errors = done.stderr.splitlines()
    assert errors[0] == "cairn: 3 notes in wall.csv need fixing; nothing was imported."
    assert [e[:8] for e in errors[1:]] == ["line 3: ", "line 4: ", "line 5: "]
    assert "'blocker' is not a kind of note" in errors[1]
    data = json.loads(cairn(data_dir, "import", "notes", session_id, path, "--dry-run",
                            "--json").stdout)
    assert data["would_import"] == 2 and len(data["records"]) == 2
    assert [p["line"] for p in data["problems"]] == [3, 4, 5]
    assert data["records"][1] == {"line": 6, "source": "row 6", "text": "Also fine",
                                  "kind": "insight", "speaker": None,
                                  "focus_areas": ["community-led"], "tags": ["ferry"]}
    assert store_dump(data_dir) == before


def test_a_file_with_a_problem_imports_nothing(data_dir, session_id, tmp_path):
    path = write(tmp_path, "wall.csv", BAD_WALL)
    before = store_dump(data_dir)
    done = cairn(data_dir, "import", "notes", session_id, path, "--json")
    assert done.returncode == 1
    assert json.loads(done.stdout)["imported"] == 0
    assert len(json.loads(done.stdout)["problems"]) == 3
    assert done.stderr.splitlines()[0].endswith("nothing was imported.")
    assert store_dump(data_dir) == before
    clean = write(tmp_path, "clean.txt", "Only good lines\n")
    assert cairn(data_dir, "import", "notes", session_id, clean, "--dry-run").returncode == 0
    assert store_dump(data_dir) == before


def test_participants_are_imported_all_or_nothing(data_dir, session_id, tmp_path):
    bad = write(tmp_path, "people.csv", "Name,Email,May name\nAilsa Fictional,ailsa@example.org,"
                                        "yes\n,nobody@example.org,\nBrodie Madeup,not-email,no\n")
    before = store_dump(data_dir)
    done = cairn(data_dir, "import", "participants", session_id, bad)
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.splitlines() == [
        "cairn: 2 participants in people.csv need fixing; nothing was imported.",
        "line 3: the name is missing.", "line 4: 'not-email' is not an email address."]
    assert store_dump(data_dir) == before
    good = write(tmp_path, "good.csv", "Name,Email,May name\nAilsa Fictional,ailsa@example.org,"
                                       "yes\nIona Fictional,IONA@example.org,no\n")
    dry = ok_json(data_dir, "import", "participants", session_id, good, "--dry-run")
    assert (dry["would_import"], dry["problems"]) == (1, [])
    assert (dry["records"][0]["name"], dry["records"][0]["step"]) == ("Ailsa Fictional", "add")
    assert store_dump(data_dir) == before
    done = cairn(data_dir, "import", "participants", session_id, good)
    assert done.stdout == ("Imported 1 participant from good.csv into 'Workshop'; 1 already "
                           "invited was left as they were.\n")
    people = {p["name"]: p for p in ok_json(data_dir, "participants", session_id)}
    assert set(people) == {"Ailsa Fictional", "Iona Fictional"}
    assert people["Ailsa Fictional"]["may_name"] is True


@pytest.mark.parametrize("args, code, message", [
    (["import", "notes", "{session}", "missing.txt"], 1, "was not found"),
    (["import", "notes", "{session}", "minutes.docx"], 1, "not a file Cairn can import"),
    (["import", "participants", "{session}", "missing.csv"], 1, "was not found"),
    (["import", "notes", "0190aaaa", "x.txt"], 1, "no session"),
    (["import", "notes", "{session}"], 2, "required"),
    (["import", "people", "{session}", "x.csv"], 2, "invalid choice"),
])
def test_errors_are_one_sentence_and_change_nothing(data_dir, session_id, args, code, message):
    before = store_dump(data_dir)
    done = cairn(data_dir, *[a.format(session=session_id) for a in args])
    assert done.returncode == code and message in done.stderr and done.stdout == ""
    if code == 1:
        assert done.stderr.count("\n") == 1
    assert store_dump(data_dir) == before
