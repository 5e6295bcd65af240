"""`cairn export pack|docx|html|csv|xlsx|json|qdpx|names`, run as real subprocesses on a
store of invented people with mixed consent: what is written (read back), the pre-flight list,
names only with --names and consent, one-sentence errors, and the store left as it was."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import datetime

import pytest
from pypdf import PdfReader

from tests.cli.test_capture_cli import store_dump
from tests.cli.test_themes_cli import cairn
from tests.services.exports import mixed_consent
from tests.services.exports.mixed_consent import EVERYONE, HAMISH, MORAG, PRIYA


@pytest.fixture
def world(store, tmp_path):
    return mixed_consent.build(store, tmp_path)


def _pdf_text(path) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(path.read_bytes())).pages)


def _ok(data_dir, *args: str):
    done = cairn(data_dir, *args)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    return done


def _refused(data_dir, *args: str, code: int = 1) -> str:
    done = cairn(data_dir, *args)
    assert done.returncode == code, (done.stdout, done.stderr)
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    if code == 1:
        assert len(lines) == 1 and lines[0].startswith("cairn: ") and lines[0].endswith(".")
    return done.stderr


def test_the_session_pack_names_nobody_without_names(data_dir, world, tmp_path):
    out = tmp_path / "island.pdf"
    done = _ok(data_dir, "export", "pack", world.first.id[:30], "--out", str(out))
    assert done.stdout.startswith(f"Wrote the summary pack to {out} (")
    text = _pdf_text(out)
    assert "Island workshop" in text
    for name in EVERYONE:
        assert name not in text, name
    reader = PdfReader(out)
    assert reader.metadata is not None and reader.metadata.title


def test_names_only_with_the_flag_and_only_those_who_consented(data_dir, world, tmp_path):
    out = tmp_path / "named.pdf"
    record = json.loads(_ok(data_dir, "export", "pack", world.first.id, "--out", str(out),
                            "--names", "--json").stdout)
    assert record["path"] == str(out) and record["format"] == "pdf"
    assert record["bytes"] == out.stat().st_size < 2_000_000
    assert record["names"] >= 1
    text = _pdf_text(out)
    assert MORAG in text and PRIYA not in text and HAMISH not in text


def test_the_learning_system_pack(data_dir, world, tmp_path):
    out = tmp_path / "system.pdf"
    _ok(data_dir, "export", "pack", "--system", world.system.id, "--out", str(out))
    text = _pdf_text(out)
    assert "Island workshop" in text and "Mainland workshop" in text
    assert "Trust comes first" in text


def test_sections_can_be_left_out(data_dir, world, tmp_path):
    full, short = tmp_path / "full.pdf", tmp_path / "short.pdf"
    _ok(data_dir, "export", "pack", world.first.id, "--out", str(full))
    _ok(data_dir, "export", "pack", world.first.id, "--out", str(short),
        "--leave-out", "evidence", "--no-charts")
    assert "Island larder case study" in _pdf_text(full)
    assert "Island larder case study" not in _pdf_text(short)


def test_the_preflight_list_of_names(data_dir, world):
    plain = json.loads(_ok(data_dir, "export", "names", world.first.id, "--json").stdout)
    assert all(set(r) == {"name", "where", "why"} for r in plain)
    assert not {r["name"] for r in plain} & set(EVERYONE)
    named = json.loads(_ok(data_dir, "export", "names", world.first.id, "--names",
                           "--json").stdout)
    names = {r["name"] for r in named}
    assert MORAG in names and not names & {PRIYA, HAMISH}
    assert all(r["where"] and r["why"] for r in named)
    table = _ok(data_dir, "export", "names", world.first.id, "--names").stdout
    assert table.splitlines()[0].split() == ["Name", "Where", "Why"]
    assert MORAG in table and PRIYA not in table


def test_the_preflight_list_of_a_data_export(data_dir, world, tmp_path):
    named = json.loads(_ok(data_dir, "export", "names", world.first.id, "--data", "json",
                           "--names", "--json").stdout)
    names = {r["name"] for r in named}
    assert MORAG in names and not names & {PRIYA, HAMISH}
    out = tmp_path / "session.json"
    _ok(data_dir, "export", "json", world.first.id, "--out", str(out), "--names")
    text = out.read_text(encoding="utf-8")
    assert all(name in text for name in names)
    assert json.loads(_ok(data_dir, "export", "names", world.first.id, "--data", "csv",
                          "--json").stdout) == []


def test_nobody_will_be_named_is_said_plainly(data_dir, store, tmp_path):
    from app.services.planning import sessions, systems

    system, _ = systems.create_system(store, "Quiet system")
    session, _ = sessions.create_session(store, system.id, "Quiet session",
                                         datetime(2026, 12, 8, 10).astimezone())
    done = _ok(data_dir, "export", "names", session.id)
    assert "Nobody will be named" in done.stdout


@pytest.mark.parametrize(("form", "suffix"), [("docx", ".docx"), ("html", ".html")])
def test_the_accessible_versions(data_dir, world, tmp_path, form, suffix):
    out = tmp_path / f"island{suffix}"
    _ok(data_dir, "export", form, world.first.id, "--out", str(out))
    data = out.read_bytes()
    if form == "docx":
        with zipfile.ZipFile(io.BytesIO(data)) as docx:
            body = docx.read("word/document.xml").decode("utf-8")
    else:
        body = data.decode("utf-8")
    assert "Island workshop" in body
    for name in EVERYONE:
        assert name not in body, name


@pytest.mark.parametrize("form", ["csv", "xlsx", "json", "qdpx"])
def test_the_data_forms(data_dir, world, tmp_path, form):
    out = tmp_path / f"island.{form}"
    record = json.loads(_ok(data_dir, "export", form, world.first.id, "--out", str(out),
                            "--json").stdout)
    assert record["path"] == str(out) and record["bytes"] == out.stat().st_size > 0
    if form in ("csv", "json"):
        text = out.read_text(encoding="utf-8-sig")
        assert "Ferries set the clinic times." in text
        for name in (PRIYA, HAMISH):
            assert name not in text, name


def test_a_csv_of_themes(data_dir, world, tmp_path):
    out = tmp_path / "themes.csv"
    _ok(data_dir, "export", "csv", world.first.id, "--out", str(out), "--table", "themes")
    assert "Trust came first" in out.read_text(encoding="utf-8-sig")


def test_errors_are_one_sentence_and_change_nothing(data_dir, world, tmp_path):
    before = store_dump(data_dir)
    gone = tmp_path / "gone" / "pack.pdf"
    assert "gone" in _refused(data_dir, "export", "pack", world.first.id, "--out", str(gone))
    assert not gone.parent.exists()
    _refused(data_dir, "export", "pack", "--out", str(tmp_path / "x.pdf"))
    _refused(data_dir, "export", "pack", world.first.id, "--system", world.system.id,
             "--out", str(tmp_path / "x.pdf"))
    _refused(data_dir, "export", "pack", "ffffffff", "--out", str(tmp_path / "x.pdf"))
    _refused(data_dir, "export", "csv", world.first.id, "--out", str(tmp_path / "x.csv"),
             "--table", "people", code=2)
    _refused(data_dir, "export", "pack", world.first.id, code=2)  # no --out
    assert list(tmp_path.glob("x.*")) == [] and list(tmp_path.glob(".*.tmp")) == []
    assert store_dump(data_dir) == before
