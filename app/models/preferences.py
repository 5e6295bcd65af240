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


class SmtpSecurity(StrEnum):
    STARTTLS = "starttls"  # plain connection upgraded with STARTTLS (port 587)
    TLS = "tls"  # TLS from the first byte (port 465)
    NONE = "none"  # no encryption: only for a relay on this machine or a test server


class Preferences(BaseModel):
    your_name: str = Field(default="", max_length=120)
    device_name: str = Field(default="", max_length=120)
    text_scale: int = Field(default=100, ge=75, le=300)  # percent of the system font size
    theme: ThemeChoice = ThemeChoice.SYSTEM
    offer_sample_on_first_run: bool = True
    # Sync: the shared folder (an SMB share, a cloud-synced folder, a USB stick); "" = none.
    shared_folder: str = Field(default="", max_length=1000)
    sync_every_minutes: int = Field(default=10, ge=0, le=1440)  # 0: only on demand
    # Email: where drafts go, and the SMTP server the outbox sends through. The password is
    # never here: it lives in the operating system's keyring.
    drafts_folder: str = Field(default="", max_length=1000)
    smtp_host: str = Field(default="", max_length=255)
    smtp_port: int = Field(default=587, ge=1, le=65535)
    smtp_security: SmtpSecurity = SmtpSecurity.STARTTLS
    smtp_user: str = Field(default="", max_length=255)
    smtp_from: str = Field(default="", max_length=320)

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
