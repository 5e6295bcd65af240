"""The theme board's operations: themes made, renamed, written up, filled, merged, split,
reordered, tagged and deleted, and notes moved between themes and the tray.

Each function is one user action: one unit of work, all or nothing, and one undo step. It
returns a `BoardChange` whose `undo` `board_undo.revert` applies (and whose revert returns the
redo), with the Changes it made. Themes of a session are ordered by rank (`core.ranks`), so a
reorder writes the theme that moved and no other. Notes belong to at most one theme; a note in
none is in the tray.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import cast

from sqlalchemy import Table, select
from sqlalchemy.orm import Session as OrmSession

from app.models import Changes, FocusArea, InvalidInput, NotFound, Theme, new_id
from app.services.core.ranks import reranked
from app.services.core.records import delete_many_with_snapshot, validated
from app.services.sensemaking.board_undo import Recorder, Undo
from app.services.sensemaking.theme_query import read_theme, theme_row
from app.store import bulk, repos
from app.store.changelog import collected
from app.store.engine import Store
from app.store.tables import (
    FocusAreaRow,
    NoteFocusAreaRow,
    NoteRow,
    SessionRow,
    ThemeFocusAreaRow,
    ThemeRow,
    ThemeVoteRow,
)

THEMES = cast(Table, ThemeRow.__table__)
NOTES = cast(Table, NoteRow.__table__)
LINKS = cast(Table, ThemeFocusAreaRow.__table__)
VOTES = cast(Table, ThemeVoteRow.__table__)


@dataclass(frozen=True)
class BoardChange:
    """What one board operation left: the theme it made or changed (None for the tray, or as
    it was when deleted) and what undoes it."""

    theme: Theme | None
    undo: Undo


def create_theme(store: Store, session_id: str, title: str, note_ids: Sequence[str] = (), *,
                 synthesis: str = "", focus_area_ids: Sequence[str] = (),
                 index: int | None = None, from_tray: bool = False) -> tuple[BoardChange, Changes]:
    """A new theme of the session, at `index` on the board (default: the end), holding the
    given notes (from the tray or from other themes; `from_tray`: only from the tray, as a
    suggestion made from the tray is accepted)."""
    with store.unit() as s:
        record = Recorder()
        session = repos.get_row(s, SessionRow, session_id, "session")
        if from_tray and any(r.theme_id for r in _note_rows(s, list(note_ids), "put in")):
            raise InvalidInput("A suggested note is no longer in the tray; ask for "
                               "suggestions again.")
        theme_id = _insert_theme(s, record, session, title, synthesis, index)
        _move(s, record, note_ids, theme_id, session_id)
        _set_areas(s, record, theme_id, session.system_id, focus_area_ids)
        theme = read_theme(s, theme_id)
    return BoardChange(theme, record.undo()), collected(s)


def update_theme(store: Store, theme_id: str, *, title: str | None = None,
                 synthesis: str | None = None) -> tuple[BoardChange, Changes]:
    """Rename a theme, or write its synthesis (a short summary of what its notes say)."""
    with store.unit() as s:
        record = Recorder()
        current = read_theme(s, theme_id)
        given = {k: v for k, v in (("title", title), ("synthesis", synthesis)) if v is not None}
        checked = validated(Theme, {**current.model_dump(), **given})
        for column in given:
            record.set(s, THEMES, column, [((theme_id,), getattr(checked, column))])
        theme = read_theme(s, theme_id)
    return BoardChange(theme, record.undo()), collected(s)


def move_notes(store: Store, note_ids: Sequence[str],
               theme_id: str | None) -> tuple[BoardChange, Changes]:
    """Put notes into a theme of their session (from the tray or other themes), or with
    `theme_id` None back into the tray. Notes already there are left alone."""
    with store.unit() as s:
        record = Recorder()
        session_id = theme_row(s, theme_id).session_id if theme_id else None
        _move(s, record, note_ids, theme_id, session_id)
        theme = read_theme(s, theme_id) if theme_id else None
    return BoardChange(theme, record.undo()), collected(s)


def merge_themes(store: Store, keep_id: str, other_id: str) -> tuple[BoardChange, Changes]:
    """Merge `other_id` into `keep_id`: its notes, votes and focus areas join the kept theme,
    its synthesis follows the kept one's, and it is deleted (with its links to actions and
    evidence, which undo brings back)."""
    if keep_id == other_id:
        raise InvalidInput("Choose two different themes to merge.")
    with store.unit() as s:
        record = Recorder()
        keep, other = theme_row(s, keep_id), theme_row(s, other_id)
        if keep.session_id != other.session_id:
            raise InvalidInput("Only themes of the same session can be merged.")
        notes = list(s.scalars(select(NoteRow.id).where(NoteRow.theme_id == other_id)))
        record.set(s, NOTES, "theme_id", [((n,), keep_id) for n in notes])
        votes = list(s.scalars(select(ThemeVoteRow.id).where(ThemeVoteRow.theme_id == other_id)))
        record.set(s, VOTES, "theme_id", [((v,), keep_id) for v in votes])
        if other.synthesis.strip():
            joined = "\n\n".join(t for t in (keep.synthesis.strip(), other.synthesis.strip()) if t)
            record.set(s, THEMES, "synthesis", [((keep_id,), joined)])
        _add_areas(s, record, keep_id, _areas_of(s, other_id))
        record.deleted(delete_many_with_snapshot(s, ThemeRow, [other_id], "theme"))
        theme = read_theme(s, keep_id)
    return BoardChange(theme, record.undo()), collected(s)


def split_notes(store: Store, note_ids: Sequence[str], title: str) -> tuple[BoardChange, Changes]:
    """Split selected notes of one theme out into a new theme, placed just after it."""
    ids = list(dict.fromkeys(note_ids))
    if not ids:
        raise InvalidInput("Select the notes to split out into a new theme.")
    with store.unit() as s:
        record = Recorder()
        rows = _note_rows(s, ids, "split out")
        sources = {r.theme_id for r in rows}
        if len(sources) != 1 or None in sources:
            raise InvalidInput("Split notes out of one theme at a time.")
        source = theme_row(s, rows[0].theme_id or "")
        session = repos.get_row(s, SessionRow, rows[0].session_id, "session")
        place = [r.id for r in _ordered(s, session.id)].index(source.id) + 1
        theme_id = _insert_theme(s, record, session, title, "", place)
        _move(s, record, ids, theme_id, session.id)
        theme = read_theme(s, theme_id)
    return BoardChange(theme, record.undo()), collected(s)


def move_theme(store: Store, theme_id: str, index: int) -> tuple[BoardChange, Changes]:
    """Move a theme to `index` on its session's board (clamped to the ends): one row written."""
    with store.unit() as s:
        record = Recorder()
        row = theme_row(s, theme_id)
        rows = _ordered(s, row.session_id)
        wanted = [r.id for r in rows if r.id != theme_id]
        wanted.insert(max(0, min(index, len(wanted))), theme_id)
        _rerank(s, record, rows, wanted)
        theme = read_theme(s, theme_id)
    return BoardChange(theme, record.undo()), collected(s)


