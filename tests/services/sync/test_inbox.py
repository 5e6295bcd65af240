"""The inbox: chains verified, gaps wait, damaged files set aside, own files re-verified."""

from __future__ import annotations

import json
from pathlib import Path

from app.services.sync.changefiles import (
    FORMAT,
    ChangeFile,
    encode_change_file,
    file_name,
    publish,
    sha256_of,
)
from app.services.sync.folder import FolderTransport
from app.services.sync.inbox import read_inbox

ME = "0190aaaa-0000-7000-8000-000000000001"
ORKNEY = "0190bbbb-0000-7000-8000-000000000002"
SKYE = "0190cccc-0000-7000-8000-000000000003"


def entries(device: str, seq: int, n: int = 3) -> list[dict[str, str | None]]:
    return [{"id": f"{device[:8]}-{seq}-{i}", "op_id": f"{seq}", "at": "2026-11-30T08:00:00Z",
             "hlc": f"2026-11-30T08:00:{seq:02d}.000Z-{i:04x}-{device}", "device_id": device,
             "author": "Rhona Sinclair", "entity": "note", "entity_id": f"n{seq}-{i}",
             "op": "insert", "field": None, "value": "{}", "base": None} for i in range(n)]


def chain(t: FolderTransport, device: str, name: str, count: int) -> list[ChangeFile]:
    out: list[ChangeFile] = []
    prev = ""
    for seq in range(1, count + 1):
        out.append(publish(t, device, name, seq, prev, entries(device, seq),
                           [("sys-1", "Island learning")]))
        prev = out[-1].sha256
    return out


def share(tmp_path: Path) -> FolderTransport:
    (tmp_path / "share").mkdir()
    return FolderTransport(tmp_path / "share", create=True)


def device_folder(tmp_path: Path, device: str) -> Path:
    return tmp_path / "share" / "Cairn sync" / "devices" / device


def test_reads_new_files_in_order_after_seen(tmp_path: Path) -> None:
    t = share(tmp_path)
    orkney = chain(t, ORKNEY, "Orkney office", 4)
    chain(t, SKYE, "Skye", 2)
    inbox = read_inbox(t, ME, {ORKNEY: (2, orkney[1].sha256)}, {}, tmp_path / "aside")
    assert [(f.device_id, f.seq) for f in inbox.files] == [
        (ORKNEY, 3), (ORKNEY, 4), (SKYE, 1), (SKYE, 2)]
    assert inbox.devices == {ORKNEY: "Orkney office", SKYE: "Skye"}
    assert not (inbox.set_aside or inbox.waiting or inbox.newer or inbox.own_to_rewrite)
    assert not inbox.clone_suspected


def test_nothing_new_reads_nothing(tmp_path: Path) -> None:
    t = share(tmp_path)
    orkney = chain(t, ORKNEY, "Orkney office", 3)
    inbox = read_inbox(t, ME, {ORKNEY: (3, orkney[2].sha256)}, {}, tmp_path / "aside")
    assert inbox.files == [] and inbox.waiting == []


def test_a_gap_waits_and_later_files_are_not_applied(tmp_path: Path) -> None:
    t = share(tmp_path)
    orkney = chain(t, ORKNEY, "Orkney office", 5)
    hidden = tmp_path / "hidden"
    (device_folder(tmp_path, ORKNEY) / orkney[1].name).rename(hidden)
    inbox = read_inbox(t, ME, {}, {}, tmp_path / "aside", names={ORKNEY: "Orkney office"})
    assert [f.seq for f in inbox.files] == [1]
    assert inbox.waiting == ['Waiting for file 2 from "Orkney office" (3, 4 and 5 have arrived).']


