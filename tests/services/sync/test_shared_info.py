"""Describing a shared folder: its learning systems and laptops, read without changing it."""

from __future__ import annotations

import json
from pathlib import Path

from app.services.sync.changefiles import FORMAT, mark_format, publish
from app.services.sync.folder import FolderTransport
from app.services.sync.shared_info import describe_shared

ORKNEY = "0190bbbb-0000-7000-8000-000000000002"
SKYE = "0190cccc-0000-7000-8000-000000000003"


def entry(device: str, seq: int, hour: int) -> dict[str, str]:
    return {"id": f"{device[:8]}-{seq}", "hlc": f"2026-11-30T{hour:02d}:00:00.000Z-0000-{device}"}


def listing(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*"))


def test_names_systems_and_devices(tmp_path: Path) -> None:
    share = tmp_path / "share"
    share.mkdir()
    t = FolderTransport(share, create=True)
    mark_format(t, ORKNEY)
    a = publish(t, ORKNEY, "Orkney office", 1, "", [entry(ORKNEY, 1, 8)],
                [("sys-1", "Island learning"), ("sys-2", "Housing network")])
    publish(t, ORKNEY, "Orkney office (Kirkwall)", 2, a.sha256, [entry(ORKNEY, 2, 9)])
    publish(t, SKYE, "Skye", 1, "", [entry(SKYE, 1, 10)], [("sys-1", "Islands learning system")])
    before = listing(share)
    info = describe_shared(share)
    assert info.reachable and info.message == ""
    assert [(s.id, s.name) for s in info.systems] == [
        ("sys-2", "Housing network"), ("sys-1", "Islands learning system")]
    assert [(d.id, d.name, d.files) for d in info.devices] == [
        (ORKNEY, "Orkney office (Kirkwall)", 2), (SKYE, "Skye", 1)]
    assert all(d.last_written_at is not None for d in info.devices)
    assert listing(share) == before


def test_missing_folder_said_in_one_sentence_and_not_created(tmp_path: Path) -> None:
    info = describe_shared(tmp_path / "unplugged")
    assert not info.reachable
    assert info.message.startswith("The shared folder") and info.message.endswith(".")
    assert info.message.count(". ") == 0
    assert not (tmp_path / "unplugged").exists()


def test_folder_without_cairn_data(tmp_path: Path) -> None:
    info = describe_shared(tmp_path)
    assert info.reachable and info.message == "The shared folder holds no Cairn data yet."
    assert not (tmp_path / "Cairn sync").exists()
    FolderTransport(tmp_path, create=True)
    assert describe_shared(tmp_path).message == "The shared folder holds no learning systems yet."


def test_folder_set_up_by_a_newer_cairn(tmp_path: Path) -> None:
    t = FolderTransport(tmp_path, create=True)
    t.write_if_absent("FORMAT.json", json.dumps({"format": FORMAT + 1}).encode())
    assert "newer Cairn" in describe_shared(tmp_path).message


def test_damaged_and_litter_files_do_not_break_the_description(tmp_path: Path) -> None:
    t = FolderTransport(tmp_path, create=True)
    publish(t, SKYE, "Skye", 1, "", [entry(SKYE, 1, 10)], [("sys-1", "Island learning")])
    folder = tmp_path / "Cairn sync" / "devices" / SKYE
    (folder / f"{SKYE}-00000002.cairnlog").write_bytes(b"\xff\xfe not json")
    (folder / "desktop.ini").write_text("[.ShellClassInfo]")
    (tmp_path / "Cairn sync" / "devices" / "desktop.ini").write_text("x")
    info = describe_shared(tmp_path)
    assert [(d.name, d.files) for d in info.devices] == [("Skye", 2)]
    assert [s.name for s in info.systems] == ["Island learning"]
