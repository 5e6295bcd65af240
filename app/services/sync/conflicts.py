"""Conflicts kept by sync, and resolving them: keep mine, keep theirs, or keep both.

A conflict is two versions of one field made on different laptops at once (the newest is in
the record, the other kept here), or an edit that met a delete (the record was kept). Its id
is the same on every laptop, so resolving it is a record like any other
(`conflict_resolution`) that syncs and closes the same conflict on the others; a value it
chooses is written as an ordinary edit, which syncs too.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from app.models import Changes, InvalidInput, NotFound
from app.models.base import utcnow
from app.models.sync import Conflict, Keep
from app.services.core.records import delete_many_with_snapshot
from app.services.sync.merge import words
from app.store import sync_state
from app.store.canonical import decoder
from app.store.changelog import collected
from app.store.engine import Store
from app.store.replay import TABLE_OF_ENTITY
from app.store.sync_tables import ConflictResolutionRow

KEEPS: tuple[Keep, ...] = ("mine", "theirs", "both")


def conflicts(store: Store, *, include_resolved: bool = False) -> list[Conflict]:
    """The conflicts waiting for a person (and, if asked, those resolved), newest first."""
    names = sync_state.peer_names(store)
    return [_conflict(store, row, names)
            for row in sync_state.conflict_rows(store, include_resolved)]


def resolve_conflict(store: Store, conflict_id: str, keep: Keep,
                     edited: str | None = None) -> Changes:
    """Settle one conflict (an id or a unique prefix of one); `edited` replaces the kept text."""
    if keep not in KEEPS:
        raise InvalidInput("Keep must be mine, theirs or both.")
    row = _find(store, conflict_id)
    if row["resolved"]:
        raise InvalidInput("That conflict is already resolved; nothing was changed.")
    mine_is_loser = row["loser_device"] == store.device_id
    if row["kind"] == "deleted":
        return _resolve_deleted(store, row, keep, mine_is_loser)
    here, current = sync_state.current_value(store, row["entity"], row["entity_id"],
                                             row["field"])
    if not here:
        raise InvalidInput("The record of that conflict is no longer here; nothing was changed.")
    other = json.loads(row["loser_value"]) if row["loser_value"] else None
    mine, theirs = (other, current) if mine_is_loser else (current, other)
    if edited is not None:
        chosen: Any = edited
    elif keep == "both":
        if not isinstance(mine, str) or not isinstance(theirs, str):
            raise InvalidInput("Only texts can be kept both; choose mine or theirs.")
        chosen = mine if mine == theirs else f"{mine}\n\n{theirs}"
    else:
        chosen = mine if keep == "mine" else theirs
    with store.unit() as s:
        if chosen != current:
            column = TABLE_OF_ENTITY[row["entity"]].c[row["field"]]
            record = _record(s, row)
            setattr(record, column.key, decoder(column)(chosen))
        _resolution(s, store, row, keep)
    return collected(s)


def _resolve_deleted(store: Store, row: dict[str, Any], keep: Keep,
                     mine_is_loser: bool) -> Changes:
    """The record was kept when an edit met a delete: deleting it now, or keeping it."""
    delete = (keep == "mine") if mine_is_loser else (keep == "theirs")
    with store.unit() as s:
        if delete:
            record = _record(s, row)
            key = tuple(getattr(record, c.key) for c in TABLE_OF_ENTITY[row["entity"]]
                        .primary_key.columns)
            delete_many_with_snapshot(s, type(record), [key if len(key) > 1 else key[0]])
        _resolution(s, store, row, keep)
    return collected(s)


def _resolution(s: Any, store: Store, row: dict[str, Any], keep: Keep) -> None:
    s.add(ConflictResolutionRow(
        id=row["id"], entity=row["entity"], entity_id=row["entity_id"], field=row["field"],
        choice=keep, resolved_at=utcnow(), resolved_by=store.author))
    sync_state.close_conflict(s, row["id"], keep)


def _record(s: Any, row: dict[str, Any]) -> Any:
    cls = sync_state.row_class(row["entity"])
    keys = row["entity_id"].split(":", len(TABLE_OF_ENTITY[row["entity"]].primary_key) - 1)
    record = s.get(cls, keys[0] if len(keys) == 1 else tuple(keys))
    if record is None:
        raise InvalidInput("The record of that conflict is no longer here; nothing was changed.")
    return record


def _find(store: Store, conflict_id: str) -> dict[str, Any]:
    found = sync_state.find_conflict(store, conflict_id.strip())
    if not found or not conflict_id.strip():
        raise NotFound(f"There is no conflict {conflict_id}.")
    if len(found) > 1:
        raise InvalidInput(f"More than one conflict starts with {conflict_id}; give more of "
                           "its id.")
    return next(r for r in sync_state.conflict_rows(store, True) if r["id"] == found[0])


def _conflict(store: Store, row: dict[str, Any], names: dict[str, str]) -> Conflict:
    entity, entity_id = row["entity"], row["entity_id"]
    label = sync_state.label_of(store, entity, entity_id)
    what = words(entity, 1).split(" ", 1)[1].capitalize()
    label = f'{what} "{label[:40]}…"' if len(label) > 40 else f'{what} "{label}"'
    mine_is_loser = row["loser_device"] == store.device_id
    mine: Any
    theirs: Any
    if row["kind"] == "deleted":
        kept = "kept, with the edit made meanwhile"
        mine, theirs = ("deleted", kept) if mine_is_loser else (kept, "deleted")
        other: str = row["loser_device"] if not mine_is_loser else ""
    else:
        _, current = sync_state.current_value(store, entity, entity_id, row["field"])
        loser = json.loads(row["loser_value"]) if row["loser_value"] else None
        mine, theirs = (loser, current) if mine_is_loser else (current, loser)
        other = str(sync_state.version_device(store, entity, entity_id, row["field"])
                 if mine_is_loser else row["loser_device"] or "")
    return Conflict(
        id=row["id"], entity=entity, entity_id=entity_id, field=row["field"],
        kind=row["kind"], label=label, mine=_shown(mine), theirs=_shown(theirs),
        their_device=names.get(other or "", "") or "another laptop",
        detected_at=datetime.fromisoformat(row["detected_at"]),
        resolved=bool(row["resolved"]), resolution=row["resolution"])


def _shown(value: Any) -> str:
    if value is None:
        return "(empty)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)
