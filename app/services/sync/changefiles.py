"""Change files: one device's change-log entries, immutable, checksummed and chained.

A file is UTF-8 text: a header line (JSON: format, device_id, device_name, seq, prev_sha256,
count, first_hlc, last_hlc, systems), one JSON line per change-log entry, and a trailer line
`{"sha256": ...}` holding the sha256 of every byte before it. A file's own sha256 (of all its
bytes) is what the device's next file names as `prev_sha256`, so each device's files form a
chain a reader can verify. Files are named `<device id>-<seq:08d>.cairnlog`; a device that
finds one of its files damaged on the share writes it again as `...-<seq:08d>.r2.cairnlog`
(then `.r3`, ...), and readers take the first intact file for a seq.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from app.models.errors import CairnError
from app.services.sync.transport import FORMAT_FILE, Transport

FORMAT = 1
SUFFIX = ".cairnlog"
MAX_REVISION = 9
NAME = re.compile(r"^(?P<device>[0-9A-Za-z][0-9A-Za-z_-]*)-(?P<seq>\d{8})"
                  r"(?:\.r(?P<rev>[2-9]))?\.cairnlog$")
_TRAILER_START = b'{"sha256":"'


class ChangeFileDamaged(CairnError):
    """A change file is cut short, altered or not a change file; it is set aside, not used."""


class ChangeFileFromNewerCairn(CairnError):
    """A change file was written by a newer Cairn; it is kept until this one is updated."""


class ChangeFileClash(CairnError):
    """The share holds a different, intact file under this device's name and sequence."""


@dataclass(frozen=True)
class ChangeFile:
    """One decoded, verified change file."""

    device_id: str
    device_name: str
    seq: int
    prev_sha256: str
    sha256: str
    format: int
    name: str
    systems: tuple[tuple[str, str], ...]
    entries: tuple[dict[str, Any], ...]


def file_name(device_id: str, seq: int, revision: int = 1) -> str:
    """The file's name in its device's folder; revision 2 and up for rewrites."""
    middle = f".r{revision}" if revision > 1 else ""
    return f"{device_id}-{seq:08d}{middle}{SUFFIX}"


def parse_name(name: str) -> tuple[str, int, int] | None:
    """(device id, seq, revision) of a change file's name, or None for any other name."""
    found = NAME.match(name)
    if found is None:
        return None
    return found["device"], int(found["seq"]), int(found["rev"] or 1)


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def encode_change_file(device_id: str, device_name: str, seq: int, prev_sha256: str,
                       entries: Sequence[Mapping[str, Any]],
                       systems: Sequence[tuple[str, str]] = ()) -> bytes:
    """The bytes of a change file; the same arguments always give the same bytes.

    Raises ValueError for an entry without a string `id`: readers would refuse the file.
    """
    if not all(isinstance(e.get("id"), str) for e in entries):
        raise ValueError("every change-log entry needs a string id")
    hlcs = [e["hlc"] for e in entries if isinstance(e.get("hlc"), str)]
    header = {
        "format": FORMAT, "device_id": device_id, "device_name": device_name, "seq": seq,
        "prev_sha256": prev_sha256, "count": len(entries),
        "first_hlc": min(hlcs, default=""), "last_hlc": max(hlcs, default=""),
        "systems": [[str(i), str(n)] for i, n in systems],
    }
    lines = [_line(header)] + [_line(dict(e)) for e in entries]
    body = b"".join(lines)
    return body + _line({"sha256": sha256_of(body)})


def decode_change_file(data: bytes, name: str = "") -> ChangeFile:
    """Read and verify a change file; ChangeFileDamaged or ChangeFileFromNewerCairn if not."""
    what = f"The change file {name}" if name else "The change file"
    try:
        return _decode(data, name, what)
    except (ValueError, TypeError, KeyError, RecursionError, AttributeError) as err:
        raise ChangeFileDamaged(f"{what} is damaged: it cannot be read.") from err


