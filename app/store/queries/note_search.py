"""Full-text search over notes with the FTS5 index `note_search` (revision 0002).

The services turn what a person typed into a safe MATCH expression (`note_search.
match_expression`); these statements only run it. Matched words are marked with the marks
the caller passes, so the store need not know how a view shows them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import TextClause, text
from sqlalchemy.orm import Session as OrmSession

_SEARCH = """
SELECT n.id, n.session_id,
       snippet(note_search, 0, :mark_start, :mark_end, :ellipsis, :tokens),
       bm25(note_search) AS rank
FROM note_search JOIN notes AS n ON n.rowid = note_search.rowid
WHERE note_search MATCH :match {scope}
ORDER BY rank, n.created_at DESC
LIMIT :limit
"""
_MATCHING = "notes.rowid IN (SELECT rowid FROM note_search WHERE note_search MATCH :match)"
_ROWIDS = "SELECT id, rowid, session_id FROM notes WHERE id IN ({ids})"
_MARKED = """
SELECT rowid, highlight(note_search, 0, :mark_start, :mark_end), bm25(note_search)
FROM note_search WHERE note_search MATCH :match AND rowid BETWEEN :low AND :high
"""


def search(s: OrmSession, expression: str, session_id: str | None, limit: int,
           marks: tuple[str, str, str], tokens: int) -> list[tuple[str, str, str, float]]:
    """(note id, session id, snippet, bm25 rank) of the best matches, in one session or all.

    `marks` are the start and end of a matched word and the ellipsis of a cut; `tokens` is
    about how many words a snippet holds.
    """
    scope = "AND n.session_id = :session_id" if session_id else ""
    params: dict[str, Any] = {"match": expression, "limit": limit, "mark_start": marks[0],
                              "mark_end": marks[1], "ellipsis": marks[2], "tokens": tokens}
    if session_id:
        params["session_id"] = session_id
    return [(r[0], r[1], r[2], r[3])
            for r in s.execute(text(_SEARCH.format(scope=scope)), params).all()]


def matching(expression: str) -> TextClause:
    """A condition on `notes` for a query: the note matches the MATCH expression."""
    return text(_MATCHING).bindparams(match=expression)


def note_rowids(s: OrmSession, note_ids: Sequence[str]) -> dict[int, tuple[str, str]]:
    """rowid -> (note id, session id) of the notes with these ids (at most a few hundred)."""
    names = ", ".join(f":i{n}" for n in range(len(note_ids)))
    rows = s.execute(text(_ROWIDS.format(ids=names)),
                     {f"i{n}": note_id for n, note_id in enumerate(note_ids)})
    return {rowid: (note_id, session_id) for note_id, rowid, session_id in rows}


def marked_in_range(s: OrmSession, expression: str, low: int, high: int,
                    marks: tuple[str, str]) -> list[tuple[int, str, float]]:
    """(rowid, whole text with matched words marked, bm25 rank) of the matching notes whose
    rowids lie between `low` and `high`: FTS5 seeks a rowid range cheaply, not a list."""
    params = {"match": expression, "mark_start": marks[0], "mark_end": marks[1],
              "low": low, "high": high}
    return [(r[0], r[1], r[2]) for r in s.execute(text(_MARKED), params)]
