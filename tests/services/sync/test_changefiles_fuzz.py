"""Property tests: decoding any bytes raises only Cairn's own errors; encoding round-trips."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from app.services.sync.changefiles import (
    ChangeFileDamaged,
    ChangeFileFromNewerCairn,
    decode_change_file,
    encode_change_file,
    file_name,
)

DEVICE = "0190dddd-0000-7000-8000-000000000004"
FIELDS = ("id", "op_id", "at", "hlc", "device_id", "author", "entity", "entity_id", "op",
          "field", "value", "base")

text_or_none = st.one_of(st.none(), st.text(max_size=40))
entry = st.fixed_dictionaries(
    {"id": st.text(min_size=1, max_size=36)} | {k: text_or_none for k in FIELDS[1:]})
entries = st.lists(entry, max_size=8)
systems = st.lists(st.tuples(st.text(max_size=12), st.text(max_size=30)), max_size=3)


def valid(items: list[dict[str, Any]], name: str = "Harris") -> bytes:
    return encode_change_file(DEVICE, name, 4, "c" * 64, items, [("s", "Island learning")])


@given(st.binary(max_size=600))
def test_arbitrary_bytes_raise_only_cairn_errors(data: bytes) -> None:
    try:
        got = decode_change_file(data, file_name(DEVICE, 4))
    except (ChangeFileDamaged, ChangeFileFromNewerCairn):
        return
    # Whatever is read as intact is exactly what encoding it gives.
    assert encode_change_file(got.device_id, got.device_name, got.seq, got.prev_sha256,
                              got.entries, got.systems) == data


@given(entries, st.data())
def test_mutated_valid_files_raise_only_cairn_errors_and_never_pass(
        items: list[dict[str, Any]], data: st.DataObject) -> None:
    good = valid(items)
    kind = data.draw(st.sampled_from(["cut", "flip", "insert", "replace"]))
    at = data.draw(st.integers(0, len(good) - 1))
    if kind == "cut":
        bad = good[:at]
    elif kind == "flip":
        bit = data.draw(st.integers(0, 7))
        bad = good[:at] + bytes([good[at] ^ (1 << bit)]) + good[at + 1:]
    elif kind == "insert":
        bad = good[:at] + data.draw(st.binary(min_size=1, max_size=8)) + good[at:]
    else:
        bad = good[:at] + data.draw(st.binary(min_size=1, max_size=8)) + good[at + 4:]
    if bad == good:
        return
    try:
        decode_change_file(bad, file_name(DEVICE, 4))
    except (ChangeFileDamaged, ChangeFileFromNewerCairn):
        return
    raise AssertionError("a damaged change file was read as intact")


@given(entries, systems, st.text(max_size=40), st.integers(1, 10**8 - 1))
def test_encode_decode_round_trip(items: list[dict[str, Any]], named: list[tuple[str, str]],
                                  device_name: str, seq: int) -> None:
    data = encode_change_file(DEVICE, device_name, seq, "" if seq == 1 else "ab" * 32, items,
                              named)
    got = decode_change_file(data, file_name(DEVICE, seq))
    assert list(got.entries) == items
    assert got.systems == tuple(named)
    assert (got.device_id, got.device_name, got.seq) == (DEVICE, device_name, seq)
    assert data.isascii()
