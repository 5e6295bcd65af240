"""Notes about to be saved, and the problems that stop them being saved.

A `NoteDraft` is what every way of capturing hands to the capture service: the entry, pasted
lines, a file being imported, `cairn capture`. Saving several drafts is all or nothing; when
any of them cannot be saved, `NotesRefused` names the first and carries every problem, each
with where it came from, so a review list or `--dry-run` can show them all at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from app.models.enums import NoteKind
from app.models.errors import InvalidInput


@dataclass(frozen=True)
class NoteDraft:
    """A note to save, as plain values; checked against the store only when saved.

    `tags` are free tag names or focus area slugs; `speaker` a participant's id, a session
    participant's name, or a label such as "Housing officer". `source` says where the note
    came from in a file ("line 3", "row 12", "00:04:10"), so a refusal can point at it.
    """

    text: str
    kind: NoteKind | None = None
    focus_area_ids: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    speaker: str | None = None
    starred: bool = False
    agenda_item_id: str | None = None
    created_at: datetime | None = None
    source: str = ""
    line: int | None = None  # the line (or spreadsheet row) of the file it came from


@dataclass(frozen=True)
class ImportProblem:
    """Why one note cannot be saved: its number in the batch (from 1), where it came from."""

    number: int
    problem: str  # one sentence
    source: str = ""
    line: int | None = None

    @property
    def where(self) -> str:
        """How a refusal names it: "Note 3 (line 12)", or "Note 3" when it came from no file."""
        return f"Note {self.number} ({self.source})" if self.source else f"Note {self.number}"


class NotesRefused(InvalidInput):
    """Some notes of a batch cannot be saved, so none was; `problems` names each of them."""

    def __init__(self, problems: Sequence[ImportProblem]) -> None:
        self.problems: tuple[ImportProblem, ...] = tuple(problems)
        first = self.problems[0]
        others = len(self.problems) - 1
        more = (f"; {others} other note{'s' * (others > 1)} cannot be saved either"
                if others else "")
        super().__init__(f"{first.where}: {first.problem.rstrip('.')}{more}; nothing was saved.")
