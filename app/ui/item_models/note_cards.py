"""What a note shows in a list: its text, named chips, a line of who/when/what, and spoken text.

The names behind a note's ids (focus areas, tags, people, agenda blocks) are read once per
capture session into `NoteLabels`, so building a card costs no query. No Qt here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from app.models import AgendaItem, FocusArea, Note, NoteKind, Session
from app.services.capture.note_query import NoteFilter
from app.services.capture.note_search import SearchHit
from app.services.planning import agenda, focus_areas, participants
from app.store.engine import Store


@dataclass(frozen=True)
class Chip:
    """A tag as shown: its name in words, and a colour that only ever goes beside the words."""

    text: str
    colour: str | None = None


@dataclass
class NoteLabels:
    """The names a session's notes refer to by id."""

    areas: dict[str, FocusArea] = field(default_factory=dict)
    tags: dict[str, str] = field(default_factory=dict)  # free tag id -> name
    people: dict[str, str] = field(default_factory=dict)  # participant id -> name
    blocks: dict[str, AgendaItem] = field(default_factory=dict)

    @classmethod
    def load(cls, store: Store, session: Session) -> NoteLabels:
        return cls(
            areas={a.id: a for a in focus_areas.list_focus_areas(store, session.system_id)},
            tags={t.id: t.name for t in focus_areas.list_tags(store, session.system_id)},
            people={p.id: p.name for p in participants.list_register(store, session.system_id)},
            blocks={b.id: b for b in agenda.list_agenda(store, session.id)},
        )

    def keyed_areas(self) -> list[FocusArea]:
        """Focus areas in use with a quick key, by key."""
        return sorted((a for a in self.areas.values() if a.key is not None and not a.retired),
                      key=lambda a: a.key or 0)

    def area_for_key(self, key: int) -> FocusArea | None:
        return next((a for a in self.keyed_areas() if a.key == key), None)

    def area_chip(self, area_id: str) -> Chip:
        area = self.areas.get(area_id)
        if area is None:
            return Chip("Focus area no longer there")
        return Chip(f"{area.key} {area.name}" if area.key is not None else area.name, area.colour)

    def block_title(self, block_id: str | None) -> str:
        block = self.blocks.get(block_id or "")
        return f"{block.position + 1}. {block.title}" if block else ""

    def speaker(self, note: Note) -> str:
        if note.speaker_participant_id:
            return self.people.get(note.speaker_participant_id, "A participant")
        return note.speaker_label


@dataclass(frozen=True)
class NoteCard:
    """One note ready to draw and to read aloud; `parts` bold the words a search matched."""

    note: Note
    chips: tuple[Chip, ...]
    meta: str
    parts: tuple[tuple[str, bool], ...]
    spoken: str


# A run of `#tags` closing a note ("... from the GP #transport #rural"): the chips say it.
_TRAILING_TAGS_RE = re.compile(r"(?:\s+#(?!\d+(?![\w-]))\w[\w-]*)+\s*$")
# A `#` that starts a tag inside a sentence ("people said #trust matters"): the word stays.
_TAG_MARK_RE = re.compile(r"(?<![\w#&/])#(?=\w)(?!\d+(?![\w-]))")


def card_for(note: Note, labels: NoteLabels, hit: SearchHit | None = None, *,
             today: date | None = None) -> NoteCard:
    """The card of a note: tags and speaker as chips alike, the text as a sentence, the time
    (with the date when it was not captured `today`)."""
    areas = sorted(note.focus_area_ids, key=lambda a: (labels.areas[a].key or 99, labels.areas[a].name)
                   if a in labels.areas else (100, a))
    speaker = labels.speaker(note)
    chips = tuple(labels.area_chip(a) for a in areas) + tuple(
        Chip(f"#{labels.tags[t]}") for t in sorted(note.tag_ids, key=lambda t: labels.tags.get(t, t))
        if t in labels.tags) + ((speaker_chip(speaker),) if speaker else ())
    block = labels.block_title(note.agenda_item_id)
    when = local_when(note.created_at, today)
    meta_bits = ["★ Starred"] if note.starred else []
    meta_bits += [when, note.kind.label]
    if block:
        meta_bits.append(block)
    parts = natural_parts(tuple(hit.parts()) if hit is not None else ((note.text, False),))
    spoken = [f"{note.kind.label}", "".join(text for text, _ in parts)]
    if speaker:
        spoken.append(f"Said by {speaker}")
    spoken.append(f"Captured {spoken_when(note.created_at, today)}"
                  + (f", during {block}" if block else ""))
    tags = [c.text for c in chips if not c.text.startswith("@")]
    if tags:
        spoken.append("Tagged " + ", ".join(tags))
    if note.starred:
        spoken.append("Starred")
    return NoteCard(note=note, chips=chips, meta=" · ".join(meta_bits), parts=parts,
                    spoken=". ".join(spoken) + ".")


