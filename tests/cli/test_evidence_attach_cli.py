"""`cairn evidence attach|detach` and the attached file in `cairn evidence list`, as real
subprocesses: a refusal is one sentence on standard error, exit code 1, and changes nothing."""

from __future__ import annotations

import hashlib

from tests.cli.test_capture_cli import cairn, ok_json, store_dump
from tests.cli.test_evidence_cli import FILES


def _imported(data_dir) -> str:
    ok_json(data_dir, "system", "create", "--name", "Skye learning system")
    done = ok_json(data_dir, "evidence", "import", str(FILES / "zotero.ris"))
    return done["imported"][0]["id"]


def test_a_file_is_attached_listed_and_removed(data_dir, tmp_path):
    evidence_id = _imported(data_dir)
    report = tmp_path / "community-first.pdf"
    report.write_bytes(b"%PDF-1.4 a report on community-first care")
    attached = cairn(data_dir, "evidence", "attach", evidence_id[:20], str(report))
    assert attached.returncode == 0, attached.stderr
    assert attached.stdout.startswith("Attached community-first.pdf to 'Trust and the speed")
    listed = cairn(data_dir, "evidence", "list")
    assert listed.stdout.splitlines()[0].split()[-1] == "File"
    assert any(line.startswith(evidence_id) and line.endswith("community-first.pdf")
               for line in listed.stdout.splitlines())
    record = next(e for e in ok_json(data_dir, "evidence", "list") if e["id"] == evidence_id)
    assert record["file_name"] == "community-first.pdf"
    assert record["file_sha256"] == hashlib.sha256(report.read_bytes()).hexdigest()
    assert (data_dir / "attachments" / record["file_sha256"]).read_bytes() == report.read_bytes()
    detached = ok_json(data_dir, "evidence", "detach", evidence_id)
    assert (detached["file_name"], detached["file_sha256"]) == ("", "")
    assert (data_dir / "attachments" / record["file_sha256"]).exists()  # kept for undo
    replay = cairn(data_dir, "check", "--replay")
    assert replay.returncode == 0 and "the rebuilt copy equals the store" in replay.stdout


def test_a_missing_file_or_a_folder_is_refused_in_one_sentence(data_dir, tmp_path):
    evidence_id = _imported(data_dir)
    before = store_dump(data_dir)
    gone = cairn(data_dir, "evidence", "attach", evidence_id, str(tmp_path / "gone.pdf"))
    assert (gone.returncode, gone.stdout) == (1, "")
    assert gone.stderr == "cairn: gone.pdf was not found; nothing was attached.\n"
    folder = cairn(data_dir, "evidence", "attach", evidence_id, str(tmp_path))
    assert folder.stderr == f"cairn: {tmp_path.name} is a folder; attach a file.\n"
    nothing = cairn(data_dir, "evidence", "detach", evidence_id)
    assert nothing.returncode == 1
    assert nothing.stderr.endswith("has no attached file to remove.\n")
    assert store_dump(data_dir) == before
    assert not (data_dir / "attachments").exists() or not any(
        (data_dir / "attachments").iterdir())