def reorder_themes(store: Store, session_id: str,
                   ordered_ids: Sequence[str]) -> tuple[BoardChange, Changes]:
    """Put the session's themes in this order, writing only those that moved."""
    with store.unit() as s:
        record = Recorder()
        rows = _ordered(s, session_id)
        if len(ordered_ids) != len(rows) or set(ordered_ids) != {r.id for r in rows}:
            raise InvalidInput("The new order must name each theme of the session once.")
        _rerank(s, record, rows, list(ordered_ids))
    return BoardChange(None, record.undo()), collected(s)


def delete_theme(store: Store, theme_id: str) -> tuple[BoardChange, Changes]:
    """Delete a theme: its notes go back to the tray; its votes and links go with it."""
    with store.unit() as s:
        record = Recorder()
        theme = read_theme(s, theme_id)
        record.deleted(delete_many_with_snapshot(s, ThemeRow, [theme_id], "theme"))
    return BoardChange(theme, record.undo()), collected(s)


def set_focus_areas(store: Store, theme_id: str,
                    focus_area_ids: Iterable[str]) -> tuple[BoardChange, Changes]:
    """Tag a theme with exactly these focus areas (of its learning system)."""
    with store.unit() as s:
        record = Recorder()
        row = theme_row(s, theme_id)
        _set_areas(s, record, theme_id, row.system_id, focus_area_ids)
        theme = read_theme(s, theme_id)
    return BoardChange(theme, record.undo()), collected(s)


