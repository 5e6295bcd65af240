"""The inbox against what real shares do: litter, unreadable files, truncation, bit flips,
a middle file arriving late, and the folder vanishing mid-round."""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest

from app.models.errors import SharedFolderUnavailable
from app.services.sync.changefiles import ChangeFile, file_name, publish
from app.services.sync.folder import FolderTransport
from app.services.sync.inbox import Inbox, read_inbox

ME = "0190aaaa-0000-7000-8000-000000000001"
ORKNEY = "0190bbbb-0000-7000-8000-000000000002"
SKYE = "0190cccc-0000-7000-8000-000000000003"


def entries(device: str, seq: int, n: int = 20) -> list[dict[str, str | None]]:
    return [{"id": f"{device[:8]}-{seq}-{i}", "op_id": str(seq), "at": "2026-11-30T08:00:00Z",
             "hlc": f"2026-11-30T08:00:{seq:02d}.000Z-{i:04x}-{device}", "device_id": device,
             "author": "Morag Campbell", "entity": "note", "entity_id": f"n{seq}-{i}",
             "op": "insert", "field": None, "value": '{"text":"Ferries late again"}',
             "base": None} for i in range(n)]


def chain(t: FolderTransport, device: str, name: str, count: int) -> list[ChangeFile]:
    out: list[ChangeFile] = []
    for seq in range(1, count + 1):
        out.append(publish(t, device, name, seq, out[-1].sha256 if out else "",
                           entries(device, seq)))
    return out


def folder_of(share: Path, device: str) -> Path:
    return share / "Cairn sync" / "devices" / device


def applied(inbox: Inbox) -> list[tuple[str, int]]:
    return [(f.device_id, f.seq) for f in inbox.files]


@pytest.fixture
def share(tmp_path: Path) -> Path:
    (tmp_path / "share").mkdir()
    return tmp_path / "share"


def test_cloud_client_litter_is_ignored_without_a_word(share: Path, tmp_path: Path) -> None:
    t = FolderTransport(share, create=True)
    orkney = chain(t, ORKNEY, "Orkney office", 2)
    folder = folder_of(share, ORKNEY)
    good = (folder / orkney[0].name).read_bytes()
    base = file_name(ORKNEY, 3).removesuffix(".cairnlog")
    for name in ("desktop.ini", ".DS_Store", "Thumbs.db", f"{base} (Ann's conflicted copy).cairnlog",
                 f"{base}.sync-conflict-20261130-101010-ABC.cairnlog", f"~${base}.cairnlog",
                 f"{base}.cairnlog.tmp", f".~{base}.cairnlog.tmp", "notes.txt",
                 f"{SKYE}-00000003.cairnlog"):
        (folder / name).write_bytes(good)
    (folder / file_name(ORKNEY, 3)).write_bytes(b"")  # zero bytes: a placeholder not synced yet
    (share / "Cairn sync" / "devices" / "desktop.ini").write_text("[.ShellClassInfo]")
    inbox = read_inbox(t, ME, {}, {}, tmp_path / "aside")
    assert applied(inbox) == [(ORKNEY, 1), (ORKNEY, 2)]
    assert inbox.set_aside == [] and inbox.waiting == [] and inbox.newer == []
    assert not (tmp_path / "aside").exists()