def _decode(data: bytes, name: str, what: str) -> ChangeFile:
    if not data.endswith(b"\n"):
        raise ChangeFileDamaged(f"{what} is cut short: it has no end.")
    cut = data.rfind(b"\n", 0, len(data) - 1) + 1
    body, trailer = data[:cut], data[cut:]
    found = _header(body)
    header: dict[str, Any] = found if isinstance(found, dict) else {}
    newer = _format_of(header) > FORMAT
    if not trailer.startswith(_TRAILER_START):
        if newer:
            raise _newer(what, header)
        raise ChangeFileDamaged(f"{what} is cut short: its checksum line is missing.")
    hashed = hashlib.sha256(body)
    if trailer != _line({"sha256": hashed.hexdigest()}):  # exact: the file's hash chains files
        raise ChangeFileDamaged(f"{what} is damaged: its checksum does not match.")
    if not header:
        raise ChangeFileDamaged(f"{what} is damaged: it has no header.")
    if newer:
        raise _newer(what, header)
    meta = _checked_header(header, body.count(b"\n") - 1, what)
    if name:
        parsed = parse_name(name)
        if parsed is None or parsed[:2] != (meta["device_id"], meta["seq"]):
            raise ChangeFileDamaged(f"{what} is damaged: its name does not match what it holds.")
    entries = tuple(json.loads(line) for line in body.split(b"\n")[1:-1])
    if not all(isinstance(e, dict) and isinstance(e.get("id"), str) for e in entries):
        raise ChangeFileDamaged(f"{what} is damaged: an entry has no id.")
    hashed.update(trailer)
    return ChangeFile(
        device_id=meta["device_id"], device_name=meta["device_name"], seq=meta["seq"],
        prev_sha256=meta["prev_sha256"], sha256=hashed.hexdigest(), format=FORMAT, name=name,
        systems=tuple((i, n) for i, n in meta["systems"]), entries=entries)


def _header(body: bytes) -> object:
    first = body.split(b"\n", 1)[0]
    try:
        return json.loads(first)
    except (ValueError, RecursionError):
        return None


def _format_of(header: dict[str, Any]) -> int:
    value = header.get("format")
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def _newer(what: str, header: dict[str, Any]) -> ChangeFileFromNewerCairn:
    return ChangeFileFromNewerCairn(
        f"{what} was written by a newer Cairn (format {_format_of(header)}); it is kept "
        "until this laptop's Cairn is updated.")


def _checked_header(header: dict[str, Any], count: int, what: str) -> dict[str, Any]:
    texts = ("device_id", "device_name", "prev_sha256")
    ok = (
        _format_of(header) == FORMAT
        and all(isinstance(header.get(k), str) for k in texts)
        and header["device_id"] != ""
        and isinstance(header.get("seq"), int) and not isinstance(header["seq"], bool)
        and header["seq"] >= 1
        and header.get("count") == count
        and isinstance(header.get("systems"), list)
        and all(isinstance(s, list) and len(s) == 2 and all(isinstance(p, str) for p in s)
                for s in header["systems"])
    )
    if not ok:
        raise ChangeFileDamaged(f"{what} is damaged: its header does not add up.")
    return header


def _line(value: Mapping[str, Any]) -> bytes:
    # ASCII escapes: any text (even a lone surrogate) survives, and no byte is ambiguous.
    text = json.dumps(value, sort_keys=True, separators=(",", ":"), allow_nan=False)
    return text.encode("ascii") + b"\n"


def publish(transport: Transport, device_id: str, device_name: str, seq: int, prev_sha256: str,
            entries: Sequence[Mapping[str, Any]],
            systems: Sequence[tuple[str, str]] = ()) -> ChangeFile:
    """Write this device's file `seq` to the share, whole, never over another file.

    If the share already holds exactly these bytes (a round cut short after writing), that
    file stands. If the name holds a damaged or unreadable file, the next revision name
    (`.r2`, ...) is written. A different intact file there raises ChangeFileClash.
    """
    data = encode_change_file(device_id, device_name, seq, prev_sha256, entries, systems)
    folder = f"devices/{device_id}"

    def written(name: str) -> ChangeFile:
        return ChangeFile(device_id=device_id, device_name=device_name, seq=seq,
                          prev_sha256=prev_sha256, sha256=sha256_of(data), format=FORMAT,
                          name=name, systems=tuple((str(i), str(n)) for i, n in systems),
                          entries=tuple(dict(e) for e in entries))

    for revision in range(1, MAX_REVISION + 1):
        name = file_name(device_id, seq, revision)
        if transport.write_if_absent(f"{folder}/{name}", data):
            return written(name)
        try:
            there = transport.read(f"{folder}/{name}")
        except OSError:
            continue  # cannot be read now (an online-only placeholder): write the next one
        if there == data:
            return written(name)
        try:
            decode_change_file(there, name)
        except (ChangeFileDamaged, ChangeFileFromNewerCairn):
            continue
        raise ChangeFileClash(
            f"The shared folder already holds a different file {seq} from this laptop: "
            "another laptop may be using a copy of this laptop's data folder.")
    raise ChangeFileDamaged(
        f"File {seq} from this laptop is damaged on the shared folder each time it is "
        "written; the shared folder may be failing.")


def mark_format(transport: Transport, device_id: str) -> bool:
    """Write `FORMAT.json` once, on the round that made `Cairn sync/`; False if it was there."""
    return transport.write_if_absent(FORMAT_FILE, _line({"format": FORMAT, "created_by": device_id}))