def speaker_chip(name: str) -> Chip:
    """The speaker drawn like a tag, the way it was typed: `@Housing officer`."""
    return Chip(f"@{name}")


def natural_parts(parts: tuple[tuple[str, bool], ...]) -> tuple[tuple[str, bool], ...]:
    """The note's text as it reads aloud: closing `#tags` dropped and a tag's `#` taken off
    inside a sentence, since its chips show the tags. The stored text keeps what was typed."""
    text = "".join(t for t, _ in parts)
    trailing = _TRAILING_TAGS_RE.search(text)
    end = trailing.start() if trailing and trailing.start() > 0 else len(text)
    shown: list[tuple[str, bool]] = []
    at = 0
    for chunk, matched in parts:
        piece = chunk[:max(0, end - at)]
        at += len(chunk)
        if piece:
            shown.append((_TAG_MARK_RE.sub("", piece), matched))
    return tuple((t, m) for t, m in shown if t) or parts


def local_clock(at: datetime | None) -> str:
    """'10:42' in the laptop's time zone."""
    return at.astimezone().strftime("%H:%M") if at is not None else ""


def local_when(at: datetime | None, today: date | None = None) -> str:
    """'10:42' for a note captured today; '3 Dec 10:42' (and the year when not this one) for
    an older note, so a note from an earlier session never passes for one just typed."""
    if at is None:
        return ""
    local = at.astimezone()
    today = today or date.today()
    if local.date() == today:
        return local.strftime("%H:%M")
    year = f" {local.year}" if local.year != today.year else ""
    return f"{local.day} {local.strftime('%b')}{year} {local.strftime('%H:%M')}"


def spoken_when(at: datetime | None, today: date | None = None) -> str:
    """'at 10:42' today, else 'on 3 December 2026 at 10:42'."""
    if at is None:
        return ""
    local = at.astimezone()
    if local.date() == (today or date.today()):
        return f"at {local.strftime('%H:%M')}"
    return f"on {local.day} {local.strftime('%B %Y')} at {local.strftime('%H:%M')}"


def has_criteria(where: NoteFilter) -> bool:
    """Whether a filter leaves any note out at all."""
    return where != NoteFilter() and (bool(where.text.strip()) or where.focus_area_ids != ()
                                      or where.tag_ids != () or where.kinds != ()
                                      or where.agenda_item_ids != () or bool(where.speaker)
                                      or where.starred is not None or where.untagged)


def passes(note: Note, where: NoteFilter, text_matches: bool = True) -> bool:
    """`note_query`'s filter on one note in memory; the search words are checked by the caller."""
    if where.focus_area_ids and not set(where.focus_area_ids) & set(note.focus_area_ids):
        return False
    if where.tag_ids and not set(where.tag_ids) & set(note.tag_ids):
        return False
    if where.kinds and note.kind not in {NoteKind(k) for k in where.kinds}:
        return False
    if where.agenda_item_ids and note.agenda_item_id not in where.agenda_item_ids:
        return False
    if where.speaker and not (
            note.speaker_participant_id == where.speaker
            or (note.speaker_participant_id is None
                and note.speaker_label.lower() == where.speaker.lower())):
        return False
    if where.starred is not None and note.starred != where.starred:
        return False
    if where.untagged and (note.focus_area_ids or note.tag_ids):
        return False
    return text_matches
