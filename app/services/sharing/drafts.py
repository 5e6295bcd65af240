"""Email drafts: one `.eml` file per participant who may be emailed the pack, needing no
password and no server. Outlook opens each as a message ready to send (`X-Unsent: 1`);
Thunderbird and Apple Mail open it too, and Send goes from the facilitator's own account.

A draft's Message-ID is made from the session and the participant, so writing the drafts
again gives each person the same message, not a second one.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from app.documents.email_message import message_bytes, safe_file_name
from app.models import InvalidInput
from app.services.core.files import write_atomically
from app.services.sharing.messages import LeftOut, Recipient, Report, Sender, compose
from app.store.engine import Store


@dataclass(frozen=True)
class DraftsWritten:
    """What `write_drafts` did: each draft written (who, which file) and who has none, why."""

    folder: Path
    written: tuple[tuple[Recipient, Path], ...]
    left_out: tuple[LeftOut, ...]


def write_drafts(store: Store, session_id: str, folder: Path, sender: Sender | None = None,
                 *, report: Report | None = None) -> DraftsWritten:
    """Write the session's drafts into `folder` (each file whole or not at all)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise InvalidInput(f"The folder {folder} is not there: choose another for the drafts.")
    sender = sender or Sender()
    composed = compose(store, session_id, sender,
                       key=lambda person: f"{session_id}.{person.participant_id}",
                       report=report)
    written: list[tuple[Recipient, Path]] = []
    used: set[str] = set()
    for mail in composed.mails:
        name = _unique(safe_file_name(f"{composed.session.title} - {mail.recipient.name}",
                                      ""), used)
        path = write_atomically(folder / f"{name}.eml", message_bytes(mail.email, draft=True),
                                what="email draft")
        written.append((mail.recipient, path))
    return DraftsWritten(folder, tuple(written), composed.left_out)


def _unique(name: str, used: set[str]) -> str:
    """`name`, or `name (2)`, ... when two participants share a name."""
    candidate, n = name, 1
    while candidate.casefold() in used:
        n += 1
        candidate = f"{name} ({n})"
    used.add(candidate.casefold())
    return candidate
