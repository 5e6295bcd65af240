"""Reading notes from files: plain text, CSV or Excel tables, and transcripts (`webvtt`).

Nothing here writes to the store. A file is read whole into `ImportedNote`s that the capture
view lists for review (and `cairn import notes` checks); `capture.import_notes` then saves them
in one step (see `imports`). A file that cannot be read raises InvalidInput with one sentence,
so nothing half-read is ever offered; each note remembers the line (a table's row) it came from,
so every later problem can point at it. Bytes, encodings, CSV and workbooks are read by
`core.tabular`, which the participant-list import shares.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, TypeVar

from app.models import InvalidInput, NoteKind
from app.services.capture.imported_note import ImportedNote, named_speaker, names_speakers
from app.services.capture.note_text import MAX_SPEAKER_LENGTH, kind_from_prefix, tag_word
from app.services.capture.webvtt import parse_vtt, read_transcript
from app.services.core.tabular import read_text, table_rows

__all__ = ["ColumnMapping", "ImportedNote", "Table", "file_kind", "guess_mapping",
           "notes_from_table", "parse_vtt", "read_note_file", "read_table", "read_text_notes",
           "read_transcript"]

T = TypeVar("T")
FileKind = Literal["text", "table", "transcript"]
KINDS: dict[str, FileKind] = {".txt": "text", ".text": "text", ".md": "text", ".csv": "table",
                              ".xlsx": "table", ".vtt": "transcript"}
MAX_NOTE_CHARS = 20_000
_HEADER_WORDS = {
    "text": ("text", "note", "notes", "comment", "comments", "contribution", "what was said",
             "content", "insight", "message"),
    "speaker": ("speaker", "who", "name", "person", "participant", "said by", "from"),
    "kind": ("kind", "type", "category"),
    "tags": ("tags", "tag", "focus area", "focus areas", "themes", "labels"),
}


@dataclass(frozen=True)
class Table:
    """A CSV file or a worksheet: its header and its rows, every cell as text."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class ColumnMapping:
    """Which column (by position) holds each field; only the text is required."""

    text: int
    speaker: int | None = None
    kind: int | None = None
    tags: int | None = None


def file_kind(path: Path) -> FileKind:
    """How a file is read, from its extension; InvalidInput for one Cairn cannot read."""
    kind = KINDS.get(path.suffix.lower())
    if kind is None:
        raise InvalidInput(f"{path.name} is not a file Cairn can import notes from: choose a "
                           ".txt, .csv, .xlsx or .vtt file.")
    return kind


def read_text_notes(path: Path) -> list[ImportedNote]:
    """One note per non-blank line of a text file; "Name: text" names the speaker where most
    lines are written so (minutes typed as a transcript)."""
    lines = [(n, line.strip()) for n, line in enumerate(read_text(path).splitlines(), 1)]
    lines = [(n, line) for n, line in lines if line]
    named = names_speakers([line for _, line in lines])
    notes = []
    for n, line in lines:
        speaker, text = (named and named_speaker(line)) or ("", line)
        notes.append(ImportedNote(text=text, speaker=speaker, source=f"line {n}", line=n))
    return _some(path, notes)


def read_table(path: Path) -> Table:
    """The open worksheet of an .xlsx file, or a CSV file (comma, semicolon or tab)."""
    rows = [cells for _, cells in table_rows(path)]
    # Blank rows stay, so that "row 12" in the review is row 12 of the spreadsheet.
    while rows and not any(cell.strip() for cell in rows[-1]):
        rows.pop()
    if len(rows) < 2 or not any(cell.strip() for cell in rows[0]):
        raise InvalidInput(f"{path.name} has no rows of notes under its heading row.")
    width = max(len(r) for r in rows)
    padded = [tuple(r) + ("",) * (width - len(r)) for r in rows]
    columns = tuple(c.strip() or f"Column {n}" for n, c in enumerate(padded[0], 1))
    return Table(columns=columns, rows=tuple(padded[1:]))


