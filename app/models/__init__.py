"""The domain in pydantic v2. Imports neither Qt nor SQLAlchemy."""

from app.models.base import Model, new_id, utcnow
from app.models.capture import ImportProblem, NoteDraft, NotesRefused
from app.models.changes import Changes
from app.models.enums import (
    ActionStatus,
    EvidenceKind,
    NoteKind,
    Sector,
    SessionFormat,
    SessionKind,
    SessionStatus,
)
from app.models.errors import CairnError, InvalidInput, NotFound, StoreError
from app.models.people import Invitation, Participant, SessionParticipant
from app.models.planning import (
    AgendaItem,
    Schedule,
    ScheduledItem,
    Session,
    SessionTemplate,
    TemplateItem,
    schedule,
)
from app.models.preferences import Preferences, ThemeChoice
from app.models.sensemaking import Action, Evidence, Note, RecurringTheme, Theme, ThemeVote
from app.models.system import DEFAULT_FOCUS_AREAS, FocusArea, FreeTag, LearningSystem, slugify

__all__ = [
    "Action", "ActionStatus", "AgendaItem", "CairnError", "Changes", "DEFAULT_FOCUS_AREAS",
    "Evidence", "EvidenceKind", "FocusArea", "FreeTag", "ImportProblem", "InvalidInput",
    "Invitation", "LearningSystem", "Model", "Note", "NoteDraft", "NoteKind", "NotesRefused",
    "NotFound", "Participant", "Preferences", "RecurringTheme",
    "Schedule", "ScheduledItem", "Sector", "Session", "SessionFormat", "SessionKind",
    "SessionParticipant", "SessionStatus", "SessionTemplate", "StoreError", "TemplateItem",
    "Theme", "ThemeChoice", "ThemeVote", "new_id", "schedule", "slugify", "utcnow",
]
