"""Reading standard input a batch at a time, through a real pipe: the lines already waiting
come together, a line arriving alone comes alone, and nothing is lost or cut."""

from __future__ import annotations

import io
import os

import pytest

from app.cli.line_batches import batches


@pytest.mark.skipif(os.name != "posix", reason="only POSIX can ask a pipe what is waiting")
def test_waiting_lines_come_together_and_a_live_line_alone():
    read_end, write_end = os.pipe()
    source = os.fdopen(read_end, "rb", buffering=0)
    got = batches(source, most=3)
    os.write(write_end, b"one\ntwo\nthree\nfour\nfi")
    assert next(got) == [b"one\n", b"two\n", b"three\n"]
    # Half a line ("fi") is held back until the rest of it arrives.
    assert next(got) == [b"four\n"]
    os.write(write_end, b"ve\n")
    assert next(got) == [b"five\n"]
    os.write(write_end, b"six, with no newline at the end")
    os.close(write_end)
    assert next(got) == [b"six, with no newline at the end"]
    assert next(got, None) is None
    source.close()


def test_a_source_without_a_descriptor_is_read_a_line_at_a_time():
    assert list(batches(io.BytesIO(b"a\nb\n\nc"))) == [[b"a\n"], [b"b\n"], [b"\n"], [b"c"]]
