"""Participants, and what each agreed to for one session."""

from __future__ import annotations

import re

from pydantic import Field, field_validator

from app.models.base import Model
from app.models.enums import Sector

EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class Participant(Model):
    id: str
    system_id: str
    name: str = Field(min_length=1, max_length=200)
    email: str = ""
    organisation: str = ""
    sector: Sector = Sector.OTHER
    locality: str = ""

    @field_validator("email")
    @classmethod
    def _email(cls, v: str) -> str:
        if v and not EMAIL_RE.match(v):
            raise ValueError(f"'{v}' is not an email address")
        return v


class Invitation(Model):
    """A participant's place in one session: attendance, the three consents, access needs."""

    id: str
    session_id: str
    participant_id: str
    attended: bool | None = None
    may_name: bool = False
    may_email: bool = False
    may_quote: bool = False
    access_needs: str = ""


class SessionParticipant(Model):
    """A participant as seen from one session (the register joined with the invitation)."""

    participant: Participant
    invitation: Invitation
