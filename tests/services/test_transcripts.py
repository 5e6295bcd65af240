"""Transcripts and note files as Teams, Zoom, Stream and YouTube write them.

The fixtures follow the WebVTT standard and the exports of those tools; every name is invented.
"""

from __future__ import annotations

import codecs

import pytest

from app.models import InvalidInput
from app.services.capture import note_import
from app.services.capture.note_import import ImportedNote, parse_vtt

# A Teams transcript as Microsoft Graph returns it: unpadded hours, minutes and seconds.
TEAMS_GRAPH = """WEBVTT

0:0:0.0 --> 0:0:5.320
<v Carlos Far&#237;as>Welcome back, everyone.</v>

0:0:5.320 --> 0:0:9.8
<v Carlos Far&#237;as>Let us start with the ferry timetable.</v>

0:0:10.100 --> 0:1:2.45
<v Aoife N&#xED; Bhriain>The clinic opens when the boat comes in.</v>

1:2:3.4 --> 1:2:5.0
<v Aoife N&#xED; Bhriain &amp; guest>Thanks.</v>
"""


@pytest.mark.parametrize("timing, source", [
    ("00:00:03.159 --> 00:00:05.839", "00:00:03"),  # WebVTT hh:mm:ss.ttt
    ("01:02.500 --> 01:04.000", "00:01:02"),  # WebVTT mm:ss.ttt
    ("0:0:0.0 --> 0:0:5.320", "00:00:00"),  # Teams through Microsoft Graph
    ("1:2:3.4 --> 1:2:5.0", "01:02:03"),
    ("123:04:05.678 --> 123:04:06.000", "123:04:05"),  # hours may be more than two digits
    ("00:00:01,000 --> 00:00:02,000", "00:00:01"),  # SubRip's comma, as some tools still write
    ("00:00:01.000 --> 00:00:02.000 align:start position:0%", "00:00:01"),  # cue settings
])
def test_every_timing_form_is_read(timing, source):
    notes = parse_vtt(f"WEBVTT\n\n{timing}\nSaid once.\n")
    assert notes == [ImportedNote("Said once.", source=source, line=3)]


@pytest.mark.parametrize("timing", [
    "00:00:xx --> 00:00:02.000", "00:00:01.000 -> 00:00:02.000", "00:00:01.000 -->",
    "1.000 --> 2.000", "00:00:01.000 --> 00:00:02.000x",
])
def test_a_timing_line_that_is_none_is_still_refused(timing):
    with pytest.raises(InvalidInput, match="has a caption without a valid timing line"):
        parse_vtt(f"WEBVTT\n\n{timing}\nSaid once.\n")


def test_a_teams_transcript_from_graph_is_read_with_its_speakers_decoded(tmp_path):
    path = tmp_path / "meeting.vtt"
    path.write_text(TEAMS_GRAPH, encoding="utf-8")
    assert note_import.read_transcript(path) == [
        ImportedNote("Welcome back, everyone. Let us start with the ferry timetable.",
                     "Carlos Farías", source="00:00:00", line=3),
        ImportedNote("The clinic opens when the boat comes in.", "Aoife Ní Bhriain",
                     source="00:00:10", line=9),
        ImportedNote("Thanks.", "Aoife Ní Bhriain & guest", source="01:02:03", line=12)]


def test_a_timing_line_right_after_a_cue_starts_the_next_cue():
    # youtube-dl writes cues with no blank line between them.
    content = ("WEBVTT\nKind: captions\nLanguage: en\n"
               "00:00:01.000 --> 00:00:03.000\nThe ferry was late again.\n"
               "00:00:03.000 --> 00:00:05.000\nSo the clinic opened late.\n"
               "00:00:05.000 --> 00:00:07.000\n<v Ann Other>Every Tuesday.</v>\n")
    notes = parse_vtt(content)
    assert [(n.speaker, n.text, n.source, n.line) for n in notes] == [
        ("", "The ferry was late again. So the clinic opened late.", "00:00:01", 4),
        ("Ann Other", "Every Tuesday.", "00:00:05", 8)]
    assert not any("-->" in n.text for n in notes)


