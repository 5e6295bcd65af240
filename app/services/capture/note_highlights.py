"""Search marks over the whole text of given notes, for a list that fetches a page at a time.

`note_search.search_notes` ranks a session and returns short snippets; a list that shows the
matching notes newest first only needs the marks for the notes on screen, in full. FTS5's
highlight() gives them. FTS5 seeks a rowid *range* cheaply but not a list of rowids (an IN list
makes it evaluate the whole match first), so the page's rowids are queried as a few ranges.
"""

from __future__ import annotations

from collections.abc import Sequence

from app.services.capture.note_search import MARK_END, MARK_START, SearchHit, match_expression
from app.store.engine import Store
from app.store.queries import note_search as queries

_CHUNK = 500
# Rowids closer than this share one range query: a page of notes is usually one short run.
_GAP = 2_000


def highlight_notes(store: Store, note_ids: Sequence[str], query: str) -> dict[str, SearchHit]:
    """The notes among `note_ids` that match `query`, with every matched word marked.

    Each hit's `snippet` is the note's whole text, so `SearchHit.parts()` gives the runs to
    show with the matched words in bold. Notes that do not match are left out.
    """
    expression = match_expression(query)
    wanted = list(dict.fromkeys(note_ids))
    if not expression or not wanted:
        return {}
    hits: dict[str, SearchHit] = {}
    with store.read() as s:
        by_rowid: dict[int, tuple[str, str]] = {}
        for start in range(0, len(wanted), _CHUNK):
            by_rowid |= queries.note_rowids(s, wanted[start:start + _CHUNK])
        for low, high in _ranges(sorted(by_rowid)):
            for rowid, marked, rank in queries.marked_in_range(s, expression, low, high,
                                                               (MARK_START, MARK_END)):
                if rowid in by_rowid:
                    note_id, session_id = by_rowid[rowid]
                    hits[note_id] = SearchHit(note_id, session_id, marked, rank)
    return hits


def _ranges(rowids: list[int]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for rowid in rowids:
        if out and rowid - out[-1][1] <= _GAP:
            out[-1] = (out[-1][0], rowid)
        else:
            out.append((rowid, rowid))
    return out