def test_damaged_file_set_aside_and_kept_on_the_share(tmp_path: Path) -> None:
    t = share(tmp_path)
    orkney = chain(t, ORKNEY, "Orkney office", 3)
    path = device_folder(tmp_path, ORKNEY) / orkney[1].name
    good = path.read_bytes()
    path.write_bytes(good[: len(good) // 2])
    inbox = read_inbox(t, ME, {}, {}, tmp_path / "aside")
    assert [f.seq for f in inbox.files] == [1]
    assert [(a.name, a.seq) for a in inbox.set_aside] == [(orkney[1].name, 2)]
    assert "cut short" in inbox.set_aside[0].reason
    assert path.read_bytes() == good[: len(good) // 2]
    assert (tmp_path / "aside" / ORKNEY / orkney[1].name).read_bytes() == path.read_bytes()


def test_own_damaged_file_is_to_rewrite_and_readers_take_the_rewrite(tmp_path: Path) -> None:
    t = share(tmp_path)
    mine = chain(t, ME, "Harris", 3)
    own = {f.seq: f.sha256 for f in mine}
    path = device_folder(tmp_path, ME) / mine[1].name
    path.write_bytes(path.read_bytes()[:-5] + b"oops\n")
    inbox = read_inbox(t, ME, {}, own, tmp_path / "aside")
    assert inbox.own_to_rewrite == [2] and not inbox.clone_suspected
    again = publish(t, ME, "Harris", 2, mine[0].sha256, entries(ME, 2),
                    [("sys-1", "Island learning")])
    assert again.name == file_name(ME, 2, 2)
    assert read_inbox(t, ME, {}, own, tmp_path / "aside").own_to_rewrite == []
    other = read_inbox(t, ORKNEY, {}, {}, tmp_path / "aside2")
    assert [(f.seq, f.name) for f in other.files] == [(1, mine[0].name), (2, again.name),
                                                      (3, mine[2].name)]
    assert other.set_aside == []


def test_missing_own_file_is_to_rewrite(tmp_path: Path) -> None:
    t = share(tmp_path)
    mine = chain(t, ME, "Harris", 2)
    (device_folder(tmp_path, ME) / mine[0].name).unlink()
    inbox = read_inbox(t, ME, {}, {f.seq: f.sha256 for f in mine}, tmp_path / "aside")
    assert inbox.own_to_rewrite == [1]


def test_files_this_laptop_did_not_write_mean_a_copied_data_folder(tmp_path: Path) -> None:
    t = share(tmp_path)
    mine = chain(t, ME, "Harris", 3)
    own = {f.seq: f.sha256 for f in mine[:2]}
    assert read_inbox(t, ME, {}, own, tmp_path / "aside").clone_suspected
    differs = {f.seq: f.sha256 for f in mine} | {2: sha256_of(b"what this laptop wrote")}
    inbox = read_inbox(t, ME, {}, differs, tmp_path / "aside")
    assert inbox.clone_suspected and inbox.own_to_rewrite == []
    exact = read_inbox(t, ME, {}, {f.seq: f.sha256 for f in mine}, tmp_path / "aside")
    assert not exact.clone_suspected


def test_newer_format_kept_and_others_still_read(tmp_path: Path) -> None:
    t = share(tmp_path)
    orkney = chain(t, ORKNEY, "Orkney office", 1)
    chain(t, SKYE, "Skye", 1)
    body = json.dumps({"format": FORMAT + 1, "device_id": ORKNEY, "seq": 2}).encode() + b"\n"
    t.write_if_absent(f"devices/{ORKNEY}/{file_name(ORKNEY, 2)}", body + b"new things\n")
    inbox = read_inbox(t, ME, {ORKNEY: (1, orkney[0].sha256)}, {}, tmp_path / "aside",
                       names={ORKNEY: "Orkney office"})
    assert [(f.device_id, f.seq) for f in inbox.files] == [(SKYE, 1)]
    assert inbox.newer == ['File 2 from "Orkney office" was written by a newer Cairn; it is '
                           "kept until this laptop's Cairn is updated."]
    assert inbox.set_aside == []
    assert (device_folder(tmp_path, ORKNEY) / file_name(ORKNEY, 2)).exists()


def test_a_file_that_does_not_follow_the_chain_is_set_aside(tmp_path: Path) -> None:
    t = share(tmp_path)
    chain(t, ORKNEY, "Orkney office", 1)
    stranger = encode_change_file(ORKNEY, "Orkney office", 2, "f" * 64, entries(ORKNEY, 2))
    t.write_if_absent(f"devices/{ORKNEY}/{file_name(ORKNEY, 2)}", stranger)
    inbox = read_inbox(t, ME, {}, {}, tmp_path / "aside")
    assert [f.seq for f in inbox.files] == [1]
    assert "does not follow" in inbox.set_aside[0].reason


def test_own_folder_gone_from_the_share_means_rewrite_everything(tmp_path: Path) -> None:
    t = share(tmp_path)
    mine = chain(t, ME, "Harris", 2)
    chain(t, ORKNEY, "Orkney office", 1)
    device_folder(tmp_path, ME).rename(tmp_path / "lost")
    inbox = read_inbox(t, ME, {}, {f.seq: f.sha256 for f in mine}, tmp_path / "aside")
    assert inbox.own_to_rewrite == [1, 2] and not inbox.clone_suspected
    assert [f.device_id for f in inbox.files] == [ORKNEY]


def test_files_already_applied_are_not_read_again(tmp_path: Path) -> None:
    t = share(tmp_path)
    orkney = chain(t, ORKNEY, "Orkney office", 3)
    for f in orkney:
        (device_folder(tmp_path, ORKNEY) / f.name).write_bytes(b"damaged after it was applied")
    inbox = read_inbox(t, ME, {ORKNEY: (3, orkney[2].sha256)}, {}, tmp_path / "aside")
    assert (inbox.files, inbox.set_aside, inbox.waiting) == ([], [], [])
