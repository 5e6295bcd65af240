"""Random sequences of Cairn's operations on a real store: the store rebuilt from its change log
alone always equals the store.

Each rule is one user operation, called as the app calls it; a refusal (a `CairnError`, or an
undo whose record's parent has gone since) must leave the store and the log as they were, so
it is allowed. After every step the log is replayed into an empty store and compared with the
live one, record by record.
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule
from sqlalchemy import select

from app.models import (
    ActionStatus,
    CairnError,
    EvidenceKind,
    Note,
    NoteDraft,
    NoteKind,
    SessionStatus,
)
from app.services import capture
from app.services.capture.note_import import ImportedNote
from app.services.core import history
from app.services.core.records import Snapshot
from app.services.planning import (
    agenda,
    focus_areas,
    participants,
    sessions,
    systems,
    templates,
)
from app.services.sensemaking import actions, evidence, recurring, suggestions, themes, votes
from app.services.sensemaking.board_undo import Undo, revert
from app.services.sensemaking.ris import Reference
from app.store.engine import open_store
from app.store.replay import replay
from app.store.tables import (
    ActionRow,
    AgendaItemRow,
    EvidenceRow,
    FocusAreaRow,
    FreeTagRow,
    InvitationRow,
    LearningSystemRow,
    NoteRow,
    ParticipantRow,
    RecurringThemeRow,
    SessionRow,
    ThemeRow,
)

WORDS = st.sampled_from(["ferry", "Trust", "housing", "Café", "respite", "digital", "rural"])
TITLES = st.lists(WORDS, min_size=1, max_size=3).map(" ".join)
ZONES = st.sampled_from([UTC, timezone(timedelta(hours=1)),
                         timezone(timedelta(hours=-5, minutes=-30))])
TIMES = st.builds(lambda day, minute, micro, zone: datetime(2026, 12, 1, tzinfo=zone)
                  + timedelta(days=day, minutes=minute, microseconds=micro),
                  st.integers(0, 30), st.integers(0, 600), st.integers(0, 999_999), ZONES)
NAMES = st.sampled_from(["Ailsa Example", "Ruaridh Test", "Morag Sample", "Iain Madeup"])


class ReplayMachine(RuleBasedStateMachine):
    """Operations on one store; after each, replay must rebuild it exactly."""

    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="cairn-machine-"))
        self.store = open_store(self.folder / "data", author="Machine")
        self.snapshots: list[Snapshot] = []
        self.notes_before: list[list[Note]] = []
        self.added: list[list[str]] = []  # notes added by one bulk operation, for its undo
        self.board_undos: list[Undo] = []  # theme board operations' undos (and redos)
        self.imported: list[list[str]] = []  # evidence added by one import, for its undo

    def teardown(self) -> None:
        self.store.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    @initialize(starts=TIMES)
    def start_with_a_planned_session(self, starts: datetime) -> None:
        """Most operations need a system and a session: every run starts with one of each."""
        system, _ = systems.create_system(self.store, "Island system")
        session, _ = sessions.create_session(self.store, system.id, "Workshop", starts)
        agenda.append_items(self.store, session.id, [{"title": "Welcome", "minutes": 10},
                                                     {"title": "Breakouts", "minutes": 30}])
        participants.add_to_session(self.store, session.id, "Ailsa Example")

    # --- helpers ---------------------------------------------------------------------------

    def _ids(self, row_type: Any, **where: str) -> list[str]:
        with self.store.read() as s:
            q = select(row_type.id)
            for column, value in where.items():
                q = q.where(getattr(row_type, column) == value)
            return sorted(s.scalars(q.order_by(row_type.id)))

    def _pick(self, data: st.DataObject, row_type: Any, **where: str) -> str | None:
        ids = self._ids(row_type, **where)
        return data.draw(st.sampled_from(ids)) if ids else None

    def _system_of_session(self, session_id: str) -> str:
        with self.store.read() as s:
            return s.get(SessionRow, session_id).system_id  # type: ignore[union-attr]

    def _try(self, operation: Any, *args: Any, **kwargs: Any) -> Any:
        """Run one operation; a refusal is allowed (it must have changed nothing)."""
        try:
            return operation(self.store, *args, **kwargs)
        except CairnError:
            return None

    def _keep(self, done: Any) -> None:
        if done is not None:
            self.snapshots.append(done[0])

    # --- learning systems, sessions --------------------------------------------------------

    @rule(name=st.sampled_from(["Island system", "Highland system"]), purpose=TITLES)
    def create_system(self, name: str, purpose: str) -> None:
        self._try(systems.create_system, name, purpose=purpose)

    @rule(data=st.data(), principles=TITLES)
    def update_system(self, data: st.DataObject, principles: str) -> None:
        if system_id := self._pick(data, LearningSystemRow):
            self._try(systems.update_system, system_id, principles=principles)

    @rule(data=st.data(), rarely=st.integers(0, 3))
    def delete_system(self, data: st.DataObject, rarely: int) -> None:
        # One step in four that would empty the store: the other rules need records to work on.
        if not rarely and (system_id := self._pick(data, LearningSystemRow)):
            self._keep(self._try(systems.delete_system, system_id))

    @rule(data=st.data(), title=TITLES, starts=TIMES, minutes=st.integers(5, 240))
    def create_session(self, data: st.DataObject, title: str, starts: datetime,
                       minutes: int) -> None:
        if system_id := self._pick(data, LearningSystemRow):
            self._try(sessions.create_session, system_id, title, starts, minutes=minutes)

    @rule(data=st.data(), starts=TIMES, status=st.sampled_from(list(SessionStatus)))
    def update_session(self, data: st.DataObject, starts: datetime, status: SessionStatus) -> None:
        if session_id := self._pick(data, SessionRow):
            self._try(sessions.update_session, session_id, starts=starts, status=status)

    @rule(data=st.data())
    def delete_session(self, data: st.DataObject) -> None:
        if session_id := self._pick(data, SessionRow):
            self._keep(self._try(sessions.delete_session, session_id))

    @rule(data=st.data(), starts=TIMES,
          template=st.sampled_from([t.id for t in templates.builtin_templates()]))
    def plan_from_template(self, data: st.DataObject, starts: datetime, template: str) -> None:
        if system_id := self._pick(data, LearningSystemRow):
            self._try(templates.plan_from_template, system_id, template, "", starts)

    @rule(data=st.data(), name=TITLES)
    def save_as_template(self, data: st.DataObject, name: str) -> None:
        if session_id := self._pick(data, SessionRow):
            self._try(templates.save_as_template, session_id, name)

    # --- agenda blocks ---------------------------------------------------------------------

    @rule(data=st.data(), title=TITLES, minutes=st.integers(1, 60),
          index=st.none() | st.integers(0, 6))
    def add_block(self, data: st.DataObject, title: str, minutes: int, index: int | None) -> None:
        if session_id := self._pick(data, SessionRow):
            areas = self._ids(FocusAreaRow, system_id=self._system_of_session(session_id))
            chosen = data.draw(st.lists(st.sampled_from(areas), unique=True, max_size=2)
                               if areas else st.just([]))
            self._try(agenda.add_item, session_id, title, minutes, index=index,
                      focus_area_ids=chosen, prompt=title)

    @rule(data=st.data(), minutes=st.integers(1, 60), title=TITLES)
    def edit_block(self, data: st.DataObject, minutes: int, title: str) -> None:
        if item_id := self._pick(data, AgendaItemRow):
            self._try(agenda.update_item, item_id, minutes=minutes, title=title,
                      focus_area_ids=())

    @rule(data=st.data(), index=st.integers(-1, 6))
    def move_block(self, data: st.DataObject, index: int) -> None:
        if item_id := self._pick(data, AgendaItemRow):
            self._try(agenda.move_item, item_id, index)

    @rule(data=st.data())
    def remove_block(self, data: st.DataObject) -> None:
        if item_id := self._pick(data, AgendaItemRow):
            self._keep(self._try(agenda.remove_item, item_id))

    # --- focus areas and free tags ---------------------------------------------------------

    @rule(data=st.data(), name=TITLES)
    def add_focus_area(self, data: st.DataObject, name: str) -> None:
        if system_id := self._pick(data, LearningSystemRow):
            self._try(focus_areas.add_focus_area, system_id, name)

    @rule(data=st.data(), name=TITLES, retired=st.booleans(), key=st.none() | st.integers(1, 9))
    def edit_focus_area(self, data: st.DataObject, name: str, retired: bool,
                        key: int | None) -> None:
        if area_id := self._pick(data, FocusAreaRow):
            self._try(focus_areas.update_focus_area, area_id, name=name, retired=retired,
                      key=key)

    @rule(data=st.data())
    def reorder_focus_areas(self, data: st.DataObject) -> None:
        if system_id := self._pick(data, LearningSystemRow):
            areas = [a.id for a in focus_areas.list_focus_areas(self.store, system_id)]
            self._try(focus_areas.reorder_focus_areas, system_id,
                      data.draw(st.permutations(areas)))

    @rule(data=st.data())
    def delete_focus_area(self, data: st.DataObject) -> None:
        if area_id := self._pick(data, FocusAreaRow):
            self._keep(self._try(focus_areas.delete_focus_area, area_id))

    @rule(data=st.data(), name=WORDS)
    def add_tag(self, data: st.DataObject, name: str) -> None:
        if system_id := self._pick(data, LearningSystemRow):
            self._try(focus_areas.add_tag, system_id, name)

    @rule(data=st.data(), name=WORDS)
    def rename_tag(self, data: st.DataObject, name: str) -> None:
        if tag_id := self._pick(data, FreeTagRow):
            self._try(focus_areas.rename_tag, tag_id, name + "s")

    @rule(data=st.data())
    def delete_tag(self, data: st.DataObject) -> None:
        if tag_id := self._pick(data, FreeTagRow):
            self._keep(self._try(focus_areas.delete_tag, tag_id))

    # --- participants ----------------------------------------------------------------------

    @rule(data=st.data(), name=NAMES)
    def add_participant(self, data: st.DataObject, name: str) -> None:
        if system_id := self._pick(data, LearningSystemRow):
            self._try(participants.add_participant, system_id, name, sector="housing")

    @rule(data=st.data(), may=st.booleans())
    def invite(self, data: st.DataObject, may: bool) -> None:
        session_id = self._pick(data, SessionRow)
        if session_id and (person := self._pick(
                data, ParticipantRow, system_id=self._system_of_session(session_id))):
            self._try(participants.invite, session_id, person, may_name=may, may_quote=not may)

    @rule(data=st.data())
    def uninvite(self, data: st.DataObject) -> None:
        if invitation_id := self._pick(data, InvitationRow):
            self._keep(self._try(participants.uninvite, invitation_id))

    @rule(data=st.data(), people=st.lists(st.tuples(NAMES, st.booleans()), max_size=3))
    def import_to_session(self, data: st.DataObject, people: list[tuple[str, bool]]) -> None:
        if session_id := self._pick(data, SessionRow):
            self._try(participants.import_to_session, session_id, [
                {"name": name, "email": name.split()[0].lower() + "@example.org",
                 "may_email": may, "attended": may} for name, may in people])

    # --- notes -----------------------------------------------------------------------------

    @rule(data=st.data(), text=TITLES, tags=st.lists(WORDS, max_size=2), starred=st.booleans(),
          kind=st.sampled_from(list(NoteKind)), at=TIMES)
    def add_note(self, data: st.DataObject, text: str, tags: list[str], starred: bool,
                 kind: NoteKind, at: datetime) -> None:
        if not (session_id := self._pick(data, SessionRow)):
            return
        block = self._pick(data, AgendaItemRow, session_id=session_id)
        speaker = data.draw(st.none() | NAMES | st.just("Housing officer"))
        self._try(capture.add_note, session_id, text, tags=tags, starred=starred, kind=kind,
                  speaker=speaker, agenda_item_id=data.draw(st.sampled_from([None, block])),
                  created_at=at)

    @rule(data=st.data(), text=TITLES, add=st.lists(WORDS, max_size=2),
          remove=st.lists(WORDS, max_size=2), starred=st.none() | st.booleans())
    def edit_note(self, data: st.DataObject, text: str, add: list[str], remove: list[str],
                  starred: bool | None) -> None:
        if note_id := self._pick(data, NoteRow):
            self.notes_before.append(capture.notes_by_ids(self.store, [note_id]))
            self._try(capture.edit_note, note_id, text=text, add_tags=add, remove_tags=remove,
                      starred=starred, speaker=None)

    @rule(data=st.data(), add=st.lists(WORDS, max_size=2), remove=st.lists(WORDS, max_size=2))
    def retag_notes(self, data: st.DataObject, add: list[str], remove: list[str]) -> None:
        if not (session_id := self._pick(data, SessionRow)):
            return
        ids = self._ids(NoteRow, session_id=session_id)
        chosen = data.draw(st.lists(st.sampled_from(ids), unique=True, max_size=4)) if ids else []
        areas = self._ids(FocusAreaRow, system_id=self._system_of_session(session_id))
        area = data.draw(st.sampled_from(areas)) if areas else None
        self.notes_before.append(capture.notes_by_ids(self.store, chosen))
        self._try(capture.retag_notes, chosen, add_tags=add, remove_tags=remove,
                  add_focus_areas=[area] if area else [])

    @rule(data=st.data())
    def delete_note(self, data: st.DataObject) -> None:
        if note_id := self._pick(data, NoteRow):
            self._keep(self._try(capture.delete_note, note_id))

    # --- bulk operations: one call, one transaction, whole or not at all ---------------------

    @rule(data=st.data(), texts=st.lists(TITLES, min_size=1, max_size=5),
          tags=st.lists(WORDS, max_size=2), stamp=st.booleans())
    def add_notes(self, data: st.DataObject, texts: list[str], tags: list[str],
                  stamp: bool) -> None:
        """Pasted lines saved as notes; sometimes one of them names a focus area of another
        system, which must refuse the lot."""
        if not (session_id := self._pick(data, SessionRow)):
            return
        foreign = self._ids(FocusAreaRow)
        spoil = data.draw(st.booleans()) and foreign
        drafts = [NoteDraft(text=text, tags=tuple(tags),
                            focus_area_ids=(data.draw(st.sampled_from(foreign)),)
                            if spoil and n == len(texts) - 1 else ())
                  for n, text in enumerate(texts)]
        done = self._try(capture.add_notes, session_id, drafts, stamp_block=stamp)
        if done is not None:
            self.added.append([note.id for note in done[0]])

    @rule(data=st.data(), lines=st.lists(st.tuples(TITLES, st.none() | NAMES), min_size=1,
                                         max_size=5))
    def import_notes(self, data: st.DataObject, lines: list[tuple[str, str | None]]) -> None:
        if not (session_id := self._pick(data, SessionRow)):
            return
        notes = [ImportedNote(text=f"{text} #{text.split()[0]}", speaker=speaker or "",
                              source=f"line {n + 1}", line=n + 1)
                 for n, (text, speaker) in enumerate(lines)]
        done = self._try(capture.import_notes, session_id, notes)
        if done is not None:
            self.added.append([note.id for note in done[0]])

    @rule()
    def undo_added_notes(self) -> None:
        """Undo of a paste or an import: one delete of all its notes, itself undoable."""
        if self.added:
            self._keep(self._try(capture.delete_notes, self.added.pop()))

    @rule(data=st.data())
    def delete_notes(self, data: st.DataObject) -> None:
        if not (session_id := self._pick(data, SessionRow)):
            return
        ids = self._ids(NoteRow, session_id=session_id)
        chosen = data.draw(st.lists(st.sampled_from(ids), unique=True, max_size=5)) if ids else []
        self._keep(self._try(capture.delete_notes, chosen))

    @rule(data=st.data(), starred=st.booleans())
    def set_starred(self, data: st.DataObject, starred: bool) -> None:
        ids = self._ids(NoteRow)
        chosen = data.draw(st.lists(st.sampled_from(ids), unique=True, max_size=5)) if ids else []
        self.notes_before.append(capture.notes_by_ids(self.store, chosen))
        self._try(capture.set_starred, chosen, starred)

    @rule(data=st.data(), may=st.booleans())
    def invite_many(self, data: st.DataObject, may: bool) -> None:
        if not (session_id := self._pick(data, SessionRow)):
            return
        people = self._ids(ParticipantRow)  # of any system: another's refuses the lot
        chosen = data.draw(st.lists(st.sampled_from(people), unique=True, max_size=3)) \
            if people else []
        self._try(participants.invite_many, session_id, chosen, may_email=may)

    # --- the theme board and dot votes ------------------------------------------------------

    def _board(self, done: Any) -> None:
        if done is not None:
            self.board_undos.append(done[0].undo)

    def _some_notes(self, data: st.DataObject, session_id: str | None = None) -> list[str]:
        ids = self._ids(NoteRow, session_id=session_id) if session_id else self._ids(NoteRow)
        return data.draw(st.lists(st.sampled_from(ids), unique=True, max_size=4)) if ids else []

    @rule(data=st.data(), title=TITLES, index=st.none() | st.integers(0, 4))
    def create_theme(self, data: st.DataObject, title: str, index: int | None) -> None:
        if session_id := self._pick(data, SessionRow):
            areas = self._ids(FocusAreaRow, system_id=self._system_of_session(session_id))
            chosen = data.draw(st.lists(st.sampled_from(areas), unique=True, max_size=2)
                               if areas else st.just([]))
            self._board(self._try(themes.create_theme, session_id, title,
                                  self._some_notes(data, session_id), index=index,
                                  focus_area_ids=chosen))

    @rule(data=st.data(), title=st.none() | TITLES, synthesis=st.none() | TITLES)
    def update_theme(self, data: st.DataObject, title: str | None, synthesis: str | None) -> None:
        if theme_id := self._pick(data, ThemeRow):
            self._board(self._try(themes.update_theme, theme_id, title=title,
                                  synthesis=synthesis))

    @rule(data=st.data(), to_tray=st.booleans())
    def move_notes(self, data: st.DataObject, to_tray: bool) -> None:
        # Notes of any session: one of another session refuses the lot.
        theme_id = None if to_tray else self._pick(data, ThemeRow)
        self._board(self._try(themes.move_notes, self._some_notes(data), theme_id))

    @rule(data=st.data())
    def merge_themes(self, data: st.DataObject) -> None:
        keep, other = self._pick(data, ThemeRow), self._pick(data, ThemeRow)
        if keep and other:
            self._board(self._try(themes.merge_themes, keep, other))

    @rule(data=st.data(), title=TITLES)
    def split_notes(self, data: st.DataObject, title: str) -> None:
        if theme_id := self._pick(data, ThemeRow):
            notes = self._ids(NoteRow, theme_id=theme_id)
            chosen = data.draw(st.lists(st.sampled_from(notes), unique=True, min_size=1,
                                        max_size=3)) if notes else []
            self._board(self._try(themes.split_notes, chosen, title))

    @rule(data=st.data(), index=st.integers(-1, 5))
    def move_theme(self, data: st.DataObject, index: int) -> None:
        if theme_id := self._pick(data, ThemeRow):
            self._board(self._try(themes.move_theme, theme_id, index))

    @rule(data=st.data())
    def reorder_themes(self, data: st.DataObject) -> None:
        if session_id := self._pick(data, SessionRow):
            ids = self._ids(ThemeRow, session_id=session_id)
            self._board(self._try(themes.reorder_themes, session_id,
                                  data.draw(st.permutations(ids))))

    @rule(data=st.data())
    def delete_theme(self, data: st.DataObject) -> None:
        if theme_id := self._pick(data, ThemeRow):
            self._board(self._try(themes.delete_theme, theme_id))

    @rule(data=st.data())
    def tag_theme(self, data: st.DataObject) -> None:
        if theme_id := self._pick(data, ThemeRow):
            areas = self._ids(FocusAreaRow)  # of any system: another's refuses the lot
            chosen = data.draw(st.lists(st.sampled_from(areas), unique=True, max_size=3)
                               if areas else st.just([]))
            self._board(self._try(themes.set_focus_areas, theme_id, chosen))

    @rule(data=st.data(), count=st.integers(-3, 5))
    def vote(self, data: st.DataObject, count: int) -> None:
        if theme_id := self._pick(data, ThemeRow):
            self._board(self._try(votes.add_votes, theme_id, count))

    @rule(data=st.data())
    def accept_suggestion(self, data: st.DataObject) -> None:
        if session_id := self._pick(data, SessionRow):
            found = suggestions.suggest_themes(self.store, session_id, threshold=0.1)
            if found:
                self._board(self._try(suggestions.accept_suggestion, session_id,
                                      data.draw(st.sampled_from(found))))

    @rule(data=st.data(), title=st.none() | TITLES, join=st.booleans())
    def link_themes(self, data: st.DataObject, title: str | None, join: bool) -> None:
        # Themes of any sessions and systems: two of one session, or of two systems, refuse.
        into = self._pick(data, RecurringThemeRow) if join else None
        chosen = data.draw(st.lists(st.sampled_from(ids), unique=True, min_size=1, max_size=3)
                           if (ids := self._ids(ThemeRow)) else st.just([]))
        self._board(self._try(recurring.link_themes, chosen, title=title, into=into))

    @rule(data=st.data())
    def unlink_theme(self, data: st.DataObject) -> None:
        if theme_id := self._pick(data, ThemeRow):
            self._board(self._try(recurring.unlink_theme, theme_id))

    @rule(data=st.data(), title=TITLES, delete=st.booleans())
    def rename_or_delete_recurring(self, data: st.DataObject, title: str, delete: bool) -> None:
        if recurring_id := self._pick(data, RecurringThemeRow):
            self._board(self._try(recurring.delete_recurring, recurring_id) if delete
                        else self._try(recurring.rename_recurring, recurring_id, title))

    @rule(redo=st.booleans())
    def undo_board(self, redo: bool) -> None:
        """Undo the latest board operation (refused whole when what it needs has gone since),
        and sometimes redo it at once."""
        if self.board_undos:
            again = self._try(revert, self.board_undos.pop())
            if again is not None and redo:
                self._try(revert, again[0])
    # --- actions and evidence --------------------------------------------------------------

    def _themes(self, data: st.DataObject) -> list[str]:
        ids = self._ids(ThemeRow)  # of any system: another's refuses the operation
        return data.draw(st.lists(st.sampled_from(ids), unique=True, max_size=2)) if ids else []

    @rule(data=st.data(), what=TITLES, day=st.none() | st.integers(1, 28),
          status=st.sampled_from(list(ActionStatus)))
    def create_action(self, data: st.DataObject, what: str, day: int | None,
                      status: ActionStatus) -> None:
        if system_id := self._pick(data, LearningSystemRow):
            self._try(actions.create_action, system_id, what, owner="Carers centre",
                      due=date(2026, 12, day) if day else None, status=status,
                      theme_ids=self._themes(data))

    @rule(data=st.data(), what=TITLES, status=st.sampled_from(list(ActionStatus)),
          day=st.none() | st.integers(1, 28))
    def edit_action(self, data: st.DataObject, what: str, status: ActionStatus,
                    day: int | None) -> None:
        if action_id := self._pick(data, ActionRow):
            self._try(actions.update_action, action_id, what=what, status=status,
                      due=date(2027, 1, day) if day else None)

    @rule(data=st.data(), link=st.booleans())
    def link_action(self, data: st.DataObject, link: bool) -> None:
        if action_id := self._pick(data, ActionRow):
            self._try(actions.link_themes if link else actions.unlink_themes, action_id,
                      self._themes(data))

    @rule(data=st.data())
    def delete_action(self, data: st.DataObject) -> None:
        if action_id := self._pick(data, ActionRow):
            self._keep(self._try(actions.delete_action, action_id))

    @rule(data=st.data(), title=TITLES, kind=st.sampled_from(list(EvidenceKind)))
    def create_evidence(self, data: st.DataObject, title: str, kind: EvidenceKind) -> None:
        if system_id := self._pick(data, LearningSystemRow):
            self._try(evidence.create_evidence, system_id, title, kind=kind,
                      link="https://example.org/case", theme_ids=self._themes(data))

    @rule(data=st.data(), summary=TITLES, kind=st.sampled_from(list(EvidenceKind)))
    def edit_evidence(self, data: st.DataObject, summary: str, kind: EvidenceKind) -> None:
        if evidence_id := self._pick(data, EvidenceRow):
            self._try(evidence.update_evidence, evidence_id, summary=summary, kind=kind)

    @rule(data=st.data(), link=st.booleans())
    def link_evidence(self, data: st.DataObject, link: bool) -> None:
        if evidence_id := self._pick(data, EvidenceRow):
            self._try(evidence.link_themes if link else evidence.unlink_themes, evidence_id,
                      self._themes(data))

    @rule(data=st.data())
    def delete_evidence(self, data: st.DataObject) -> None:
        if evidence_id := self._pick(data, EvidenceRow):
            self._keep(self._try(evidence.delete_evidence, evidence_id))

    @rule(data=st.data(), titles=st.lists(TITLES, max_size=3))
    def import_references(self, data: st.DataObject, titles: list[str]) -> None:
        if system_id := self._pick(data, LearningSystemRow):
            done = self._try(evidence.import_references, system_id,
                             [Reference(n, EvidenceKind.PUBLICATION, t, citation="A (2021).")
                              for n, t in enumerate(titles, start=1)])
            if done is not None:
                self.imported.append([e.id for e in done[0]])

    @rule()
    def undo_import(self) -> None:
        if self.imported:
            self._keep(self._try(evidence.delete_many, self.imported.pop()))

    # --- undo ------------------------------------------------------------------------------

    @rule()
    def undo_delete(self) -> None:
        if self.snapshots:
            # Refused whole (a CairnError) when a parent of the record has gone since, or a
            # record made since takes its place.
            with contextlib.suppress(CairnError):
                history.restore(self.store, self.snapshots.pop())

    @rule()
    def undo_note_edit(self) -> None:
        if self.notes_before:
            self._try(capture.restore_notes, self.notes_before.pop())

    @invariant()
    def replay_rebuilds_the_store(self) -> None:
        found = replay(self.store)
        assert found.ok, (found.problems, [d.sentence() for d in found.differences])


ReplayMachine.TestCase.settings = settings(
    max_examples=40, stateful_step_count=40, deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
test_replay_matches_the_store_after_any_sequence = ReplayMachine.TestCase
