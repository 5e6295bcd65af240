"""The hybrid logical clock (Kulkarni et al., 2014) that stamps every change for sync.

A stamp is `<UTC time to the ms>Z-<counter:04x>-<device id>`: it sorts as text, stays ahead of
every stamp this laptop has made or received, and follows real time when real time is ahead.
A laptop whose clock is wrong by days or years still syncs: its stamps are only ordered
later (or earlier) than they should be; a remote stamp far ahead is never refused, only told.

`CAIRN_CLOCK_OFFSET_SECONDS` (a number, may be negative) shifts this laptop's physical clock:
the test seam for laptops whose clocks are days behind or years ahead.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from datetime import UTC, datetime

OFFSET_ENV = "CAIRN_CLOCK_OFFSET_SECONDS"
_MAX_COUNTER = 0xFFFF


def physical_ms() -> int:
    """This laptop's time in ms since the epoch, shifted by the test seam if it is set."""
    offset = float(os.environ.get(OFFSET_ENV) or 0)
    return int((time.time() + offset) * 1000)


def format_hlc(ms: int, counter: int, device: str) -> str:
    when = datetime.fromtimestamp(ms / 1000, UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:23]
    return f"{when}Z-{counter:04x}-{device}"


def parse_hlc(stamp: str) -> tuple[int, int, str]:
    """(ms, counter, device) of a stamp; ValueError if it is not one."""
    when, counter, device = stamp[:24], stamp[25:29], stamp[30:]
    if len(stamp) < 30 or stamp[24] != "-" or stamp[29:30] != "-":
        raise ValueError(f"not a clock stamp: {stamp!r}")
    if when[-1:] != "Z":
        raise ValueError(f"not a clock stamp: {stamp!r}")
    moment = datetime.fromisoformat(when[:-1]).replace(tzinfo=UTC)
    return int(moment.timestamp() * 1000 + 0.5), int(counter, 16), device


class Clock:
    """One store's clock: `tick` for a local change, `receive` for a remote stamp."""

    def __init__(self, ms: int = 0, counter: int = 0) -> None:
        self.ms, self.counter = ms, counter
        self._lock = threading.Lock()
        self._text_ms, self._text = -1, ""
        self._high = ""  # the newest stamp's time and counter, as text: most receives are older
        self._read = ("", 0)  # the last time text read and its ms: a file's stamps share a few

    def tick(self, device: str) -> str:
        with self._lock:
            now = physical_ms()
            if now > self.ms:
                self.ms, self.counter = now, 0
            else:
                self._bump()
            stamp = self._stamp(device)
            self._high = stamp[:29]
            return stamp

    def receive(self, stamp: str) -> None:
        """Move past a remote stamp (never refused, however far ahead it is)."""
        if stamp[:29] <= self._high:
            return
        try:
            ms, counter = self._parsed(stamp)
        except ValueError:
            return
        with self._lock:
            if (ms, counter) > (self.ms, self.counter):
                self.ms, self.counter = ms, counter
                self._high = stamp[:29]

    def _parsed(self, stamp: str) -> tuple[int, int]:
        """(ms, counter) as `parse_hlc` reads them; the time, most of the cost, is read once
        for the stamps of one millisecond (an operation's entries share one)."""
        when, ms = self._read
        if stamp[:24] != when or len(stamp) < 30 or stamp[24] != "-" or stamp[29] != "-":
            ms, counter, _ = parse_hlc(stamp)
            self._read = (stamp[:24], ms)  # one tuple: a racing receive reads a matching pair
            return ms, counter
        return ms, int(stamp[25:29], 16)

    def _bump(self) -> None:
        if self.counter >= _MAX_COUNTER:
            self.ms, self.counter = self.ms + 1, 0
        else:
            self.counter += 1

    def _stamp(self, device: str) -> str:
        if self._text_ms != self.ms:  # formatting the time is most of the cost: once per ms
            self._text_ms = self.ms
            self._text = format_hlc(self.ms, 0, "")[:24]
        return f"{self._text}-{self.counter:04x}-{device}"


_clocks: dict[str, Clock] = {}
_clocks_lock = threading.Lock()


def clock_for(conn: sqlite3.Connection) -> Clock:
    """The clock of the store `conn` is open on, started past the newest stamp in its log."""
    path = str(conn.execute("PRAGMA database_list").fetchone()[2])
    clock = _clocks.get(path)
    if clock is not None:
        return clock
    with _clocks_lock:
        if path not in _clocks:
            _clocks[path] = Clock(*_newest(conn))
        return _clocks[path]


def forget(path: str) -> None:
    """Drop a store's clock (a store replaced under the same path starts from its own log)."""
    with _clocks_lock:
        _clocks.pop(path, None)


def _newest(conn: sqlite3.Connection) -> tuple[int, int]:
    """The newest stamp among the last changes and the newest received (kept in store_meta):
    local stamps only grow with seq, so the last ones hold the newest local one."""
    stamps = [r[0] for r in conn.execute(
        "SELECT hlc FROM change_log ORDER BY seq DESC LIMIT 200") if r[0]]
    stamps += [r[0] for r in conn.execute(
        "SELECT value FROM store_meta WHERE key = 'sync_newest_hlc'")]
    best = (0, 0)
    for stamp in stamps:
        try:
            ms, counter, _ = parse_hlc(stamp)
        except ValueError:
            continue
        best = max(best, (ms, counter))
    return best