@pytest.mark.parametrize("how", ["directory", "dangling link", "link loop", "no permission"])
def test_an_unreadable_file_waits_and_is_read_when_it_can_be(
        share: Path, tmp_path: Path, how: str) -> None:
    t = FolderTransport(share, create=True)
    orkney = chain(t, ORKNEY, "Orkney office", 3)
    path = folder_of(share, ORKNEY) / orkney[1].name
    kept = tmp_path / "kept"
    path.rename(kept)
    if how == "directory":
        path.mkdir()
    elif how == "dangling link":
        path.symlink_to(tmp_path / "not fetched yet")
    elif how == "link loop":
        path.symlink_to(path)
    else:
        path.write_bytes(kept.read_bytes())
        path.chmod(0)
        if os.access(path, os.R_OK):  # root reads anything: make it a name that cannot open
            path.unlink()
            path.symlink_to(tmp_path / "placeholder" / "offline")
    seen = {ORKNEY: (1, orkney[0].sha256)}
    inbox = read_inbox(t, ME, seen, {}, tmp_path / "aside", names={ORKNEY: "Orkney office"})
    assert inbox.files == [] and inbox.set_aside == []
    assert inbox.waiting == ['File 2 from "Orkney office" cannot be read yet; it will be tried '
                             "again next round."]
    if path.is_dir() and not path.is_symlink():
        path.rmdir()
    else:
        path.unlink()
    kept.rename(path)
    assert applied(read_inbox(t, ME, seen, {}, tmp_path / "aside")) == [(ORKNEY, 2), (ORKNEY, 3)]


def test_truncation_at_random_offsets_is_set_aside_then_rewritten(
        share: Path, tmp_path: Path) -> None:
    rng = random.Random(15)
    for round_no in range(12):
        here = share / str(round_no)
        here.mkdir()
        t = FolderTransport(here, create=True)
        orkney = chain(t, ORKNEY, "Orkney office", 3)
        path = folder_of(here, ORKNEY) / orkney[1].name
        good = path.read_bytes()
        cut = good[: rng.randrange(1, len(good))]
        path.write_bytes(cut)
        _damaged_then_rewritten(t, here, tmp_path / f"aside{round_no}", orkney, path, cut)


def test_bit_flips_are_set_aside_then_rewritten(share: Path, tmp_path: Path) -> None:
    rng = random.Random(8)
    for round_no in range(12):
        here = share / str(round_no)
        here.mkdir()
        t = FolderTransport(here, create=True)
        orkney = chain(t, ORKNEY, "Orkney office", 3)
        path = folder_of(here, ORKNEY) / orkney[1].name
        flipped = bytearray(path.read_bytes())
        at = rng.randrange(len(flipped))
        flipped[at] ^= 1 << rng.randrange(8)
        path.write_bytes(bytes(flipped))
        _damaged_then_rewritten(t, here, tmp_path / f"aside{round_no}", orkney, path,
                                bytes(flipped))


def _damaged_then_rewritten(t: FolderTransport, share: Path, aside: Path,
                            orkney: list[ChangeFile], path: Path, damaged: bytes) -> None:
    for _ in range(2):  # set aside, and tried again the next round
        inbox = read_inbox(t, ME, {}, {}, aside)
        assert applied(inbox) == [(ORKNEY, 1)]
        assert [(a.device_id, a.seq, a.name) for a in inbox.set_aside] == [
            (ORKNEY, 2, orkney[1].name)]
        assert inbox.set_aside[0].reason.endswith(".")
        assert path.read_bytes() == damaged  # never deleted or changed on the share
    assert (aside / ORKNEY / orkney[1].name).read_bytes() == damaged
    assert len(list((aside / ORKNEY).iterdir())) == 1
    own = {f.seq: f.sha256 for f in orkney}
    writer = read_inbox(t, ORKNEY, {}, own, aside)
    assert writer.own_to_rewrite == [2] and not writer.clone_suspected
    again = publish(t, ORKNEY, "Orkney office", 2, orkney[0].sha256, entries(ORKNEY, 2))
    assert again.name == file_name(ORKNEY, 2, 2)
    assert read_inbox(t, ORKNEY, {}, own, aside).own_to_rewrite == []
    inbox = read_inbox(t, ME, {ORKNEY: (1, orkney[0].sha256)}, {}, aside)
    assert [(f.seq, f.name) for f in inbox.files] == [(2, again.name), (3, orkney[2].name)]
    assert inbox.set_aside == []


