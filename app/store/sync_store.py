"""Applying received change files to a store: one received operation per transaction.

The rules for one entry are in `sync_apply`; this is the loop around them. It holds the one
write connection only for short stretches (`HOLD_SECONDS`), so a note saved meanwhile waits
a few milliseconds at most; each operation commits whole or not at all, and a file's last
operation also records the file as applied (its device's seq and hash), so a round killed at
any point leaves whole operations and the next round carries on where it stopped. While it
runs, foreign keys are off (a record may come before its parent, from another laptop) and
commits do not wait for the disk: the round's closing unit of work does (WAL: one sync of
the log covers every commit before it), and an operation lost to a power cut is read again.
What the round remembers between operations (see `Context`) is forgotten whenever anyone else
wrote to the store since the round's last commit: a unit of work that took the connection
meanwhile, or another process.

`CAIRN_SYNC_PAUSE_AFTER=N` (a test seam) pauses the process for good after N operations,
having said so on stderr, so that a test can kill it mid-apply.
"""

from __future__ import annotations

import os
import sqlite3
import sys
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from app.models.base import utcnow
from app.models.errors import StoreError
from app.store import faults, sync_clock
from app.store import sync_entries as log
from app.store.canonical import canonical_time
from app.store.engine import Store
from app.store.sync_apply import Context, Outcome, apply_entry, prepare

HOLD_SECONDS = 0.05
PAUSE_ENV = "CAIRN_SYNC_PAUSE_AFTER"
Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class Received:
    """One change file to apply: whose, which, and its entries."""

    device_id: str
    device_name: str
    seq: int
    sha256: str
    entries: Sequence[Mapping[str, Any]]


def apply_files(store: Store, files: Sequence[Received],
                progress: Progress | None = None) -> Outcome:
    """Apply these files in order; entries already here are left alone (idempotent)."""
    refusal = store.write_refusal()
    if refusal is not None:
        raise StoreError(refusal)
    outcome = Outcome()
    total = sum(len(f.entries) for f in files)
    done, pause = 0, int(os.environ.get(PAUSE_ENV) or 0)
    with _Writer(store) as writer:
        clock = sync_clock.clock_for(writer.conn)
        ctx = Context(writer.conn, store.device_id, canonical_time(utcnow()),
                      lambda: clock.tick(store.device_id), outcome)
        for received in files:
            have = log.known(writer.conn, [str(e["id"]) for e in received.entries])
            operations = list(_operations([e for e in received.entries if e["id"] not in have]))
            outcome.already += len(have)
            for n, entries in enumerate(operations):
                last = n == len(operations) - 1
                with writer.transaction():
                    if writer.others_wrote():
                        ctx.forget()
                    prepare(ctx, entries)
                    for e in entries:
                        clock.receive(str(e["hlc"]))
                        apply_entry(ctx, e)
                    if last:
                        _record_file(writer.conn, received)
                writer.committed += 1
                done += len(entries)
                if progress is not None:
                    progress(done, total, f"Applying changes from {received.device_name}")
                if pause and writer.committed == pause:
                    print(f"sync: paused after {pause} operations", file=sys.stderr, flush=True)
                    time.sleep(600)
            if not operations:
                with writer.transaction():
                    _record_file(writer.conn, received)
    return outcome


def _operations(entries: Sequence[Mapping[str, Any]]) -> Iterator[list[Mapping[str, Any]]]:
    """Entries grouped by operation, in order (an operation's entries are consecutive)."""
    group: list[Mapping[str, Any]] = []
    for e in entries:
        if group and group[0]["op_id"] != e["op_id"]:
            yield group
            group = []
        group.append(e)
    if group:
        yield group


def _record_file(conn: sqlite3.Connection, received: Received) -> None:
    conn.execute(
        "INSERT INTO sync_peers (device_id, name, last_seq, last_sha256) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (device_id) DO UPDATE SET name = excluded.name, "
        "last_seq = excluded.last_seq, last_sha256 = excluded.last_sha256",
        (received.device_id, received.device_name, received.seq, received.sha256))
    newest = max((str(e["hlc"]) for e in received.entries), default="")
    conn.execute("INSERT INTO store_meta (key, value) VALUES ('sync_newest_hlc', ?) "
                 "ON CONFLICT (key) DO UPDATE SET value = max(value, excluded.value)", (newest,))


class _Writer:
    """The store's one write connection, taken for short stretches and given back between."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.committed = 0
        self._pooled: Any = None
        self._since = 0.0
        self._version: tuple[Any, int] = (None, 0)  # the connection and its data_version
        self._changes = -1  # its total_changes after the round's last commit

    def __enter__(self) -> _Writer:
        self._take()
        return self

    def __exit__(self, *exc: object) -> None:
        self._give_back()

    @property
    def conn(self) -> sqlite3.Connection:
        if self._pooled is None:
            self._take()
        return self._pooled.driver_connection

    def others_wrote(self) -> bool:
        """Whether anyone else wrote to the store since this round's last commit (in a
        transaction: asked at its start, no one else can write until it ends)."""
        conn = self.conn
        version = (conn, conn.execute("PRAGMA data_version").fetchone()[0])
        # data_version moves when another connection commits, total_changes when this one
        # writes: between the round's transactions only someone else can use it.
        others = version != self._version or conn.total_changes != self._changes
        self._version = version
        return others

    def after_commit(self) -> None:
        self._changes = self.conn.total_changes

    def transaction(self) -> _Transaction:
        if self._pooled is not None and time.monotonic() - self._since > HOLD_SECONDS:
            self._give_back()  # let a unit of work waiting for the connection in
        return _Transaction(self)

    def _take(self) -> None:
        self._pooled = self.store._engines[1].raw_connection()
        self._since = time.monotonic()
        conn = self._pooled.driver_connection
        conn.execute("PRAGMA foreign_keys=OFF")
        conn.execute("PRAGMA synchronous=NORMAL")

    def _give_back(self) -> None:
        if self._pooled is None:
            return
        conn = self._pooled.driver_connection
        try:
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute("PRAGMA synchronous=FULL")
        finally:
            self._pooled.close()
            self._pooled = None


class _Transaction:
    def __init__(self, writer: _Writer) -> None:
        self.writer = writer

    def __enter__(self) -> None:
        self.writer.conn.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind: object, exc: BaseException | None, tb: object) -> None:
        conn = self.writer.conn
        if exc is None:
            try:
                conn.execute("COMMIT")
                self.writer.after_commit()
                return
            except sqlite3.Error as err:
                exc = err
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise _told(self.writer.store, err) from err
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        if isinstance(exc, sqlite3.Error):
            raise _told(self.writer.store, exc) from exc


def _told(store: Store, err: sqlite3.Error) -> BaseException:
    """SQLite's failure as one sentence when it is one a person can act on."""
    told = faults.describe(err, store.path, doing="Cairn could not apply the changes received")
    return told if told is not None else err
