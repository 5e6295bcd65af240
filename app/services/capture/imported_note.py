"""A note as read from a file, before review, and how files name their speakers.

`note_import` reads text, tables and workbooks into these, `webvtt` transcripts; the
capture view lists them for review and `capture.import_notes` saves them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.models import NoteKind

# Zoom writes "Name: what they said". "@Name:" is left to the note's own shorthand (note_text).
_NAMED_SPEAKER_RE = re.compile(r"^([^:\n@#/\s][^:\n]{0,59}?):\s+(.+)$", re.S)


@dataclass(frozen=True)
class ImportedNote:
    """One note read from a file, before review: what to save, and where in the file it was."""

    text: str
    speaker: str = ""
    kind: NoteKind | None = None
    tags: tuple[str, ...] = ()
    source: str = ""  # "line 3", "row 12", "00:04:10"
    line: int | None = None  # the file's line (a table's row) it starts on
    problems: tuple[str, ...] = ()  # cells that could not be read, one sentence each


def names_speakers(lines: list[str]) -> bool:
    """Whether a file names its speakers as "Name: text" (Zoom, typed minutes): it must do so
    on most of its lines, so that a sentence with a colon in an ordinary file keeps its text."""
    named = sum(1 for line in lines if named_speaker(line) is not None)
    return named >= 2 and named * 2 > len(lines)


def named_speaker(line: str) -> tuple[str, str] | None:
    """(name, text) of a line that starts with a name and a colon; a name is a few words."""
    found = _NAMED_SPEAKER_RE.match(line)
    if found is None or len(found.group(1).split()) > 5:
        return None
    return found.group(1), found.group(2)
