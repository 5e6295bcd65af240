"""Change files: encode, decode, checksum, names, and publishing without replacing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.services.sync.changefiles import (
    FORMAT,
    ChangeFileClash,
    ChangeFileDamaged,
    ChangeFileFromNewerCairn,
    decode_change_file,
    encode_change_file,
    file_name,
    mark_format,
    parse_name,
    publish,
    sha256_of,
)
from app.services.sync.folder import FolderTransport

DEVICE = "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b"


def entry(n: int, value: str | None = '"x"') -> dict[str, str | None]:
    return {"id": f"e{n:05d}", "op_id": f"op{n}", "at": "2026-11-30T08:00:00Z",
            "hlc": f"2026-11-30T08:00:00.000Z-{n:04x}-{DEVICE}", "device_id": DEVICE,
            "author": "Ailsa Mackay", "entity": "note", "entity_id": f"n{n}", "op": "update",
            "field": "text", "value": value, "base": None}


def test_round_trip_keeps_header_entries_and_systems() -> None:
    entries = [entry(1), entry(2, None), entry(3, '{"a":"Düne \\n"}')]
    data = encode_change_file(DEVICE, "Orkney office", 3, "ab" * 32, entries,
                              [("sys1", "Island learning")])
    name = file_name(DEVICE, 3)
    got = decode_change_file(data, name)
    assert (got.device_id, got.device_name, got.seq, got.format) == (DEVICE, "Orkney office", 3,
                                                                      FORMAT)
    assert got.prev_sha256 == "ab" * 32
    assert got.sha256 == sha256_of(data)
    assert got.systems == (("sys1", "Island learning"),)
    assert list(got.entries) == entries
    header = json.loads(data.split(b"\n")[0])
    assert header["count"] == 3 and header["first_hlc"] == entries[0]["hlc"]
    assert header["last_hlc"] == entries[2]["hlc"]


def test_same_arguments_give_the_same_bytes() -> None:
    one = encode_change_file(DEVICE, "A", 1, "", [entry(1)])
    assert one == encode_change_file(DEVICE, "A", 1, "", [dict(reversed(entry(1).items()))])


def test_truncation_and_bit_flip_are_damage() -> None:
    data = encode_change_file(DEVICE, "A", 1, "", [entry(1), entry(2)])
    with pytest.raises(ChangeFileDamaged, match="cut short"):
        decode_change_file(data[:-10])
    flipped = bytearray(data)
    flipped[40] ^= 0x04
    with pytest.raises(ChangeFileDamaged):
        decode_change_file(bytes(flipped))


def test_a_name_that_does_not_match_the_header_is_damage() -> None:
    data = encode_change_file(DEVICE, "A", 2, "x", [entry(1)])
    with pytest.raises(ChangeFileDamaged, match="name"):
        decode_change_file(data, file_name(DEVICE, 3))


def test_a_newer_format_is_told_apart_from_damage() -> None:
    body = json.dumps({"format": FORMAT + 1, "device_id": DEVICE, "seq": 1}).encode() + b"\n"
    with pytest.raises(ChangeFileFromNewerCairn, match="newer Cairn"):
        decode_change_file(body + b"something new\n")
    trailer = json.dumps({"sha256": sha256_of(body)}, separators=(",", ":")).encode() + b"\n"
    with pytest.raises(ChangeFileFromNewerCairn):
        decode_change_file(body + trailer)


def test_names() -> None:
    assert parse_name(file_name(DEVICE, 7)) == (DEVICE, 7, 1)
    assert parse_name(file_name(DEVICE, 7, 2)) == (DEVICE, 7, 2)
    assert file_name(DEVICE, 7, 2).endswith("-00000007.r2.cairnlog")
    for other in ("desktop.ini", f".~{file_name(DEVICE, 7)}.tmp", f"{DEVICE}-7.cairnlog",
                  f"{DEVICE}-00000007 (conflicted copy).cairnlog"):
        assert parse_name(other) is None


def test_publish_writes_once_and_again_when_damaged(tmp_path: Path) -> None:
    (tmp_path / "share").mkdir()
    transport = FolderTransport(tmp_path / "share", create=True)
    first = publish(transport, DEVICE, "A", 1, "", [entry(1)])
    again = publish(transport, DEVICE, "A", 1, "", [entry(1)])
    assert again.sha256 == first.sha256 and again.name == first.name
    where = tmp_path / "share" / "Cairn sync" / "devices" / DEVICE
    (where / first.name).write_bytes((where / first.name).read_bytes()[:20])
    rewritten = publish(transport, DEVICE, "A", 1, "", [entry(1)])
    assert rewritten.name == file_name(DEVICE, 1, 2)
    assert rewritten.sha256 == first.sha256
    with pytest.raises(ChangeFileClash):
        publish(transport, DEVICE, "A", 1, "", [entry(9)])


def test_format_marker_written_once(tmp_path: Path) -> None:
    transport = FolderTransport(tmp_path, create=True)
    assert mark_format(transport, DEVICE)
    assert not mark_format(transport, "another")
    marker = json.loads((tmp_path / "Cairn sync" / "FORMAT.json").read_text("utf-8"))
    assert marker == {"format": FORMAT, "created_by": DEVICE}
