"""Focus areas (the tag scheme, quick keys 1-9) and free tags of a learning system.

Focus areas are ordered by rank (see `core.ranks`): a reorder writes only the areas that moved.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from app.models import Changes, FocusArea, FreeTag, InvalidInput, slugify
from app.models.system import MAX_QUICK_KEYS
from app.services.core.ranks import reorder
from app.services.core.records import (
    Snapshot,
    delete_by_id,
    merged,
    only_fields,
    validated,
    write_fields,
)
from app.services.planning.stable_ids import focus_area_id, free_tag_id
from app.store import repos
from app.store.changelog import collected
from app.store.engine import Store
from app.store.tables import FocusAreaRow, FreeTagRow, LearningSystemRow

PALETTE = ("#1B7F5B", "#B0452B", "#2F5C9E", "#7A4E9C", "#A06A00", "#00717F", "#9C2F65",
           "#55606E", "#4E7A1E")
EDITABLE = {"key", "slug", "name", "description", "colour", "retired"}


def list_focus_areas(store: Store, system_id: str, *, include_retired: bool = True) -> list[FocusArea]:
    with store.read() as s:
        return repos.focus_areas(s, system_id, include_retired=include_retired)


def _check_unique(s: Any, area: FocusArea) -> None:
    others = select(FocusAreaRow).where(
        FocusAreaRow.system_id == area.system_id, FocusAreaRow.id != area.id
    )
    for other in s.scalars(others):
        if area.key is not None and other.key == area.key:
            raise InvalidInput(f"Quick key {area.key} is already used by '{other.name}'.")
        if other.slug == area.slug:
            raise InvalidInput(f"The slug '{area.slug}' is already used by '{other.name}'.")


def add_focus_area(
    store: Store, system_id: str, name: str, *, slug: str | None = None,
    key: int | None = None, colour: str | None = None, description: str = "",
) -> tuple[FocusArea, Changes]:
    """Add a focus area; without a key it takes the lowest free one (none when all nine are used)."""
    with store.unit() as s:
        repos.get_row(s, LearningSystemRow, system_id, "learning system")
        rows = repos.ranked_rows(s, FocusAreaRow, "system_id", system_id)
        used = {r.key for r in rows if r.key is not None}
        if key is None:
            key = next((k for k in range(1, MAX_QUICK_KEYS + 1) if k not in used), None)
        area_id = focus_area_id(s, system_id, slug if slug is not None else slugify(name))
        area = validated(FocusArea, {
            "id": area_id, "system_id": system_id, "name": name,
            "slug": slug if slug is not None else slugify(name),
            "key": key, "description": description,
            "colour": colour or PALETTE[len(rows) % len(PALETTE)],
            "position": len(rows), "rank": reorder(rows, [*(r.id for r in rows), area_id])[area_id],
        })
        _check_unique(s, area)
        row = FocusAreaRow()
        write_fields(row, area)
        s.add(row)
    return area, collected(s)


def update_focus_area(store: Store, area_id: str, **fields: Any) -> tuple[FocusArea, Changes]:
    """Rename, recolour, re-key, describe, retire or bring back one focus area."""
    only_fields(fields, EDITABLE, "focus area")
    with store.unit() as s:
        row = repos.get_row(s, FocusAreaRow, area_id, "focus area")
        area = merged(FocusArea, row, fields)
        _check_unique(s, area)
        if "key" in fields and row.key != area.key:
            row.key = None  # free the old key first: (system, key) is unique
            s.flush()
        write_fields(row, area, fields)
        area = repos.focus_area(s, area_id)
    return area, collected(s)


def reorder_focus_areas(store: Store, system_id: str, ordered_ids: list[str]) -> Changes:
    """Put the system's focus areas in this order, writing only those that moved."""
    with store.unit() as s:
        rows = repos.ranked_rows(s, FocusAreaRow, "system_id", system_id)
        if len(ordered_ids) != len(rows) or set(ordered_ids) != {r.id for r in rows}:
            raise InvalidInput("The new order must name each focus area of the system once.")
        reorder(rows, ordered_ids)
    return collected(s)


def delete_focus_area(store: Store, area_id: str) -> tuple[Snapshot, Changes]:
    """Delete a focus area and its tag links (retiring keeps them; this is for undoing an add)."""
    return delete_by_id(store, FocusAreaRow, area_id, "focus area")


def list_tags(store: Store, system_id: str) -> list[FreeTag]:
    with store.read() as s:
        return repos.free_tags(s, system_id)


def add_tag(store: Store, system_id: str, name: str) -> tuple[FreeTag, Changes]:
    with store.unit() as s:
        tag = validated(FreeTag, {"id": "", "system_id": system_id, "name": name})
        tag = tag.model_copy(update={"id": free_tag_id(s, system_id, tag.name)})
        repos.get_row(s, LearningSystemRow, system_id, "learning system")
        clash = s.scalar(select(FreeTagRow).where(
            FreeTagRow.system_id == system_id, FreeTagRow.name == tag.name))
        if clash is not None:
            raise InvalidInput(f"There is already a tag #{tag.name}.")
        if s.scalar(select(FocusAreaRow.id).where(
                FocusAreaRow.system_id == system_id, FocusAreaRow.slug == tag.name)):
            raise InvalidInput(f"#{tag.name} is a focus area's slug; choose another tag name.")
        row = FreeTagRow()
        write_fields(row, tag)
        s.add(row)
    return tag, collected(s)


def rename_tag(store: Store, tag_id: str, name: str) -> tuple[FreeTag, Changes]:
    with store.unit() as s:
        row = repos.get_row(s, FreeTagRow, tag_id, "tag")
        tag = validated(FreeTag, {**FreeTag.model_validate(row).model_dump(), "name": name})
        if s.scalar(select(FreeTagRow.id).where(
                FreeTagRow.system_id == row.system_id, FreeTagRow.name == tag.name,
                FreeTagRow.id != tag_id)):
            raise InvalidInput(f"There is already a tag #{tag.name}.")
        row.name = tag.name
    return tag, collected(s)


def delete_tag(store: Store, tag_id: str) -> tuple[Snapshot, Changes]:
    return delete_by_id(store, FreeTagRow, tag_id, "tag")
