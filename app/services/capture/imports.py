"""Importing the notes read from a file: preview them, then save all of them in one step.

The import dialog and `cairn import notes` both call these. Each note's text is read by the
one parser (`note_text.draft_from_text`) for inline `@Name:`, `/kind` and `#tags`; what the
file's columns say is used where the text says nothing. Saving is one unit of work: a file
with any note that cannot be saved saves none, and `NotesRefused` lists every problem by the
line it came from. `preview_import` runs the very same checks without writing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from app.models import Changes, ImportProblem, InvalidInput, Note, NoteDraft, NoteKind, NotesRefused
from app.services.capture import note_batch
from app.services.capture.note_import import ImportedNote
from app.services.capture.note_text import draft_from_text
from app.store.engine import Store
from app.store.logged_insert import unit_changes


@dataclass(frozen=True)
class PreviewedNote:
    """One note an import would save, named as a person reads it."""

    number: int  # its place among the notes read, from 1
    line: int | None
    source: str
    text: str
    kind: NoteKind
    speaker: str | None  # a participant's name, or a label such as "Housing officer"
    focus_areas: tuple[str, ...]  # slugs
    tags: tuple[str, ...]  # free tag names, new ones included


@dataclass(frozen=True)
class ImportPreview:
    """What an import would save, and every problem that stops it, by where in the file."""

    notes: tuple[PreviewedNote, ...]
    problems: tuple[ImportProblem, ...]
    new_tags: tuple[str, ...]  # free tags the import would create

    @property
    def ok(self) -> bool:
        return not self.problems


def import_notes(store: Store, session_id: str,
                 notes: Sequence[ImportedNote]) -> tuple[list[Note], Changes]:
    """Save the notes read from a file as one unit of work: all of them, or (NotesRefused) none.

    Not stamped with an agenda block: an import is not captured now.
    """
    drafts, refused = _drafts(notes)
    if not drafts:
        return [], Changes()
    with store.unit() as s:
        prepared = note_batch.prepare(s, session_id, drafts, author=store.author,
                                      refused=refused)
        if prepared.problems:
            raise NotesRefused(prepared.problems)
        saved = note_batch.write(s, prepared)
    return saved, unit_changes(s)


def preview_import(store: Store, session_id: str, notes: Sequence[ImportedNote]) -> ImportPreview:
    """What `import_notes` would save and every problem it would refuse, without writing."""
    drafts, refused = _drafts(notes)
    with store.read() as s:
        prepared = note_batch.prepare(s, session_id, drafts, author=store.author,
                                      refused=refused)
    previewed = tuple(
        PreviewedNote(
            number=i + 1, line=drafts[i].line, source=drafts[i].source, text=note.text,
            kind=note.kind,
            speaker=(prepared.people.get(note.speaker_participant_id, note.speaker_participant_id)
                     if note.speaker_participant_id else note.speaker_label or None),
            focus_areas=tuple(sorted(prepared.area_slugs[a] for a in note.focus_area_ids)),
            tags=tuple(sorted(prepared.tag_names[t] for t in note.tag_ids)))
        for i, note in enumerate(prepared.notes) if note is not None)
    return ImportPreview(notes=previewed, problems=tuple(prepared.problems),
                         new_tags=tuple(sorted(prepared.new_tags)))


def _drafts(notes: Sequence[ImportedNote]) -> tuple[list[NoteDraft], dict[int, list[str]]]:
    """Each note read through the one parser; problems found reading (by index) beside them."""
    drafts: list[NoteDraft] = []
    refused: dict[int, list[str]] = {}
    for i, note in enumerate(notes):
        problems = list(note.problems)
        try:
            draft = draft_from_text(note.text, kind=note.kind, tags=note.tags,
                                    speaker=note.speaker or None, source=note.source,
                                    line=note.line)
        except InvalidInput as err:
            problems.append(str(err))
            draft = NoteDraft(text=note.text, source=note.source, line=note.line)
        if problems:
            refused[i] = problems
        drafts.append(draft)
    return drafts, refused
