"""Reading recurring themes: a learning system's themes seen again across its sessions, each
with its timeline (the sessions it appeared in, oldest first, with the theme's title there,
its note count and its votes).

Read with a handful of set-based queries whatever the number of recurring themes, so the
learning-system screen refreshes at once after every link or unlink.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session as OrmSession

from app.models import NotFound, RecurringTheme
from app.store import repos
from app.store.engine import Store
from app.store.tables import (
    LearningSystemRow,
    NoteRow,
    RecurringThemeRow,
    SessionRow,
    ThemeRow,
    ThemeVoteRow,
)


@dataclass(frozen=True)
class Appearance:
    """One session a recurring theme appeared in: the session's theme that is it there."""

    theme_id: str
    session_id: str
    session_title: str
    starts: datetime
    title: str  # the theme's title in that session
    notes: int
    votes: int


@dataclass(frozen=True)
class Recurring:
    """A recurring theme and its timeline, oldest session first."""

    theme: RecurringTheme
    timeline: tuple[Appearance, ...]

    @property
    def id(self) -> str:
        return self.theme.id

    @property
    def sessions(self) -> int:
        """How many sessions it appeared in."""
        return len({a.session_id for a in self.timeline})

    @property
    def notes(self) -> int:
        return sum(a.notes for a in self.timeline)

    @property
    def votes(self) -> int:
        return sum(a.votes for a in self.timeline)


def list_recurring(store: Store, system_id: str) -> list[Recurring]:
    """The learning system's recurring themes, those seen in most sessions first (then by
    title), each with its timeline."""
    with store.read() as s:
        repos.get_row(s, LearningSystemRow, system_id, "learning system")
        rows = list(s.scalars(select(RecurringThemeRow)
                              .where(RecurringThemeRow.system_id == system_id)))
        found = read_recurring(s, rows)
    return sorted(found, key=lambda r: (-r.sessions, r.theme.title.casefold(), r.id))


def get_recurring(store: Store, recurring_id: str) -> Recurring:
    with store.read() as s:
        return recurring_of(s, recurring_id)


def resolve_recurring(store: Store, given: str) -> Recurring:
    """The recurring theme with this id or unique prefix of one."""
    with store.read() as s:
        return recurring_of(s, repos.resolve_id(s, RecurringThemeRow, given, "recurring theme"))


def recurring_of(s: OrmSession, recurring_id: str) -> Recurring:
    row = s.get(RecurringThemeRow, recurring_id)
    if row is None:
        raise NotFound(f"There is no recurring theme with id {recurring_id}.")
    return read_recurring(s, [row])[0]


def read_recurring(s: OrmSession, rows: Sequence[RecurringThemeRow]) -> list[Recurring]:
    """These recurring themes with their timelines, read with three queries in all."""
    ids = [r.id for r in rows]
    if not ids:
        return []
    appearances = appearances_of(s, select(ThemeRow.id).where(ThemeRow.recurring_id.in_(ids)))
    by_recurring: dict[str, list[Appearance]] = defaultdict(list)
    for recurring_id, appearance in appearances:
        by_recurring[recurring_id].append(appearance)
    out = []
    for row in rows:
        timeline = tuple(by_recurring[row.id])
        theme = RecurringTheme(id=row.id, system_id=row.system_id, title=row.title,
                               created_at=row.created_at,
                               theme_ids=tuple(a.theme_id for a in timeline))
        out.append(Recurring(theme=theme, timeline=timeline))
    return out


def appearances_of(s: OrmSession, theme_ids: object) -> list[tuple[str, Appearance]]:
    """(recurring id or "", appearance) of these session themes (`theme_ids`: ids, or a select
    of them), in date order: session start, then session id, then the theme's board order."""
    rows = s.execute(
        select(ThemeRow.id, ThemeRow.recurring_id, ThemeRow.title, SessionRow.id,
               SessionRow.title, SessionRow.starts)
        .join(SessionRow, SessionRow.id == ThemeRow.session_id)
        .where(ThemeRow.id.in_(theme_ids))  # type: ignore[arg-type]
        .order_by(SessionRow.starts, SessionRow.id, ThemeRow.rank, ThemeRow.id)).all()
    wanted = [r[0] for r in rows]
    notes = Counter(dict(s.execute(
        select(NoteRow.theme_id, func.count()).where(NoteRow.theme_id.in_(wanted))
        .group_by(NoteRow.theme_id)).all()))
    votes = dict(s.execute(
        select(ThemeVoteRow.theme_id, func.sum(ThemeVoteRow.count))
        .where(ThemeVoteRow.theme_id.in_(wanted)).group_by(ThemeVoteRow.theme_id)).all())
    return [(recurring_id or "", Appearance(
        theme_id=theme_id, session_id=session_id, session_title=session_title, starts=starts,
        title=title, notes=int(notes.get(theme_id, 0)), votes=int(votes.get(theme_id) or 0)))
        for theme_id, recurring_id, title, session_id, session_title, starts in rows]


def recurring_records(found: Sequence[Recurring]) -> list[dict[str, object]]:
    """Recurring themes as the command line prints them, each with its timeline."""
    return [{"id": r.id, "system_id": r.theme.system_id, "title": r.theme.title,
             "sessions": r.sessions, "theme_ids": list(r.theme.theme_ids),
             "timeline": [{"theme_id": a.theme_id, "session_id": a.session_id,
                           "session_title": a.session_title, "starts": a.starts,
                           "title": a.title, "notes": a.notes, "votes": a.votes}
                          for a in r.timeline]} for r in found]
