"""What changed among a session's notes since a point in the change log: the near-duplicate
hints keep every session's notes in memory and bring them up to date from these reads."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import text
from sqlalchemy.orm import Session as OrmSession


def last_change(s: OrmSession) -> int:
    """The change log's latest sequence number (0 when it is empty)."""
    return int(s.execute(text("SELECT coalesce(max(seq), 0) FROM change_log")).scalar_one())


def notes_changed_since(s: OrmSession, seq: int) -> list[str]:
    """Ids of the notes the change log names after `seq` (inserted, changed or deleted)."""
    return list(s.execute(text(
        "SELECT DISTINCT entity_id FROM change_log WHERE seq > :seq AND entity = 'note'"
    ), {"seq": seq}).scalars())


def note_count(s: OrmSession, session_id: str) -> int:
    return int(s.execute(text("SELECT count(*) FROM notes WHERE session_id = :sid"),
                         {"sid": session_id}).scalar_one())


def note_texts(s: OrmSession, session_id: str,
               note_ids: Sequence[str] | None = None) -> list[tuple[str, str]]:
    """(id, text) of the session's notes, or of those among `note_ids` (a few hundred)."""
    if note_ids is None:
        return [(r[0], r[1]) for r in s.execute(
            text("SELECT id, text FROM notes WHERE session_id = :sid"), {"sid": session_id})]
    marks = ", ".join(f":i{n}" for n in range(len(note_ids)))
    return [(r[0], r[1]) for r in s.execute(
        text(f"SELECT id, text FROM notes WHERE session_id = :sid AND id IN ({marks})"),
        {"sid": session_id, **{f"i{n}": i for n, i in enumerate(note_ids)}})]
