"""Live capture: save, edit, retag and delete notes; each call is one durable unit of work.

A note is committed (WAL, synchronous=FULL) before `add_note` returns, so whatever the caller
shows as saved survives a killed process or a power cut. Every row written is logged for sync
in the same transaction: edits go through the ORM, whose flush logs them; a new note and its
links, the hot path, are inserted by `logged_insert`, which writes the entries the ORM would.

Reading notes lives in `note_query`, search in `note_search`, typed shorthand in `note_text`,
near-duplicate hints in `duplicates` and drafts in `drafts`; the names the capture view needs
are re-exported here so that it has one module to call.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any, Final

from sqlalchemy import select

from app.models import AgendaItem, Changes, InvalidInput, Note, NoteKind, NotFound, new_id, utcnow
from app.services.capture import note_links
from app.services.capture.duplicates import near_duplicates
from app.services.capture.duplicates import warm as warm_near_duplicates
from app.services.capture.note_query import (
    NoteFilter,
    get_note,
    list_notes,
    load_notes,
    newest_text,
    note_ids,
    note_records,
    notes_by_ids,
    resolve_note,
    speaker_labels,
)
from app.services.capture.note_search import SearchHit, search_notes
from app.services.capture.note_text import ParsedNote, parse_note_text
from app.services.core.records import Snapshot, delete_with_snapshot, validated, write_fields
from app.services.planning.agenda import session_schedule
from app.store import repos
from app.store.engine import Store
from app.store.logged_insert import insert_logged, unit_changes
from app.store.tables import NoteFocusAreaRow, NoteRow, NoteTagRow

__all__ = [
    "UNCHANGED", "NoteFilter", "ParsedNote", "SearchHit", "add_note", "current_agenda_item",
    "delete_note", "edit_note", "get_note", "list_notes", "near_duplicates", "newest_text", "note_ids",
    "note_records", "notes_by_ids", "parse_note_text", "resolve_note", "restore_notes",
    "retag_notes", "search_notes", "speaker_labels", "warm_near_duplicates",
]


class _Unchanged:
    def __repr__(self) -> str:
        return "UNCHANGED"


# "Leave as it is" for fields where None means "clear" (speaker, agenda block).
UNCHANGED: Final = _Unchanged()


def current_agenda_item(store: Store, session_id: str, at: datetime | None = None) -> AgendaItem | None:
    """The agenda block whose planned clock window holds `at` (default: now), else None."""
    at = _aware(at or utcnow())
    for laid in session_schedule(store, session_id).items:
        if laid.starts <= at < laid.ends:
            return laid.item
    return None


def add_note(
    store: Store, session_id: str, text: str, *, kind: NoteKind | str | None = None,
    focus_area_ids: Iterable[str] = (), tags: Iterable[str] = (), speaker: str | None = None,
    agenda_item_id: str | None = None, captured_by: str | None = None,
    created_at: datetime | None = None, starred: bool = False,
) -> tuple[Note, Changes]:
    """Save one note, committed durably before returning.

    `tags` are free tag names (created when new; a focus area's slug tags that focus area).
    `speaker` is a participant's id, a session participant's name, or a label such as
    "Housing officer". Focus areas must be the session's system's and not retired.
    `captured_by` defaults to the store's author.
    """
    with store.unit() as s:
        system_id = note_links.system_of(s, session_id)
        areas, tag_ids = note_links.resolve_tags(s, system_id, tags)
        wanted_areas = tuple(dict.fromkeys([*focus_area_ids, *areas]))
        note_links.check_focus_areas(s, system_id, wanted_areas)
        person_id, label = note_links.resolve_speaker(s, system_id, session_id, speaker)
        if agenda_item_id is not None:
            note_links.check_agenda_item(s, session_id, agenda_item_id)
        note = validated(Note, {
            "id": new_id(), "session_id": session_id, "text": text,
            "kind": _kind(kind) if kind is not None else NoteKind.INSIGHT,
            "agenda_item_id": agenda_item_id,
            "captured_by": store.author if captured_by is None else captured_by,
            "speaker_participant_id": person_id, "speaker_label": label, "starred": starred,
            "created_at": _aware(created_at or utcnow()).astimezone(UTC),
            # Sorted, as notes are read back, so the note returned equals the note stored.
            "focus_area_ids": tuple(sorted(set(wanted_areas))),
            "tag_ids": tuple(sorted(set(tag_ids))),
        })
        # The hot path: plain inserts, logged as the ORM would log them (see logged_insert).
        insert_logged(s, NoteRow, [note.model_dump()])
        insert_logged(s, NoteFocusAreaRow, [
            {"note_id": note.id, "focus_area_id": a} for a in note.focus_area_ids])
        insert_logged(s, NoteTagRow, [{"note_id": note.id, "tag_id": t} for t in note.tag_ids])
    return note, unit_changes(s)


def edit_note(
    store: Store, note_id: str, *, text: str | None = None, kind: NoteKind | str | None = None,
    add_focus_areas: Iterable[str] = (), remove_focus_areas: Iterable[str] = (),
    add_tags: Iterable[str] = (), remove_tags: Iterable[str] = (), starred: bool | None = None,
    speaker: str | None | _Unchanged = UNCHANGED,
    agenda_item_id: str | None | _Unchanged = UNCHANGED,
) -> tuple[Note, Changes]:
    """Change one note; only what is given changes. Tags are added or removed by name."""
    with store.unit() as s:
        row = repos.get_row(s, NoteRow, note_id, "note")
        system_id = note_links.system_of(s, row.session_id)
        fields: dict[str, Any] = {}
        if text is not None:
            fields["text"] = text
        if kind is not None:
            fields["kind"] = _kind(kind)
        if starred is not None:
            fields["starred"] = starred
        if not isinstance(speaker, _Unchanged):
            person_id, label = note_links.resolve_speaker(s, system_id, row.session_id, speaker)
            fields |= {"speaker_participant_id": person_id, "speaker_label": label}
        if not isinstance(agenda_item_id, _Unchanged):
            if agenda_item_id is not None:
                note_links.check_agenda_item(s, row.session_id, agenda_item_id)
            fields["agenda_item_id"] = agenda_item_id
        current = load_notes(s, [note_id])[0]
        updated = validated(Note, {**current.model_dump(), **fields})
        write_fields(row, updated, fields)
        note_links.retag(s, system_id, [note_id], add_focus_areas, remove_focus_areas,
                         add_tags, remove_tags)
        s.flush()
        after = load_notes(s, [note_id])[0]
    return after, unit_changes(s)


def retag_notes(
    store: Store, note_ids: Sequence[str], *, add_focus_areas: Iterable[str] = (),
    remove_focus_areas: Iterable[str] = (), add_tags: Iterable[str] = (),
    remove_tags: Iterable[str] = (),
) -> tuple[list[Note], Changes]:
    """Add and remove focus areas and free tags on several notes at once (multi-select).

    The notes must share one learning system. For undo, keep the notes as they were
    (`notes_by_ids`) and hand them to `restore_notes`.
    """
    ids = list(dict.fromkeys(note_ids))
    if not ids:
        return [], Changes()
    with store.unit() as s:
        found: dict[str, str] = {
            note_id: session_id for note_id, session_id in s.execute(
                select(NoteRow.id, NoteRow.session_id).where(NoteRow.id.in_(ids)))}
        if len(found) != len(ids):
            raise NotFound("A note to retag is no longer there; nothing was changed.")
        systems = {note_links.system_of(s, sid) for sid in set(found.values())}
        if len(systems) != 1:
            raise InvalidInput("Retag notes of one learning system at a time.")
        note_links.retag(s, systems.pop(), ids, add_focus_areas, remove_focus_areas,
                         add_tags, remove_tags)
        s.flush()
        after = load_notes(s, ids)
    return after, unit_changes(s)


def restore_notes(store: Store, notes: Sequence[Note]) -> Changes:
    """Put notes back as they were (text, kind, speaker, star, block, focus areas, tags): undo.

    The notes must still exist (a deleted note comes back through `history.restore`).
    Tags or focus areas deleted since are left off rather than refused.
    """
    restorable = dict.fromkeys(("text", "kind", "speaker_participant_id", "speaker_label",
                                "starred", "agenda_item_id"))
    with store.unit() as s:
        for before in notes:
            row = repos.get_row(s, NoteRow, before.id, "note")
            write_fields(row, before, restorable)
            note_links.set_links(s, before.id, before.focus_area_ids, before.tag_ids)
    return unit_changes(s)


def delete_note(store: Store, note_id: str) -> tuple[Snapshot, Changes]:
    """Delete one note with its tag links; `history.restore(store, snapshot)` undoes it."""
    with store.unit() as s:
        snap = delete_with_snapshot(s, repos.get_row(s, NoteRow, note_id, "note"))
    return snap, unit_changes(s)


def _kind(kind: NoteKind | str) -> NoteKind:
    try:
        return NoteKind(NoteKind.parse(kind))
    except ValueError as err:
        raise InvalidInput(str(err)) from None


def _aware(at: datetime) -> datetime:
    # A time without a zone is the facilitator's wall-clock time, as elsewhere in Cairn.
    return at if at.tzinfo is not None else at.astimezone()
