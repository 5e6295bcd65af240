"""Saving notes, one or thousands, in one unit of work: what the drafts point at is read once.

`add_note`, `add_notes`, `add_each` and `import_notes` all save through `prepare` and `write`:
`prepare` reads what the drafts need (the session's system, its focus areas, the free tags and
people named, the agenda) with one read each however many drafts there are, and checks every
draft, collecting a problem for each one that cannot be saved; `write` inserts the notes, their
links and any new free tags with one executemany per table, each row logged for sync in the
same transaction. Reading nothing per note keeps an import of 5,000 notes to about a second
and the single note of the capture entry as fast as before.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy.orm import Session as OrmSession

from app.models import (
    ImportProblem,
    InvalidInput,
    Note,
    NoteDraft,
    NoteKind,
    Schedule,
    Session,
    new_id,
    schedule,
    utcnow,
)
from app.services.capture import note_links
from app.services.capture.note_text import check_text, speaker_for
from app.services.core.records import validated
from app.services.planning.stable_ids import free_tag_id
from app.store import repos
from app.store.logged_insert import insert_logged
from app.store.queries import note_links as q
from app.store.tables import FreeTagRow, NoteFocusAreaRow, NoteRow, NoteTagRow, SessionRow


@dataclass
class Prepared:
    """Drafts checked against the store: the notes to write, and why the others cannot be."""

    system_id: str
    notes: list[Note | None]  # in draft order; None where the draft was refused
    problems: list[ImportProblem]
    new_tags: dict[str, str] = field(default_factory=dict)  # name -> id, to be created
    area_slugs: dict[str, str] = field(default_factory=dict)  # id -> slug
    tag_names: dict[str, str] = field(default_factory=dict)  # id -> name
    people: dict[str, str] = field(default_factory=dict)  # id -> name

    def saved(self) -> list[Note]:
        return [n for n in self.notes if n is not None]


def prepare(s: OrmSession, session_id: str, drafts: Sequence[NoteDraft], *, author: str,
            stamp_block: bool = False, refused: Mapping[int, Sequence[str]] | None = None,
            captured_by: str | None = None) -> Prepared:
    """Check every draft; nothing is written. `refused` holds problems found before (by index).

    NotFound when the session is not there (no draft can be saved then).
    """
    system_id = note_links.system_of(s, session_id)
    problems: dict[int, list[str]] = {i: list(p) for i, p in (refused or {}).items() if p}
    names = _tag_names(drafts, problems)
    live = [i for i in range(len(drafts)) if i not in problems]
    areas = (q.focus_areas(s, system_id)
             if any(drafts[i].focus_area_ids or names[i] for i in live) else {})
    slugs = {slug: area_id for area_id, (slug, _, _) in areas.items()}
    free = list(dict.fromkeys(n for i in live for n in names[i] if n not in slugs))
    tags = q.free_tags_named(s, system_id, free) if free else {}
    held = frozenset(tags.values())  # ids new tags must not take (see stable_ids)
    speakers = list(dict.fromkeys(" ".join(d.speaker.split()) for i in live
                                  if (d := drafts[i]).speaker and d.speaker.strip()))
    by_id = q.participants_by_id(s, system_id, speakers) if speakers else {}
    invited = (q.invited_people(s, session_id)
               if any(name not in by_id for name in speakers) else [])
    blocks = (q.agenda_item_ids(s, session_id)
              if any(drafts[i].agenda_item_id for i in live) else set())
    plan = _plan(s, session_id) if stamp_block else None
    out = Prepared(system_id, [None] * len(drafts), [])
    captured = author if captured_by is None else captured_by
    speaking: dict[str, tuple[str | None, str]] = {}  # each distinct speaker, matched once
    for i in live:
        draft = drafts[i]
        wanted_areas = list(dict.fromkeys([*draft.focus_area_ids,
                                           *(slugs[n] for n in names[i] if n in slugs)]))
        tag_ids = [tags.get(n) or out.new_tags.get(n) or free_tag_id(None, system_id, n, held)
                   for n in names[i] if n not in slugs]
        try:
            check_text(draft.text)
            if problem := note_links.focus_area_problem(areas, wanted_areas):
                raise InvalidInput(problem)
            given = " ".join((draft.speaker or "").split())
            if given not in speaking:
                speaking[given] = (given, "") if given in by_id else speaker_for(given, invited)
            person_id, label = speaking[given]
            if draft.agenda_item_id is not None and draft.agenda_item_id not in blocks:
                raise InvalidInput(note_links.AGENDA_PROBLEM)
            at = _aware(draft.created_at or utcnow()).astimezone(UTC)
            block = draft.agenda_item_id
            if block is None and plan is not None and (current := plan.block_at(at)):
                block = current.id
            note = validated(Note, {
                "id": new_id(), "session_id": session_id, "text": draft.text,
                "kind": note_kind(draft.kind) if draft.kind is not None else NoteKind.INSIGHT,
                "agenda_item_id": block, "captured_by": captured,
                "speaker_participant_id": person_id, "speaker_label": label,
                "starred": draft.starred, "created_at": at,
                # Sorted, as notes are read back, so the note returned equals the note stored.
                "focus_area_ids": tuple(sorted(set(wanted_areas))),
                "tag_ids": tuple(sorted(set(tag_ids))),
            })
        except InvalidInput as err:
            problems[i] = [str(err)]
            continue
        out.notes[i] = note
        for name, tag_id in zip((n for n in names[i] if n not in slugs), tag_ids, strict=True):
            if name not in tags:
                out.new_tags[name] = tag_id
    out.problems = [ImportProblem(number=i + 1, problem=p, source=drafts[i].source,
                                  line=drafts[i].line)
                    for i in sorted(problems) for p in problems[i]]
    out.area_slugs = {area_id: slug for area_id, (slug, _, _) in areas.items()}
    out.tag_names = {tag_id: name for name, tag_id in (tags | out.new_tags).items()}
    out.people = {**by_id, **dict(invited)}
    return out


def _tag_names(drafts: Sequence[NoteDraft], problems: dict[int, list[str]]) -> dict[int, list[str]]:
    """Each draft's tags in stored form; a draft with an unusable one gets its problem."""
    names: dict[int, list[str]] = {}
    stored: dict[str, str] = {}  # each distinct tag as given -> its stored name, checked once
    for i, draft in enumerate(drafts):
        if i in problems:
            continue
        try:
            names[i] = list(dict.fromkeys(
                stored.get(t) or stored.setdefault(t, note_links.tag_name(t))
                for t in draft.tags if t.strip().lstrip("#")))
        except InvalidInput as err:
            problems[i] = [str(err)]
    return names


