"""Reading notes from files: plain text, CSV or Excel tables, and Teams or Zoom transcripts.

Nothing here writes to the store. A file is read whole into `ImportedNote`s that the capture
view lists for review (and `cairn import notes` checks); `capture.import_notes` then saves them
in one step (see `imports`). A file that cannot be read raises InvalidInput with one sentence,
so nothing half-read is ever offered; each note remembers the line (a table's row) it came from,
so every later problem can point at it.

WebVTT is read here rather than with webvtt-py: that library skips a caption with a broken
timing line without a word, and a transcript that quietly loses what someone said is worse
than one refused with the reason. The format's part that matters (cue blocks, timings, `<v>`
voice spans) is small. Files are read as real tools write them: UTF-8 with or without a byte
order mark, or UTF-16 with one; any WebVTT or Teams timing form; YouTube's rolling captions
read once. "Name: text" names a speaker only in a file that writes most of its lines so.
"""

from __future__ import annotations

import codecs
import csv
import html
import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time
from itertools import pairwise
from pathlib import Path
from typing import Literal, TypeVar

from app.models import InvalidInput, NoteKind
from app.services.capture.note_text import MAX_SPEAKER_LENGTH, kind_from_prefix, tag_word

T = TypeVar("T")
FileKind = Literal["text", "table", "transcript"]
KINDS: dict[str, FileKind] = {".txt": "text", ".text": "text", ".md": "text", ".csv": "table",
                              ".xlsx": "table", ".vtt": "transcript"}
MAX_BYTES = 20 * 1024 * 1024
MAX_NOTE_CHARS = 20_000
# Consecutive captions by one speaker merge into one note up to about a paragraph.
MERGE_UP_TO = 1_500

# WebVTT's "hh:mm:ss.ttt" and "mm:ss.ttt", SubRip's comma, and the unpadded "h:m:s.t" that
# Teams transcripts fetched through Microsoft Graph carry ("0:0:0.0 --> 0:0:5.320").
_STAMP = r"(?:\d+:)?\d{1,2}:\d{1,2}(?:[.,]\d{1,3})?"
_TIMING_RE = re.compile(rf"^({_STAMP})[ \t]+-->[ \t]+{_STAMP}(?:[ \t]|$)")
_VOICE_RE = re.compile(r"<v(?:\.[^\s>]*)?\s+([^>]*)>")
_TAG_RE = re.compile(r"<[^>]*>")
_NOT_VOICE_TAG_RE = re.compile(r"<(?!v[\s.])[^>]*>")
# Zoom writes "Name: what they said". "@Name:" is left to the note's own shorthand (note_text).
_NAMED_SPEAKER_RE = re.compile(r"^([^:\n@#/\s][^:\n]{0,59}?):\s+(.+)$", re.S)
_HEADER_WORDS = {
    "text": ("text", "note", "notes", "comment", "comments", "contribution", "what was said",
             "content", "insight", "message"),
    "speaker": ("speaker", "who", "name", "person", "participant", "said by", "from"),
    "kind": ("kind", "type", "category"),
    "tags": ("tags", "tag", "focus area", "focus areas", "themes", "labels"),
}


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
    lines = [(n, line.strip()) for n, line in enumerate(_decoded(path).splitlines(), 1)]
    lines = [(n, line) for n, line in lines if line]
    named = _names_speakers([line for _, line in lines])
    notes = []
    for n, line in lines:
        speaker, text = (named and _named_speaker(line)) or ("", line)
        notes.append(ImportedNote(text=text, speaker=speaker, source=f"line {n}", line=n))
    return _some(path, notes)


def read_table(path: Path) -> Table:
    """The first worksheet of an .xlsx file, or a CSV file (comma, semicolon or tab)."""
    rows = _xlsx_rows(path) if path.suffix.lower() == ".xlsx" else _csv_rows(path)
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


def read_transcript(path: Path) -> list[ImportedNote]:
    """A WebVTT transcript (Teams `<v Name>`, Zoom `Name: …`), one note per turn of speech."""
    return _some(path, parse_vtt(_decoded(path), path.name))


