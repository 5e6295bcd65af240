"""Reading a typed note: `@Speaker:`, `/kind`, `#focus-area` and `#free-tag` shorthand.

Pure text work with no store, so the capture view can call it on every keystroke to show chips.

What stays in the text: the note keeps what was typed, minus a leading `@Name:` and `/kind`
(they only say who and what, and are shown as fields). `#words` stay where they were typed,
because they are often part of the sentence ("people said #trust matters"); the tags they set
are shown as chips beside it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from app.models import FocusArea, InvalidInput, NoteKind, Participant

MAX_TAG_LENGTH = 60
MAX_SPEAKER_LENGTH = 200

# A speaker is named before a colon at the very start: "@Housing officer: ...".
_SPEAKER_RE = re.compile(r"@([^:#@\n]{1,200}):[ \t]*")
# A kind is one word after a slash at the start, then a space or the end: "/barrier ...".
_KIND_RE = re.compile(r"/([A-Za-z][A-Za-z_-]*)(?:[ \t]+|$)")
# A tag starts after a space or punctuation, never inside a word or a URL ("page#top", "&#39;").
_TAG_RE = re.compile(r"(?<![\w#&/])#(\w[\w-]*)")


@dataclass(frozen=True)
class ParsedNote:
    """What a typed line says: the text to keep, and the kind, speaker and tags it names."""

    text: str
    kind: NoteKind | None = None
    speaker_participant_id: str | None = None
    speaker_label: str = ""
    focus_area_ids: tuple[str, ...] = ()
    tag_names: tuple[str, ...] = ()

    @property
    def speaker(self) -> str | None:
        """What to pass to `capture.add_note(speaker=...)`: a participant's id, or the label."""
        return self.speaker_participant_id or self.speaker_label or None


def parse_note_text(
    text: str, focus_areas: Iterable[FocusArea], known_speakers: Sequence[Participant] = ()
) -> ParsedNote:
    """Split a typed note into its text, kind, speaker and tags.

    `#slug` of a focus area (any case) tags that focus area, retired ones included so that
    saving can say why it is refused; any other `#word` is a free tag, in lower case. A `#`
    followed by digits only ("ranked #1") is not a tag. `@Name:` matches a participant in
    `known_speakers` by name, any case; otherwise the name is kept as a label ("Housing
    officer", "anonymous"). `/kind` takes a kind's name or a unique start of it (`/unint`).
    Raises InvalidInput for a `/word` that could be more than one kind.
    """
    rest = text.strip()
    kind: NoteKind | None = None
    speaker = ""
    # Either order is fine: "@Ann: /quote ..." or "/quote @Ann: ...".
    for _ in range(2):
        if not speaker and (found := _SPEAKER_RE.match(rest)) and found.group(1).strip():
            speaker = " ".join(found.group(1).split())
            rest = rest[found.end():].lstrip()
        elif kind is None and (found := _KIND_RE.match(rest)) and (
            matched := kind_from_prefix(found.group(1))
        ) is not None:
            kind = matched
            rest = rest[found.end():].lstrip()
    participant_id, label = _speaker(speaker, known_speakers)
    area_ids, tag_names = tags_in(rest, focus_areas)
    return ParsedNote(
        text=rest, kind=kind, speaker_participant_id=participant_id, speaker_label=label,
        focus_area_ids=area_ids, tag_names=tag_names,
    )


def kind_from_prefix(word: str) -> NoteKind | None:
    """The kind a `/word` names: a kind's value or label, or a unique start of one.

    None when the word starts no kind (so "/r/nhs" stays text); InvalidInput when it could be
    several, naming them.
    """
    wanted = word.strip().lower().replace("_", "-")
    if not wanted:
        return None
    try:
        return NoteKind(NoteKind.parse(wanted))
    except ValueError:
        pass
    matches = [k for k in NoteKind if k.value.startswith(wanted)]
    if len(matches) == 1:
        return matches[0]
    if matches:
        names = " or ".join(k.value for k in matches)
        raise InvalidInput(f"'/{word}' could be {names}; type more of the kind.")
    return None


def tags_in(text: str, focus_areas: Iterable[FocusArea]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The focus area ids and free tag names that the `#words` in `text` name, in typed order."""
    by_slug = {area.slug.lower(): area.id for area in focus_areas}
    area_ids: list[str] = []
    tag_names: list[str] = []
    for found in _TAG_RE.finditer(text):
        word = found.group(1).rstrip("-_").lower()
        if not word or word.isdigit() or len(word) > MAX_TAG_LENGTH:
            continue
        if word in by_slug:
            if by_slug[word] not in area_ids:
                area_ids.append(by_slug[word])
        elif word not in tag_names:
            tag_names.append(word)
    return tuple(area_ids), tuple(tag_names)


def tag_word(word: str) -> str | None:
    """A tag as given on a command line ("Trust", "#co-op"), in stored form; None if unusable."""
    found = _TAG_RE.fullmatch("#" + word.strip().lstrip("#"))
    if found is None:
        return None
    name = found.group(1).rstrip("-_").lower()
    return name if name and not name.isdigit() and len(name) <= MAX_TAG_LENGTH else None


def _speaker(name: str, known: Sequence[Participant]) -> tuple[str | None, str]:
    if not name:
        return None, ""
    folded = name.casefold()
    for person in known:
        if " ".join(person.name.split()).casefold() == folded:
            return person.id, ""
    return None, name[:MAX_SPEAKER_LENGTH]
