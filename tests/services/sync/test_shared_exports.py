"""Copies of exported packs on the shared folder: dated, per laptop, never replacing a file."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from app.models.errors import CairnError, SharedFolderUnavailable
from app.services.sync.folder import FolderTransport
from app.services.sync.shared_exports import safe_name, share_export


def pack(tmp_path: Path, name: str, data: bytes) -> Path:
    out = tmp_path / "local" / name
    out.parent.mkdir(exist_ok=True)
    out.write_bytes(data)
    return out


def test_copy_goes_under_laptop_and_date(tmp_path: Path) -> None:
    share = tmp_path / "share"
    share.mkdir()
    FolderTransport(share, create=True)
    got = share_export(share, "Orkney office", pack(tmp_path, "Workshop 1.pdf", b"%PDF-1"))
    today = date.today().isoformat()
    assert got == f"Cairn sync/exports/Orkney office/{today}/Workshop 1.pdf"
    assert (share / got).read_bytes() == b"%PDF-1"
    assert [p.name for p in (share / got).parent.iterdir()] == ["Workshop 1.pdf"]


def test_same_name_other_bytes_gets_a_number_and_nothing_is_replaced(tmp_path: Path) -> None:
    share = tmp_path / "share"
    share.mkdir()
    FolderTransport(share, create=True)
    first = share_export(share, "Skye", pack(tmp_path, "pack.pdf", b"one"))
    same = share_export(share, "Skye", pack(tmp_path, "pack.pdf", b"one"))
    second = share_export(share, "Skye", pack(tmp_path, "pack.pdf", b"two"))
    third = share_export(share, "Skye", pack(tmp_path, "pack.pdf", b"three"))
    assert same == first
    assert second.endswith("/pack (2).pdf") and third.endswith("/pack (3).pdf")
    assert (share / first).read_bytes() == b"one"
    assert (share / second).read_bytes() == b"two"
    assert share_export(share, "Skye", pack(tmp_path, "pack.pdf", b"two")) == second


def test_never_creates_the_sync_folder_or_the_shared_folder(tmp_path: Path) -> None:
    share = tmp_path / "share"
    file = pack(tmp_path, "pack.pdf", b"x")
    with pytest.raises(SharedFolderUnavailable):
        share_export(share, "Skye", file)
    assert not share.exists()
    share.mkdir()
    with pytest.raises(SharedFolderUnavailable, match="Cairn sync"):
        share_export(share, "Skye", file)
    assert list(share.iterdir()) == []


def test_a_file_that_cannot_be_read_is_one_sentence(tmp_path: Path) -> None:
    share = tmp_path / "share"
    share.mkdir()
    FolderTransport(share, create=True)
    with pytest.raises(CairnError, match=r"^The file missing.pdf cannot be copied"):
        share_export(share, "Skye", tmp_path / "missing.pdf")


def test_names_are_safe_everywhere_and_not_litter(tmp_path: Path) -> None:
    assert safe_name('Rhona: "Skye"/Harris', "x") == "Rhona- -Skye--Harris"
    assert safe_name("~$pack.pdf", "x") == "pack.pdf"
    assert safe_name("pack.tmp", "x") == "pack-tmp"
    assert safe_name("Ann's conflicted copy.pdf", "x") == "Ann's conflicted-copy.pdf"
    assert safe_name("desktop.ini", "x") == "Shared desktop.ini"
    assert safe_name("...", "Fallback") == "Fallback"
    assert safe_name("CON", "x") == "CON (file)"
    long = safe_name("a" * 300 + ".pdf", "x")
    assert len(long) == 120 and long.endswith(".pdf")
