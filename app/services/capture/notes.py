"""Live capture: save, edit, retag, star and delete notes; each call is one durable unit of work.

A note is committed (WAL, synchronous=FULL) before `add_note` returns, so whatever the caller
shows as saved survives a killed process or a power cut. Every row written is logged for sync
in the same transaction: edits go through the ORM, whose flush logs them; new notes and their
links, the hot path, are inserted by `logged_insert`, which writes the entries the ORM would.

A bulk action (several pasted lines, a multi-selection starred or deleted) is one call, one
transaction and one undo step: all of it is done, or none. Saving goes through `note_batch`,
which reads what the notes point at once however many there are.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any, Final

from sqlalchemy import select
from sqlalchemy.orm import Session as OrmSession

from app.models import (
    AgendaItem,
    Changes,
    ImportProblem,
    InvalidInput,
    Note,
    NoteDraft,
    NoteKind,
    NotesRefused,
    NotFound,
    utcnow,
)
from app.services.capture import note_batch, note_links
from app.services.capture.note_batch import note_kind
from app.services.capture.note_query import load_notes
from app.services.capture.note_text import check_text
from app.services.core.records import (
    Snapshot,
    delete_many_with_snapshot,
    delete_with_snapshot,
    validated,
    write_fields,
)
from app.services.planning.agenda import session_schedule
from app.store import repos
from app.store.engine import Store
from app.store.logged_insert import unit_changes
from app.store.tables import NoteRow


class _Unchanged:
    def __repr__(self) -> str:
        return "UNCHANGED"


# "Leave as it is" for fields where None means "clear" (speaker, agenda block).
UNCHANGED: Final = _Unchanged()


def current_agenda_item(store: Store, session_id: str, at: datetime | None = None) -> AgendaItem | None:
    """The agenda block whose planned clock window holds `at` (default: now), else None."""
    return session_schedule(store, session_id).block_at(at or utcnow())


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
    draft = NoteDraft(
        text=text, kind=note_kind(kind) if kind is not None else None,
        focus_area_ids=tuple(focus_area_ids), tags=tuple(tags), speaker=speaker,
        starred=starred, agenda_item_id=agenda_item_id, created_at=created_at)
    with store.unit() as s:
        prepared = note_batch.prepare(s, session_id, [draft], author=store.author,
                                      captured_by=captured_by)
        if prepared.problems:
            raise InvalidInput(prepared.problems[0].problem)
        [note] = note_batch.write(s, prepared)
    return note, unit_changes(s)


def add_notes(
    store: Store, session_id: str, drafts: Sequence[NoteDraft], *, stamp_block: bool = False,
    captured_by: str | None = None,
) -> tuple[list[Note], Changes]:
    """Save several notes as one unit of work: all of them, or (NotesRefused) none.

    Pasted lines, a file's notes: one undo step. `stamp_block` stamps each draft that names no
    agenda block with the block its time falls in (now, unless the draft gives a time), the
    agenda read once inside the same transaction. NotesRefused names the first draft that
    cannot be saved ("Note 3 (line 12): ...; nothing was saved.") and carries every problem.
    """
    if not drafts:
        return [], Changes()
    with store.unit() as s:
        prepared = note_batch.prepare(s, session_id, drafts, author=store.author,
                                      stamp_block=stamp_block, captured_by=captured_by)
        if prepared.problems:
            raise NotesRefused(prepared.problems)
        notes = note_batch.write(s, prepared)
    return notes, unit_changes(s)


def add_each(
    store: Store, session_id: str, drafts: Sequence[NoteDraft], *, stamp_block: bool = False,
    refused: Mapping[int, Sequence[str]] | None = None,
) -> tuple[list[Note | ImportProblem], Changes]:
    """Save each draft that can be saved, all in one transaction; the others are named.

    For drafts that are separate notes arriving together, such as lines already waiting on
    `cairn capture`'s input: one commit for all of them (group commit) rather than one each,
    and a refused draft does not keep the others out. The answer holds, in draft order, each
    saved note or the problem of the draft refused; `refused` marks drafts already refused
    (by index), which are answered with that problem.
    """
    if not drafts:
        return [], Changes()
    with store.unit() as s:
        prepared = note_batch.prepare(s, session_id, drafts, author=store.author,
                                      stamp_block=stamp_block, refused=refused)
        note_batch.write(s, prepared)
    by_number = {p.number: p for p in reversed(prepared.problems)}
    answers: list[Note | ImportProblem] = [
        note if note is not None else by_number[i + 1] for i, note in enumerate(prepared.notes)]
    return answers, unit_changes(s)


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
            check_text(text)
            fields["text"] = text
        if kind is not None:
            fields["kind"] = note_kind(kind)
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
        sessions = {row.session_id for row in _rows(s, ids, "retag")}
        systems = {note_links.system_of(s, sid) for sid in sessions}
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


def set_starred(store: Store, note_ids: Sequence[str], starred: bool) -> tuple[list[Note], Changes]:
    """Star (or unstar) several notes at once; notes already so are left alone.

    For undo, keep the notes as they were (`notes_by_ids`) and hand them to `restore_notes`.
    """
    ids = list(dict.fromkeys(note_ids))
    if not ids:
        return [], Changes()
    with store.unit() as s:
        rows = _rows(s, ids, "star")
        for row in rows:
            if row.starred != starred:
                row.starred = starred
        s.flush()
        after = load_notes(s, ids)
    return after, unit_changes(s)


def delete_note(store: Store, note_id: str) -> tuple[Snapshot, Changes]:
    """Delete one note with its tag links; `history.restore(store, snapshot)` undoes it."""
    with store.unit() as s:
        snap = delete_with_snapshot(s, repos.get_row(s, NoteRow, note_id, "note"))
    return snap, unit_changes(s)


def delete_notes(store: Store, note_ids: Sequence[str]) -> tuple[Snapshot, Changes]:
    """Delete several notes with their links as one unit of work: all of them, or none.

    One snapshot holds them all, so `history.restore(store, snapshot)` is one undo step.
    The rows go in set-based statements, so 5,000 imported notes go (and come back) at once.
    """
    with store.unit() as s:
        snapshot = delete_many_with_snapshot(s, NoteRow, note_ids, "note")
    return snapshot, unit_changes(s)


def _rows(s: OrmSession, ids: Sequence[str], verb: str) -> list[NoteRow]:
    """The notes' rows in `ids` order; NotFound (nothing changed) when any is gone."""
    found = {row.id: row for row in s.scalars(select(NoteRow).where(NoteRow.id.in_(ids)))}
    if len(found) != len(ids):
        raise NotFound(f"A note to {verb} is no longer there; nothing was changed.")
    return [found[i] for i in ids]
