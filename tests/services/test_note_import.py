"""Reading notes from files: text, CSV, Excel and WebVTT transcripts; a bad file is one sentence."""

from __future__ import annotations

import pytest
from openpyxl import Workbook

from app.models import InvalidInput, NoteKind
from app.services.capture import note_import
from app.services.capture.note_import import ColumnMapping, ImportedNote, parse_vtt

TEAMS = """WEBVTT

0f1c2d3e-aaaa-4bbb-8ccc-000000000001/12-0
00:00:03.159 --> 00:00:05.839
<v Iona Fictional>Good morning, everyone.</v>

0f1c2d3e-aaaa-4bbb-8ccc-000000000001/13-0
00:00:05.839 --> 00:00:09.100
<v Iona Fictional>The ferry decides when the clinic opens.</v>

NOTE this block is a comment and is skipped

0f1c2d3e-aaaa-4bbb-8ccc-000000000001/14-0
00:00:09.300 --> 00:00:12.000
<v Ruairi Madeup>Transport &amp; broadband are the barriers.</v>

00:01:02.000 --> 00:01:04.500
<v Iona Fictional>Agreed.</v>
"""

ZOOM = """WEBVTT

1
00:00:02.560 --> 00:00:05.170
Alex Placeholder: We stopped waiting for referrals.

2
00:00:05.200 --> 00:00:07.000
Alex Placeholder: We just knocked on doors.

3
00:00:07.100 --> 00:00:09.000
Sam Example: Ratio: 3 to 1, roughly.
"""


def write(tmp_path, name: str, content: str | bytes):
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


# --- plain text ------------------------------------------------------------------------------

def test_a_text_file_is_one_note_per_line(tmp_path):
    path = write(tmp_path, "notes.txt", "\ufeffFirst note #digital\n\n  Second note  \r\n\n")
    assert note_import.read_text_notes(path) == [
        ImportedNote("First note #digital", source="line 1", line=1),
        ImportedNote("Second note", source="line 3", line=3)]


@pytest.mark.parametrize("content, sentence", [
    (b"caf\xe9 notes\n", "notes.txt is not UTF-8 text; save it as UTF-8 and try again."),
    (b"\n \n", "notes.txt has no notes in it."),
    (b"PK\x03\x04\x00\x00binary", "notes.txt is not a text file."),
])
def test_a_text_file_that_cannot_be_read_is_one_sentence(tmp_path, content, sentence):
    with pytest.raises(InvalidInput) as err:
        note_import.read_text_notes(write(tmp_path, "notes.txt", content))
    assert str(err.value) == sentence


def test_an_unknown_kind_of_file_is_refused(tmp_path):
    with pytest.raises(InvalidInput, match="choose a .txt, .csv, .xlsx or .vtt file"):
        note_import.file_kind(tmp_path / "minutes.docx")
    assert note_import.file_kind(tmp_path / "Meeting.VTT") == "transcript"


# --- tables ----------------------------------------------------------------------------------

def test_a_csv_with_headings_is_mapped_and_read(tmp_path):
    path = write(tmp_path, "board.csv", "Note;Who;Type;Tags\n"
                                        "Ferries decide the clinic;Iona Fictional;barrier;#trust, rural\n"
                                        ";;;\n"
                                        "  ;Nobody;;\n"
                                        "Knock on doors;Housing officer;Unintended consequence;\n")
    table = note_import.read_table(path)
    assert table.columns == ("Note", "Who", "Type", "Tags")
    mapping = note_import.guess_mapping(table.columns)
    assert mapping == ColumnMapping(text=0, speaker=1, kind=2, tags=3)
    notes = note_import.notes_from_table(table, mapping, path.name)
    assert notes == [
        ImportedNote("Ferries decide the clinic", "Iona Fictional", NoteKind.BARRIER,
                     ("trust", "rural"), "row 2", line=2),
        ImportedNote("Knock on doors", "Housing officer", NoteKind.UNINTENDED, (), "row 5",
                     line=5)]


def test_a_bad_kind_in_a_table_refuses_the_whole_file(tmp_path):
    path = write(tmp_path, "board.csv", "text,kind\nOne,idea\nTwo,blocker\n")
    table = note_import.read_table(path)
    with pytest.raises(InvalidInput) as err:
        note_import.notes_from_table(table, note_import.guess_mapping(table.columns))
    assert str(err.value).startswith("Row 3: 'blocker' is not a kind of note (insight,")


def test_a_csv_from_excel_on_windows_is_read(tmp_path):
    path = write(tmp_path, "export.csv", "Comment\nCaf\xe9 closed on Sundays\n".encode("cp1252"))
    notes = note_import.notes_from_table(note_import.read_table(path), ColumnMapping(text=0))
    assert notes[0].text == "Café closed on Sundays"


