"""A session's timed agenda: add, edit, remove and reorder blocks; lay them against the clock.

Blocks are ordered by rank (see `core.ranks`): adding, moving or removing one block writes
that block alone, never a renumbering of the others.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from app.models import AgendaItem, Changes, InvalidInput, Schedule, Session, new_id, schedule
from app.services.core.ranks import reorder
from app.services.core.records import (
    Snapshot,
    delete_with_snapshot,
    only_fields,
    validated,
    write_fields,
)
from app.store import repos
from app.store.changelog import collected
from app.store.engine import Store
from app.store.tables import AgendaItemFocusAreaRow, AgendaItemRow, FocusAreaRow, SessionRow

EDITABLE = {"title", "minutes", "method", "prompt", "focus_area_ids"}


def list_agenda(store: Store, session_id: str) -> list[AgendaItem]:
    with store.read() as s:
        return repos.agenda(s, session_id)


def session_schedule(store: Store, session_id: str) -> Schedule:
    with store.read() as s:
        session = Session.model_validate(repos.get_row(s, SessionRow, session_id, "session"))
        return schedule(session, repos.agenda(s, session_id))


def _check_focus_areas(s: Any, session_id: str, focus_area_ids: tuple[str, ...]) -> None:
    if not focus_area_ids:
        return
    system_id = s.get(SessionRow, session_id).system_id
    known = set(s.scalars(select(FocusAreaRow.id).where(FocusAreaRow.system_id == system_id)))
    if not set(focus_area_ids) <= known:
        raise InvalidInput("A focus area given for the agenda block is not one of this system's.")


def add_item(
    store: Store, session_id: str, title: str, minutes: int = 10, *, method: str = "",
    prompt: str = "", focus_area_ids: tuple[str, ...] | list[str] = (),
    index: int | None = None,
) -> tuple[AgendaItem, Changes]:
    """Add a block at `index` (default: the end), ranked between its neighbours."""
    with store.unit() as s:
        repos.get_row(s, SessionRow, session_id, "session")
        rows = _ordered(s, session_id)
        index = len(rows) if index is None else max(0, min(index, len(rows)))
        item_id = new_id()
        wanted = [r.id for r in rows]
        wanted.insert(index, item_id)
        item = validated(AgendaItem, {
            "id": item_id, "session_id": session_id, "position": index, "title": title,
            "minutes": minutes, "method": method, "prompt": prompt,
            "focus_area_ids": tuple(focus_area_ids), "rank": reorder(rows, wanted)[item_id],
        })
        _check_focus_areas(s, session_id, item.focus_area_ids)
        row = AgendaItemRow()
        write_fields(row, item)
        s.add(row)
        s.flush()
        repos.set_links(s, AgendaItemFocusAreaRow, "agenda_item_id", "focus_area_id", item.id,
                        item.focus_area_ids)
    return item, collected(s)


def update_item(store: Store, item_id: str, **fields: Any) -> tuple[AgendaItem, Changes]:
    only_fields(fields, EDITABLE, "agenda block")
    with store.unit() as s:
        current = repos.agenda_item(s, item_id)
        item = validated(AgendaItem, {**current.model_dump(), **fields})
        _check_focus_areas(s, item.session_id, item.focus_area_ids)
        write_fields(repos.get_row(s, AgendaItemRow, item_id, "agenda item"), item, fields)
        if "focus_area_ids" in fields:
            repos.set_links(s, AgendaItemFocusAreaRow, "agenda_item_id", "focus_area_id",
                            item_id, item.focus_area_ids)
    return item, collected(s)


def move_item(store: Store, item_id: str, index: int) -> Changes:
    """Move a block to `index` in its session's agenda (clamped to the ends): one row written."""
    with store.unit() as s:
        item = repos.get_row(s, AgendaItemRow, item_id, "agenda item")
        rows = _ordered(s, item.session_id)
        wanted = [r.id for r in rows if r.id != item_id]
        wanted.insert(max(0, min(index, len(wanted))), item_id)
        reorder(rows, wanted)
    return collected(s)


def remove_item(store: Store, item_id: str) -> tuple[Snapshot, Changes]:
    """Remove a block (its notes keep their text); the others keep their ranks."""
    with store.unit() as s:
        snap = delete_with_snapshot(s, repos.get_row(s, AgendaItemRow, item_id, "agenda item"))
    return snap, collected(s)


def append_items(store: Store, session_id: str, items: list[dict[str, Any]]) -> Changes:
    """Append several blocks in one unit of work."""
    with store.unit() as s:
        insert_items(s, session_id, items)
    return collected(s)


def insert_items(s: Any, session_id: str, items: list[dict[str, Any]],
                 ids: list[str] | None = None) -> None:
    """Append blocks inside a caller's unit of work (planning from a template); `ids`, when
    given, are theirs (the sample's fixed ids)."""
    rows = _ordered(s, session_id)
    ids = ids or [new_id() for _ in items]
    ranks = reorder(rows, [*(r.id for r in rows), *ids])
    for offset, (item_id, spec) in enumerate(zip(ids, items, strict=True)):
        item = validated(AgendaItem, {"id": item_id, "session_id": session_id,
                                      "position": len(rows) + offset, **spec,
                                      "rank": ranks[item_id]})
        _check_focus_areas(s, session_id, item.focus_area_ids)
        row = AgendaItemRow()
        write_fields(row, item)
        s.add(row)
        s.flush()
        repos.set_links(s, AgendaItemFocusAreaRow, "agenda_item_id", "focus_area_id",
                        item.id, item.focus_area_ids)


def _ordered(s: Any, session_id: str) -> list[AgendaItemRow]:
    return repos.ranked_rows(s, AgendaItemRow, "session_id", session_id)
