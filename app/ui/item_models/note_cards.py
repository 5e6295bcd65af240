"""What a note shows in a list: its text, named chips, a line of who/when/what, and spoken text.

The names behind a note's ids (focus areas, tags, people, agenda blocks) are read once per
capture session into `NoteLabels`, so building a card costs no query. No Qt here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

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


def card_for(note: Note, labels: NoteLabels, hit: SearchHit | None = None) -> NoteCard:
    areas = sorted(note.focus_area_ids, key=lambda a: (labels.areas[a].key or 99, labels.areas[a].name)
                   if a in labels.areas else (100, a))
    chips = tuple(labels.area_chip(a) for a in areas) + tuple(
        Chip(f"#{labels.tags[t]}") for t in sorted(note.tag_ids, key=lambda t: labels.tags.get(t, t))
        if t in labels.tags)
    speaker = labels.speaker(note)
    block = labels.block_title(note.agenda_item_id)
    when = local_clock(note.created_at)
    meta_bits = ["★ Starred"] if note.starred else []
    meta_bits += [when, note.kind.label]
    if speaker:
        meta_bits.append(speaker)
    if block:
        meta_bits.append(block)
    parts = tuple(hit.parts()) if hit is not None else ((note.text, False),)
    spoken = [f"{note.kind.label}", note.text]
    if speaker:
        spoken.append(f"Said by {speaker}")
    spoken.append(f"Captured at {when}" + (f", during {block}" if block else ""))
    if chips:
        spoken.append("Tagged " + ", ".join(c.text for c in chips))
    if note.starred:
        spoken.append("Starred")
    return NoteCard(note=note, chips=chips, meta=" · ".join(meta_bits), parts=parts,
                    spoken=". ".join(spoken) + ".")


def local_clock(at: datetime | None) -> str:
    """'10:42' in the laptop's time zone."""
    return at.astimezone().strftime("%H:%M") if at is not None else ""


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
