"""Near-duplicate hints: does the note being typed closely match one already captured?

Called while someone types, so it must cost a few milliseconds even with 20,000 notes. Each
session's notes are kept in memory, already normalised (lower case, punctuation dropped, words
sorted), and brought up to date incrementally from the change log: only the notes written
since the last call are read again. Scoring is rapidfuzz's `ratio` on the sorted words, which
is `token_sort_ratio` without re-sorting every note on every keystroke: word order does not
matter, but unlike `token_set_ratio` a short fragment does not match every longer note that
happens to contain its words.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from sqlalchemy.orm import Session as OrmSession

from app.store.engine import Store
from app.store.queries import note_changes as queries

DEFAULT_THRESHOLD = 85.0
# Fewer characters than this is a fragment, not a note: hinting on it would only be noise.
MIN_LENGTH = 12


@dataclass
class _Corpus:
    """One session's notes, normalised, and how far into the change log they are up to date."""

    keys: dict[str, str] = field(default_factory=dict)  # note id -> normalised text
    seen_seq: int = 0


_cache: dict[tuple[str, str], _Corpus] = {}
_lock = threading.Lock()


def normalised(note_text: str) -> str:
    """Lower case, punctuation dropped, words sorted: the form notes are compared in."""
    # Imported here: every `cairn` command imports this module, few of them compare notes.
    from rapidfuzz import utils

    return " ".join(sorted(utils.default_process(note_text).split()))


def near_duplicates(
    store: Store, session_id: str, note_text: str, limit: int = 3,
    threshold: float = DEFAULT_THRESHOLD, exclude: str | None = None,
) -> list[tuple[str, float]]:
    """Up to `limit` (note id, score 0-100) of the session's notes most like `note_text`.

    Only scores at or above `threshold` count; `exclude` leaves out the note being edited.
    """
    query = normalised(note_text)
    if len(query) < MIN_LENGTH or limit <= 0:
        return []
    from rapidfuzz import fuzz, process

    with _lock:
        corpus = _up_to_date(store, session_id)
        # rapidfuzz's C++ loop skips most notes on length alone once the cutoff is set.
        found = process.extract(query, corpus.keys, scorer=fuzz.ratio, processor=None,
                                score_cutoff=threshold, limit=limit + 1)
    hits = [(note_id, float(score)) for _, score, note_id in found if note_id != exclude]
    return hits[:limit]


def warm(store: Store, session_id: str) -> None:
    """Read the session's notes into the cache now (a worker can do it as the view opens),
    so that the first hint while typing costs what the later ones do."""
    with _lock:
        _up_to_date(store, session_id)


def forget(store: Store) -> None:
    """Drop the cached notes of `store` (when it is closed)."""
    with _lock:
        for key in [k for k in _cache if k[0] == str(store.path)]:
            del _cache[key]


def _up_to_date(store: Store, session_id: str) -> _Corpus:
    key = (str(store.path), session_id)
    corpus = _cache.get(key)
    with store.read() as s:
        seq = queries.last_change(s)
        if corpus is not None and seq != corpus.seen_seq:
            changed = queries.notes_changed_since(s, corpus.seen_seq)
            for start in range(0, len(changed), 500):
                _refresh(s, corpus, session_id, changed[start:start + 500])
            corpus.seen_seq = seq
        count = queries.note_count(s, session_id)
        # Writes that bypass the change log (a bulk load) show up as a different count.
        if corpus is None or count != len(corpus.keys):
            rows = queries.note_texts(s, session_id)
            corpus = _Corpus({note_id: normalised(t) for note_id, t in rows}, seq)
            _cache[key] = corpus
    return corpus


def _refresh(s: OrmSession, corpus: _Corpus, session_id: str, ids: list[str]) -> None:
    """Re-read notes the change log names: add or update those of the session, drop the rest."""
    rows = queries.note_texts(s, session_id, ids)
    present = {note_id: normalised(t) for note_id, t in rows}
    for note_id in ids:
        if note_id in present:
            corpus.keys[note_id] = present[note_id]
        else:
            corpus.keys.pop(note_id, None)
