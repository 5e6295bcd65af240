"""Ids derived from what a record is (uuid5), so that two laptops making it offline make one.

Here rather than in the planning services because the store's tag lookup needs them too.
"""

from __future__ import annotations

import uuid

DERIVED = uuid.UUID("0b7e6f43-2c1a-4d8e-b3f5-9a6c2e1d4f70")


def derived_id(namespace: uuid.UUID, *parts: str) -> str:
    return str(uuid.uuid5(namespace, "/".join(parts)))


def free_tag_id(system_id: str, name: str) -> str:
    """The id a new free tag `name` (stored form) of a learning system takes."""
    return derived_id(DERIVED, "free_tag", system_id, name)


def focus_area_id(system_id: str, slug: str) -> str:
    """The id a new focus area with `slug` in a learning system takes."""
    return derived_id(DERIVED, "focus_area", system_id, slug)