def suggest_focus_areas(store: Store, theme_id: str) -> list[tuple[FocusArea, int]]:
    """Focus areas the theme's notes are tagged with and the theme is not, each with how many
    of its notes carry it, most first: what to tag the theme with."""
    with store.read() as s:
        theme = read_theme(s, theme_id)
        counts = Counter(s.scalars(
            select(NoteFocusAreaRow.focus_area_id).join(
                NoteRow, NoteRow.id == NoteFocusAreaRow.note_id)
            .where(NoteRow.theme_id == theme_id)))
        areas = {a.id: a for a in repos.focus_areas(s, theme.system_id, include_retired=False)}
    ranked = sorted((area_id for area_id in counts
                     if area_id in areas and area_id not in theme.focus_area_ids),
                    key=lambda a: (-counts[a], areas[a].position))
    return [(areas[a], counts[a]) for a in ranked]


# --- inside a unit of work ---------------------------------------------------------------

def _ordered(s: OrmSession, session_id: str | None) -> list[ThemeRow]:
    if session_id is None:
        raise InvalidInput("Only a session's themes have a place on a board.")
    return repos.ranked_rows(s, ThemeRow, "session_id", session_id)


def _insert_theme(s: OrmSession, record: Recorder, session: SessionRow, title: str,
                  synthesis: str, index: int | None) -> str:
    rows = _ordered(s, session.id)
    index = len(rows) if index is None else max(0, min(index, len(rows)))
    theme_id = new_id()
    wanted = [r.id for r in rows]
    wanted.insert(index, theme_id)
    ranks = reranked([(r.id, r.rank) for r in rows], wanted)
    _rerank(s, record, rows, wanted, ranks)
    theme = validated(Theme, {"id": theme_id, "system_id": session.system_id,
                              "session_id": session.id, "title": title, "synthesis": synthesis,
                              "rank": ranks[theme_id]})
    bulk.insert_logged(s, THEMES, [{c.name: getattr(theme, c.name) for c in THEMES.columns}])
    record.created(THEMES, (theme_id,))
    return theme_id


def _rerank(s: OrmSession, record: Recorder, rows: Sequence[ThemeRow], wanted: list[str],
            ranks: dict[str, str] | None = None) -> None:
    ranks = ranks if ranks is not None else reranked([(r.id, r.rank) for r in rows], wanted)
    present = {r.id for r in rows}
    record.set(s, THEMES, "rank", [((i,), rank) for i, rank in ranks.items() if i in present])


def _note_rows(s: OrmSession, ids: Sequence[str], verb: str) -> list[NoteRow]:
    found = {r.id: r for r in s.scalars(select(NoteRow).where(NoteRow.id.in_(ids)))}
    if len(found) != len(ids):
        raise NotFound(f"A note to {verb} is no longer there; nothing was changed.")
    return [found[i] for i in ids]


def _move(s: OrmSession, record: Recorder, note_ids: Sequence[str], theme_id: str | None,
          session_id: str | None) -> None:
    ids = list(dict.fromkeys(note_ids))
    if not ids:
        return
    rows = _note_rows(s, ids, "move")
    if theme_id is not None and any(r.session_id != session_id for r in rows):
        raise InvalidInput("A note can only go into a theme of its own session.")
    record.set(s, NOTES, "theme_id", [((r.id,), theme_id) for r in rows])


def _areas_of(s: OrmSession, theme_id: str) -> list[str]:
    return list(s.scalars(select(ThemeFocusAreaRow.focus_area_id)
                          .where(ThemeFocusAreaRow.theme_id == theme_id)))


def _check_areas(s: OrmSession, system_id: str, area_ids: Sequence[str]) -> None:
    known = set(s.scalars(select(FocusAreaRow.id).where(FocusAreaRow.system_id == system_id)))
    if not set(area_ids) <= known:
        raise InvalidInput("A focus area given for the theme is not one of its learning "
                           "system's.")


def _add_areas(s: OrmSession, record: Recorder, theme_id: str, area_ids: Iterable[str]) -> None:
    have = set(_areas_of(s, theme_id))
    new = [a for a in dict.fromkeys(area_ids) if a not in have]
    bulk.insert_logged(s, LINKS, [{"theme_id": theme_id, "focus_area_id": a} for a in new])
    for area_id in new:
        record.created(LINKS, (theme_id, area_id))


def _set_areas(s: OrmSession, record: Recorder, theme_id: str, system_id: str,
               area_ids: Iterable[str]) -> None:
    wanted = list(dict.fromkeys(area_ids))
    _check_areas(s, system_id, wanted)
    gone = [(theme_id, a) for a in _areas_of(s, theme_id) if a not in wanted]
    if gone:
        record.deleted(delete_many_with_snapshot(s, ThemeFocusAreaRow, gone, "focus area link"))
    _add_areas(s, record, theme_id, wanted)
