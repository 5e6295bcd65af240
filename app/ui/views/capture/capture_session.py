"""One session's live capture, shared by the capture view and scribe mode.

It holds what both windows need (the names notes refer to, the session clock, the current
agenda block) and performs every capture operation as an undoable command on the one undo
stack, so a note saved, retagged or deleted in one window is the same in the other.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtWidgets import QWidget

from app import config
from app.models import AgendaItem, Changes, Note, NoteKind
from app.services import capture
from app.services.planning import agenda, participants, sessions
from app.ui.commands import push_create, push_delete, push_edit
from app.ui.context import AppContext
from app.ui.item_models.note_cards import NoteLabels
from app.ui.views.capture.session_clock import Clock, SessionClock

_NOTE_ENTITIES = ("note", "note_focus_area", "note_tag")
_NAME_ENTITIES = ("focus_area", "free_tag", "participant", "agenda_item", "invitation")


@dataclass(frozen=True)
class NoteDraft:
    """A note about to be saved, as the capture service takes it."""

    text: str
    kind: NoteKind | None = None
    focus_area_ids: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    speaker: str | None = None
    starred: bool = False


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
        self._load_people_and_blocks()
        saved = self._settings.value(self._clock_key)
        state = SessionClock.state_from(json.loads(saved) if isinstance(saved, str) else None)
        self.clock = SessionClock([b.minutes for b in self.blocks], now, state)
        ctx.bus.changed.connect(self._changed)

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
        now = datetime.fromtimestamp(self._now()).astimezone()
        return next((laid.item for laid in self._plan.items if laid.starts <= now < laid.ends),
                    None)

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
                agenda_item_id=block.id if block else None)
            self.just_saved[note.id] = note
            return note, changes

        try:
            return push_create(self.ctx, parent, f"Add note '{short(draft.text)}'", create,
                               lambda note_id: capture.delete_note(store, note_id))
        finally:
            self.just_saved.clear()

    def save_many(self, drafts: Sequence[NoteDraft], parent: QWidget | None, title: str, *,
                  stamp_block: bool = True) -> int:
        """Several notes as one undo step; returns how many were saved."""
        saved = 0
        self.ctx.undo_stack.beginMacro(title)
        try:
            for draft in drafts:
                saved += self.save(draft, parent, stamp_block=stamp_block) is not None
        finally:
            self.ctx.undo_stack.endMacro()
        return saved

    def delete(self, note_ids: Sequence[str], parent: QWidget | None) -> int:
        store = self.store
        if len(note_ids) > 1:
            self.ctx.undo_stack.beginMacro(f"Delete {len(note_ids)} notes")
        try:
            return sum(push_delete(self.ctx, parent, "Delete note",
                                   lambda i=note_id: capture.delete_note(store, i))
                       for note_id in note_ids)
        finally:
            if len(note_ids) > 1:
                self.ctx.undo_stack.endMacro()

    def toggle_area(self, note_ids: Sequence[str], area_id: str, parent: QWidget | None) -> bool:
        """Tag the notes with the focus area, or untag them when all of them have it already."""
        before = capture.notes_by_ids(self.store, note_ids)
        if not before:
            return False
        remove = all(area_id in n.focus_area_ids for n in before)
        ids, store = [n.id for n in before], self.store
        name = self.labels.area_chip(area_id).text
        what = f"{'Untag' if remove else 'Tag'} {len(ids)} note{'s' * (len(ids) > 1)} " \
               f"{'from' if remove else 'with'} {name}"
        done = push_edit(self.ctx, parent, what,
                         lambda: capture.retag_notes(store, ids, **{
                             "remove_focus_areas" if remove else "add_focus_areas": [area_id]}),
                         lambda: capture.restore_notes(store, before))
        if done is not None:
            self.ctx.bus.status.emit(f"{what}.")
        return done is not None

    def toggle_star(self, note_ids: Sequence[str], parent: QWidget | None) -> bool:
        before = capture.notes_by_ids(self.store, note_ids)
        if not before:
            return False
        star = not all(n.starred for n in before)
        store = self.store

        def star_all() -> Changes:
            changes = Changes()
            for note in before:
                changes = changes | capture.edit_note(store, note.id, starred=star)[1]
            return changes

        what = f"{'Star' if star else 'Unstar'} {len(before)} note{'s' * (len(before) > 1)}"
        return push_edit(self.ctx, parent, what, star_all,
                         lambda: capture.restore_notes(store, before)) is not None

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
        return push_edit(self.ctx, parent, f"Edit note '{short(parsed.text)}'",
                         lambda: capture.edit_note(store, note_id, add_focus_areas=parsed.focus_area_ids,
                                                   add_tags=parsed.tag_names, **fields),
                         lambda: capture.restore_notes(store, [before])) is not None

    def link_into(self, note_id: str, area_ids: Iterable[str], tags: Iterable[str],
                  parent: QWidget | None) -> bool:
        """Instead of a near-duplicate: give the earlier note these tags and star it."""
        before = capture.get_note(self.store, note_id)
        store, areas, names = self.store, tuple(area_ids), tuple(tags)
        return push_edit(self.ctx, parent, f"Link to note '{short(before.text)}'",
                         lambda: capture.edit_note(store, note_id, add_focus_areas=areas,
                                                   add_tags=names, starred=True),
                         lambda: capture.restore_notes(store, [before])) is not None

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
