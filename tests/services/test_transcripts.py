"""Transcripts and note files as Teams, Zoom, Stream and YouTube write them.

The fixtures follow the WebVTT standard and the exports of those tools; every name is invented.
"""

from __future__ import annotations

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