def parse_vtt(content: str, name: str = "The transcript") -> list[ImportedNote]:
    """Captions in order, consecutive ones by the same speaker merged into one note."""
    blocks = _blocks(content)
    if not blocks or not blocks[0][1][0].lstrip("\ufeff").startswith("WEBVTT"):
        raise InvalidInput(f"{name} is not a WebVTT transcript: it does not start with WEBVTT.")
    cues: list[tuple[int, str, list[str]]] = []  # (timing line's number, start, text lines)
    for start, lines in blocks[1:]:
        if lines[0].startswith(("NOTE", "STYLE", "REGION")):
            continue
        timing = next((i for i, line in enumerate(lines[:2]) if "-->" in line), None)
        if timing is None or not (found := _TIMING_RE.match(lines[timing].strip())):
            raise InvalidInput(f"{name} has a caption without a valid timing line "
                               f"(near '{lines[0][:40]}').")
        cues.append((start + timing, _clock(found.group(1)), lines[timing + 1:]))
    if _rolls([lines for _, _, lines in cues]):
        cues = _unrolled(cues)
    payloads = [" ".join(line.strip() for line in lines) for _, _, lines in cues]
    named = _names_speakers([_plain(p) for p in payloads if not _VOICE_RE.search(p)])
    turns: list[ImportedNote] = []
    for (line, stamp, _), payload in zip(cues, payloads, strict=True):
        for speaker, said in _voices(payload, named):
            turns = _merged(turns, ImportedNote(text=said, speaker=speaker, source=stamp,
                                                line=line))
    return turns


def _rolls(cues: list[list[str]]) -> bool:
    """Whether these are rolling captions (YouTube's automatic ones): most cues start with
    the line the cue before ended on, so that each line is shown twice."""
    texts = [[_line_key(line) for line in lines] for lines in cues]
    texts = [lines for lines in texts if any(lines)]
    repeats = sum(1 for before, lines in pairwise(texts) if lines[0] == before[-1])
    return repeats >= 2 and repeats * 2 > len(texts) - 1


def _unrolled(cues: list[tuple[int, str, list[str]]]) -> list[tuple[int, str, list[str]]]:
    """Each cue without the lines it repeats from the end of the cue before."""
    out = []
    before: list[str] = []
    for line, stamp, lines in cues:
        keys = [_line_key(text) for text in lines]
        overlap = next((n for n in range(min(len(keys), len(before)), 0, -1)
                        if keys[:n] == before[len(before) - n:]), 0)
        out.append((line, stamp, lines[overlap:]))
        before = keys or before
    return out


def _line_key(line: str) -> str:
    """A caption line as read, its voice kept: what a repeated line is recognised by."""
    return " ".join(html.unescape(_NOT_VOICE_TAG_RE.sub("", line)).split())


def _names_speakers(lines: list[str]) -> bool:
    """Whether a file names its speakers as "Name: text" (Zoom, typed minutes): it must do so
    on most of its lines, so that a sentence with a colon in an ordinary file keeps its text."""
    named = sum(1 for line in lines if _named_speaker(line) is not None)
    return named >= 2 and named * 2 > len(lines)


def _named_speaker(line: str) -> tuple[str, str] | None:
    """(name, text) of a line that starts with a name and a colon; a name is a few words."""
    found = _NAMED_SPEAKER_RE.match(line)
    if found is None or len(found.group(1).split()) > 5:
        return None
    return found.group(1), found.group(2)


def _blocks(content: str) -> list[tuple[int, list[str]]]:
    """The blocks of a WebVTT file (runs of non-blank lines), each with its first line's number."""
    blocks: list[tuple[int, list[str]]] = []
    lines = content.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for n, line in enumerate(lines, 1):
        follows = bool(blocks) and blocks[-1][0] + len(blocks[-1][1]) == n
        # YouTube's captions start with a line of one space under the timing: cue text, not
        # the end of the cue.
        if not line.strip() and not (line and follows and "-->" in blocks[-1][1][-1]):
            continue
        if follows and not _starts_cue(blocks, line):
            blocks[-1][1].append(line)
        else:
            blocks.append((n, [line]))
    return blocks


