"""Reading notes: filters, the lazy id listing the capture list is built on, and note records.

A session of 20,000 notes must open as fast as one of 20, so the list asks for ids only
(`note_ids`, newest first) and then fetches the rows it shows (`notes_by_ids`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, and_, exists, false, func, or_, select
from sqlalchemy.orm import Session as OrmSession

from app.models import Note, NoteKind
from app.services.capture.note_search import match_expression
from app.store import repos
from app.store.engine import Store
from app.store.queries.note_search import matching
from app.store.tables import (
    FocusAreaRow,
    FreeTagRow,
    NoteFocusAreaRow,
    NoteRow,
    NoteTagRow,
    ParticipantRow,
    SessionRow,
)

# SQLite's limit on bound parameters is 32,766 since 3.32; stay well under it per query.
_CHUNK = 900


@dataclass(frozen=True)
class NoteFilter:
    """Which notes to show. Fields combine with AND; a tuple matches any of its values."""

    focus_area_ids: tuple[str, ...] = ()
    tag_ids: tuple[str, ...] = ()
    kinds: tuple[NoteKind, ...] = ()
    agenda_item_ids: tuple[str, ...] = ()
    speaker: str | None = None  # a participant's id, or a label such as "Housing officer"
    starred: bool | None = None
    untagged: bool = False  # neither a focus area nor a free tag
    text: str = ""  # full-text search, each word matched as a prefix


def note_ids(store: Store, session_id: str, where: NoteFilter | None = None) -> list[str]:
    """The ids of the session's notes that pass `where`, newest first: cheap, for lazy lists."""
    with store.read() as s:
        repos.get_row(s, SessionRow, session_id, "session")
        return list(s.scalars(_filtered(select(NoteRow.id), session_id, where or NoteFilter())))


def newest_text(store: Store, session_id: str) -> str | None:
    """The text of the session's newest note (None when it has none): one row, however many."""
    with store.read() as s:
        return s.scalar(select(NoteRow.text).where(NoteRow.session_id == session_id)
                        .order_by(NoteRow.created_at.desc(), NoteRow.id.desc()).limit(1))


def notes_by_ids(store: Store, ids: Sequence[str]) -> list[Note]:
    """The notes with these ids, in the order given; ids no longer there are left out."""
    with store.read() as s:
        return load_notes(s, ids)


def list_notes(store: Store, session_id: str, where: NoteFilter | None = None) -> list[Note]:
    """The session's notes that pass `where`, newest first."""
    with store.read() as s:
        repos.get_row(s, SessionRow, session_id, "session")
        ids = list(s.scalars(_filtered(select(NoteRow.id), session_id, where or NoteFilter())))
        return load_notes(s, ids)


def get_note(store: Store, note_id: str) -> Note:
    with store.read() as s:
        repos.get_row(s, NoteRow, note_id, "note")
        return load_notes(s, [note_id])[0]


def resolve_note(store: Store, prefix: str) -> Note:
    """A note from its id or a unique prefix of it, as the command line accepts."""
    with store.read() as s:
        return load_notes(s, [repos.resolve_id(s, NoteRow, prefix, "note")])[0]


def speaker_labels(store: Store, session_id: str) -> list[str]:
    """Speakers named by label in the session ("Housing officer"), most recently used first."""
    with store.read() as s:
        q = (select(NoteRow.speaker_label)
             .where(NoteRow.session_id == session_id, NoteRow.speaker_label != "")
             .group_by(NoteRow.speaker_label).order_by(func.max(NoteRow.created_at).desc()))
        return list(s.scalars(q))