def write(s: OrmSession, prepared: Prepared) -> list[Note]:
    """Insert the prepared notes, their links and new free tags; every row logged."""
    notes = prepared.saved()
    insert_logged(s, FreeTagRow, [{"id": tag_id, "system_id": prepared.system_id, "name": name}
                                  for name, tag_id in prepared.new_tags.items()])
    # The hot path: plain inserts, logged as the ORM would log them (see logged_insert).
    insert_logged(s, NoteRow, [n.model_dump() for n in notes])
    insert_logged(s, NoteFocusAreaRow, [{"note_id": n.id, "focus_area_id": a}
                                        for n in notes for a in n.focus_area_ids])
    insert_logged(s, NoteTagRow, [{"note_id": n.id, "tag_id": t}
                                  for n in notes for t in n.tag_ids])
    return notes


def note_kind(kind: NoteKind | str) -> NoteKind:
    """A kind given as a kind, its value or its label; InvalidInput names the choices."""
    if isinstance(kind, NoteKind):
        return kind
    try:
        return NoteKind(NoteKind.parse(kind))
    except ValueError as err:
        raise InvalidInput(str(err)) from None


def _plan(s: OrmSession, session_id: str) -> Schedule:
    """The session's agenda against the clock, read inside the caller's unit of work."""
    session = Session.model_validate(repos.get_row(s, SessionRow, session_id, "session"))
    return schedule(session, repos.agenda(s, session_id))


def _aware(at: datetime) -> datetime:
    # A time without a zone is the facilitator's wall-clock time, as elsewhere in Cairn.
    return at if at.tzinfo is not None else at.astimezone()
