"""Reading themes: a session's themes in board order (or by votes), each with its focus
areas, the sum of its votes and its notes; the command line's records of them."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session as OrmSession

from app.models import NotFound, Theme
from app.store import repos
from app.store.engine import Store
from app.store.tables import (
    FocusAreaRow,
    NoteRow,
    SessionRow,
    ThemeFocusAreaRow,
    ThemeRow,
    ThemeVoteRow,
)


def list_themes(store: Store, session_id: str, *, by_votes: bool = False) -> list[Theme]:
    """The session's themes in board order; `by_votes`: most votes first (then board order)."""
    with store.read() as s:
        repos.get_row(s, SessionRow, session_id, "session")
        themes = themes_of(s, repos.ranked_rows(s, ThemeRow, "session_id", session_id))
    return sorted(themes, key=lambda t: -t.votes) if by_votes else themes


def get_theme(store: Store, theme_id: str) -> Theme:
    with store.read() as s:
        return read_theme(s, theme_id)


def resolve_theme(store: Store, given: str) -> Theme:
    """The theme with this id or unique prefix of one (the command line's THEME)."""
    with store.read() as s:
        return read_theme(s, repos.resolve_id(s, ThemeRow, given, "theme"))


def read_theme(s: OrmSession, theme_id: str) -> Theme:
    """One theme, with its place among its session's themes."""
    row = repos.get_row(s, ThemeRow, theme_id, "theme")
    theme = themes_of(s, [row])[0]
    if row.session_id is None:
        return theme
    earlier = or_(ThemeRow.rank < row.rank, and_(ThemeRow.rank == row.rank,
                                                 ThemeRow.id < row.id))
    place = s.scalar(select(func.count()).where(ThemeRow.session_id == row.session_id, earlier))
    return theme.model_copy(update={"position": int(place or 0)})


def themes_of(s: OrmSession, rows: Sequence[ThemeRow]) -> list[Theme]:
    """Themes of these rows (given in board order), read with three queries in all; every
    column is read, `recurring_id` (the recurring theme it appears in) included."""
    ids = [r.id for r in rows]
    if not ids:
        return []
    areas: dict[str, list[str]] = defaultdict(list)
    for theme_id, area_id in s.execute(
            select(ThemeFocusAreaRow.theme_id, ThemeFocusAreaRow.focus_area_id)
            .join(FocusAreaRow, FocusAreaRow.id == ThemeFocusAreaRow.focus_area_id)
            .where(ThemeFocusAreaRow.theme_id.in_(ids))
            .order_by(FocusAreaRow.rank, FocusAreaRow.id)):
        areas[theme_id].append(area_id)
    votes: dict[str, int] = {theme_id: total for theme_id, total in s.execute(
        select(ThemeVoteRow.theme_id, func.sum(ThemeVoteRow.count))
        .where(ThemeVoteRow.theme_id.in_(ids)).group_by(ThemeVoteRow.theme_id))}
    notes: dict[str | None, list[str]] = defaultdict(list)
    for note_theme, note_id in s.execute(
            select(NoteRow.theme_id, NoteRow.id).where(NoteRow.theme_id.in_(ids))
            .order_by(NoteRow.created_at, NoteRow.id)):
        notes[note_theme].append(note_id)
    return [Theme.model_validate({
        **{c.key: getattr(r, c.key) for c in r.__mapper__.column_attrs},
        "position": n, "votes": int(votes.get(r.id) or 0),
        "focus_area_ids": tuple(areas[r.id]), "note_ids": tuple(notes[r.id])})
        for n, r in enumerate(rows)]


def theme_records(store: Store, themes: Sequence[Theme]) -> list[dict[str, Any]]:
    """Themes as the command line prints them (PRODUCT.md's field names): focus areas by slug,
    and after those the recurring theme each appears in (`recurring_id`, or null)."""
    with store.read() as s:
        slugs = {area_id: slug for area_id, slug in s.execute(
            select(FocusAreaRow.id, FocusAreaRow.slug))}
    return [{"id": t.id, "session_id": t.session_id, "title": t.title,
             "synthesis": t.synthesis, "focus_areas": [slugs[a] for a in t.focus_area_ids],
             "votes": t.votes, "note_ids": list(t.note_ids),
             "recurring_id": t.recurring_id} for t in themes]


def unclustered_note_ids(s: OrmSession, session_id: str) -> list[str]:
    """The session's notes in the tray (in no theme), oldest first."""
    return list(s.scalars(select(NoteRow.id).where(
        NoteRow.session_id == session_id, NoteRow.theme_id.is_(None))
        .order_by(NoteRow.created_at, NoteRow.id)))


def theme_row(s: OrmSession, theme_id: str) -> ThemeRow:
    row = s.get(ThemeRow, theme_id)
    if row is None:
        raise NotFound(f"There is no theme with id {theme_id}.")
    return row