def note_records(store: Store, notes: Sequence[Note]) -> list[dict[str, Any]]:
    """Notes as the command line's JSON records: focus areas by slug, tags by name, speaker named."""
    area_ids = {a for n in notes for a in n.focus_area_ids}
    tag_ids = {t for n in notes for t in n.tag_ids}
    person_ids = {n.speaker_participant_id for n in notes if n.speaker_participant_id}
    with store.read() as s:
        slugs = _names(s, FocusAreaRow.id, FocusAreaRow.slug, area_ids)
        tags = _names(s, FreeTagRow.id, FreeTagRow.name, tag_ids)
        people = _names(s, ParticipantRow.id, ParticipantRow.name, person_ids)
    return [
        {
            "id": n.id, "session_id": n.session_id, "text": n.text, "kind": n.kind.value,
            "speaker": (people.get(n.speaker_participant_id) if n.speaker_participant_id
                        else n.speaker_label) or None,
            "focus_areas": sorted(slugs[a] for a in n.focus_area_ids if a in slugs),
            "tags": sorted(tags[t] for t in n.tag_ids if t in tags),
            "theme_id": n.theme_id, "created_at": n.created_at, "starred": n.starred,
            "agenda_item_id": n.agenda_item_id, "speaker_participant_id": n.speaker_participant_id,
            "captured_by": n.captured_by,
        }
        for n in notes
    ]


def load_notes(s: OrmSession, ids: Sequence[str]) -> list[Note]:
    """Notes with their focus areas and tags, read inside a caller's session, in `ids` order."""
    columns = [c for c in NoteRow.__table__.columns]
    found: dict[str, dict[str, Any]] = {}
    areas: dict[str, list[str]] = defaultdict(list)
    tags: dict[str, list[str]] = defaultdict(list)
    for start in range(0, len(ids), _CHUNK):
        chunk = list(ids[start:start + _CHUNK])
        for row in s.execute(select(*columns).where(NoteRow.id.in_(chunk))).mappings():
            found[row["id"]] = dict(row)
        for note_id, area_id in s.execute(select(NoteFocusAreaRow.note_id,
                                                 NoteFocusAreaRow.focus_area_id)
                                          .where(NoteFocusAreaRow.note_id.in_(chunk))):
            areas[note_id].append(area_id)
        for note_id, tag_id in s.execute(select(NoteTagRow.note_id, NoteTagRow.tag_id)
                                         .where(NoteTagRow.note_id.in_(chunk))):
            tags[note_id].append(tag_id)
    return [
        Note.model_validate({**found[i], "focus_area_ids": tuple(sorted(areas[i])),
                             "tag_ids": tuple(sorted(tags[i]))})
        for i in ids if i in found
    ]


def _filtered(query: Select[Any], session_id: str, where: NoteFilter) -> Select[Any]:
    q = query.where(NoteRow.session_id == session_id)
    if where.focus_area_ids:
        q = q.where(exists().where(NoteFocusAreaRow.note_id == NoteRow.id,
                                   NoteFocusAreaRow.focus_area_id.in_(where.focus_area_ids)))
    if where.tag_ids:
        q = q.where(exists().where(NoteTagRow.note_id == NoteRow.id,
                                   NoteTagRow.tag_id.in_(where.tag_ids)))
    if where.kinds:
        q = q.where(NoteRow.kind.in_([NoteKind(k).value for k in where.kinds]))
    if where.agenda_item_ids:
        q = q.where(NoteRow.agenda_item_id.in_(where.agenda_item_ids))
    if where.speaker:
        # SQLite's lower() folds ASCII only: the exact label matches whatever its letters.
        q = q.where(or_(NoteRow.speaker_participant_id == where.speaker,
                        and_(NoteRow.speaker_participant_id.is_(None),
                             or_(NoteRow.speaker_label == where.speaker,
                                 func.lower(NoteRow.speaker_label) == where.speaker.lower()))))
    if where.starred is not None:
        q = q.where(NoteRow.starred.is_(where.starred))
    if where.untagged:
        q = q.where(~exists().where(NoteFocusAreaRow.note_id == NoteRow.id),
                    ~exists().where(NoteTagRow.note_id == NoteRow.id))
    if where.text.strip():
        expression = match_expression(where.text)
        # A search with no words in it matches nothing rather than everything.
        q = q.where(matching(expression) if expression else false())
    return q.order_by(NoteRow.created_at.desc(), NoteRow.id.desc())


def _names(s: OrmSession, id_col: Any, name_col: Any, ids: set[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    wanted = list(ids)
    for start in range(0, len(wanted), _CHUNK):
        out.update(dict(s.execute(select(id_col, name_col)
                                  .where(id_col.in_(wanted[start:start + _CHUNK]))).all()))
    return out
