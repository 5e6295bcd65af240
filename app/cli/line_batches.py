"""Standard input a batch of lines at a time: the first line to arrive and every line already
waiting behind it.

`cairn capture` commits each batch in one transaction (group commit): a transcript piped in
whole is saved in a few commits rather than one per line, while a line typed or piped live is
a batch of its own and is saved at once, without waiting for more. Only POSIX can ask a pipe
whether more is waiting (select); elsewhere every line is a batch of its own.
"""

from __future__ import annotations

import io
import os
import select
from collections.abc import Iterator
from typing import BinaryIO

MOST = 500  # lines in one batch: enough to make commits rare, few enough to report promptly
_READ = 1 << 16


def batches(source: BinaryIO, most: int = MOST) -> Iterator[list[bytes]]:
    """Lists of lines (each with its newline, the last line perhaps without), in order."""
    fd = _descriptor(source)
    if fd is None:
        while line := source.readline():
            yield [line]
        return
    pending = b""
    ended = False
    while not ended:
        chunk = os.read(fd, _READ)  # waits for the next line to arrive
        ended = not chunk
        pending += chunk
        while not ended and pending.count(b"\n") < most and _waiting(fd):
            chunk = os.read(fd, _READ)
            ended = not chunk
            pending += chunk
        *lines, pending = pending.split(b"\n")
        complete = [line + b"\n" for line in lines]
        if ended and pending:
            complete.append(pending)
        for start in range(0, len(complete), most):
            yield complete[start:start + most]


def _descriptor(source: BinaryIO) -> int | None:
    """The file descriptor to read directly, when this system can ask it what is waiting."""
    if os.name != "posix":
        return None
    try:
        return source.fileno()
    except (AttributeError, OSError, io.UnsupportedOperation):
        return None


def _waiting(fd: int) -> bool:
    try:
        return bool(select.select([fd], [], [], 0)[0])
    except (OSError, ValueError):
        return False