def guess_mapping(columns: tuple[str, ...]) -> ColumnMapping:
    """A first guess from the headings ("Note", "Speaker", "Type", "Tags"); text defaults to 1."""
    found: dict[str, int] = {}
    for field, words in _HEADER_WORDS.items():
        for n, heading in enumerate(columns):
            if heading.strip().lower() in words and n not in found.values():
                found[field] = n
                break
    return ColumnMapping(text=found.get("text", 0), speaker=found.get("speaker"),
                         kind=found.get("kind"), tags=found.get("tags"))


def notes_from_table(table: Table, mapping: ColumnMapping, name: str = "The file", *,
                     strict: bool = True) -> list[ImportedNote]:
    """The table's rows as notes; rows with no text are skipped.

    A cell that cannot be read (a kind that is none, a word that is no tag) refuses the whole
    table with its sentence; with `strict=False` the note keeps it in `problems` instead, so
    that every problem of the file can be shown at once (`cairn import notes --dry-run`).
    """
    for column in (mapping.text, mapping.speaker, mapping.kind, mapping.tags):
        if column is not None and not 0 <= column < len(table.columns):
            raise InvalidInput(f"{name} has no column {column + 1}: it has "
                               f"{len(table.columns)}.")
    notes = []
    for n, row in enumerate(table.rows, 2):
        text = _cell(row, mapping.text)
        if not text:
            continue
        problems: list[str] = []
        kind = _read_cell(_kind_cell, _cell(row, mapping.kind), problems, None)
        tags: tuple[str, ...] = _read_cell(_tag_cell, _cell(row, mapping.tags), problems, ())
        if problems and strict:
            raise InvalidInput(f"Row {n}: {problems[0]}")
        notes.append(ImportedNote(
            text=text[:MAX_NOTE_CHARS], speaker=_cell(row, mapping.speaker)[:MAX_SPEAKER_LENGTH],
            kind=kind, tags=tags, source=f"row {n}", line=n, problems=tuple(problems)))
    if not notes:
        raise InvalidInput(f"{name} has no text in the column chosen for the notes.")
    return notes


def read_note_file(path: Path) -> list[ImportedNote]:
    """Any file Cairn imports notes from, tables with the columns `guess_mapping` picks;
    cells that cannot be read are kept as the notes' problems (see `notes_from_table`)."""
    kind = file_kind(path)
    if kind == "table":
        table = read_table(path)
        return notes_from_table(table, guess_mapping(table.columns), path.name, strict=False)
    if kind == "transcript":
        return read_transcript(path)
    return read_text_notes(path)


def _cell(row: tuple[str, ...], column: int | None) -> str:
    # A row may be shorter than the heading when the table was not built by `read_table`.
    return row[column].strip() if column is not None and column < len(row) else ""


def _read_cell(read: Callable[[str], T], text: str, problems: list[str], otherwise: T) -> T:
    try:
        return read(text)
    except InvalidInput as err:
        problems.append(str(err))
        return otherwise


def _kind_cell(text: str) -> NoteKind | None:
    if not text:
        return None
    found = kind_from_prefix(text)
    if found is None:
        choices = ", ".join(k.value for k in NoteKind)
        raise InvalidInput(f"'{text}' is not a kind of note ({choices}).")
    return found


def _tag_cell(text: str) -> tuple[str, ...]:
    tags = []
    for word in re.split(r"[\s,;]+", text):
        if not word.strip("#"):
            continue
        tag = tag_word(word)
        if tag is None:
            raise InvalidInput(f"'{word}' is not a tag (one word of letters, digits, '-' or "
                               "'_').")
        tags.append(tag)
    return tuple(dict.fromkeys(tags))


def _some(path: Path, notes: list[ImportedNote]) -> list[ImportedNote]:
    if not notes:
        raise InvalidInput(f"{path.name} has no notes in it.")
    return notes
