"""A learning system (a programme), its focus areas and free tags."""

from __future__ import annotations

import re
from datetime import datetime

from pydantic import Field, field_validator

from app.models.base import Model

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
COLOUR_RE = re.compile(r"^#[0-9a-fA-F]{6}$")
MAX_QUICK_KEYS = 9


def slugify(text: str) -> str:
    """'Community Led Approaches' -> 'community-led-approaches'."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60]


class LearningSystem(Model):
    id: str
    name: str = Field(min_length=1, max_length=200)
    purpose: str = ""
    principles: str = ""
    created_at: datetime | None = None


class FocusArea(Model):
    id: str
    system_id: str
    key: int | None = Field(default=None, ge=1, le=MAX_QUICK_KEYS)
    slug: str = Field(min_length=1, max_length=60)
    name: str = Field(min_length=1, max_length=120)
    description: str = ""
    colour: str = "#4C72B0"
    position: int = 0  # 0-based place in the ordered list, filled when read
    rank: str = ""  # the stored order key; siblings sort by (rank, id)
    retired: bool = False

    @field_validator("slug")
    @classmethod
    def _slug(cls, v: str) -> str:
        if not SLUG_RE.match(v):
            raise ValueError("use lower-case letters, digits and hyphens, such as 'strategic-planning'")
        return v

    @field_validator("colour")
    @classmethod
    def _colour(cls, v: str) -> str:
        if not COLOUR_RE.match(v):
            raise ValueError("give a colour as #RRGGBB")
        return v.upper()


class FreeTag(Model):
    id: str
    system_id: str
    name: str = Field(min_length=1, max_length=60)

    @field_validator("name")
    @classmethod
    def _name(cls, v: str) -> str:
        v = v.lstrip("#").strip().lower()
        if not re.fullmatch(r"[\w-]+", v):
            raise ValueError("a tag is one word of letters, digits, '-' or '_'")
        return v


# The four focus areas of the ihub learning system: every new learning system starts with them.
DEFAULT_FOCUS_AREAS: tuple[dict[str, object], ...] = (
    {
        "key": 1,
        "slug": "community-led",
        "name": "Community Led Approaches",
        "colour": "#1B7F5B",
        "description": "How community models (neighbourhood care, community led support) adapted, "
        "and new models of community collaboration that support person led care.",
    },
    {
        "key": 2,
        "slug": "emerging-needs",
        "name": "Emerging Community Service Needs in Integration",
        "colour": "#B0452B",
        "description": "How communities with multiple and complex needs, people experiencing "
        "homelessness or needing support via housing services, experience service changes; "
        "innovations that meet their needs.",
    },
    {
        "key": 3,
        "slug": "strategic-planning",
        "name": "Strategic Planning",
        "colour": "#2F5C9E",
        "description": "How new services were planned and implemented, and how commissioning "
        "guidance for voluntary and community services was applied in practice.",
    },
    {
        "key": 4,
        "slug": "published-learning",
        "name": "Synthesising Published Learning",
        "colour": "#7A4E9C",
        "description": "Learning from publications, grey literature and social media on new "
        "integration models.",
    },
)
