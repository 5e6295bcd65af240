"""Who receives a session's pack by email, and the message each of them gets.

A participant invited to the session receives it only when they agreed to be emailed the pack
and have an address; everyone else is listed with the reason, and gets nothing. The pack
attached is the session's summary pack as every export makes it (nobody named), built once for
all the messages.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import datetime

from app.documents.email_message import PackEmail, message_id, safe_file_name
from app.models import Session, utcnow
from app.models.pack import PackOptions
from app.services.exports import packs
from app.services.exports.pack_text import local, long_date
from app.services.planning import participants, sessions, systems
from app.services.sharing import templates
from app.store.engine import Store

NO_CONSENT = "did not agree to be emailed the pack"
NO_ADDRESS = "has no email address"
BAD_ADDRESS = "has an email address that cannot be sent to"
FALLBACK_DOMAIN = "cairn.invalid"
FILE_TITLE_MOST = 40  # characters of the session's title in the attachment's file name

Report = Callable[[int, int, str], object]


@dataclass(frozen=True)
class Sender:
    """Who the messages are from: the facilitator's name and address ("" for a draft that the
    mail program sends from its own account)."""

    name: str = ""
    address: str = ""

    @property
    def domain(self) -> str:
        return self.address.rpartition("@")[2] or FALLBACK_DOMAIN


@dataclass(frozen=True)
class Recipient:
    participant_id: str
    name: str
    address: str


@dataclass(frozen=True)
class LeftOut:
    """A participant who gets no message, and why ("has no email address")."""

    participant_id: str
    name: str
    reason: str


@dataclass(frozen=True)
class PackMail:
    recipient: Recipient
    email: PackEmail


@dataclass(frozen=True)
class Composed:
    """The messages of one session, and who was left out."""

    session: Session
    mails: tuple[PackMail, ...]
    left_out: tuple[LeftOut, ...]


def who_gets_it(store: Store, session_id: str) -> tuple[list[Recipient], list[LeftOut]]:
    """The session's participants who may be emailed the pack, and the others with why."""
    chosen: list[Recipient] = []
    others: list[LeftOut] = []
    for sp in participants.list_session_participants(store, session_id):
        person = sp.participant
        if not sp.invitation.may_email:
            others.append(LeftOut(person.id, person.name, NO_CONSENT))
        elif not person.email.strip():
            others.append(LeftOut(person.id, person.name, NO_ADDRESS))
        elif not person.email.isascii():
            # An address outside ASCII needs SMTPUTF8 from every server on its way; most
            # organisations' servers do not offer it.
            others.append(LeftOut(person.id, person.name, BAD_ADDRESS))
        else:
            chosen.append(Recipient(person.id, person.name, person.email.strip()))
    return chosen, others


def compose(store: Store, session_id: str, sender: Sender, *, key: Callable[[Recipient], str],
            skip: Collection[str] = (), now: datetime | None = None,
            report: Report | None = None) -> Composed:
    """The message for each participant who may be emailed (but those in `skip`, by
    participant id), the pack attached to each; the pack is built only when someone gets it.

    `key(recipient)` gives what the Message-ID is made from: something that does not change
    (an outbox record's id, or the session and participant for a draft)."""
    session = sessions.get_session(store, session_id)
    system = systems.get_system(store, session.system_id)
    template = templates.get_template(store, system.id)
    chosen, others = who_gets_it(store, session_id)
    chosen = [person for person in chosen if person.participant_id not in skip]
    mails: list[PackMail] = []
    if chosen:
        if report is not None:
            report(0, 2, "Making the summary pack")
        pack = packs.build_pack(store, PackOptions(), session_id=session_id)
        attachment = packs.render_pack(pack, "pdf")
        file_name = safe_file_name(f"Summary pack - {_shortened(session.title)}", ".pdf")
        when = now or utcnow()
        common = {
            "session_title": session.title,
            "session_date": long_date(local(session.starts).date()),
            "system_name": system.name,
            "facilitators": session.facilitators.strip() or sender.name,
        }
        if report is not None:
            report(1, 2, "Writing the messages")
        for person in chosen:
            values = {**common, "full_name": person.name,
                      "first_name": person.name.split()[0] if person.name.split() else ""}
            mails.append(PackMail(person, PackEmail(
                to_name=person.name, to_address=person.address,
                subject=" ".join(templates.fill(template.subject, values).split()),
                body=templates.fill(template.body, values), attachment=attachment,
                file_name=file_name, message_id=message_id(key(person), sender.domain),
                date=when, sender_name=sender.name, sender_address=sender.address)))
    return Composed(session, tuple(mails), tuple(others))


def _shortened(title: str, most: int = FILE_TITLE_MOST) -> str:
    """A title cut at a word to fit a file name that mail programs show whole (and that fits
    on one header line, which some mail programs need to read it)."""
    words = title.split()
    out = ""
    for word in words:
        if len(out) + len(word) + 1 > most:
            break
        out = f"{out} {word}".strip()
    return out or title[:most]