def test_a_missing_middle_file_waits_then_all_apply_in_order(share: Path, tmp_path: Path) -> None:
    t = FolderTransport(share, create=True)
    orkney = chain(t, ORKNEY, "Orkney office", 5)
    chain(t, SKYE, "Skye", 1)
    middle = folder_of(share, ORKNEY) / orkney[2].name
    middle.rename(tmp_path / "in transit")
    seen = {ORKNEY: (1, orkney[0].sha256)}
    first = read_inbox(t, ME, seen, {}, tmp_path / "aside")
    assert applied(first) == [(ORKNEY, 2), (SKYE, 1)]
    assert first.waiting == ['Waiting for file 3 from "Orkney office" (4 and 5 have arrived).']
    seen = {ORKNEY: (2, orkney[1].sha256), SKYE: (1, first.files[1].sha256)}
    assert applied(read_inbox(t, ME, seen, {}, tmp_path / "aside")) == []
    (tmp_path / "in transit").rename(middle)
    later = read_inbox(t, ME, seen, {}, tmp_path / "aside")
    assert applied(later) == [(ORKNEY, 3), (ORKNEY, 4), (ORKNEY, 5)]
    assert later.waiting == [] and later.set_aside == []


class VanishingShare(FolderTransport):
    """A real folder that is renamed away right after the listing named in `after`."""

    after = "devices"

    def list(self, folder: str) -> list[str]:
        names = super().list(folder)
        if folder == self.after and self.shared_folder.exists():
            self.shared_folder.rename(self.shared_folder.with_name("renamed away"))
        return names


@pytest.mark.parametrize("after", ["devices", f"devices/{ORKNEY}", f"devices/{SKYE}"])
def test_the_share_vanishing_mid_round_is_never_read_as_nothing(
        share: Path, tmp_path: Path, after: str) -> None:
    t = FolderTransport(share, create=True)
    chain(t, ORKNEY, "Orkney office", 2)
    chain(t, SKYE, "Skye", 2)
    mine = chain(t, ME, "Harris", 2)
    VanishingShare.after = after
    vanishing = VanishingShare(share, create=False)
    with pytest.raises(SharedFolderUnavailable, match="cannot be reached"):
        read_inbox(vanishing, ME, {}, {f.seq: f.sha256 for f in mine}, tmp_path / "aside")
    assert not share.exists()
    with pytest.raises(SharedFolderUnavailable):
        publish(vanishing, ME, "Harris", 3, mine[1].sha256, entries(ME, 3))
    assert not share.exists()  # neither the shared folder nor "Cairn sync" made again
    assert not (tmp_path / "aside").exists()


def test_a_renamed_away_sync_folder_is_not_made_again(share: Path, tmp_path: Path) -> None:
    t = FolderTransport(share, create=True)
    mine = chain(t, ME, "Harris", 1)
    (share / "Cairn sync").rename(share / "Old Cairn sync")
    with pytest.raises(SharedFolderUnavailable):
        read_inbox(t, ME, {}, {1: mine[0].sha256}, tmp_path / "aside")
    with pytest.raises(SharedFolderUnavailable):
        publish(t, ME, "Harris", 2, mine[0].sha256, entries(ME, 2))
    with pytest.raises(SharedFolderUnavailable):
        FolderTransport(share, create=False)
    assert sorted(p.name for p in share.iterdir()) == ["Old Cairn sync"]


def test_a_copy_that_cannot_be_kept_still_sets_the_file_aside(share: Path, tmp_path: Path) -> None:
    t = FolderTransport(share, create=True)
    orkney = chain(t, ORKNEY, "Orkney office", 2)
    path = folder_of(share, ORKNEY) / orkney[0].name
    path.write_bytes(path.read_bytes()[:-3])
    blocked = tmp_path / "aside"
    blocked.write_text("a file where the folder should be")
    inbox = read_inbox(t, ME, {}, {}, blocked)
    assert inbox.files == [] and [a.seq for a in inbox.set_aside] == [1]
    assert blocked.read_text() == "a file where the folder should be"
