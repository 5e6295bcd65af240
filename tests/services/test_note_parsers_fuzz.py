"""Every notes parser, fed arbitrary text and bytes, either reads it or refuses it with
Cairn's own error (one sentence); no other exception escapes.

Examples per test come from the hypothesis profile: "ci" by default, `--hypothesis-profile
fuzz` for thousands.
"""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.models import CairnError
from app.services.capture import note_import
from app.services.capture.note_import import ColumnMapping, Table

# Text that looks like the files' own syntax, so the parsers get past their first check.
VTT_PIECES = st.sampled_from([
    "WEBVTT", "\n", "\n\n", "\r\n", " ", "-->", " --> ", "00:00:01.000", "0:0:5.3", "1:02.5",
    "<v ", "<v.loud Ann>", ">", "</v>", "<c>", "</c>", "<00:00:01.500>", "&amp;", "&#237;",
    "&#x110000;", "NOTE", "STYLE", ":", "Ann Other: ", "@Bo:", "yes", "\ufeff", "\x00", "é",
    "align:start position:0%",
])
VTT_TEXT = st.one_of(st.text(), st.lists(VTT_PIECES | st.text(max_size=5)).map("".join),
                     st.lists(VTT_PIECES | st.text(max_size=5)).map(lambda p: "WEBVTT\n\n"
                                                                     + "".join(p)))
TABLE_PIECES = st.sampled_from([",", ";", "\t", '"', "\n", "\r\n", "Note", "Who", "kind",
                                "tags", "barrier", "#trust", "é", "\x00", " "])
ENCODINGS = [(b"", "utf-8"), (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
             (codecs.BOM_UTF16_BE, "utf-16-be")]


@st.composite
def file_bytes(draw: st.DrawFn, pieces: st.SearchStrategy[str]) -> bytes:
    """Raw bytes, or syntax-like text in one of the encodings read, sometimes cut short."""
    if draw(st.booleans()):
        return draw(st.binary(max_size=2_000))
    bom, encoding = draw(st.sampled_from(ENCODINGS))
    text = draw(st.lists(pieces | st.text(max_size=5)).map("".join))
    raw = bom + text.encode(encoding, errors="surrogatepass")
    return raw[:draw(st.integers(0, len(raw)))] if draw(st.booleans()) else raw


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


def read_or_refuse(read, *args, **kwargs):
    """Run a parser; a CairnError is a refusal and fine, anything else fails the test."""
    try:
        return read(*args, **kwargs)
    except CairnError as err:
        assert str(err).strip(), "a refusal must say why"
        return None


@given(content=VTT_TEXT)
def test_parse_vtt_reads_or_refuses_any_text(content: str) -> None:
    notes = read_or_refuse(note_import.parse_vtt, content)
    for note in notes or ():
        assert note.text and "-->" not in note.text


FILE_SETTINGS = settings(suppress_health_check=[HealthCheck.function_scoped_fixture])


@FILE_SETTINGS
@given(raw=file_bytes(VTT_PIECES))
def test_a_transcript_file_is_read_or_refused(folder: Path, raw: bytes) -> None:
    path = folder / "meeting.vtt"
    path.write_bytes(raw)
    read_or_refuse(note_import.read_transcript, path)


@FILE_SETTINGS
@given(raw=file_bytes(VTT_PIECES))
def test_the_text_reader_reads_or_refuses_any_bytes(folder: Path, raw: bytes) -> None:
    path = folder / "notes.txt"
    path.write_bytes(raw)
    notes = read_or_refuse(note_import.read_text_notes, path)
    for note in notes or ():
        assert note.text == note.text.strip() and note.text


@FILE_SETTINGS
@given(raw=file_bytes(TABLE_PIECES))
def test_the_csv_reader_reads_or_refuses_any_bytes(folder: Path, raw: bytes) -> None:
    path = folder / "board.csv"
    path.write_bytes(raw)
    read_table_or_refuse(path)


def read_table_or_refuse(path: Path) -> None:
    """Read a notes table and its notes by the guessed columns, or refuse it in a sentence."""
    table = read_or_refuse(note_import.read_table, path)
    if table is not None:
        assert all(len(row) == len(table.columns) for row in table.rows)
        read_or_refuse(note_import.notes_from_table, table,
                       note_import.guess_mapping(table.columns), path.name, strict=False)


CELLS = st.text(max_size=12) | st.sampled_from(["barrier", "idea", "#trust, rural", "a b", ""])
COLUMN = st.none() | st.integers(-3, 6)


@given(columns=st.lists(st.text(max_size=8), max_size=5),
       rows=st.lists(st.lists(CELLS, max_size=6), max_size=8),
       text=st.integers(-3, 6), speaker=COLUMN, kind=COLUMN, tags=COLUMN, strict=st.booleans())
def test_notes_from_table_reads_or_refuses_any_table(columns, rows, text, speaker, kind, tags,
                                                     strict) -> None:
    table = Table(columns=tuple(columns), rows=tuple(tuple(row) for row in rows))
    mapping = ColumnMapping(text=text, speaker=speaker, kind=kind, tags=tags)
    notes = read_or_refuse(note_import.notes_from_table, table, mapping, "board.csv", strict=strict)
    for note in notes or ():
        assert note.text
        assert strict is False or not note.problems
