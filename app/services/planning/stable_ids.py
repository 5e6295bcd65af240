"""Ids derived from what a record is, so that two laptops making it offline make one record.

A free tag is named by (learning system, name) and a focus area by (learning system, slug):
two facilitators who both type `#ferry` on their laptops create the same tag, and sync holds
it once. The sample learning system's records have fixed ids for the same reason. A derived id
already taken by another record (a tag renamed since) falls back to a fresh one.
"""

from __future__ import annotations

import uuid
from typing import Any

from app.models import new_id
from app.store import sync_ids
from app.store.tables import FocusAreaRow, FreeTagRow

SAMPLE = uuid.UUID("5d3a9c1e-7b2f-4e6a-8c0d-1f4b3a2e9d68")


def free_tag_id(s: Any, system_id: str, name: str, taken: frozenset[str] = frozenset()) -> str:
    """The id of a new free tag `name` (stored form); `s` (a unit of work) checks that no
    other tag holds it, unless `taken` (ids known to be held) already says."""
    made = sync_ids.free_tag_id(system_id, name)
    if made in taken or (s is not None and s.get(FreeTagRow, made) is not None):
        return new_id()
    return made


def focus_area_id(s: Any, system_id: str, slug: str) -> str:
    """The id of a new focus area with `slug` in a learning system."""
    made = sync_ids.focus_area_id(system_id, slug)
    return new_id() if s is not None and s.get(FocusAreaRow, made) is not None else made


def sample_id(*parts: str | int) -> str:
    """A fixed id for a record of the sample learning system, named by its place in it."""
    return sync_ids.derived_id(SAMPLE, *(str(p) for p in parts))