def test_a_table_without_rows_is_one_sentence(tmp_path):
    with pytest.raises(InvalidInput, match="board.csv has no rows of notes under its heading"):
        note_import.read_table(write(tmp_path, "board.csv", "Note,Who\n"))
    table = note_import.read_table(write(tmp_path, "two.csv", "Note,Who\n,Ann\n"))
    with pytest.raises(InvalidInput, match="no text in the column chosen"):
        note_import.notes_from_table(table, ColumnMapping(text=0))


def test_an_excel_workbook_is_read_from_its_first_sheet(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["Speaker", "Contribution", "Votes"])
    sheet.append(["Iona Fictional", "Ferries decide the clinic", 3])
    sheet.append([None, None, None])
    sheet.append(["Ruairi Madeup", "Transport", 2.0])
    path = tmp_path / "wall.xlsx"
    book.save(path)
    table = note_import.read_table(path)
    assert table.columns == ("Speaker", "Contribution", "Votes")
    assert table.rows == (("Iona Fictional", "Ferries decide the clinic", "3"), ("", "", ""),
                          ("Ruairi Madeup", "Transport", "2"))
    assert note_import.guess_mapping(table.columns) == ColumnMapping(text=1, speaker=0)


def test_a_damaged_workbook_is_one_sentence(tmp_path):
    with pytest.raises(InvalidInput) as err:
        note_import.read_table(write(tmp_path, "wall.xlsx", b"not a zip at all"))
    assert str(err.value) == ("wall.xlsx cannot be read as an Excel workbook; it may be damaged: "
                              "open it in Excel, save a copy, and import that.")


# --- transcripts -----------------------------------------------------------------------------

def test_a_teams_transcript_merges_turns_by_the_same_speaker():
    assert parse_vtt(TEAMS) == [
        ImportedNote("Good morning, everyone. The ferry decides when the clinic opens.",
                     "Iona Fictional", source="00:00:03", line=4),
        ImportedNote("Transport & broadband are the barriers.", "Ruairi Madeup",
                     source="00:00:09", line=14),
        ImportedNote("Agreed.", "Iona Fictional", source="00:01:02", line=17)]


def test_a_zoom_transcript_names_speakers_before_a_colon():
    notes = parse_vtt(ZOOM)
    assert [(n.speaker, n.text) for n in notes] == [
        ("Alex Placeholder", "We stopped waiting for referrals. We just knocked on doors."),
        ("Sam Example", "Ratio: 3 to 1, roughly.")]


def test_captions_without_speakers_and_two_voices_in_one_cue():
    notes = parse_vtt("WEBVTT\n\n00:01.000 --> 00:02.000\nJust words, <i>nobody</i> named\n\n"
                      "00:02.000 --> 00:04.000\n<v.loud Ann Other>Yes.</v> <v Bo Person>No.</v>\n")
    assert [(n.speaker, n.text, n.source) for n in notes] == [
        ("", "Just words, nobody named", "00:00:01"), ("Ann Other", "Yes.", "00:00:02"),
        ("Bo Person", "No.", "00:00:02")]


@pytest.mark.parametrize("content, start", [
    ("1\n00:00:01.000 --> 00:00:02.000\nHello\n", "t.vtt is not a WebVTT transcript"),
    ("WEBVTT\n\n1\nHello there\n", "t.vtt has a caption without a valid timing line"),
    ("WEBVTT\n\n00:00:xx --> 00:00:02.000\nHello\n", "t.vtt has a caption without a valid"),
])
def test_a_malformed_transcript_is_one_sentence(tmp_path, content, start):
    with pytest.raises(InvalidInput) as err:
        note_import.read_transcript(write(tmp_path, "t.vtt", content))
    assert str(err.value).startswith(start)
    assert str(err.value).count(".") <= 2 or str(err.value).endswith(").")


def test_a_transcript_with_no_captions_is_refused(tmp_path):
    with pytest.raises(InvalidInput, match="t.vtt has no notes in it"):
        note_import.read_transcript(write(tmp_path, "t.vtt", "WEBVTT\n\nNOTE nothing said\n"))


def test_a_mapping_to_a_column_the_table_lacks_is_one_sentence():
    table = note_import.Table(columns=("Note", "Who"), rows=(("Ferries", "Ann"), ("Short",)))
    with pytest.raises(InvalidInput) as err:
        note_import.notes_from_table(table, ColumnMapping(text=0, speaker=2), "board.csv")
    assert str(err.value) == "board.csv has no column 3: it has 2."
    # A row shorter than the heading reads its missing cells as empty.
    notes = note_import.notes_from_table(table, ColumnMapping(text=0, speaker=1))
    assert [(n.text, n.speaker) for n in notes] == [("Ferries", "Ann"), ("Short", "")]


def test_a_windows_csv_with_a_utf8_mark_keeps_its_first_heading(tmp_path):
    path = write(tmp_path, "export.csv", b"\xef\xbb\xbfComment\nCaf\xe9 closed\n")
    table = note_import.read_table(path)
    assert table.columns == ("Comment",)
    assert table.rows == (("Café closed",),)
