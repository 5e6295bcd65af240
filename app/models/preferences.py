"""The person's preferences: one typed model, saved as JSON beside the store."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path

from pydantic import BaseModel, Field, ValidationError


class ThemeChoice(StrEnum):
    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"
    HIGH_CONTRAST = "high-contrast"


class Preferences(BaseModel):
    your_name: str = Field(default="", max_length=120)
    device_name: str = Field(default="", max_length=120)
    text_scale: int = Field(default=100, ge=75, le=300)  # percent of the system font size
    theme: ThemeChoice = ThemeChoice.SYSTEM
    offer_sample_on_first_run: bool = True

    @classmethod
    def load(cls, path: Path) -> Preferences:
        """Read saved preferences; an unreadable file gives the defaults rather than a crash."""
        try:
            return cls.model_validate(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError, ValidationError):
            return cls()

    def save(self, path: Path) -> None:
        tmp = path.with_suffix(".tmp")
        tmp.write_text(self.model_dump_json(indent=2), encoding="utf-8")
        tmp.replace(path)
