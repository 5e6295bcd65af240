"""The outbox: emails queued on this laptop, kept in the local store until they have gone.

Local-only (never logged, never synced): two laptops never send the same message. A message
moves through these states:

    queued --(a try begins; committed first)--> sending --> sent
                                                        --> failed (the server said no, 5xx)
                                                        --> queued (said "later", 4xx; next
                                                            try after a back-off)
                                                        --> may-have-been-sent

"may have been sent" is a message whose try was interrupted after the whole message had been
handed to the server (the connection dropped before its answer, or Cairn was killed while
sending): the server may have taken it. It is never sent again by itself; the person decides:
send again, mark as sent, or remove it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy import func, select
from sqlalchemy.orm import Session as OrmSession

from app.documents.email_message import message_bytes
from app.models import Changes, InvalidInput, Model, NotFound, new_id, utcnow
from app.services.sharing.messages import LeftOut, Recipient, Report, Sender, compose, who_gets_it
from app.store.engine import Store
from app.store.tables import OutboxRow

ENTITY = "outbox"  # what the outbox's Changes name (it is not in the change log)


class OutboxStatus(StrEnum):
    QUEUED = "queued"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    MAYBE_SENT = "may-have-been-sent"

    @property
    def label(self) -> str:
        return {"queued": "Queued", "sending": "Sending", "sent": "Sent", "failed": "Failed",
                "may-have-been-sent": "May have been sent"}[self.value]


class OutboxMessage(Model):
    """One message of the outbox, without its bytes."""

    id: str
    message_id: str
    session_id: str
    session_title: str
    participant_id: str
    recipient: str
    recipient_name: str
    subject: str
    status: OutboxStatus
    attempts: int
    next_try: datetime | None = None
    last_error: str = ""
    queued_at: datetime
    attempt_started: datetime | None = None
    sent_at: datetime | None = None


class OutboxCounts(Model):
    queued: int = 0
    sending: int = 0
    sent: int = 0
    failed: int = 0
    maybe_sent: int = 0

    @property
    def waiting(self) -> int:
        """Messages that still need something: to go, or a person's decision."""
        return self.queued + self.sending + self.failed + self.maybe_sent


def changed(ids: Sequence[str], *, how: str = "updated") -> Changes:
    """The Changes naming outbox messages, so views of the outbox refresh."""
    return Changes(**{how: {ENTITY: frozenset(ids)}}) if ids else Changes()


@dataclass(frozen=True)
class Queued:
    """What `queue_session` did: the messages queued, who may not be emailed (and why), and
    how many participants already had the pack in the outbox (not queued twice)."""

    messages: tuple[OutboxMessage, ...]
    left_out: tuple[LeftOut, ...]
    already: int


def queue_session(store: Store, session_id: str, sender: Sender, *,
                  report: Report | None = None) -> tuple[Queued, Changes]:
    """Queue the pack to every participant of the session who may be emailed it and has no
    message of this session in the outbox yet: one operation, all of the messages or none.
    Each message's Message-ID is made now and kept for every try."""
    if not sender.address.strip():
        raise InvalidInput("Give the address the pack is sent from (SMTP settings, or --from).")
    with store.read() as s:
        there = set(s.scalars(select(OutboxRow.participant_id)
                              .where(OutboxRow.session_id == session_id)))
    ids: dict[str, str] = {}

    def key(person: Recipient) -> str:
        ids[person.participant_id] = made = new_id()
        return made

    composed = compose(store, session_id, sender, key=key, skip=there, report=report)
    already = len([p for p in who_gets_it(store, session_id)[0] if p.participant_id in there])
    now = utcnow()
    rows = [OutboxRow(id=ids[m.recipient.participant_id], message_id=m.email.message_id,
                      session_id=session_id, session_title=composed.session.title,
                      participant_id=m.recipient.participant_id, recipient=m.recipient.address,
                      recipient_name=m.recipient.name, subject=m.email.subject,
                      eml=message_bytes(m.email, draft=False),
                      status=OutboxStatus.QUEUED.value, attempts=0, next_try=None,
                      last_error="", queued_at=now)
            for m in composed.mails]
    with store.unit() as s:
        s.add_all(rows)
        s.flush()
        queued = tuple(_message(r) for r in rows)
    return (Queued(queued, composed.left_out, already),
            changed([r.id for r in rows], how="inserted"))


