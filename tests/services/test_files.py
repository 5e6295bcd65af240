"""Atomic writes: the whole file or the old one, and one sentence when it cannot be done."""

from __future__ import annotations

import pytest

from app.models import CairnError
from app.services.core.files import write_atomically


def test_replaces_the_whole_file_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "pack.pdf"
    target.write_bytes(b"old")
    write_atomically(target, b"new contents", what="summary pack")
    assert target.read_bytes() == b"new contents"
    assert [p.name for p in tmp_path.iterdir()] == ["pack.pdf"]
    assert target.stat().st_mode & 0o044 == 0o044


def test_a_missing_folder_is_one_sentence(tmp_path):
    with pytest.raises(CairnError, match=r"^The run sheet cannot be saved in .*\.$"):
        write_atomically(tmp_path / "gone" / "run.pdf", b"x", what="run sheet")


def test_a_failed_rename_keeps_the_old_file(tmp_path):
    target = tmp_path / "folder-in-the-way"
    target.mkdir()
    (target / "child").write_text("keep me")
    with pytest.raises(CairnError, match="cannot be saved as"):
        write_atomically(target, b"x", what="invitation")
    assert (target / "child").read_text() == "keep me"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["folder-in-the-way"]
