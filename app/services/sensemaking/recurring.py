"""Recurring themes: themes of different sessions of one learning system linked as one theme
seen again, so the learning system shows what keeps coming back.

A session theme is one appearance of at most one recurring theme (`themes.recurring_id`), and
a recurring theme has at most one appearance per session. Each function here is one user
action: one unit of work, recorded with `board_undo.Recorder`, returning a `RecurringChange`
whose `undo` `board_undo.revert` applies (the revert returns the redo, with the same ids), so
the windows push it with `push_board` like any board operation. A refused one changes
nothing. Reading is in `recurring_query`, suggested links in `recurring_suggest`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import cast

from sqlalchemy import Table, select
from sqlalchemy.orm import Session as OrmSession

from app.models import Changes, InvalidInput, NotFound, RecurringTheme, new_id, utcnow
from app.services.core.records import delete_many_with_snapshot, validated
from app.services.sensemaking.board_undo import Recorder, Undo
from app.services.sensemaking.recurring_query import Recurring, recurring_of
from app.store import bulk
from app.store.changelog import collected
from app.store.engine import Store
from app.store.tables import RecurringThemeRow, SessionRow, ThemeRow

RECURRING = cast(Table, RecurringThemeRow.__table__)
THEMES = cast(Table, ThemeRow.__table__)


@dataclass(frozen=True)
class RecurringChange:
    """What one operation on recurring themes left: the recurring theme it made or changed
    (as it was, when deleted; None when none is left) and what undoes it."""

    recurring: Recurring | None
    undo: Undo


def link_themes(store: Store, theme_ids: Sequence[str], *, title: str | None = None,
                into: str | None = None) -> tuple[RecurringChange, Changes]:
    """Link session themes as one recurring theme: joining `into` (an existing recurring
    theme) or the one some of them already belong to, else a new one titled `title` or after
    the first theme given. Recurring themes the themes belong to become one (the oldest kept),
    so each session still appears once. `title`, when given, renames the result."""
    wanted = list(dict.fromkeys(theme_ids))
    with store.unit() as s:
        record = Recorder()
        rows = _theme_rows(s, wanted)
        kept_ids = {r.recurring_id for r in rows if r.recurring_id} | ({into} if into else set())
        groups = {g.id: g for g in s.scalars(
            select(RecurringThemeRow).where(RecurringThemeRow.id.in_(kept_ids)))}
        if into is not None and into not in groups:
            raise NotFound("The recurring theme to join is no longer there; nothing was "
                           "changed.")
        members = {r.id: r for r in rows}
        for extra in s.scalars(select(ThemeRow).where(ThemeRow.recurring_id.in_(list(groups)))):
            members.setdefault(extra.id, extra)
        _check_members(s, list(members.values()), list(groups.values()))
        if into is not None:
            target = groups[into]
        elif groups:
            target = min(groups.values(), key=lambda g: (g.created_at, g.id))
        else:
            target = None
        if target is None:
            target_id = _insert(s, record, rows[0].system_id, title or rows[0].title)
        else:
            target_id = target.id
            if title is not None:
                _rename(s, record, target, title)
        record.set(s, THEMES, "recurring_id", [((i,), target_id) for i in members])
        gone = [g for g in groups if g != target_id]
        if gone:
            # Their themes all point at the kept one now, so nothing is left to unlink.
            record.deleted(delete_many_with_snapshot(s, RecurringThemeRow, gone,
                                                     "recurring theme"))
        found = recurring_of(s, target_id)
    return RecurringChange(found, record.undo()), collected(s)


def unlink_theme(store: Store, theme_id: str) -> tuple[RecurringChange, Changes]:
    """Take a session theme out of its recurring theme; the theme stays on its board, and the
    recurring theme stays with its other appearances."""
    with store.unit() as s:
        record = Recorder()
        row = _theme_rows(s, [theme_id])[0]
        if row.recurring_id is None:
            raise InvalidInput(f"The theme '{row.title}' is not linked to a recurring theme.")
        recurring_id = row.recurring_id
        record.set(s, THEMES, "recurring_id", [((theme_id,), None)])
        found = recurring_of(s, recurring_id)
    return RecurringChange(found, record.undo()), collected(s)


def rename_recurring(store: Store, recurring_id: str,
                     title: str) -> tuple[RecurringChange, Changes]:
    """Give a recurring theme a new title (its session themes keep theirs)."""
    with store.unit() as s:
        record = Recorder()
        _rename(s, record, _recurring_row(s, recurring_id), title)
        found = recurring_of(s, recurring_id)
    return RecurringChange(found, record.undo()), collected(s)


def delete_recurring(store: Store, recurring_id: str) -> tuple[RecurringChange, Changes]:
    """Delete a recurring theme: its session themes stay on their boards, unlinked."""
    with store.unit() as s:
        record = Recorder()
        _recurring_row(s, recurring_id)
        found = recurring_of(s, recurring_id)
        record.deleted(delete_many_with_snapshot(s, RecurringThemeRow, [recurring_id],
                                                 "recurring theme"))
    return RecurringChange(found, record.undo()), collected(s)


# --- inside a unit of work ---------------------------------------------------------------

def _theme_rows(s: OrmSession, ids: Sequence[str]) -> list[ThemeRow]:
    if not ids:
        raise InvalidInput("Choose the themes to link.")
    found = {r.id: r for r in s.scalars(select(ThemeRow).where(ThemeRow.id.in_(ids)))}
    for theme_id in ids:
        if theme_id not in found:
            raise NotFound("A theme to link is no longer there; nothing was changed.")
        if found[theme_id].session_id is None:
            raise InvalidInput("Only themes of sessions can recur; nothing was changed.")
    return [found[i] for i in ids]


def _check_members(s: OrmSession, members: list[ThemeRow],
                   groups: list[RecurringThemeRow]) -> None:
    systems = {m.system_id for m in members} | {g.system_id for g in groups}
    if len(systems) > 1:
        raise InvalidInput("Themes of different learning systems cannot be linked; nothing "
                           "was changed.")
    if len(members) < 2 and not groups:
        raise InvalidInput("Choose themes of at least two sessions to link.")
    seen: dict[str, ThemeRow] = {}
    for member in members:
        other = seen.setdefault(member.session_id or "", member)
        if other is not member:
            session = s.get(SessionRow, member.session_id)
            where = f"'{session.title}'" if session is not None else "one session"
            raise InvalidInput(f"'{other.title}' and '{member.title}' are both themes of "
                               f"{where}; a recurring theme appears once per session, so "
                               "nothing was changed.")


def _insert(s: OrmSession, record: Recorder, system_id: str, title: str) -> str:
    theme = validated(RecurringTheme, {"id": new_id(), "system_id": system_id,
                                       "title": title.strip(), "created_at": utcnow()})
    bulk.insert_logged(s, RECURRING, [{"id": theme.id, "system_id": system_id,
                                       "title": theme.title, "created_at": theme.created_at}])
    record.created(RECURRING, (theme.id,))
    return theme.id


def _rename(s: OrmSession, record: Recorder, row: RecurringThemeRow, title: str) -> None:
    checked = validated(RecurringTheme, {"id": row.id, "system_id": row.system_id,
                                         "title": title.strip()})
    record.set(s, RECURRING, "title", [((row.id,), checked.title)])


def _recurring_row(s: OrmSession, recurring_id: str) -> RecurringThemeRow:
    row = s.get(RecurringThemeRow, recurring_id)
    if row is None:
        raise NotFound("That recurring theme is no longer there; nothing was changed.")
    return row