def test_a_cue_identifier_then_its_timing_is_still_one_cue():
    notes = parse_vtt("WEBVTT\n\nintro\n00:00:01.000 --> 00:00:02.000\nHello.\n"
                      "00:00:02.000 --> 00:00:03.000\nAgain.\n")
    assert [(n.text, n.line) for n in notes] == [("Hello. Again.", 4)]


def test_a_broken_timing_line_right_after_a_cue_is_refused_not_kept_as_text():
    with pytest.raises(InvalidInput, match="has a caption without a valid timing line"):
        parse_vtt("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nHello.\n"
                  "00:00:0x.000 --> 00:00:03.000\nAgain.\n")


# YouTube's automatic captions: each cue shows the line before again, with a 10 ms cue between.
YOUTUBE_ROLLING = """WEBVTT
Kind: captions
Language: en

00:00:00.160 --> 00:00:02.869 align:start position:0%
\x20
so<00:00:00.480><c> the</c><00:00:00.640><c> ferry</c><00:00:01.120><c> decides</c>

00:00:02.869 --> 00:00:02.879 align:start position:0%
so the ferry decides
\x20

00:00:02.879 --> 00:00:05.349 align:start position:0%
so the ferry decides
when<00:00:03.120><c> the</c><00:00:03.280><c> clinic</c><00:00:03.600><c> opens</c>

00:00:05.349 --> 00:00:05.359 align:start position:0%
when the clinic opens
\x20

00:00:05.359 --> 00:00:08.000 align:start position:0%
when the clinic opens
and<00:00:05.600><c> nobody</c><00:00:05.900><c> asked</c><00:00:06.200><c> &amp;</c><c> nobody</c>
"""


def test_rolling_captions_are_read_once():
    notes = parse_vtt(YOUTUBE_ROLLING)
    assert [(n.text, n.source, n.line) for n in notes] == [
        ("so the ferry decides when the clinic opens and nobody asked & nobody", "00:00:00", 5)]


def test_rolling_captions_written_without_blank_lines_are_read_once():
    # youtube-dl's copy of the same captions: no blank line between cues.
    content = "WEBVTT\n" + "\n".join(
        line for line in YOUTUBE_ROLLING.split("\n")[3:] if line.strip()) + "\n"
    assert [n.text for n in parse_vtt(content)] == [
        "so the ferry decides when the clinic opens and nobody asked & nobody"]


def test_a_line_said_twice_in_an_ordinary_transcript_is_kept_twice():
    content = ("WEBVTT\n\n00:01.000 --> 00:02.000\n<v Ann Other>Yes.</v>\n\n"
               "00:02.000 --> 00:03.000\n<v Bo Person>Yes.</v>\n\n"
               "00:03.000 --> 00:04.000\n<v Bo Person>Yes.</v>\n\n"
               "00:04.000 --> 00:05.000\n<v Ann Other>Good, then we agree.</v>\n")
    assert [(n.speaker, n.text) for n in parse_vtt(content)] == [
        ("Ann Other", "Yes."), ("Bo Person", "Yes. Yes."), ("Ann Other", "Good, then we agree.")]


# --- "Name: text" ----------------------------------------------------------------------------

def test_ordinary_captions_with_a_colon_keep_their_text():
    content = ("WEBVTT\n\n00:01.000 --> 00:02.000\nThe plan is simple: we wait for the ferry.\n\n"
               "00:02.000 --> 00:03.000\nThen we open the clinic.\n\n"
               "00:03.000 --> 00:04.000\nNobody objected.\n")
    notes = parse_vtt(content)
    assert [(n.speaker, n.text) for n in notes] == [
        ("", "The plan is simple: we wait for the ferry. Then we open the clinic. "
             "Nobody objected.")]


def test_a_single_caption_with_a_colon_keeps_its_text():
    notes = parse_vtt("WEBVTT\n\n00:01.000 --> 00:02.000\nThe plan is simple: we wait.\n")
    assert [(n.speaker, n.text) for n in notes] == [("", "The plan is simple: we wait.")]


