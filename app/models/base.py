"""Shared base for domain models and the ids and clocks they use."""

from __future__ import annotations

from datetime import UTC, datetime

import uuid6
from pydantic import BaseModel, ConfigDict


def new_id() -> str:
    """A time-ordered UUIDv7 as text: unique across laptops, so records merge without clashes."""
    return str(uuid6.uuid7())


def utcnow() -> datetime:
    return datetime.now(UTC)


class Model(BaseModel):
    """Immutable domain record, built from store rows with `model_validate(row)`."""

    model_config = ConfigDict(
        from_attributes=True, frozen=True, str_strip_whitespace=True, defer_build=True
    )
