"""The half-typed note of each session, kept so that a crash or power cut does not lose it.

Drafts live in files, one per session, in `drafts/` of the data folder, not in the store:
- they are private to this laptop and must never reach the sync change log, and a file is
  outside that log by construction (a table would need every writer to remember to skip it);
- the capture view saves a draft every second or so while someone types; a file write does not
  take the store's write lock, so it never queues behind (or delays) a note being committed;
- each save writes a temporary file, fsyncs it and renames it over the old one (then fsyncs the
  folder where the system allows), so after a power cut the draft is the old one or the new
  one, never a torn mix.
"""

from __future__ import annotations

import contextlib
import re
from pathlib import Path

from app.models import CairnError, InvalidInput
from app.services.core.files import sync_folder, write_atomically
from app.store.engine import Store

DRAFTS_FOLDER = "drafts"
_SAFE_ID = re.compile(r"^[0-9A-Za-z-]{1,64}$")


def drafts_folder(where: Store | Path) -> Path:
    """The drafts folder beside the store (`where` is an open store or its data folder)."""
    folder = where.path.parent if isinstance(where, Store) else Path(where)
    return folder / DRAFTS_FOLDER


def save_draft(where: Store | Path, session_id: str, text: str) -> None:
    """Keep `text` as the session's draft, durably; empty text clears it."""
    if not text.strip():
        clear_draft(where, session_id)
        return
    path = _path(where, session_id)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise CairnError(f"The draft of the note being typed cannot be saved in {path.parent}: "
                         f"{err.strerror}.") from err
    write_atomically(path, text.encode("utf-8"), what="draft of the note being typed",
                     readable_by_others=False)


def load_draft(where: Store | Path, session_id: str) -> str:
    """The session's saved draft, or "" when there is none (or it cannot be read)."""
    try:
        return _path(where, session_id).read_bytes().decode("utf-8", errors="replace")
    except OSError:
        return ""


def clear_draft(where: Store | Path, session_id: str) -> None:
    """Forget the session's draft (after the note was saved, or the text was cleared)."""
    path = _path(where, session_id)
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
        sync_folder(path.parent)


def _path(where: Store | Path, session_id: str) -> Path:
    # The id names a file: refuse anything that could step outside the drafts folder.
    if not _SAFE_ID.match(session_id):
        raise InvalidInput(f"'{session_id}' is not a session id.")
    return drafts_folder(where) / f"{session_id}.txt"