def test_a_text_file_names_speakers_only_where_most_lines_do(tmp_path):
    minutes = tmp_path / "minutes.txt"
    minutes.write_text("Iona Fictional: The ferry decides when the clinic opens.\n"
                       "Ruairi Madeup: Transport is the barrier.\n\n"
                       "Applause\n"
                       "Iona Fictional: Agreed: we ask the council.\n", encoding="utf-8")
    assert [(n.speaker, n.text, n.line) for n in note_import.read_text_notes(minutes)] == [
        ("Iona Fictional", "The ferry decides when the clinic opens.", 1),
        ("Ruairi Madeup", "Transport is the barrier.", 2),
        ("", "Applause", 4),
        ("Iona Fictional", "Agreed: we ask the council.", 5)]
    notes = tmp_path / "notes.txt"
    notes.write_text("The plan is simple: we wait for the ferry.\nThe clinic opens late.\n"
                     "Nobody asked the crew.\n", encoding="utf-8")
    assert [(n.speaker, n.text) for n in note_import.read_text_notes(notes)] == [
        ("", "The plan is simple: we wait for the ferry."), ("", "The clinic opens late."),
        ("", "Nobody asked the crew.")]


def test_a_text_file_leaves_the_speaker_shorthand_to_the_note(tmp_path):
    path = tmp_path / "typed.txt"
    path.write_text("@Housing officer: knock on doors\n@Ann Other: yes\n", encoding="utf-8")
    assert [(n.speaker, n.text) for n in note_import.read_text_notes(path)] == [
        ("", "@Housing officer: knock on doors"), ("", "@Ann Other: yes")]


# --- encodings -------------------------------------------------------------------------------

ENCODINGS = [
    pytest.param(lambda text: text.encode("utf-8"), id="utf-8"),
    pytest.param(lambda text: text.encode("utf-8-sig"), id="utf-8 with BOM"),
    pytest.param(lambda text: codecs.BOM_UTF16_LE + text.encode("utf-16-le"), id="utf-16 LE"),
    pytest.param(lambda text: codecs.BOM_UTF16_BE + text.encode("utf-16-be"), id="utf-16 BE"),
]


@pytest.mark.parametrize("encode", ENCODINGS)
def test_every_import_reads_utf8_and_utf16(tmp_path, encode):
    vtt = tmp_path / "meeting.vtt"
    vtt.write_bytes(encode(TEAMS_GRAPH.replace("\n", "\r\n")))
    assert [n.speaker for n in note_import.read_note_file(vtt)] == [
        "Carlos Farías", "Aoife Ní Bhriain", "Aoife Ní Bhriain & guest"]
    text = tmp_path / "notes.txt"
    text.write_bytes(encode("Café on the quay\r\nFerries decide — always\r\n"))
    assert [n.text for n in note_import.read_note_file(text)] == [
        "Café on the quay", "Ferries decide — always"]
    table = tmp_path / "board.csv"
    table.write_bytes(encode("Note\tWho\r\nCafé on the quay\tCarlos Farías\r\n"))
    assert [(n.text, n.speaker) for n in note_import.read_note_file(table)] == [
        ("Café on the quay", "Carlos Farías")]


@pytest.mark.parametrize("content", [
    codecs.BOM_UTF16_LE + "Note\n".encode("utf-16-le") + b"\x00",  # cut short: an odd length
    codecs.BOM_UTF16_LE + b"\x00\xd8\x41\x00",  # half of a surrogate pair
], ids=["cut short", "half a surrogate pair"])
@pytest.mark.parametrize("name", ["notes.txt", "board.csv", "meeting.vtt"])
def test_damaged_utf16_is_one_sentence(tmp_path, content, name):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InvalidInput) as err:
        note_import.read_note_file(path)
    assert str(err.value) == f"{name} is not readable UTF-16 text; it may be cut short or damaged."


def test_utf32_is_not_mistaken_for_utf16(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_bytes("Note\n".encode("utf-32"))
    with pytest.raises(InvalidInput, match="notes.txt is not a text file."):
        note_import.read_note_file(path)
