"""What the share holds that this laptop has not applied yet, verified and in order.

A round lists each device's folder and compares the names with `seen` (the last file applied
from each device): files already applied are neither read nor hashed, so a round with nothing
new costs one listing per device. New files are read in seq order and each must follow the
one before (its `prev_sha256`); the first file that is missing, unreadable, damaged or from a
newer Cairn stops that device's chain there, so nothing is applied past a gap. Damaged files
are copied to `set_aside_dir` for a person to look at, never deleted from the share, and read
again next round. This laptop's own files are re-verified by their sha256 each round, so a
file the share damaged is written again (`own_to_rewrite`).
"""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from app.services.sync.changefiles import (
    ChangeFile,
    ChangeFileDamaged,
    ChangeFileFromNewerCairn,
    decode_change_file,
    parse_name,
    sha256_of,
)
from app.services.sync.transport import Transport


@dataclass
class SetAside:
    """A damaged file kept aside: it stays on the share and is read again next round."""

    name: str
    device_id: str
    seq: int
    reason: str  # one sentence


@dataclass
class Inbox:
    """What one round found; see the module docstring."""

    files: list[ChangeFile] = field(default_factory=list)
    set_aside: list[SetAside] = field(default_factory=list)
    waiting: list[str] = field(default_factory=list)
    newer: list[str] = field(default_factory=list)
    devices: dict[str, str] = field(default_factory=dict)  # from the files read this round
    own_to_rewrite: list[int] = field(default_factory=list)
    clone_suspected: bool = False


def read_inbox(transport: Transport, own_device_id: str,
               seen: Mapping[str, tuple[int, str]],
               own: Mapping[int, str],
               set_aside_dir: Path,
               *, names: Mapping[str, str] | None = None) -> Inbox:
    """Read what is new on the share; `names` (device id -> name) words the messages.

    Raises SharedFolderUnavailable if the share cannot be reached, before or while reading:
    a share that vanishes mid-round is never taken for one with nothing in it.
    """
    transport.check()
    inbox = Inbox()
    known = dict(names or {})
    devices = transport.list("devices")
    for device in [*devices, *([] if own_device_id in devices else [own_device_id])]:
        files = _files_of(transport, device) if device in devices else {}
        if device == own_device_id:
            _verify_own(transport, device, files, own, inbox)
        elif files:
            _read_device(transport, device, files, seen.get(device, (0, "")), set_aside_dir,
                         known, inbox)
    transport.check()  # listed names of a folder that has gone since are not "nothing new"
    return inbox


def _files_of(transport: Transport, device: str) -> dict[int, list[str]]:
    """seq -> names of that seq (first revision first) in a device's folder."""
    found: dict[int, list[tuple[int, str]]] = {}
    for name in transport.list(f"devices/{device}"):
        parsed = parse_name(name)
        if parsed is not None and parsed[0] == device:
            found.setdefault(parsed[1], []).append((parsed[2], name))
    return {seq: [n for _, n in sorted(names)] for seq, names in found.items()}


def _read_device(transport: Transport, device: str, files: dict[int, list[str]],
                 last: tuple[int, str], set_aside_dir: Path, known: dict[str, str],
                 inbox: Inbox) -> None:
    seq, prev = last
    while True:
        seq += 1
        if seq not in files:
            later = sorted(s for s in files if s > seq)
            if later:
                inbox.waiting.append(
                    f"Waiting for file {seq} from {_laptop(device, known)} "
                    f"({_and(later)} {'has' if len(later) == 1 else 'have'} arrived).")
            return
        taken = _first_intact(transport, device, seq, files[seq], prev, set_aside_dir, known,
                              inbox)
        if taken is None:
            return
        inbox.files.append(taken)
        known[device] = inbox.devices[device] = taken.device_name
        prev = taken.sha256


def _first_intact(transport: Transport, device: str, seq: int, names: list[str], prev: str,
                  set_aside_dir: Path, known: dict[str, str], inbox: Inbox) -> ChangeFile | None:
    """The first intact file for `seq` that follows `prev`; None (and why) if there is none."""
    damaged: list[tuple[SetAside, bytes]] = []
    newer = unreadable = False
    for name in names:
        try:
            data = transport.read(f"devices/{device}/{name}")
        except OSError:
            transport.check()  # a vanished share raises; an unfetched file waits
            unreadable = True
            continue
        try:
            found = decode_change_file(data, name)
        except ChangeFileFromNewerCairn:
            newer = True
            continue
        except ChangeFileDamaged as err:
            damaged.append((SetAside(name, device, seq, str(err)), data))
            continue
        if prev and found.prev_sha256 != prev:
            reason = (f"The change file {name} does not follow file {seq - 1} from "
                      f"{_laptop(device, known)}: its history differs.")
            damaged.append((SetAside(name, device, seq, reason), data))
            continue
        return found
    who = _laptop(device, known)
    if newer:
        inbox.newer.append(f"File {seq} from {who} was written by a newer Cairn; it is kept "
                           "until this laptop's Cairn is updated.")
    if unreadable and not damaged and not newer:
        inbox.waiting.append(f"File {seq} from {who} cannot be read yet; it will be tried "
                             "again next round.")
    if not newer:
        for aside, data in damaged:
            _keep_copy(set_aside_dir, device, aside.name, data)
            inbox.set_aside.append(aside)
    return None


def _verify_own(transport: Transport, device: str, files: dict[int, list[str]],
                own: Mapping[int, str], inbox: Inbox) -> None:
    """Re-verify this laptop's files by their sha256; anything it did not write is a clone."""
    if any(seq not in own for seq in files):
        inbox.clone_suspected = True
    for seq, sha in sorted(own.items()):
        verdicts = [_verdict(transport, device, name, sha) for name in files.get(seq, [])]
        if "other" in verdicts:
            inbox.clone_suspected = True
        elif "ours" not in verdicts:
            inbox.own_to_rewrite.append(seq)


def _verdict(transport: Transport, device: str, name: str, sha: str) -> str:
    """"ours" (intact, or unreadable for now), "damaged", or "other": an intact file this
    laptop did not write."""
    try:
        data = transport.read(f"devices/{device}/{name}")
    except OSError:
        transport.check()
        return "ours"  # cannot be read now (not fetched yet): not known to be damaged
    if sha256_of(data) == sha:
        return "ours"
    try:
        decode_change_file(data, name)
    except (ChangeFileDamaged, ChangeFileFromNewerCairn):
        return "damaged"
    return "other"


def _keep_copy(set_aside_dir: Path, device: str, name: str, data: bytes) -> None:
    """A copy for a person to look at: the share's file itself is never moved or deleted.

    A copy that cannot be made (a full local disk) is skipped: the file stays set aside on
    the share and the copy is tried again next round.
    """
    folder = set_aside_dir / device
    with contextlib.suppress(OSError):
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / name
        n = 1
        while target.exists():
            if target.read_bytes() == data:
                return
            n += 1
            target = folder / f"{Path(name).stem} ({n}){Path(name).suffix}"
        tmp = target.with_name(f".{target.name}.tmp")
        tmp.write_bytes(data)
        shutil.move(tmp, target)


def _laptop(device: str, known: Mapping[str, str]) -> str:
    name = known.get(device)
    return f'"{name}"' if name else f"the laptop {device[:8]}"


def _and(seqs: list[int]) -> str:
    words = [str(s) for s in seqs[:5]] + (["more"] if len(seqs) > 5 else [])
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"
