"""WebVTT transcripts as Teams, Zoom, Stream and YouTube write them, read into notes.

Read here rather than with webvtt-py: that library skips a caption with a broken timing line
without a word, and a transcript that quietly loses what someone said is worse than one
refused with the reason. The part of the format that matters (cue blocks, timings, `<v>`
voice spans) is small. Files are read as real tools write them: any WebVTT or Teams timing
form (Teams through Microsoft Graph writes "0:0:0.0"), a timing line straight after a cue
(youtube-dl), YouTube's rolling captions read once, speakers in `<v Name>` decoded like the
text, and "Name: text" read as a speaker only in a file that writes most of its lines so.
"""

from __future__ import annotations

import html
import re
from itertools import pairwise
from pathlib import Path

from app.models import InvalidInput
from app.services.capture.imported_note import ImportedNote, named_speaker, names_speakers
from app.services.capture.note_text import MAX_SPEAKER_LENGTH
from app.services.core.tabular import read_text

# Consecutive captions by one speaker merge into one note up to about a paragraph.
MERGE_UP_TO = 1_500

# WebVTT's "hh:mm:ss.ttt" and "mm:ss.ttt", SubRip's comma, and the unpadded "h:m:s.t" that
# Teams transcripts fetched through Microsoft Graph carry ("0:0:0.0 --> 0:0:5.320").
_STAMP = r"(?:\d+:)?\d{1,2}:\d{1,2}(?:[.,]\d{1,3})?"
_TIMING_RE = re.compile(rf"^({_STAMP})[ \t]+-->[ \t]+{_STAMP}(?:[ \t]|$)")
_VOICE_RE = re.compile(r"<v(?:\.[^\s>]*)?\s+([^>]*)>")
_TAG_RE = re.compile(r"<[^>]*>")
_NOT_VOICE_TAG_RE = re.compile(r"<(?!v[\s.])[^>]*>")


def read_transcript(path: Path) -> list[ImportedNote]:
    """A WebVTT transcript (Teams `<v Name>`, Zoom `Name: …`), one note per turn of speech."""
    notes = parse_vtt(read_text(path), path.name)
    if not notes:
        raise InvalidInput(f"{path.name} has no notes in it.")
    return notes


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
    named = names_speakers([_plain(p) for p in payloads if not _VOICE_RE.search(p)])
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
        runs = [(found if named and (found := named_speaker(plain)) else ("", plain))]
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
