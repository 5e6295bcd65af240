"""The folder transport: never creates the chosen folder, never replaces a file, no litter."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.models.errors import SharedFolderUnavailable
from app.services.sync.folder import FolderTransport
from app.services.sync.transport import is_litter


def test_missing_shared_folder_is_never_created(tmp_path: Path) -> None:
    for create in (True, False):
        with pytest.raises(SharedFolderUnavailable, match="cannot be found"):
            FolderTransport(tmp_path / "gone", create=create)
    assert not (tmp_path / "gone").exists()


def test_cairn_sync_folder_made_only_when_asked(tmp_path: Path) -> None:
    with pytest.raises(SharedFolderUnavailable, match="has no \"Cairn sync\" folder"):
        FolderTransport(tmp_path, create=False)
    assert list(tmp_path.iterdir()) == []
    FolderTransport(tmp_path, create=True)
    assert (tmp_path / "Cairn sync").is_dir()
    FolderTransport(tmp_path, create=False).check()


def test_write_if_absent_never_replaces(tmp_path: Path) -> None:
    t = FolderTransport(tmp_path, create=True)
    assert t.write_if_absent("devices/d1/a.cairnlog", b"one")
    assert not t.write_if_absent("devices/d1/a.cairnlog", b"two")
    assert t.read("devices/d1/a.cairnlog") == b"one"
    assert t.list("devices") == ["d1"]
    assert t.list("devices/d1") == ["a.cairnlog"]  # no temporary file left behind
    assert sorted(p.name for p in (tmp_path / "Cairn sync" / "devices" / "d1").iterdir()) == [
        "a.cairnlog"]


def test_listing_leaves_out_litter_and_empty_files(tmp_path: Path) -> None:
    t = FolderTransport(tmp_path, create=True)
    folder = tmp_path / "Cairn sync" / "devices" / "d1"
    folder.mkdir(parents=True)
    litter = ["desktop.ini", ".DS_Store", "Thumbs.db", "x (Ann's conflicted copy 2026-11-30).cairnlog",
              "x.sync-conflict-20261130-101010-ABCDEF.cairnlog", "~$x.cairnlog", "x.tmp",
              ".~x.cairnlog.tmp"]
    for name in litter:
        (folder / name).write_bytes(b"junk")
        assert is_litter(name)
    (folder / "empty.cairnlog").write_bytes(b"")
    (folder / "real.cairnlog").write_bytes(b"x")
    assert t.list("devices/d1") == ["real.cairnlog"]
    assert t.list("devices/none") == []


def test_names_cannot_leave_the_share(tmp_path: Path) -> None:
    t = FolderTransport(tmp_path, create=True)
    with pytest.raises(ValueError):
        t.read("../secret")