def list_outbox(store: Store, *, session_id: str | None = None) -> list[OutboxMessage]:
    """Every message, newest first (one session's with `session_id`)."""
    query = select(OutboxRow).order_by(OutboxRow.queued_at.desc(), OutboxRow.recipient_name)
    if session_id is not None:
        query = query.where(OutboxRow.session_id == session_id)
    with store.read() as s:
        return [_message(r) for r in s.scalars(query)]


def outbox_counts(store: Store) -> OutboxCounts:
    """How many messages are in each state (what the status bar shows)."""
    with store.read() as s:
        found: dict[str, int] = {status: n for status, n in s.execute(
            select(OutboxRow.status, func.count()).group_by(OutboxRow.status))}
    return OutboxCounts(queued=found.get("queued", 0), sending=found.get("sending", 0),
                        sent=found.get("sent", 0), failed=found.get("failed", 0),
                        maybe_sent=found.get("may-have-been-sent", 0))


def message_of(store: Store, outbox_id: str) -> bytes:
    """The whole message as it is (or was) sent."""
    with store.read() as s:
        row = s.get(OutboxRow, outbox_id)
        if row is None:
            raise NotFound("That message is no longer in the outbox.")
        return bytes(row.eml)


def send_again(store: Store, ids: Sequence[str]) -> Changes:
    """Queue again messages that failed or may have been sent: the person's decision, so it
    is never made for them. The same Message-ID goes again, so a repeat can be recognised."""
    return _decide(store, ids, {OutboxStatus.FAILED, OutboxStatus.MAYBE_SENT},
                   "sent again", status=OutboxStatus.QUEUED)


def mark_sent(store: Store, ids: Sequence[str]) -> Changes:
    """Record that messages which may have been sent (or failed) did go after all."""
    return _decide(store, ids, {OutboxStatus.FAILED, OutboxStatus.MAYBE_SENT},
                   "marked as sent", status=OutboxStatus.SENT)


def remove(store: Store, ids: Sequence[str]) -> Changes:
    """Take messages out of the outbox (any but one being sent right now)."""
    with store.unit() as s:
        rows = _rows(s, ids)
        if any(r.status == OutboxStatus.SENDING for r in rows):
            raise InvalidInput("A message is being sent right now; remove it once the try ends.")
        for row in rows:
            s.delete(row)
    return changed(ids, how="deleted")


def recover_interrupted(store: Store) -> Changes:
    """Messages left "sending" by a process that ended mid-try become "may have been sent".

    Only called while holding the outbox's send lock (`sending.SendLock`): then no process is
    sending, so a message still marked "sending" was interrupted."""
    with store.read() as s:
        # Most starts find nothing: then nothing is written (a read-only store is fine too).
        if s.scalar(select(func.count()).where(OutboxRow.status == OutboxStatus.SENDING)) == 0:
            return Changes()
    with store.unit() as s:
        rows = list(s.scalars(select(OutboxRow).where(OutboxRow.status == OutboxStatus.SENDING)))
        for row in rows:
            row.status = OutboxStatus.MAYBE_SENT.value
            row.last_error = ("Cairn stopped while sending it: the server may have taken it. "
                              "Send it again or mark it as sent.")
    return changed([r.id for r in rows])


def _decide(store: Store, ids: Sequence[str], allowed: set[OutboxStatus], verb: str, *,
            status: OutboxStatus) -> Changes:
    with store.unit() as s:
        rows = _rows(s, ids)
        for row in rows:
            if OutboxStatus(row.status) not in allowed:
                raise InvalidInput(f"Only a message that failed or may have been sent can be "
                                   f"{verb}; nothing was changed.")
        for row in rows:
            row.status = status.value
            row.next_try = None
            if status == OutboxStatus.SENT:
                row.sent_at = utcnow()
                row.last_error = "Marked as sent by you."
    return changed(ids)


def _rows(s: OrmSession, ids: Sequence[str]) -> list[OutboxRow]:
    found = list(s.scalars(select(OutboxRow).where(OutboxRow.id.in_(list(ids)))))
    if len(found) != len(set(ids)):
        raise NotFound("A message is no longer in the outbox; nothing was changed.")
    return found


def _message(row: OutboxRow) -> OutboxMessage:
    return OutboxMessage.model_validate(row)
