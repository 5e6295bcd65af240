"""What sessions produce: notes, themes, actions and evidence."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import Field

from app.models.base import Model
from app.models.enums import ActionStatus, EvidenceKind, NoteKind

SPEAKER_MAX = 200


class Note(Model):
    id: str
    session_id: str
    text: str = Field(min_length=1, max_length=20_000)
    kind: NoteKind = NoteKind.INSIGHT
    agenda_item_id: str | None = None
    captured_by: str = ""
    speaker_participant_id: str | None = None
    # A role such as "Housing officer", or "anonymous", for a speaker not in the register.
    speaker_label: str = Field(default="", max_length=SPEAKER_MAX)
    theme_id: str | None = None
    starred: bool = False
    created_at: datetime | None = None
    focus_area_ids: tuple[str, ...] = ()
    tag_ids: tuple[str, ...] = ()


class Theme(Model):
    id: str
    system_id: str
    session_id: str | None = None
    title: str = Field(min_length=1, max_length=300)
    synthesis: str = ""
    # The sum of its vote records; a "−" is refused below zero, but two laptops' "−" for
    # the same dot can still meet after sync, so the sum is shown as it is.
    votes: int = 0
    position: int = 0  # 0-based place in the ordered list, filled when read
    rank: str = ""  # the stored order key; siblings sort by (rank, id)
    focus_area_ids: tuple[str, ...] = ()
    note_ids: tuple[str, ...] = ()  # its notes, oldest first; filled when read
    recurring_id: str | None = None  # the recurring theme it is one appearance of


class RecurringTheme(Model):
    """A theme seen in several sessions of a learning system: its themes are its appearances."""

    id: str
    system_id: str
    title: str = Field(min_length=1, max_length=300)
    created_at: datetime | None = None
    theme_ids: tuple[str, ...] = ()  # its appearances, in session order; filled when read


class ThemeVote(Model):
    """Dot votes entered for a theme at one go, on one laptop, by one person."""

    id: str
    theme_id: str
    count: int
    entered_by: str = ""
    device_id: str = ""
    created_at: datetime


class Action(Model):
    id: str
    system_id: str
    session_id: str | None = None
    what: str = Field(min_length=1, max_length=1000)
    owner: str = ""
    due: date | None = None
    status: ActionStatus = ActionStatus.OPEN
    theme_ids: tuple[str, ...] = ()


class Evidence(Model):
    id: str
    system_id: str
    kind: EvidenceKind = EvidenceKind.CASE_STUDY
    title: str = Field(min_length=1, max_length=300)
    citation: str = ""
    link: str = ""
    summary: str = ""
    file_name: str = ""  # an attached file's name as given ("" for none)
    file_sha256: str = ""  # its content's SHA-256, which names its copy in the store
    theme_ids: tuple[str, ...] = ()
