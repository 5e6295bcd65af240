"""How the board model follows a change-set, row by row: new themes inserted, notes moved
between themes and the tray (row moves, so selections and scroll positions hold), themes
removed once emptied, the order of themes matched, and changed themes and notes repainted.

Only what the change-set names is read again: the session's themes when a theme, its focus
areas or its votes changed or a note changed theme, and the notes it names.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex

from app.models import Changes, Note, Theme
from app.services import capture
from app.services.sensemaking import theme_query
from app.ui.item_models.board_model import PAGE, TRAY, BoardModel
from app.ui.item_models.note_cards import has_criteria, passes

_THEME_PARTS = ("theme", "theme_focus_area", "theme_vote")
_NOTE_LINKS = ("note_focus_area", "note_tag")
_NAMES = ("focus_area", "free_tag", "participant", "agenda_item")
# Past this many notes arriving or leaving at once, reading the board again is cheaper.
BULK = 400


def follow(model: BoardModel, changes: Changes) -> None:
    """Bring the model in line with the store after `changes`."""
    if any(changes.touches(name) for name in _NAMES):
        model.relabel()
    deleted = set(changes.deleted.get("note", ()))
    touched = set(changes.inserted.get("note", ())) | set(changes.updated.get("note", ()))
    for entity in _NOTE_LINKS:
        touched |= {i.split(":")[0] for i in changes.ids(entity)}
    touched -= deleted
    themes_changed = any(changes.touches(name) for name in _THEME_PARTS)
    if not (deleted or touched or themes_changed):
        return
    if len(deleted) + len(touched) > BULK:
        model.load()
        return
    fresh_notes = capture.notes_by_ids(model.store, sorted(touched)) if touched else []
    mine = {n.id: n for n in fresh_notes if n.session_id == model.session_id}
    deleted |= touched - set(mine)
    moving = {n.id for n in mine.values()
              if model.parent_of.get(n.id) != _place(model, n)}
    old_themes = dict(model.themes)
    if themes_changed:
        fresh = theme_query.list_themes(model.store, model.session_id)
        model.themes = {t.id: t for t in fresh}
        model.board = [t.id for t in fresh]
        _insert_themes(model, [t for t in model.board if t not in model.notes_of])
    elif moving:
        # Notes changed theme and no theme changed: the themes' note lists are kept here,
        # with no query (a move must show at once).
        for note_id in moving:
            _retheme(model, note_id, mine[note_id].theme_id)
    if changes.inserted.get("note") or changes.deleted.get("note"):
        model.total = len(capture.note_ids(model.store, model.session_id))
    model.forget(set(mine) | deleted)
    model.notes.update(mine)
    _remove_notes(model, deleted)
    changed_groups = _move_notes(model, list(mine.values()))
    _remove_themes(model, [t for t in list(model.notes_of) if t != TRAY
                           and t not in model.themes])
    match_order(model)
    for key in set(model.themes) & set(old_themes):
        if _shown_as(model.themes[key]) != _shown_as(old_themes[key]):
            changed_groups.add(key)
    for key in changed_groups:
        top = model.top_index(key)
        if top.isValid():
            model.dataChanged.emit(top, top)
    for note_id in set(mine) - moving:
        index = model.note_index(note_id)
        if index.isValid():
            model.dataChanged.emit(index, index)


def _place(model: BoardModel, note: Note) -> str | None:
    """Where a note belongs as the board is filtered now: its theme, the tray, or nowhere."""
    if has_criteria(model.where) and not passes(note, model.where):
        return None
    return note.theme_id if note.theme_id else TRAY


def _insert_themes(model: BoardModel, new: list[str]) -> None:
    # Put at the end first; `match_order` then moves each to its place.
    for theme_id in new:
        row = len(model.order) + 1
        model.beginInsertRows(QModelIndex(), row, row)
        model.number(theme_id)
        model.order.append(theme_id)
        model.notes_of[theme_id] = []
        model.renumber()
        model.endInsertRows()


def _remove_notes(model: BoardModel, gone: set[str]) -> None:
    for note_id in gone:
        key = model.parent_of.get(note_id)
        if key is None:
            continue
        parent = model.top_index(key)
        row = model.notes_of[key].index(note_id)
        model.beginRemoveRows(parent, row, row)
        model.notes_of[key].pop(row)
        del model.parent_of[note_id]
        model.endRemoveRows()


def _shown_as(theme: Theme) -> Theme:
    # The order of its note ids is the rows' business, not the card's.
    return theme.model_copy(update={"note_ids": tuple(sorted(theme.note_ids))})


def _retheme(model: BoardModel, note_id: str, theme_id: str | None) -> None:
    """Take a note out of the theme that listed it and list it in `theme_id`."""
    for key, theme in model.themes.items():
        if note_id in theme.note_ids and key != theme_id:
            model.themes[key] = theme.model_copy(
                update={"note_ids": tuple(n for n in theme.note_ids if n != note_id)})
    if theme_id in model.themes and note_id not in model.themes[theme_id].note_ids:
        theme = model.themes[theme_id]
        model.themes[theme_id] = theme.model_copy(update={"note_ids": (*theme.note_ids,
                                                                       note_id)})


def _sort_key(model: BoardModel, key: str, ids: list[str]) -> Callable[[str], Any]:
    """Notes sort as the store sorts them in a theme or the tray: oldest first. The notes in
    view are at hand; for a long list not yet read, its stored order is asked instead."""
    missing = [i for i in ids if i not in model.notes]
    if len(missing) > PAGE:
        if key == TRAY:
            with model.store.read() as s:
                stored = theme_query.unclustered_note_ids(s, model.session_id)
        else:
            stored = list(theme_query.get_theme(model.store, key).note_ids)
        rank = {note_id: n for n, note_id in enumerate(stored)}
        return lambda i: rank.get(i, -1)
    if missing:
        model.read(missing)
    notes = model.notes
    return lambda i: (notes[i].created_at is not None, notes[i].created_at, i) \
        if i in notes else (False, None, i)


def _move_notes(model: BoardModel, notes: list[Note]) -> set[str]:
    """Move (or insert, or take out) each note to where it now belongs; the groups changed."""
    changed: set[str] = set()
    for note in sorted(notes, key=lambda n: (n.created_at is None, n.created_at, n.id)):
        was, now = model.parent_of.get(note.id), _place(model, note)
        if was == now:
            continue
        changed |= {k for k in (was, now) if k is not None}
        if now is None:  # filtered out now
            _remove_notes(model, {note.id})
            continue
        siblings = model.notes_of[now]
        key = _sort_key(model, now, [*siblings, note.id])
        to = bisect_left(siblings, key(note.id), key=key)
        target = model.top_index(now)
        if was is None:
            model.beginInsertRows(target, to, to)
            siblings.insert(to, note.id)
            model.parent_of[note.id] = now
            model.endInsertRows()
            continue
        source = model.top_index(was)
        row = model.notes_of[was].index(note.id)
        if not model.beginMoveRows(source, row, row, target, to):
            continue
        model.notes_of[was].pop(row)
        siblings.insert(to, note.id)
        model.parent_of[note.id] = now
        model.endMoveRows()
    return changed


def _remove_themes(model: BoardModel, gone: list[str]) -> None:
    for theme_id in gone:
        row = model.order.index(theme_id) + 1 if theme_id in model.order else -1
        if row < 0:
            model.notes_of.pop(theme_id, None)
            continue
        model.beginRemoveRows(QModelIndex(), row, row)
        for note_id in model.notes_of.pop(theme_id, []):
            model.parent_of.pop(note_id, None)
        model.order.remove(theme_id)
        model.renumber()
        model.endRemoveRows()


def match_order(model: BoardModel) -> None:
    """Move theme rows until they stand in the order shown (board order, or by votes)."""
    wanted = model.shown_order()
    for place, theme_id in enumerate(wanted):
        now = model.order.index(theme_id)
        if now == place:
            continue
        # Qt's destination row counts the rows before the move; moving up needs no shift.
        if not model.beginMoveRows(QModelIndex(), now + 1, now + 1, QModelIndex(), place + 1):
            continue
        model.order.pop(now)
        model.order.insert(place, theme_id)
        model.renumber()
        model.endMoveRows()
