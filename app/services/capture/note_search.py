"""Full-text search over notes with SQLite FTS5 (the `note_search` index of revision 0002).

Each word typed is matched as a prefix ("hous" finds "housing"), all words must match, case
and accents are ignored. Whatever a person types is quoted before it reaches FTS5, so quotes,
hyphens, colons, stars or brackets never raise a syntax error.

Matched words come back marked with MARK_START and MARK_END (the control characters STX and
ETX, which never occur in typed text), so a view can split on them and show the words in bold
without parsing any markup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.store.engine import Store
from app.store.queries import note_search as queries

MARK_START = "\x02"
MARK_END = "\x03"
ELLIPSIS = "…"
# A word must hold a letter or digit to be searched for; "-" or "*" alone would match nothing.
_WORD_RE = re.compile(r"\w", re.UNICODE)
# About a screen line or two of context around the matches; short notes come back whole.
SNIPPET_TOKENS = 48
# NUL would cut the query short in SQLite's C API; the marks belong to the results only.
_FTS_SPECIAL = str.maketrans({c: " " for c in "\x00\x02\x03"})


@dataclass(frozen=True)
class SearchHit:
    """One matching note: its id, its text with matches marked, and its bm25 rank (lower is better)."""

    note_id: str
    session_id: str
    snippet: str
    rank: float

    def parts(self) -> list[tuple[str, bool]]:
        """The snippet as (text, matched) runs, for a view that bolds the matched words."""
        out: list[tuple[str, bool]] = []
        for i, chunk in enumerate(self.snippet.split(MARK_START)):
            if i == 0:
                out.append((chunk, False))
                continue
            matched, _, after = chunk.partition(MARK_END)
            out += [(matched, True), (after, False)]
        return [(t, m) for t, m in out if t]


def match_expression(query: str) -> str:
    """An FTS5 MATCH expression for what a person typed: each word quoted, as a prefix.

    "co-op trust*" becomes '"co-op"* "trust"*'. Returns "" when nothing searchable was typed.
    """
    words = query.translate(_FTS_SPECIAL).split()
    # Doubling a quote is how FTS5 escapes it inside a string; a trailing star typed by the
    # person is dropped because every word is a prefix already.
    quoted = ['"' + w.rstrip("*").replace('"', '""') + '"*' for w in words
              if _WORD_RE.search(w.rstrip("*"))]
    return " ".join(quoted)


def search_notes(store: Store, session_id: str | None, query: str, limit: int = 200) -> list[SearchHit]:
    """Notes matching `query` in one session (or all when `session_id` is None), best first.

    Ranked by bm25, then newest first among equals.
    """
    expression = match_expression(query)
    if not expression or limit <= 0:
        return []
    with store.read() as s:
        rows = queries.search(s, expression, session_id, limit,
                              (MARK_START, MARK_END, ELLIPSIS), SNIPPET_TOKENS)
    return [SearchHit(note_id=r[0], session_id=r[1], snippet=r[2], rank=r[3]) for r in rows]
