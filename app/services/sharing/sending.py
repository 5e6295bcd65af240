"""Sending the outbox: each message's try is recorded before it is handed to the server and its
result after, so nothing is ever sent twice by Cairn itself.

One process sends at a time, holding the outbox's lock (a file lock beside the store, which the
system lets go of when the process ends, however it ends). Whoever takes the lock first turns
any message left "sending" into "may have been sent": the process that was sending it is gone.

The result of a try: sent; failed (the server said no, with its reason); queued again with a
next try after an exponential back-off (the server said "later", or the connection was lost
before the whole message was handed over); or may have been sent (lost after: see
`smtp_link`). After `MOST_TRIES` tries that all met "later", a message fails.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from types import TracebackType

from sqlalchemy import or_, select

from app.models import Changes, InvalidInput, utcnow
from app.services.sharing import smtp_link
from app.services.sharing.outbox import OutboxStatus, changed, recover_interrupted
from app.services.sharing.smtp_link import (
    LoginRefused,
    Outcome,
    ServerUnreachable,
    SmtpSettings,
)
from app.store.engine import Store
from app.store.tables import OutboxRow

LOCK_FILE = "outbox.lock"
FIRST_WAIT = timedelta(minutes=1)
LONGEST_WAIT = timedelta(hours=6)
MOST_TRIES = 10

Report = Callable[[int, int, str], object]


def back_off(attempts: int) -> timedelta:
    """How long to wait after the `attempts`-th try met "later": 1, 2, 4 ... minutes, at most
    six hours."""
    return min(FIRST_WAIT * (2 ** max(0, attempts - 1)), LONGEST_WAIT)


@dataclass
class SendReport:
    """What one sending round did, by outbox id; `problem` says why it stopped early."""

    sent: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    later: list[str] = field(default_factory=list)
    unsure: list[str] = field(default_factory=list)
    problem: str = ""
    changes: Changes = field(default_factory=Changes)

    def summary(self) -> str:
        """One or two sentences for the status bar and the command line."""
        parts = [f"{len(self.sent)} sent"]
        for ids, what in ((self.later, "to try again later"), (self.failed, "failed"),
                          (self.unsure, "may have been sent")):
            if ids:
                parts.append(f"{len(ids)} {what}")
        text = "Outbox: " + ", ".join(parts) + "."
        return f"{text} {self.problem}" if self.problem else text


class SendLock:
    """The outbox's lock: held by the one process sending, released by the system when that
    process ends. Also keeps two threads of one process from sending at once."""

    _threads = threading.Lock()

    def __init__(self, store: Store) -> None:
        self._path = Path(store.path).parent / LOCK_FILE
        self._fd: int | None = None

    def acquire(self) -> bool:
        if not self._threads.acquire(blocking=False):
            return False
        try:
            fd = os.open(self._path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as err:
            self._threads.release()
            raise InvalidInput(f"The outbox cannot be locked for sending ({err.strerror}).") \
                from err
        if not _lock(fd):
            os.close(fd)
            self._threads.release()
            return False
        self._fd = fd
        return True

    def release(self) -> None:
        if self._fd is not None:
            _unlock(self._fd)
            os.close(self._fd)
            self._fd = None
            self._threads.release()

    def __enter__(self) -> SendLock:
        if not self.acquire():
            raise InvalidInput("The outbox is being sent by another Cairn on this computer; "
                               "try again when it has finished.")
        return self

    def __exit__(self, kind: type[BaseException] | None, err: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.release()


def recover(store: Store) -> Changes:
    """At start-up: messages a process left "sending" become "may have been sent", unless
    another process is sending right now (then they are its own, still going)."""
    lock = SendLock(store)
    if not lock.acquire():
        return Changes()
    try:
        return recover_interrupted(store)
    finally:
        lock.release()


def send_due(store: Store, settings: SmtpSettings, password: str | None, sender: str, *,
             everything: bool = False, now: datetime | None = None,
             report: Report | None = None) -> SendReport:
    """Send the queued messages that are due (all queued ones with `everything`, as "Send now"
    asks) through the server; see the module for what each try records."""
    if not sender.strip():
        raise InvalidInput("Give the address the pack is sent from (SMTP settings, or --from).")
    result = SendReport()
    with SendLock(store):
        result.changes = recover_interrupted(store)
        due = _due(store, now or utcnow(), everything)
        if not due:
            return result
        try:
            smtp = smtp_link.connect(settings, password)
        except ServerUnreachable as err:
            result.problem = f"The server was not reached: {err}; the messages stay queued."
            return result
        except LoginRefused as err:
            result.problem = (f"The server refused the user name or password ({err}); the "
                              "messages stay queued.")
            return result
        try:
            for n, (outbox_id, recipient, data) in enumerate(due):
                if report is not None:
                    report(n, len(due), f"Sending {n + 1} of {len(due)}")
                _begin(store, outbox_id)
                delivery = smtp_link.deliver(smtp, sender, [recipient], data)
                _record(store, outbox_id, delivery, result)
                if delivery.connection_lost:
                    result.problem = f"The connection was lost ({delivery.reason})."
                    break
        finally:
            smtp_link.finish(smtp)
    ids = result.sent + result.failed + result.later + result.unsure
    result.changes = result.changes | changed(ids)
    return result


def _due(store: Store, now: datetime, everything: bool) -> list[tuple[str, str, bytes]]:
    query = select(OutboxRow.id, OutboxRow.recipient, OutboxRow.eml).where(
        OutboxRow.status == OutboxStatus.QUEUED.value).order_by(OutboxRow.queued_at,
                                                                 OutboxRow.id)
    if not everything:
        query = query.where(or_(OutboxRow.next_try.is_(None), OutboxRow.next_try <= now))
    with store.read() as s:
        return [(i, r, bytes(e)) for i, r, e in s.execute(query).all()]


def _begin(store: Store, outbox_id: str) -> None:
    """Record the try, committed before a byte of the message goes to the server."""
    with store.unit() as s:
        row = s.get(OutboxRow, outbox_id)
        assert row is not None
        row.status = OutboxStatus.SENDING.value
        row.attempts += 1
        row.attempt_started = utcnow()


def _record(store: Store, outbox_id: str, delivery: smtp_link.Delivery,
            result: SendReport) -> None:
    with store.unit() as s:
        row = s.get(OutboxRow, outbox_id)
        assert row is not None
        row.last_error = "" if delivery.outcome == Outcome.SENT else delivery.reason
        if delivery.outcome == Outcome.SENT:
            row.status, row.sent_at, row.next_try = OutboxStatus.SENT.value, utcnow(), None
            result.sent.append(outbox_id)
        elif delivery.outcome == Outcome.UNSURE:
            row.status = OutboxStatus.MAYBE_SENT.value
            result.unsure.append(outbox_id)
        elif delivery.outcome == Outcome.LATER and row.attempts < MOST_TRIES:
            row.status = OutboxStatus.QUEUED.value
            row.next_try = utcnow() + back_off(row.attempts)
            result.later.append(outbox_id)
        else:
            if delivery.outcome == Outcome.LATER:
                row.last_error = f"Gave up after {row.attempts} tries: {delivery.reason}"
            row.status, row.next_try = OutboxStatus.FAILED.value, None
            result.failed.append(outbox_id)


if sys.platform == "win32":
    import msvcrt

    def _lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False

    def _unlock(fd: int) -> None:
        try:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        except OSError:
            pass
else:
    import fcntl

    def _lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except OSError:
            return False

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
