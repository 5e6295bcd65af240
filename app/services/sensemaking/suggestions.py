"""Suggested themes for the tray's notes, computed on this laptop: no network, no model.

Notes are compared by the words they share, each word weighted by TF-IDF over the tray (a
word most notes use says little; one two notes share says a lot), with cosine similarity.
Each note joins the suggestion it is most like, when close enough, else starts its own; a
suggestion is two or more notes, shown with the words they share, which are what made it.
Nothing changes until the facilitator accepts one: accepting makes one theme of its notes,
one operation and one undo step.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import select

from app.models import Changes
from app.services.sensemaking.themes import BoardChange, create_theme
from app.store import repos
from app.store.engine import Store
from app.store.tables import NoteRow, SessionRow

THRESHOLD = 0.3  # cosine similarity a note needs to join a suggestion
MOST_SHARED_WORDS = 5
_WORD = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)
_STOP_TEXT = """
a about above after again against all also am an and any are as at be because been before
being below between both but by can could did do does doing down during each even every few
for from further get got had has have having he her here hers him his how i if in into is it its
itself just let like lot lots made make many may me might more most much must my no nor not
now of off on once one only or other our ours out over own really said same say says she
should so some such than that the their theirs them then there these they thing things this
those through to too under until up us very was way we well were what when where which while
who whom why will with would yes yet you your yours
"""
STOP_WORDS = frozenset(_STOP_TEXT.split())


@dataclass(frozen=True)
class Suggestion:
    """Notes that could be one theme, the words they share (most telling first), and a title
    made of those words."""

    title: str
    note_ids: tuple[str, ...]
    shared_words: tuple[str, ...]


def words(text: str) -> set[str]:
    """The telling words of a note: lower case, no stop words or numbers, plurals as singular
    ("ferries" and "ferry" are one word)."""
    found = set()
    for raw in _WORD.findall(text.lower()):
        word = raw.strip("'’-").replace("’", "'")
        if word.endswith("'s"):
            word = word[:-2]
        if len(word) < 3 or word in STOP_WORDS:
            continue
        found.add(_singular(word))
    return found


def _singular(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def suggestions_for(notes: Sequence[tuple[str, str]],
                    threshold: float = THRESHOLD) -> list[Suggestion]:
    """Suggestions for these (note id, text) pairs, largest first; notes in none are left out."""
    bags = {note_id: words(text) for note_id, text in notes}
    counts = Counter(w for bag in bags.values() for w in bag)
    total = len(bags)
    # A word in one note links nothing; one in every note tells little apart (smoothed, so
    # two notes that share only words still count as alike).
    idf = {w: math.log((total + 1) / n) for w, n in counts.items() if n > 1}
    vectors = {i: _unit({w: idf[w] for w in bag if w in idf}) for i, bag in bags.items()}
    groups: list[_Group] = []
    having: dict[str, set[int]] = defaultdict(set)  # word -> the groups whose notes have it
    for note_id in bags:
        vector = vectors[note_id]
        if not vector:
            continue
        best, score = None, threshold
        for n in sorted(set().union(*(having[w] for w in vector))):
            similarity = _dot(vector, groups[n].centre)
            if similarity >= score:
                best, score = n, similarity
        if best is None:
            best = len(groups)
            groups.append(_Group())
        groups[best].add(note_id, vector)
        for w in vector:
            having[w].add(best)
    found = []
    for group in groups:
        members = group.members
        shared = _shared(members, bags, idf)
        if len(members) > 1 and shared:
            found.append(Suggestion(title=_title(shared), note_ids=tuple(members),
                                    shared_words=shared))
    return sorted(found, key=lambda s: -len(s.note_ids))


def suggest_themes(store: Store, session_id: str,
                   threshold: float = THRESHOLD) -> list[Suggestion]:
    """Suggestions for the session's notes in the tray (in no theme); nothing is changed."""
    with store.read() as s:
        repos.get_row(s, SessionRow, session_id, "session")
        notes = [(i, t) for i, t in s.execute(
            select(NoteRow.id, NoteRow.text)
            .where(NoteRow.session_id == session_id, NoteRow.theme_id.is_(None))
            .order_by(NoteRow.created_at, NoteRow.id))]
    return suggestions_for(notes, threshold)


def accept_suggestion(store: Store, session_id: str, suggestion: Suggestion, *,
                      title: str | None = None) -> tuple[BoardChange, Changes]:
    """Make one theme of a suggestion's notes (titled `title`, default the suggestion's): one
    operation. Refused when any of its notes has left the tray since it was suggested."""
    return create_theme(store, session_id, title or suggestion.title, suggestion.note_ids,
                        from_tray=True)


@dataclass
class _Group:
    """Notes gathered so far into one suggestion, and the direction of their summed vectors."""

    members: list[str] = field(default_factory=list)
    total: dict[str, float] = field(default_factory=dict)
    centre: dict[str, float] = field(default_factory=dict)

    def add(self, note_id: str, vector: dict[str, float]) -> None:
        self.members.append(note_id)
        for w, x in vector.items():
            self.total[w] = self.total.get(w, 0.0) + x
        self.centre = _unit(self.total)


def _shared(members: list[str], bags: dict[str, set[str]],
            idf: dict[str, float]) -> tuple[str, ...]:
    """Words at least two of the notes and half of them have, most notes then rarest first."""
    counts = Counter(w for m in members for w in bags[m] if w in idf)
    needed = max(2, math.ceil(len(members) / 2))
    ranked = sorted((w for w, n in counts.items() if n >= needed),
                    key=lambda w: (-counts[w], -idf[w], w))
    return tuple(ranked[:MOST_SHARED_WORDS])


def _title(shared: tuple[str, ...]) -> str:
    return ", ".join(shared[:3]).capitalize()


def _unit(vector: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(x * x for x in vector.values()))
    return {w: x / norm for w, x in vector.items()} if norm else {}


def _dot(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b.get(w, 0.0) for w, x in a.items())
