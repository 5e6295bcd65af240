"""`cairn recurring`, `cairn theme link|unlink`, run as real subprocesses."""

from __future__ import annotations

import json

import pytest

from tests.cli.test_capture_cli import store_dump
from tests.cli.test_themes_cli import FIELDS, cairn, ok_json


@pytest.fixture
def workshops(data_dir) -> list[dict[str, str]]:
    """Three sessions a week apart (made out of date order), each with a ferry theme of as many
    notes as its number, and a second theme."""
    ok_json(data_dir, "system", "create", "--name", "Skye learning system")
    made: dict[int, dict[str, str]] = {}
    for n in (2, 1, 3):
        session = ok_json(data_dir, "session", "create", "--title", f"Workshop {n}",
                          "--starts", f"2026-12-{1 + 7 * n:02d}T10:00")["id"]
        done = cairn(data_dir, "capture", session, "--json",
                     stdin="".join(f"Ferry note {k}\n" for k in range(n)))
        assert done.returncode == 0, done.stderr
        notes = [json.loads(line)["id"] for line in done.stdout.splitlines()]
        args = [a for note in notes for a in ("--note", note)]
        ferry = ok_json(data_dir, "theme", "create", session, "--title", f"Ferries {n}", *args)
        other = ok_json(data_dir, "theme", "create", session, "--title", f"Other {n}")
        ok_json(data_dir, "theme", "vote", ferry["id"], "--add", str(n))
        made[n] = {"session": session, "ferry": ferry["id"], "other": other["id"]}
    return [made[1], made[2], made[3]]


def test_link_themes_and_list_the_timeline(data_dir, workshops):
    w1, w2, w3 = workshops
    linked = ok_json(data_dir, "theme", "link", w3["ferry"][:12], w1["ferry"], w2["ferry"],
                     "--title", "Getting to the mainland")
    assert linked["title"] == "Getting to the mainland" and linked["sessions"] == 3
    assert linked["theme_ids"] == [w1["ferry"], w2["ferry"], w3["ferry"]]
    [listed] = ok_json(data_dir, "recurring")
    assert listed == linked
    assert [(t["session_title"], t["title"], t["notes"], t["votes"])
            for t in listed["timeline"]] == [
        ("Workshop 1", "Ferries 1", 1, 1), ("Workshop 2", "Ferries 2", 2, 2),
        ("Workshop 3", "Ferries 3", 3, 3)]
    assert listed["timeline"][0]["starts"] < listed["timeline"][2]["starts"]
    text = cairn(data_dir, "recurring")
    assert text.returncode == 0
    assert "Getting to the mainland" in text.stdout and "3 sessions" in text.stdout
    assert text.stdout.index("Workshop 1") < text.stdout.index("Workshop 3")
    themes = ok_json(data_dir, "themes", w1["session"])
    assert set(themes[0]) >= FIELDS
    assert [t["recurring_id"] for t in themes] == [linked["id"], None]


def test_unlink_a_theme(data_dir, workshops):
    w1, w2, w3 = workshops
    linked = ok_json(data_dir, "theme", "link", w1["ferry"], w2["ferry"], w3["ferry"])
    assert linked["title"] == "Ferries 1"
    left = ok_json(data_dir, "theme", "unlink", w2["ferry"])
    assert left["id"] == linked["id"] and left["theme_ids"] == [w1["ferry"], w3["ferry"]]
    done = cairn(data_dir, "theme", "unlink", w2["ferry"])
    assert done.returncode == 1 and "not linked" in done.stderr
    assert done.stderr.count("\n") == 1


def test_refusals_are_one_sentence_and_change_nothing(data_dir, workshops):
    w1, w2, _ = workshops
    before = store_dump(data_dir)
    for args, words in [((w1["ferry"], w1["other"]), "both themes of 'Workshop 1'"),
                        ((w1["ferry"],), "at least two sessions"),
                        ((w1["ferry"], "nosuchtheme"), "no theme")]:
        done = cairn(data_dir, "theme", "link", *args)
        assert done.returncode == 1, done.stdout
        assert words in done.stderr and done.stderr.count("\n") == 1
        assert done.stdout == ""
    assert store_dump(data_dir) == before
    assert ok_json(data_dir, "recurring") == []
    assert "No recurring themes" in cairn(data_dir, "recurring").stdout
    done = cairn(data_dir, "theme", "link")
    assert done.returncode == 2
    linked = ok_json(data_dir, "theme", "link", w1["ferry"], w2["ferry"])
    assert linked["sessions"] == 2


def test_the_sample_shows_themes_recurring_across_sessions(data_dir):
    assert cairn(data_dir, "demo").returncode == 0
    found = ok_json(data_dir, "recurring")
    assert found[0]["sessions"] >= 3 and all(r["sessions"] >= 2 for r in found[1:])
    assert any(t["votes"] for r in found for t in r["timeline"])
    text = cairn(data_dir, "recurring").stdout
    assert found[0]["title"] in text and "3 sessions" in text
