"""SQLite's quick check of a store, run where it costs least, and never skipped before a write
to a file that may have changed outside Cairn.

`PRAGMA quick_check` reads every page of the file: on a 100,000-note store (65 MB) it took
57-75 ms with the file in the operating system's cache but 1.5 s from a cold disk, the first
start of a day; the app's start-up target is under one second. So:

- The app runs it on a thread of its own from the moment the store opens (sqlite3 lets go of
  Python's lock while SQLite works, so it takes a second core rather than time from
  start-up); reads go ahead meanwhile, and the first write waits for its answer: no write
  ever lands in a store that failed it.
- A command (`cairn ...`) runs it only before its first write, and not at all when the file is
  exactly as a Cairn process left it on closing it sound (`trusted`: same size, modification
  time and inode, no log pending). A crash, a copy, a restore or a sync tool changes one of
  those, and the check runs again; only damage that changes none of them (a bit flipped on the
  disk) can wait until the app next opens the store.

What opening does at once is cheap and catches a damaged header or schema: reading the schema
revision.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import threading
from pathlib import Path

from app.store import backups, faults

# Beside the store: the fingerprint of its file when a Cairn process last closed it sound.
TRUST_FILE = ".cairn-sound.json"


def quick_check(uri: str) -> list[str]:
    """SQLite's findings for the store at `uri` (a read-only URI): [] when it is sound.

    A check that could not run for another reason (interrupted, the store busy) finds nothing.
    """
    try:
        conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
    except sqlite3.Error as exc:
        return [str(exc)] if faults.is_damage(exc) else []
    try:
        return _findings(conn)
    finally:
        conn.close()


def plain_findings(rows: list[str]) -> list[str]:
    """SQLite's check rows as one finding a line, without its per-database headings."""
    return [line for row in rows for line in row.splitlines()
            if line.strip() and not line.startswith("*** in database")]


def _findings(conn: sqlite3.Connection) -> list[str]:
    try:
        rows = [str(r[0]) for r in conn.execute("PRAGMA quick_check")]
    except sqlite3.Error as exc:
        # A page SQLite cannot even parse stops the check with an error instead of a row.
        if faults.code_of(exc) in (*faults.DAMAGE, faults.SQLITE_IOERR):
            return plain_findings([str(exc)])
        return []
    return [] if rows == ["ok"] else plain_findings(rows)


class BackgroundCheck:
    """`quick_check` on a thread of its own, started at once or (`start=False`) when its answer
    is first asked for; `findings` waits for it, `cancel` stops it."""

    def __init__(self, uri: str, *, start: bool = True) -> None:
        self._uri = uri
        self._done = threading.Event()
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None
        self._cancelled = False
        self._findings: list[str] = []
        self._thread = threading.Thread(target=self._run, name="cairn-quick-check", daemon=True)
        if start:
            self._thread.start()

    @property
    def done(self) -> bool:
        return self._done.is_set()

    def findings(self, timeout: float | None = None) -> list[str] | None:
        """What the check found ([] if sound); None if it has not finished within `timeout`."""
        with self._lock:
            if self._thread.ident is None and not self._cancelled:
                self._thread.start()
        if not self._done.wait(timeout):
            return None
        return list(self._findings)

    def cancel(self) -> None:
        """Stop the check (the store is closing) and wait for its thread, if it started."""
        with self._lock:
            self._cancelled = True
            if self._conn is not None:
                self._conn.interrupt()
            started = self._thread.ident is not None
        if started:
            self._thread.join()

    def _run(self) -> None:
        try:
            with self._lock:
                if self._cancelled:
                    return
                try:
                    self._conn = sqlite3.connect(self._uri, uri=True, check_same_thread=False)
                except sqlite3.Error as exc:
                    self._findings = [str(exc)] if faults.is_damage(exc) else []
                    return
            self._findings = _findings(self._conn)
            with self._lock:
                self._conn.close()
                self._conn = None
        finally:
            self._done.set()


def trusted(path: Path) -> bool:
    """Whether the store file is exactly as a Cairn process left it on closing it sound: same
    size, modification time and inode, no write-ahead log pending."""
    now = backups.fingerprint(path)
    try:
        record = json.loads((path.parent / TRUST_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return now is not None and record == {"store": path.name, **now}


def record_sound(path: Path) -> None:
    """Remember that the store, as its file now is, was sound when this process closed it."""
    try:
        now = backups.fingerprint(path)
        if now is None:
            return  # another process still has changes in the log: nothing to vouch for
        written = path.parent / (TRUST_FILE + ".new")
        written.write_text(json.dumps({"store": path.name, **now}), encoding="utf-8")
        os.replace(written, path.parent / TRUST_FILE)
    except OSError:
        pass  # only costs a quick check the next time


def forget(path: Path) -> None:
    with contextlib.suppress(OSError):
        (path.parent / TRUST_FILE).unlink(missing_ok=True)
