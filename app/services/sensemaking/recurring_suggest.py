"""Which themes of a learning system's sessions may be one theme seen again: computed on this
laptop from the words of their titles and notes, the way `suggestions` groups the tray.

A theme reads as its title (counted twice: it is what the group chose to call it) and its
notes' words, each word weighted by TF-IDF over the learning system's themes, and two themes
are as alike as the cosine of those. Nothing changes until a link is accepted, which is one
`recurring.link_themes`.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session as OrmSession

from app.services.sensemaking.recurring_query import Appearance, appearances_of

# The same weighting and measure as the tray's suggestions.
from app.services.sensemaking.suggestions import _dot, _unit, words
from app.store import repos
from app.store.engine import Store
from app.store.tables import LearningSystemRow, NoteRow, ThemeRow

LINK_THRESHOLD = 0.25  # cosine similarity two themes need to be suggested as one
MOST_SHARED_WORDS = 5


@dataclass(frozen=True)
class Candidate:
    """A theme of another session that may be the same theme: how alike (0 to 1), the words
    they share (most telling first), and the recurring theme it already belongs to."""

    appearance: Appearance
    score: float
    shared_words: tuple[str, ...]
    recurring_id: str | None


@dataclass(frozen=True)
class LinkSuggestion:
    """Two themes of different sessions that may be one recurring theme, most alike first."""

    first: Candidate
    second: Candidate

    @property
    def theme_ids(self) -> tuple[str, str]:
        return self.first.appearance.theme_id, self.second.appearance.theme_id


@dataclass
class _Themes:
    """The learning system's session themes, read once: appearances, groups and word vectors."""

    appearances: dict[str, Appearance]
    recurring: dict[str, str | None]
    bags: dict[str, set[str]]
    vectors: dict[str, dict[str, float]]
    idf: dict[str, float]
    sessions: dict[str, set[str]] = field(default_factory=dict)  # group -> its sessions

    def __post_init__(self) -> None:
        for theme_id, appearance in self.appearances.items():
            self.sessions.setdefault(self.group(theme_id), set()).add(appearance.session_id)

    def group(self, theme_id: str) -> str:
        """Its recurring theme's id, or for a theme in none its own: what links as one."""
        return self.recurring[theme_id] or theme_id

    def sessions_of(self, group: str) -> set[str]:
        return self.sessions[group]

    def candidate(self, theme_id: str, score: float, other: str) -> Candidate:
        shared = sorted(self.bags[theme_id] & self.bags[other] & self.idf.keys(),
                        key=lambda w: (-self.idf[w], w))
        return Candidate(self.appearances[theme_id], round(score, 3),
                         tuple(shared[:MOST_SHARED_WORDS]), self.recurring[theme_id])


def candidates_for(store: Store, theme_id: str) -> list[Candidate]:
    """Every theme of the learning system's other sessions, likely matches first (then in date
    order): what a theme may be linked to. Themes already in its recurring theme, and those
    whose recurring theme has an appearance in its session, are left out."""
    with store.read() as s:
        row = repos.get_row(s, ThemeRow, theme_id, "theme")
        found = _read(s, row.system_id)
    if theme_id not in found.appearances:
        return []
    own = found.appearances[theme_id].session_id
    mine = found.group(theme_id)
    taken = found.sessions_of(mine)
    out = []
    for other, appearance in found.appearances.items():
        group = found.group(other)
        if appearance.session_id == own or group == mine or found.sessions_of(group) & taken:
            continue
        score = _dot(found.vectors[theme_id], found.vectors[other])
        out.append(found.candidate(other, score, theme_id))
    dated = {t: n for n, t in enumerate(found.appearances)}
    return sorted(out, key=lambda c: (-c.score, dated[c.appearance.theme_id]))


def suggest_links(store: Store, system_id: str,
                  threshold: float = LINK_THRESHOLD) -> list[LinkSuggestion]:
    """Pairs of themes of different sessions alike enough to be one recurring theme, most
    alike first; each pair could be linked as it stands (no session would appear twice), and
    two themes already linked together are never suggested."""
    with store.read() as s:
        repos.get_row(s, LearningSystemRow, system_id, "learning system")
        found = _read(s, system_id)
    best: dict[tuple[str, str], LinkSuggestion] = {}
    ids = list(found.appearances)
    having: dict[str, list[str]] = defaultdict(list)
    for theme_id in ids:
        for w in found.vectors[theme_id]:
            having[w].append(theme_id)
    for theme_id in ids:
        near = {o for w in found.vectors[theme_id] for o in having[w] if o > theme_id}
        for other in sorted(near):
            a, b = found.group(theme_id), found.group(other)
            if a == b or found.sessions_of(a) & found.sessions_of(b):
                continue
            score = _dot(found.vectors[theme_id], found.vectors[other])
            if score < threshold:
                continue
            key = (min(a, b), max(a, b))
            held = best.get(key)
            if held is None or score > held.first.score:
                first, second = sorted((theme_id, other), key=ids.index)
                best[key] = LinkSuggestion(found.candidate(first, score, second),
                                           found.candidate(second, score, first))
    return sorted(best.values(), key=lambda p: (-p.first.score, ids.index(p.first.appearance
                                                                          .theme_id)))


def _read(s: OrmSession, system_id: str) -> _Themes:
    themes = select(ThemeRow.id).where(ThemeRow.system_id == system_id,
                                       ThemeRow.session_id.is_not(None))
    pairs = appearances_of(s, themes)
    appearances = {a.theme_id: a for _, a in pairs}
    recurring = {a.theme_id: (r or None) for r, a in pairs}
    bags: dict[str, Counter[str]] = {t: Counter() for t in appearances}
    for t, a in appearances.items():
        for w in words(a.title):
            bags[t][w] += 2
    for theme_id, text in s.execute(select(NoteRow.theme_id, NoteRow.text)
                                    .where(NoteRow.theme_id.in_(themes))):
        for w in words(text):
            bags[theme_id or ""][w] += 1
    total = len(bags)
    counts = Counter(w for bag in bags.values() for w in bag)
    # A word of one theme links nothing; smoothed so that words every theme has still count.
    idf = {w: math.log((total + 1) / n) for w, n in counts.items() if n > 1}
    vectors = {t: _unit({w: (1 + math.log(n)) * idf[w] for w, n in bag.items() if w in idf})
               for t, bag in bags.items()}
    return _Themes(appearances, recurring, {t: set(b) for t, b in bags.items()}, vectors, idf)

