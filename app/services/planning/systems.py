"""Learning systems: create, list, describe. A new one starts with the four ihub focus areas."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from app.models import (
    DEFAULT_FOCUS_AREAS,
    Changes,
    FocusArea,
    LearningSystem,
    NotFound,
    new_id,
    utcnow,
)
from app.models.errors import InvalidInput
from app.services.core.ranks import reranked
from app.services.core.records import (
    Snapshot,
    delete_with_snapshot,
    merged,
    only_fields,
    validated,
    write_fields,
)
from app.services.planning.stable_ids import focus_area_id
from app.store import repos
from app.store.changelog import collected
from app.store.engine import Store
from app.store.tables import FocusAreaRow, LearningSystemRow

EDITABLE = {"name", "purpose", "principles"}


def create_system(
    store: Store, name: str, *, purpose: str = "", principles: str = ""
) -> tuple[LearningSystem, Changes]:
    system = validated(
        LearningSystem,
        {"id": new_id(), "name": name, "purpose": purpose, "principles": principles,
         "created_at": utcnow()},
    )
    with store.unit() as s:
        if s.scalar(select(LearningSystemRow.id).where(LearningSystemRow.name == system.name)):
            raise InvalidInput(f"There is already a learning system called '{system.name}'.")
        insert_system(s, system)
    return system, collected(s)


def insert_system(s: Any, system: LearningSystem) -> list[FocusArea]:
    """Write a new system with the four default focus areas inside the caller's unit of work."""
    row = LearningSystemRow()
    write_fields(row, system)
    s.add(row)
    s.flush()  # parents first: the tables have no ORM relationships to order inserts
    ids = [focus_area_id(None, system.id, str(spec["slug"])) for spec in DEFAULT_FOCUS_AREAS]
    ranks = reranked([], ids)
    areas = []
    for position, (area_id, spec) in enumerate(zip(ids, DEFAULT_FOCUS_AREAS, strict=True)):
        area = validated(FocusArea, {**spec, "id": area_id, "system_id": system.id,
                                     "position": position, "rank": ranks[area_id]})
        fa = FocusAreaRow()
        write_fields(fa, area)
        s.add(fa)
        areas.append(area)
    return areas


def list_systems(store: Store) -> list[LearningSystem]:
    with store.read() as s:
        return repos.systems(s)


def get_system(store: Store, system_id: str) -> LearningSystem:
    with store.read() as s:
        return LearningSystem.model_validate(
            repos.get_row(s, LearningSystemRow, system_id, "learning system")
        )


def resolve_system(store: Store, system_id: str | None) -> LearningSystem:
    """The named learning system, or the only one when none is named."""
    with store.read() as s:
        if system_id:
            full = repos.resolve_id(s, LearningSystemRow, system_id, "learning system")
            return LearningSystem.model_validate(s.get(LearningSystemRow, full))
        found = repos.systems(s)
    if len(found) == 1:
        return found[0]
    if not found:
        raise NotFound("There is no learning system yet; create one first (cairn system create).")
    raise InvalidInput("There is more than one learning system; say which with --system.")


def update_system(store: Store, system_id: str, **fields: Any) -> tuple[LearningSystem, Changes]:
    only_fields(fields, EDITABLE, "learning system")
    with store.unit() as s:
        row = repos.get_row(s, LearningSystemRow, system_id, "learning system")
        updated = merged(LearningSystem, row, fields)
        if "name" in fields and s.scalar(
            select(LearningSystemRow.id).where(
                LearningSystemRow.name == updated.name, LearningSystemRow.id != system_id
            )
        ):
            raise InvalidInput(f"There is already a learning system called '{updated.name}'.")
        write_fields(row, updated, fields)
    return updated, collected(s)


def delete_system(store: Store, system_id: str) -> tuple[Snapshot, Changes]:
    """Delete a learning system and everything in it; the snapshot undoes it exactly."""
    with store.unit() as s:
        snap = delete_with_snapshot(
            s, repos.get_row(s, LearningSystemRow, system_id, "learning system"))
    return snap, collected(s)
