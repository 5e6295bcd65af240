"""Coverage of a learning system: notes and themes per focus area per session, the balance of
note kinds, and who was heard (contributions by sector, organisation and locality of the
speakers, against who was invited and who attended).

Aggregates only: nothing here carries a person's name, so any view may show it, the
presenter view included. A focus area with few notes across the system is marked thin.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from app.models import NoteKind, Sector
from app.store import repos
from app.store.engine import Store
from app.store.queries import coverage as q
from app.store.tables import LearningSystemRow

# A focus area with fewer notes than this across the system has little evidence.
THIN = 3


@dataclass(frozen=True)
class Cell:
    notes: int = 0
    themes: int = 0


@dataclass(frozen=True)
class SessionCoverage:
    session_id: str
    title: str
    notes: int  # all of the session's notes
    untagged: int  # notes with no focus area
    cells: dict[str, Cell]  # focus area slug -> counts


@dataclass(frozen=True)
class AreaTotal:
    slug: str
    name: str
    notes: int
    themes: int
    thin: bool  # little or no evidence: fewer than THIN notes


@dataclass(frozen=True)
class HeardRow:
    """One sector, organisation or locality: people invited, attending and speaking, and the
    notes they spoke."""

    value: str
    invited: int
    attended: int
    speakers: int
    contributions: int


@dataclass(frozen=True)
class Coverage:
    system_id: str
    sessions: tuple[SessionCoverage, ...]
    areas: tuple[AreaTotal, ...]
    kinds: dict[str, int]  # every note kind, zero where none
    by_sector: tuple[HeardRow, ...]
    by_organisation: tuple[HeardRow, ...]
    by_locality: tuple[HeardRow, ...]
    by_role: int  # notes spoken by a role such as "Housing officer", not a participant
    no_speaker: int


def coverage(store: Store, system_id: str) -> Coverage:
    """Everything the coverage view and `cairn coverage` show, read in one transaction."""
    with store.read() as s:
        repos.get_row(s, LearningSystemRow, system_id, "learning system")
        areas = [a for a in repos.focus_areas(s, system_id) if not a.retired]
        sessions = repos.sessions(s, system_id)
        notes = _grid(q.notes_per_area(s, system_id))
        themes = _grid(q.themes_per_area(s, system_id))
        totals = q.notes_per_session(s, system_id)
        kinds = q.notes_per_kind(s, system_id)
        by_role, no_speaker = q.unattributed_notes(s, system_id)
        people = q.people(s, system_id)
    slugs = {a.id: a.slug for a in areas}
    rows = tuple(SessionCoverage(
        session_id=x.id, title=x.title, notes=totals.get(x.id, (0, 0))[0],
        untagged=totals.get(x.id, (0, 0))[1],
        cells={slugs[a]: Cell(notes[x.id].get(a, 0), themes[x.id].get(a, 0)) for a in slugs},
    ) for x in sessions)
    area_totals = []
    for a in areas:
        n = sum(notes[x.id].get(a.id, 0) for x in sessions)
        t = sum(themes[x.id].get(a.id, 0) for x in sessions)
        area_totals.append(AreaTotal(a.slug, a.name, n, t, n < THIN))
    return Coverage(
        system_id=system_id, sessions=rows, areas=tuple(area_totals),
        kinds={k.value: kinds.get(k.value, 0) for k in NoteKind},
        by_sector=_heard(people, 0, order=[x.value for x in Sector]),
        by_organisation=_heard(people, 1), by_locality=_heard(people, 2),
        by_role=by_role, no_speaker=no_speaker,
    )


def _grid(found: Iterable[tuple[str, str, int]]) -> defaultdict[str, dict[str, int]]:
    grid: defaultdict[str, dict[str, int]] = defaultdict(dict)
    for session_id, area_id, count in found:
        grid[session_id][area_id] = count
    return grid


def _heard(people: list[tuple[object, ...]], column: int, *,
           order: list[str] | None = None) -> tuple[HeardRow, ...]:
    """People grouped by one column; sectors in their fixed order (all shown, so a sector
    nobody came from shows as a zero), other values by contributions, most first."""
    groups: dict[str, list[int]] = {v: [0, 0, 0, 0] for v in order or []}
    for person in people:
        value = str(person[column] or "").strip()
        spoke, invited, attended = int(person[3]), bool(person[4]), bool(person[5])  # type: ignore[call-overload]
        g = groups.setdefault(value, [0, 0, 0, 0])
        g[0] += invited
        g[1] += attended
        g[2] += spoke > 0
        g[3] += spoke
    found = [HeardRow(v, *g) for v, g in groups.items()]
    if order is None:
        found.sort(key=lambda r: (-r.contributions, -r.invited, r.value.casefold()))
    return tuple(found)
