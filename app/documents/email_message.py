"""The email that carries a summary pack: one `EmailMessage`, as bytes a mail program reads.

Written with the standard library's SMTP policy (CRLF line ends, headers folded at 78), so the
same bytes serve as an `.eml` draft and as what the outbox hands to an SMTP server:
- names outside ASCII in To and From are RFC 2047 encoded words ("=?utf-8?q?...?=");
- an attachment's file name outside ASCII is an RFC 2231 `filename*=utf-8''...` parameter;
- a draft carries `X-Unsent: 1`, the header Outlook reads to open an .eml as a message still to
  be sent (with Send, From and To editable) rather than as one received;
- the Message-ID is given by the caller, made once and kept, so a message tried again is the
  same message to every server and mail program (and a repeat can be recognised).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import datetime
from email import policy
from email.generator import BytesGenerator
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime
from io import BytesIO

# Characters no file system or mail program takes kindly in a file name.
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


@dataclass(frozen=True)
class PackEmail:
    """Everything one message holds; `sender` may be empty for a draft (the mail program then
    sends from its own account)."""

    to_name: str
    to_address: str
    subject: str
    body: str
    attachment: bytes
    file_name: str
    message_id: str
    date: datetime
    sender_name: str = ""
    sender_address: str = ""


def message_id(key: str, domain: str) -> str:
    """A Message-ID from a key that does not change (an outbox record's id, or a session and a
    participant for a draft): `<key@domain>`, made of characters RFC 5322 allows there."""
    local = re.sub(r"[^A-Za-z0-9.\-]", "", key) or hashlib.sha256(key.encode()).hexdigest()[:32]
    host = re.sub(r"[^A-Za-z0-9.\-]", "", domain) or "cairn.invalid"
    return f"<{local}@{host}>"


def safe_file_name(name: str, suffix: str) -> str:
    """`name` made fit for a file name on any system (kept in its own script), with `suffix`."""
    cleaned = " ".join(_UNSAFE.sub(" ", name).split()).strip(" .")[:120] or "Cairn"
    return cleaned + suffix


def build_message(mail: PackEmail, *, draft: bool) -> EmailMessage:
    """The message: headers, the plain-text body, the pack attached as a PDF."""
    msg = EmailMessage(policy=policy.SMTP)
    if mail.sender_address:
        msg["From"] = _address(mail.sender_name, mail.sender_address)
    msg["To"] = _address(mail.to_name, mail.to_address)
    msg["Subject"] = mail.subject
    msg["Date"] = format_datetime(mail.date)
    msg["Message-ID"] = mail.message_id
    if draft:
        msg["X-Unsent"] = "1"
    # Quoted-printable, never 8bit: the message then passes servers without 8BITMIME.
    msg.set_content(mail.body, charset="utf-8", cte="quoted-printable")
    msg.add_attachment(mail.attachment, maintype="application", subtype="pdf",
                       filename=mail.file_name)
    return msg


def message_bytes(mail: PackEmail, *, draft: bool) -> bytes:
    """The message as the bytes of an .eml file (CRLF line ends, as SMTP sends them)."""
    out = BytesIO()
    BytesGenerator(out, policy=policy.SMTP).flatten(build_message(mail, draft=draft))
    return out.getvalue()


def _address(name: str, address: str) -> Address:
    """One mailbox; the display name is encoded by the policy when it is not plain ASCII."""
    return Address(display_name=" ".join(name.split()), addr_spec=address.strip())
