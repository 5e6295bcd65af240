"""What a shared folder holds (learning systems, laptops), read without changing anything.

Preferences show it when a person chooses a shared folder or joins a learning system from one.
Only each change file's header line is read (the systems named in it, the laptop's name), so
describing a folder with large files stays quick; headers are not verified here, as nothing
is applied from them.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from app.models.errors import SharedFolderUnavailable
from app.models.sync import SharedDevice, SharedFolderInfo, SharedSystem
from app.services.sync.changefiles import FORMAT, parse_name
from app.services.sync.folder import FolderTransport
from app.services.sync.transport import FORMAT_FILE

_HEADER_LIMIT = 1 << 20  # a header names systems; a megabyte is far more than any needs


def describe_shared(shared_folder: Path) -> SharedFolderInfo:
    """The learning systems and laptops in `shared_folder`; says in one sentence if none."""
    where = str(shared_folder)
    try:
        transport = FolderTransport(Path(shared_folder), create=False)
    except SharedFolderUnavailable as err:
        if Path(shared_folder).is_dir():
            return SharedFolderInfo(path=where, reachable=True,
                                    message="The shared folder holds no Cairn data yet.")
        return SharedFolderInfo(path=where, reachable=False, message=str(err))
    try:
        devices, systems = _read_devices(transport)
    except (SharedFolderUnavailable, OSError) as err:
        return SharedFolderInfo(path=where, reachable=False, message=_sentence(err, where))
    message = _format_message(transport)
    if not devices and not message:
        message = "The shared folder holds no learning systems yet."
    return SharedFolderInfo(path=where, reachable=True, message=message,
                            systems=sorted(systems, key=lambda s: (s.name.casefold(), s.id)),
                            devices=sorted(devices, key=lambda d: (d.name.casefold(), d.id)))


def _read_devices(transport: FolderTransport) -> tuple[list[SharedDevice], list[SharedSystem]]:
    devices: list[SharedDevice] = []
    named: dict[str, tuple[str, str]] = {}  # system id -> (newest hlc seen, name)
    for device in transport.list("devices"):
        folder = transport.root / "devices" / device
        seqs: dict[int, str] = {}
        for name in transport.list(f"devices/{device}"):
            parsed = parse_name(name)
            if parsed is not None and parsed[0] == device:
                seqs.setdefault(parsed[1], name)
        if not seqs:
            continue
        device_name = ""
        for seq in sorted(seqs):
            header = _header(folder / seqs[seq])
            if header is None:
                continue
            device_name = str(header.get("device_name") or device_name)
            stamp = str(header.get("last_hlc") or "")
            for pair in header.get("systems") or []:
                if (isinstance(pair, list) and len(pair) == 2
                        and all(isinstance(p, str) for p in pair)
                        and stamp >= named.get(pair[0], ("", ""))[0]):
                    named[pair[0]] = (stamp, pair[1])
        newest = folder / seqs[max(seqs)]
        try:
            last_at = datetime.fromtimestamp(newest.stat().st_mtime, UTC)
        except OSError:
            last_at = None
        devices.append(SharedDevice(id=device, name=device_name or f"Laptop {device[:8]}",
                                    files=len(seqs), last_written_at=last_at))
    systems = [SharedSystem(id=key, name=name) for key, (_, name) in named.items()]
    return devices, systems


def _header(path: Path) -> dict[str, Any] | None:
    """A change file's header line, or None if it cannot be read now or is not one."""
    try:
        with open(path, "rb") as fh:
            line = fh.readline(_HEADER_LIMIT)
        header = json.loads(line)
    except (OSError, ValueError, RecursionError):
        return None
    return header if isinstance(header, dict) else None


def _format_message(transport: FolderTransport) -> str:
    try:
        marker = json.loads(transport.read(FORMAT_FILE))
    except (OSError, ValueError, RecursionError):
        return ""
    made = marker.get("format") if isinstance(marker, dict) else None
    if isinstance(made, int) and made > FORMAT:
        return ("The shared folder was set up by a newer Cairn: update Cairn on this laptop "
                "to sync there.")
    return ""


def _sentence(err: Exception, where: str) -> str:
    if isinstance(err, SharedFolderUnavailable):
        return str(err)
    reason = err.strerror if isinstance(err, OSError) and err.strerror else str(err)
    return f"The shared folder {where} cannot be read now ({reason})."

