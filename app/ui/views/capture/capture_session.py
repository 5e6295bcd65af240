"""One session's live capture, shared by the capture view and scribe mode.

It holds what both windows need (the names notes refer to, the session clock, the current
agenda block) and performs every capture operation as an undoable command on the one undo
stack, so a note saved, retagged or deleted in one window is the same in the other.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtWidgets import QWidget

from app import config
from app.models import AgendaItem, Changes, Note, NoteDraft, SessionStatus
from app.services import capture
from app.services.capture.note_import import ImportedNote
from app.services.planning import agenda, participants, sessions
from app.ui.commands import (
    creations_command,
    push_create,
    push_creates,
    push_delete,
    push_edit,
    push_update,
)
from app.ui.context import AppContext
from app.ui.item_models.note_cards import NoteLabels
from app.ui.tasks import Progress, Task
from app.ui.views.capture.session_clock import Clock, SessionClock

_NOTE_ENTITIES = ("note", "note_focus_area", "note_tag")
_NAME_ENTITIES = ("focus_area", "free_tag", "participant", "agenda_item", "invitation")


def short(text: str, length: int = 40) -> str:
    """The start of a note on one line, for undo menu entries and hints."""
    flat = " ".join(text.split())
    return flat if len(flat) <= length else flat[:length - 1].rstrip() + "…"


class CaptureSession(QObject):
    """Names, clock and undoable operations of one session's capture."""

    notes_changed = Signal(object)  # Changes that touch notes, sent after the names are fresh
    labels_changed = Signal(bool)  # True when names already shown changed (not only added)
    clock_changed = Signal()
    session_gone = Signal()
    imported = Signal(list)  # the Notes an import added, once they are in the lists

    def __init__(self, ctx: AppContext, session_id: str, *, now: Clock = time.time,
                 settings: QSettings | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.store, self.session_id = ctx, ctx.store, session_id
        self._now = now
        self._settings = settings or QSettings(config.APP_AUTHOR, config.APP_NAME)
        self.session = sessions.get_session(self.store, session_id)
        self.labels = NoteLabels.load(self.store, self.session)
        # Notes this session has just committed, while their change-set is announced: the
        # lists take them from here instead of reading back what was written a moment ago.
        self.just_saved: dict[str, Note] = {}
        # Notes this session is changing (tagged, starred, edited) while their change-set is
        # announced: the lists keep them in sight even when the filter now leaves them out.
        self.just_changed: set[str] = set()
        self._asked_reopen = False
        self._load_people_and_blocks()
        saved = self._settings.value(self._clock_key)
        state = SessionClock.state_from(json.loads(saved) if isinstance(saved, str) else None)
        self.clock = SessionClock([b.minutes for b in self.blocks], now, state)
        ctx.bus.changed.connect(self._changed)

    @property
    def settings(self) -> QSettings:
        """Where capture remembers things between runs (the clock, scribe mode's place)."""
        return self._settings

    @property
    def _clock_key(self) -> str:
        return f"capture/clock/{self.session_id}"

    def _load_people_and_blocks(self) -> None:
        self.people = [p.participant for p in
                       participants.list_session_participants(self.store, self.session_id)]
        self.blocks = sorted(self.labels.blocks.values(), key=lambda b: b.position)
        self._plan = agenda.session_schedule(self.store, self.session_id)

    # --- what is typed -----------------------------------------------------------------------

    def parse(self, text: str) -> capture.ParsedNote:
        """Read `@Name:`, `/kind` and `#tags`; InvalidInput for a `/word` that names two kinds."""
        return capture.parse_note_text(text, self.labels.areas.values(), self.people)

    def speakers(self) -> list[str]:
        """Names to complete after `@`: labels used here (latest first), then the participants."""
        names = capture.speaker_labels(self.store, self.session_id) + [p.name for p in self.people]
        return list({n.casefold(): n for n in reversed(names)}.values())[::-1]

    def tag_words(self) -> list[tuple[str, str]]:
        """(word, what it means) to complete after `#`: focus area slugs first, then free tags."""
        areas = [(a.slug, self.labels.area_chip(a.id).text) for a in
                 sorted(self.labels.areas.values(), key=lambda a: (a.key or 99, a.name))
                 if not a.retired]
        return areas + [(name, "free tag") for name in sorted(self.labels.tags.values())]

    # --- the clock and the agenda --------------------------------------------------------------

    def scheduled_block(self) -> AgendaItem | None:
        """The block the planned times put now in, when the clock has not chosen one."""
        return self._plan.block_at(datetime.fromtimestamp(self._now()).astimezone())

    def planned_starts(self) -> dict[str, datetime]:
        """When each block starts by the plan, by block id."""
        return {laid.item.id: laid.starts for laid in self._plan.items}

    def current_block(self) -> AgendaItem | None:
        """The block a note is stamped with: the one being run, else the planned one."""
        index = self.clock.block_index
        if index is not None and index < len(self.blocks):
            return self.blocks[index]
        return self.scheduled_block()

    def clock_action(self, action: Callable[[], Any]) -> None:
        """Start, pause, stop or move the clock, then remember it in case the app restarts."""
        action()
        self._settings.setValue(self._clock_key, json.dumps(self.clock.to_dict()))
        self.clock_changed.emit()

    def step_block(self, direction: int) -> None:
        def step() -> None:
            if self.clock.block_index is None and (planned := self.scheduled_block()):
                self.clock.go_to_block(self.blocks.index(planned) + direction)
            else:
                self.clock.step(direction)
        self.clock_action(step)

    # --- operations, each undoable -------------------------------------------------------------

    def save(self, draft: NoteDraft, parent: QWidget | None, *,
             stamp_block: bool = True) -> Note | None:
        """Commit one note (stamped with the current block) before anything shows it as saved."""
        block = self.current_block() if stamp_block else None
        store, session_id = self.store, self.session_id

        def create() -> tuple[Note, Changes]:
            note, changes = capture.add_note(
                store, session_id, draft.text, kind=draft.kind, focus_area_ids=draft.focus_area_ids,
                tags=draft.tags, speaker=draft.speaker, starred=draft.starred,
                agenda_item_id=draft.agenda_item_id or (block.id if block else None),
                created_at=draft.created_at)
            self.just_saved[note.id] = note
            return note, changes

        try:
            note = push_create(self.ctx, parent, f"Add note '{short(draft.text)}'", create,
                               lambda note_id: capture.delete_note(store, note_id))
        finally:
            self.just_saved.clear()
        if note is not None:
            self.ctx.bus.status.emit(f"Saved: {short(note.text, 60)}")
        return note

    def save_many(self, drafts: Sequence[NoteDraft], parent: QWidget | None, title: str, *,
                  stamp_block: bool = True) -> list[Note]:
        """Several notes as one operation and one undo step: all of them, or (refused) none."""
        block = self.current_block() if stamp_block else None
        if block is not None:
            drafts = [d if d.agenda_item_id else replace(d, agenda_item_id=block.id)
                      for d in drafts]
        store, session_id = self.store, self.session_id

        def create() -> tuple[list[Note], Changes]:
            notes, changes = capture.add_notes(store, session_id, drafts)
            self.just_saved.update((note.id, note) for note in notes)
            return notes, changes

        try:
            return push_creates(self.ctx, parent, title, create,
                                lambda ids: capture.delete_notes(store, ids)) or []
        finally:
            self.just_saved.clear()

    def import_notes(self, notes: Sequence[ImportedNote], file_name: str, *,
                     then: Callable[[list[Note]], object],
                     refused: Callable[[BaseException], object],
                     owner: QObject) -> Task:
        """Save a file's notes on the task manager: one operation, one undo step, all or none.

        The undo step is pushed when the notes are in, even if `owner` (the import dialog) has
        gone meanwhile; `then` and `refused` are told only while it is still there.
        """
        ctx, store, session_id = self.ctx, self.store, self.session_id
        chosen = list(notes)
        text = f"Import {len(chosen):,} notes from {file_name}"

        def work(_progress: Progress) -> tuple[list[Note], Changes]:
            return capture.import_notes(store, session_id, chosen)

        def done(outcome: tuple[list[Note], Changes]) -> None:
            saved = outcome[0]
            if saved:
                ctx.undo_stack.push(creations_command(
                    ctx, text, [n.id for n in saved], lambda ids: capture.delete_notes(store, ids)))
            ctx.bus.status.emit(f"Added {len(saved):,} note{'s' * (len(saved) != 1)} from "
                                f"{file_name}.")
            if saved:
                self.imported.emit(saved)
            if shiboken6.isValid(owner):
                then(saved)

        def failed(error: BaseException) -> None:
            if shiboken6.isValid(owner):
                refused(error)
            else:
                ctx.tasks.handle_error(error)

        return ctx.tasks.run(work, done, failed,
                             label=f"Importing {len(chosen):,} notes from {file_name}")

    def ask_to_reopen(self) -> bool:
        """Whether to offer reopening the session: it is marked done, and this is the first
        time a note is captured into it here (the question is asked once)."""
        if self._asked_reopen or self.session.status != SessionStatus.DONE:
            return False
        self._asked_reopen = True
        return True

    def reopen(self, parent: QWidget | None) -> bool:
        """Mark the session live again: one operation of the sessions service, one undo step."""
        if self.session.status != SessionStatus.DONE:
            return False
        done = push_update(self.ctx, parent, f"Reopen session '{short(self.session.title)}'",
                           sessions.update_session, self.session_id,
                           {"status": SessionStatus.LIVE}, {"status": SessionStatus.DONE})
        if done is not None:
            self.ctx.bus.status.emit(f"Reopened '{self.session.title}': it is live again.")
        return done is not None

    def delete(self, note_ids: Sequence[str], parent: QWidget | None) -> int:
        """Delete the notes as one operation and one undo step; how many were deleted."""
        ids, store = list(note_ids), self.store
        if not ids:
            return 0
        what = "Delete note" if len(ids) == 1 else f"Delete {len(ids)} notes"
        done = push_delete(self.ctx, parent, what, lambda: capture.delete_notes(store, ids))
        return len(ids) if done else 0

    def _changing(self, note_ids: Iterable[str], edit: Callable[[], Any]) -> Any:
        """Run an edit of these notes with them marked as changed here, for the lists."""
        self.just_changed.update(note_ids)
        try:
            return edit()
        finally:
            self.just_changed.clear()

    def toggle_area(self, note_ids: Sequence[str], area_id: str, parent: QWidget | None) -> bool:
        """Tag the notes with the focus area, or untag them when all of them have it already."""
        before = capture.notes_by_ids(self.store, note_ids)
        if not before:
            return False
        remove = all(area_id in n.focus_area_ids for n in before)
        # Every note chosen goes to the service: one gone meanwhile refuses the whole action.
        ids, store = list(dict.fromkeys(note_ids)), self.store
        name = self.labels.area_chip(area_id).text
        what = f"{'Untag' if remove else 'Tag'} {len(ids)} note{'s' * (len(ids) > 1)} " \
               f"{'from' if remove else 'with'} {name}"
        done = self._changing(ids, lambda: push_edit(
            self.ctx, parent, what,
            lambda: capture.retag_notes(store, ids, **{
                "remove_focus_areas" if remove else "add_focus_areas": [area_id]}),
            lambda: capture.restore_notes(store, before)))
        if done is not None:
            self.ctx.bus.status.emit(f"{'Untagged' if remove else 'Tagged'} {len(ids)} "
                                     f"note{'s' * (len(ids) > 1)} {'from' if remove else 'with'} "
                                     f"{name}.")
        return done is not None

    def toggle_star(self, note_ids: Sequence[str], parent: QWidget | None) -> bool:
        """Star the notes, or unstar them when all are starred: one operation, one undo step."""
        before = capture.notes_by_ids(self.store, note_ids)
        if not before:
            return False
        star = not all(n.starred for n in before)
        ids, store = list(dict.fromkeys(note_ids)), self.store
        what = f"{'Star' if star else 'Unstar'} {len(ids)} note{'s' * (len(ids) > 1)}"
        done = self._changing(ids, lambda: push_edit(
            self.ctx, parent, what, lambda: capture.set_starred(store, ids, star),
            lambda: capture.restore_notes(store, before)))
        if done is not None:
            self.ctx.bus.status.emit(f"{'Starred' if star else 'Unstarred'} {len(ids)} "
                                     f"note{'s' * (len(ids) > 1)}.")
        return done is not None

    def edit_text(self, note_id: str, text: str, parent: QWidget | None) -> bool:
        """New text for a note, read like a typed note: its #tags add, @Name: and /kind set."""
        parsed = self.ctx.attempt(parent, lambda: self.parse(text))
        if parsed is None or not parsed.text:
            return False
        before = capture.get_note(self.store, note_id)
        fields: dict[str, Any] = {"text": parsed.text}
        if parsed.kind:
            fields["kind"] = parsed.kind
        if parsed.speaker:
            fields["speaker"] = parsed.speaker
        store = self.store
        return self._changing([note_id], lambda: push_edit(
            self.ctx, parent, f"Edit note '{short(parsed.text)}'",
            lambda: capture.edit_note(store, note_id, add_focus_areas=parsed.focus_area_ids,
                                      add_tags=parsed.tag_names, **fields),
            lambda: capture.restore_notes(store, [before]))) is not None

    def link_into(self, note_id: str, area_ids: Iterable[str], tags: Iterable[str],
                  parent: QWidget | None) -> bool:
        """Instead of a near-duplicate: give the earlier note these tags and star it."""
        before = capture.get_note(self.store, note_id)
        store, areas, names = self.store, tuple(area_ids), tuple(tags)
        return self._changing([note_id], lambda: push_edit(
            self.ctx, parent, f"Link to note '{short(before.text)}'",
            lambda: capture.edit_note(store, note_id, add_focus_areas=areas, add_tags=names,
                                      starred=True),
            lambda: capture.restore_notes(store, [before]))) is not None

    # --- keeping in step -----------------------------------------------------------------------

    def _changed(self, changes: Changes) -> None:
        if self.session_id in changes.deleted.get("session", ()):
            self.session_gone.emit()
            return
        session_changed = self.session_id in changes.updated.get("session", ())
        if session_changed or any(changes.touches(e) for e in _NAME_ENTITIES):
            if session_changed:
                self.session = sessions.get_session(self.store, self.session_id)
            fresh = NoteLabels.load(self.store, self.session)
            self.labels.__dict__.update(fresh.__dict__)  # models hold this very object
            self._load_people_and_blocks()
            self.clock.set_blocks([b.minutes for b in self.blocks])
            renamed = session_changed or any(
                e in part for part in (changes.updated, changes.deleted) for e in _NAME_ENTITIES)
            self.labels_changed.emit(renamed)
            self.clock_changed.emit()
        if any(changes.touches(e) for e in _NOTE_ENTITIES):
            self.notes_changed.emit(changes)
