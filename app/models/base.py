"""Shared base for domain models and the ids and clocks they use."""

from __future__ import annotations

from datetime import UTC, datetime

from pydantic import BaseModel, ConfigDict


def new_id() -> str:
    """A time-ordered UUIDv7 as text: unique across laptops, so records merge without clashes."""
    import uuid6  # on first use: its import reads package metadata, which start-up need not pay

    return str(uuid6.uuid7())


def utcnow() -> datetime:
    return datetime.now(UTC)


class Model(BaseModel):
    """Immutable domain record, built from store rows with `model_validate(row)`."""

    model_config = ConfigDict(
        from_attributes=True, frozen=True, str_strip_whitespace=True, defer_build=True
    )
