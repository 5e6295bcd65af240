"""Files attached to evidence, on real files and folders: the copy kept with the store by its
SHA-256, once per content; refusals in one sentence that change nothing (a missing file, a
folder, a file too big, a read-only folder, a full disk); a copy gone from this laptop; detach
and its undo."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from app.models import CairnError, InvalidInput, NotFound
from app.services.sensemaking import attachments, evidence
from tests.store.fault_helpers import files_in, fill_disk, read_only_folder, small_disk

REPORT = b"%PDF-1.4\n" + b"Community transport on the islands, winter 2026.\n" * 200


@pytest.fixture
def piece(store, system):
    made, _ = evidence.create_evidence(store, system.id, "Neighbourhood care on the islands")
    return made


@pytest.fixture
def report(tmp_path: Path) -> Path:
    path = tmp_path / "islands-case-study.pdf"
    path.write_bytes(REPORT)
    return path


def test_a_file_is_copied_into_the_store_and_attached(store, piece, report):
    attached, changes = attachments.attach_file(store, piece.id, report)
    sha = hashlib.sha256(REPORT).hexdigest()
    assert (attached.file_name, attached.file_sha256) == ("islands-case-study.pdf", sha)
    assert changes.updated == {"evidence": frozenset({piece.id})}
    copy = attachments.attachments_folder(store) / sha
    assert copy.read_bytes() == REPORT and copy.parent == store.path.parent / "attachments"
    assert attachments.attached_path(store, piece.id) == copy
    assert evidence.get_evidence(store, piece.id).file_name == "islands-case-study.pdf"
    report.unlink()  # the original may go (a USB stick taken out): the copy stays
    assert attachments.attached_path(store, piece.id).read_bytes() == REPORT


def test_the_same_file_twice_is_kept_once(store, system, piece, report, tmp_path):
    other, _ = evidence.create_evidence(store, system.id, "Islands case study, second copy")
    renamed = tmp_path / "same-content.pdf"
    renamed.write_bytes(REPORT)
    attachments.attach_file(store, piece.id, report)
    attachments.attach_file(store, piece.id, report)
    attachments.attach_file(store, other.id, renamed)
    folder = attachments.attachments_folder(store)
    assert files_in(folder) == [hashlib.sha256(REPORT).hexdigest()]  # no temporary file left
    assert evidence.get_evidence(store, other.id).file_name == "same-content.pdf"


def test_attaching_another_file_replaces_the_first(store, piece, report, tmp_path):
    attachments.attach_file(store, piece.id, report)
    notes = tmp_path / "interview-notes.txt"
    notes.write_text("What the drivers said", encoding="utf-8")
    attached, _ = attachments.attach_file(store, piece.id, notes)
    assert attached.file_name == "interview-notes.txt"
    assert attachments.attached_path(store, piece.id).read_text(encoding="utf-8") == \
        "What the drivers said"


@pytest.mark.parametrize("make, sentence", [
    (lambda d: d / "gone.pdf", "gone.pdf was not found; nothing was attached."),
    (lambda d: d, "{name} is a folder; attach a file."),
    (lambda d: _file(d / "plain.txt") / "inside.pdf",
     "inside.pdf could not be read (Not a directory); nothing was attached."),
    (lambda d: _sparse(d / "film.mp4", attachments.MAX_BYTES + 1),
     "film.mp4 is larger than 50 MB; put it somewhere shared and give its link instead."),
])
def test_a_file_that_cannot_be_attached_is_refused_and_nothing_changes(store, piece, tmp_path,
                                                                       make, sentence):
    given = make(tmp_path)
    with pytest.raises(InvalidInput) as refused:
        attachments.attach_file(store, piece.id, given)
    assert str(refused.value) == sentence.format(name=given.name)
    assert evidence.get_evidence(store, piece.id) == piece
    assert files_in(attachments.attachments_folder(store)) == []


def test_a_file_of_exactly_the_limit_is_attached(store, piece, tmp_path):
    big = _sparse(tmp_path / "long-report.pdf", attachments.MAX_BYTES)
    attached, _ = attachments.attach_file(store, piece.id, big)
    assert attachments.attached_path(store, piece.id).stat().st_size == attachments.MAX_BYTES
    assert attached.file_name == "long-report.pdf"


def test_a_read_only_attachments_folder_refuses_and_changes_nothing(store, piece, report):
    folder = attachments.attachments_folder(store)
    folder.mkdir()
    with read_only_folder(folder), pytest.raises(CairnError) as refused:
        attachments.attach_file(store, piece.id, report)
    assert str(refused.value).startswith(f"A copy of islands-case-study.pdf cannot be kept in "
                                         f"{folder} (")
    assert str(refused.value).endswith("); nothing was attached.")
    assert evidence.get_evidence(store, piece.id) == piece
    assert files_in(folder) == []


def test_a_full_disk_refuses_leaves_no_half_file_and_changes_nothing(store, piece, report,
                                                                      tmp_path):
    with small_disk(attachments.attachments_folder(store), "1m") as disk:
        filler = fill_disk(disk, leave=4096)  # room for a little, not for the report
        with pytest.raises(CairnError) as refused:
            attachments.attach_file(store, piece.id, report)
        assert str(refused.value) == ("There is no room on the disk for a copy of "
                                      "islands-case-study.pdf; free some space and try again "
                                      "(nothing was attached).")
        assert files_in(disk) == ["filler"]
        assert evidence.get_evidence(store, piece.id) == piece
        filler.unlink()  # room again: the same attach now works
        attached, _ = attachments.attach_file(store, piece.id, report)
        assert attachments.attached_path(store, piece.id).read_bytes() == REPORT
        assert attached.file_sha256 in files_in(disk)


def test_a_copy_not_on_this_laptop_is_said_in_one_sentence(store, piece, report):
    attachments.attach_file(store, piece.id, report)
    attachments.attached_path(store, piece.id).unlink()  # as on a laptop not yet synced
    with pytest.raises(NotFound) as refused:
        attachments.attached_path(store, piece.id)
    assert str(refused.value) == ("The attached file islands-case-study.pdf is not on this "
                                  "laptop yet; it may not have been synced here.")
    with pytest.raises(NotFound, match="^The attached file islands-case-study.pdf is not on"):
        attachments.copy_to_open(store, piece.id)


def test_no_file_attached_is_said_in_one_sentence(store, piece):
    with pytest.raises(NotFound) as refused:
        attachments.attached_path(store, piece.id)
    assert str(refused.value) == "'Neighbourhood care on the islands' has no attached file."
    with pytest.raises(InvalidInput, match="has no attached file to remove"):
        attachments.detach_file(store, piece.id)


def test_detach_keeps_the_copy_so_undo_puts_the_attachment_back(store, piece, report):
    attached, _ = attachments.attach_file(store, piece.id, report)
    detached, changes = attachments.detach_file(store, piece.id)
    assert (detached.file_name, detached.file_sha256) == ("", "")
    assert changes.updated == {"evidence": frozenset({piece.id})}
    copy = attachments.attachments_folder(store) / attached.file_sha256
    assert copy.read_bytes() == REPORT
    # Undo, as the window does it: the old values set back.
    evidence.update_evidence(store, piece.id, file_name=attached.file_name,
                             file_sha256=attached.file_sha256)
    assert attachments.attached_path(store, piece.id) == copy


def test_the_copy_to_open_has_the_file_name(store, piece, report, tmp_path):
    attachments.attach_file(store, piece.id, report)
    opened = attachments.copy_to_open(store, piece.id, tmp_path / "open")
    assert opened.name == "islands-case-study.pdf" and opened.read_bytes() == REPORT
    assert attachments.copy_to_open(store, piece.id, tmp_path / "open") == opened


def _file(path: Path) -> Path:
    path.write_text("plain", encoding="utf-8")
    return path


def _sparse(path: Path, size: int) -> Path:
    with open(path, "wb") as f:
        f.truncate(size)
    return path


def test_a_missing_evidence_record_is_refused_before_anything_is_copied(store, report):
    with pytest.raises(NotFound):
        attachments.attach_file(store, "01a22aeb-0000-7000-8000-000000000000", report)
    assert not os.path.exists(attachments.attachments_folder(store))
