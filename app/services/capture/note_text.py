"""Reading a typed note: `@Speaker:`, `/kind`, `#focus-area` and `#free-tag` shorthand.

The one parser of typed text: the capture entry, pasted lines, imported notes and `cairn
capture` all turn text into a note to save with `draft_from_text`, and the entry shows chips
with `parse_note_text`; both read the text the same way (`_shorthand`, `tags_in`). Speakers
are matched to people by `match_speaker` alone, here and when a note is saved.

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
from datetime import datetime

from app.models import FocusArea, InvalidInput, NoteDraft, NoteKind, Participant
from app.models.sensemaking import SPEAKER_MAX

MAX_TAG_LENGTH = 60
MAX_SPEAKER_LENGTH = SPEAKER_MAX
# Control characters are never typed; they come from binary files or terminal escapes and
# would be saved, synced and printed into packs. Tab and line breaks are text.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

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
    rest, kind, speaker = _shorthand(text)
    participant_id, label = speaker_for(speaker, [(p.id, p.name) for p in known_speakers])
    area_ids, tag_names = tags_in(rest, focus_areas)
    return ParsedNote(
        text=rest, kind=kind, speaker_participant_id=participant_id, speaker_label=label,
        focus_area_ids=area_ids, tag_names=tag_names,
    )


def draft_from_text(
    text: str, *, kind: NoteKind | None = None, tags: Sequence[str] = (),
    speaker: str | None = None, focus_area_ids: Sequence[str] = (), starred: bool = False,
    agenda_item_id: str | None = None, created_at: datetime | None = None, source: str = "",
    line: int | None = None,
) -> NoteDraft:
    """A typed note as a note to save: `@Name:` and `/kind` become its speaker and kind, and
    every `#word` one of its tags (a focus area's slug tags that focus area when saved).

    What the text says wins; `kind` and `speaker` are used when it does not say, and `tags`
    are added to its own. Raises InvalidInput for a `/word` that could be more than one kind.
    The text kept is the text without its leading `@Name:` and `/kind`; an empty text stays
    empty here and is refused when saved.
    """
    rest, typed_kind, typed_speaker = _shorthand(text)
    typed_tags = [found.group(1) for found in _TAG_RE.finditer(rest)]
    words = [w for w in (_tag_form(t) for t in typed_tags) if w is not None]
    return NoteDraft(
        text=rest, kind=typed_kind or kind, speaker=typed_speaker or speaker or None,
        tags=tuple(dict.fromkeys([*tags, *words])), focus_area_ids=tuple(focus_area_ids),
        starred=starred, agenda_item_id=agenda_item_id, created_at=created_at, source=source,
        line=line,
    )


def match_speaker(name: str, people: Iterable[tuple[str, str]]) -> str | None:
    """The id of the person in `people` ((id, name) pairs) called `name`; None when nobody is.

    Spaces and case are ignored, in any script (casefold, not SQLite's ASCII-only lower()).
    """
    folded = " ".join(name.split()).casefold()
    if not folded:
        return None
    return next((person_id for person_id, person_name in people
                 if " ".join(person_name.split()).casefold() == folded), None)


def control_character(text: str) -> str | None:
    """The first control character in `text` as "U+001B", or None; tab and line breaks are
    text."""
    found = _CONTROL_RE.search(text)
    return f"U+{ord(found.group()):04X}" if found else None


def check_text(text: str, what: str = "The note") -> None:
    """InvalidInput, in one sentence, for text holding a control character."""
    if (found := control_character(text)) is not None:
        raise InvalidInput(f"{what} holds a control character ({found}), which is not text; "
                           "remove it and try again.")


def speaker_for(name: str, people: Iterable[tuple[str, str]]) -> tuple[str | None, str]:
    """(participant id, "") when `name` is one of `people`; (None, label) for anyone else
    ("Housing officer", "anonymous"); (None, "") for no name. InvalidInput for a label too long
    or holding a control character.
    """
    given = " ".join(name.split())
    if not given:
        return None, ""
    check_text(given, "The speaker")
    person_id = match_speaker(given, people)
    if person_id is not None:
        return person_id, ""
    if len(given) > MAX_SPEAKER_LENGTH:
        raise InvalidInput(f"A speaker is at most {MAX_SPEAKER_LENGTH} characters.")
    return None, given


def _shorthand(text: str) -> tuple[str, NoteKind | None, str]:
    """(the text left, the kind, the speaker's name) of a typed note's leading shorthand."""
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
    return rest, kind, speaker


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
        word = _tag_form(found.group(1))
        if word is None:
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
    return None if found is None else _tag_form(found.group(1))


def _tag_form(word: str) -> str | None:
    """A `#word`'s tag name as stored; None for what is not a tag ("#1", too long)."""
    name = word.rstrip("-_").lower()
    return name if name and not name.isdigit() and len(name) <= MAX_TAG_LENGTH else None
