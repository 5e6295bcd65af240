"""`cairn actions`, `cairn evidence list|import` and `cairn coverage`, run as real
subprocesses: text and JSON, a dry run that changes nothing, a refused file that changes
nothing and says why in one sentence."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.test_capture_cli import cairn, ok_json, store_dump

FILES = Path(__file__).resolve().parent.parent / "fixtures" / "ris"


@pytest.fixture
def system_id(data_dir) -> str:
    return ok_json(data_dir, "system", "create", "--name", "Skye learning system")["id"]


def test_a_dry_run_then_an_import_of_a_ris_file(data_dir, system_id):
    before = store_dump(data_dir)
    dry = cairn(data_dir, "evidence", "import", str(FILES / "zotero.ris"), "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert dry.stdout.startswith("Would import 2 references into 'Skye learning system'.\n")
    assert "  line 1: Insight from a publication: Trust and the speed" in dry.stdout
    assert store_dump(data_dir) == before
    done = ok_json(data_dir, "evidence", "import", str(FILES / "zotero.ris"),
                   "--system", system_id)
    assert [e["title"][:5] for e in done["imported"]] == ["Trust", "What "]
    listed = ok_json(data_dir, "evidence", "list")
    assert {e["link"] for e in listed} == {"https://doi.org/10.5555/jicp.2021.0042",
                                          "https://example.org/reports/community-first"}
    assert set(listed[0]) >= {"id", "kind", "title", "citation", "link", "summary", "theme_ids"}
    again = cairn(data_dir, "evidence", "import", str(FILES / "zotero.ris"))
    assert again.stdout.startswith("Imported 0 references")
    assert "Left out 2 already in the learning system" in again.stdout


def test_a_broken_ris_file_is_refused_in_one_sentence_and_changes_nothing(data_dir, system_id):
    before = store_dump(data_dir)
    done = cairn(data_dir, "evidence", "import", str(FILES / "broken.ris"))
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr == ("cairn: broken.ris, line 5: the reference has no title (TI or T1) "
                           "(and 1 other problem); nothing was imported.\n")
    assert store_dump(data_dir) == before


def test_actions_evidence_and_coverage_of_the_sample(data_dir):
    assert cairn(data_dir, "demo").returncode == 0
    found = ok_json(data_dir, "actions")
    assert found and set(found[0]) >= {"id", "what", "owner", "due", "status", "overdue",
                                       "theme_ids"}
    overdue = [a["overdue"] for a in found]
    assert overdue == sorted(overdue, reverse=True)  # overdue ones first
    text = cairn(data_dir, "actions")
    assert text.returncode == 0 and text.stdout.startswith("Due")
    assert len(ok_json(data_dir, "evidence", "list")) >= 5
    covered = ok_json(data_dir, "coverage")
    assert {a["slug"] for a in covered["focus_areas"]} >= {"community-led", "emerging-needs"}
    assert sum(x["notes"] for x in covered["sessions"]) == sum(covered["kinds"].values())
    heard = covered["heard"]["by_sector"]
    assert sum(r["contributions"] for r in heard) > 0
    assert "name" not in heard[0]
    shown = cairn(data_dir, "coverage")
    assert shown.returncode == 0
    assert "Who was heard, by sector" in shown.stdout and "community-led" in shown.stdout


def test_commands_without_a_learning_system_say_so(data_dir):
    done = cairn(data_dir, "coverage")
    assert done.returncode == 1 and done.stderr.count("\n") == 1