def _starts_cue(blocks: list[tuple[int, list[str]]], line: str) -> bool:
    """Whether a line with "-->" right after other lines begins a cue of its own.

    As in the WebVTT parsing rules: only a cue's first or second line (after its identifier)
    is its timing; one anywhere else, or in the header, starts the next cue. youtube-dl writes
    cues with no blank line between them.
    """
    if "-->" not in line:
        return False
    block = blocks[-1][1]
    return len(blocks) == 1 or len(block) > 1 or "-->" in block[0]


def _voices(payload: str, named: bool) -> list[tuple[str, str]]:
    """(speaker, text) runs of one caption: `<v Name>` spans, or a leading "Name: " where the
    file names its speakers so (`named`)."""
    if _VOICE_RE.search(payload):
        parts = _VOICE_RE.split(payload)
        runs = [("", parts[0])] + list(zip(parts[1::2], parts[2::2], strict=True))
    else:
        plain = _plain(payload)
        runs = [(found if named and (found := _named_speaker(plain)) else ("", plain))]
    out = []
    for speaker, said in runs:
        text = _plain(said)
        if text:
            out.append((_plain(speaker)[:MAX_SPEAKER_LENGTH], text))
    return out


def _merged(turns: list[ImportedNote], turn: ImportedNote) -> list[ImportedNote]:
    last = turns[-1] if turns else None
    if last is not None and last.speaker == turn.speaker and len(last.text) < MERGE_UP_TO:
        turns[-1] = ImportedNote(text=f"{last.text} {turn.text}", speaker=last.speaker,
                                 source=last.source, line=last.line)
    else:
        turns.append(turn)
    return turns


def _plain(markup: str) -> str:
    return " ".join(html.unescape(_TAG_RE.sub("", markup)).split())


def _clock(stamp: str) -> str:
    parts = stamp.replace(",", ".").split(".")[0].split(":")
    return ":".join(p.zfill(2) for p in (["0"] * (3 - len(parts)) + parts))


def _decoded(path: Path, *, fallback: bool = False) -> str:
    """A file's text: UTF-16 by its byte order mark (Teams, Excel's "Unicode text"), else UTF-8
    with or without one; with `fallback`, Windows-1252 for what is not UTF-8."""
    raw = _bytes(path)
    utf16 = raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    if not utf16 and b"\x00" in raw:
        raise InvalidInput(f"{path.name} is not a text file.")
    try:
        text = raw.decode("utf-16" if utf16 else "utf-8-sig")
    except UnicodeDecodeError:
        if utf16:
            raise InvalidInput(f"{path.name} is not readable UTF-16 text; it may be cut "
                               "short or damaged.") from None
        if not fallback:
            raise InvalidInput(f"{path.name} is not UTF-8 text; save it as UTF-8 and try "
                               "again.") from None
        # Excel's plain "CSV" on a UK Windows laptop is Windows-1252, not UTF-8.
        text = raw.removeprefix(codecs.BOM_UTF8).decode("cp1252", errors="replace")
    if "\x00" in text:
        raise InvalidInput(f"{path.name} is not a text file.")
    return text


def _bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InvalidInput(f"{path.name} is larger than {MAX_BYTES // (1024 * 1024)} MB; "
                               "import it in parts.")
        return path.read_bytes()
    except OSError as err:
        raise InvalidInput(f"{path.name} could not be read ({err.strerror or err}).") from None


def _csv_rows(path: Path) -> list[list[str]]:
    text = _decoded(path, fallback=True)
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(text[:8192], ",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        return list(csv.reader(io.StringIO(text), dialect))
    except csv.Error as err:
        raise InvalidInput(f"{path.name} is not a readable CSV file ({err}).") from None


def _xlsx_rows(path: Path) -> list[list[str]]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    _bytes(path)  # the same size limit and the same sentence when it cannot be read
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError):
        raise InvalidInput(f"{path.name} could not be read as an Excel workbook (.xlsx).") from None
    try:
        sheet = book.worksheets[0] if book.worksheets else None
        if sheet is None:
            raise InvalidInput(f"{path.name} has no worksheet.")
        return [[_cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        book.close()


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return str(value)


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
