"""Random sequences of theme board operations on a real store: undoing each (latest first)
puts the board back exactly as it was, redoing it gives exactly what the operation gave, and
the store rebuilt from its change log always equals the store.

The replay machine (test_replay_state_machine.py) mixes these operations with every other one;
this one keeps to the board, so that merges, splits, deletes and their undos happen often.
"""

from __future__ import annotations

import shutil
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from app.models import CairnError
from app.services import capture
from app.services.planning import focus_areas, sessions, systems
from app.services.sensemaking import recurring, suggestions, themes, votes
from app.services.sensemaking.board_undo import Undo, revert
from app.services.sensemaking.recurring_query import list_recurring
from app.services.sensemaking.theme_query import list_themes
from app.store.engine import open_store
from app.store.replay import replay

TITLES = st.sampled_from(["Trust", "Ferries", "Digital", "Carers", "Grants"])
WORDS = ("ferries", "trust", "tablets", "grants")  # notes that share words, for suggestions
Board = tuple[Any, ...]


class BoardMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="cairn-board-"))
        self.store = open_store(self.folder / "data", author="Machine")
        self.done: list[tuple[Undo, Board, Board]] = []  # (undo, board before, board after)

    def teardown(self) -> None:
        self.store.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    @initialize()
    def two_sessions_with_notes(self) -> None:
        system, _ = systems.create_system(self.store, "Island system")
        self.system_id = system.id
        self.areas = [a.id for a in focus_areas.list_focus_areas(self.store, system.id)]
        self.sessions = [sessions.create_session(
            self.store, system.id, f"Workshop {n}", datetime(2026, 12, 1 + n, 10, tzinfo=UTC))[0].id
            for n in range(2)]
        self.notes: dict[str, list[str]] = {}
        for session_id in self.sessions:
            self.notes[session_id] = [capture.add_note(
                self.store, session_id, f"{WORDS[n % 4]} and {WORDS[n % 3]}",
                focus_area_ids=[self.areas[n % 3]])[0].id for n in range(6)]

    def _board(self) -> Board:
        boards = tuple(tuple((t.id, t.title, t.synthesis, t.votes, t.rank, t.focus_area_ids,
                              t.note_ids, t.recurring_id) for t in list_themes(self.store, s))
                       for s in self.sessions)
        recurs = tuple(sorted((r.id, r.theme.title, r.theme.theme_ids)
                              for r in list_recurring(self.store, self.system_id)))
        return boards, tuple(sorted((n.id, n.theme_id) for s in self.sessions
                                    for n in capture.list_notes(self.store, s))), recurs

    def _do(self, operation: Any, *args: Any, **kwargs: Any) -> None:
        before = self._board()
        try:
            done, _ = operation(self.store, *args, **kwargs)
        except CairnError:
            assert self._board() == before  # a refusal changes nothing
            return
        self.done.append((done.undo, before, self._board()))

    def _theme(self, data: st.DataObject) -> str | None:
        ids = [t[0] for board in self._board()[0] for t in board]
        return data.draw(st.sampled_from(ids)) if ids else None

    def _notes(self, data: st.DataObject, session: int) -> list[str]:
        return data.draw(st.lists(st.sampled_from(self.notes[self.sessions[session]]),
                                  unique=True, max_size=4))

    @rule(data=st.data(), session=st.integers(0, 1), title=TITLES,
          index=st.none() | st.integers(0, 4))
    def create(self, data: st.DataObject, session: int, title: str, index: int | None) -> None:
        areas = data.draw(st.lists(st.sampled_from(self.areas), unique=True, max_size=2))
        self._do(themes.create_theme, self.sessions[session], title,
                 self._notes(data, session), index=index, focus_area_ids=areas)

    @rule(data=st.data(), title=st.none() | TITLES, synthesis=st.none() | TITLES)
    def update(self, data: st.DataObject, title: str | None, synthesis: str | None) -> None:
        if theme_id := self._theme(data):
            self._do(themes.update_theme, theme_id, title=title, synthesis=synthesis)

    @rule(data=st.data(), session=st.integers(0, 1), to_tray=st.booleans())
    def move(self, data: st.DataObject, session: int, to_tray: bool) -> None:
        theme_id = None if to_tray else self._theme(data)
        self._do(themes.move_notes, self._notes(data, session), theme_id)

    @rule(data=st.data())
    def merge(self, data: st.DataObject) -> None:
        keep, other = self._theme(data), self._theme(data)
        if keep and other and (keep != other or data.draw(st.integers(0, 9)) == 0):
            self._do(themes.merge_themes, keep, other)

    @rule(data=st.data(), title=TITLES, mixed=st.booleans())
    def split(self, data: st.DataObject, title: str, mixed: bool) -> None:
        """Notes of one theme, or (refused) a mix of the tray's and a theme's."""
        boards, placed, _ = self._board()
        full = [t for board in boards for t in board if t[6]]
        if not full:
            return
        notes = list(data.draw(st.sampled_from(full))[6])
        chosen = data.draw(st.lists(st.sampled_from(notes), unique=True, min_size=1))
        tray = [n for n, theme in placed if theme is None]
        if mixed and tray:
            chosen.append(data.draw(st.sampled_from(tray)))
        self._do(themes.split_notes, chosen, title)

    @rule(data=st.data(), index=st.integers(-1, 5))
    def move_theme(self, data: st.DataObject, index: int) -> None:
        if theme_id := self._theme(data):
            self._do(themes.move_theme, theme_id, index)

    @rule(data=st.data())
    def delete(self, data: st.DataObject) -> None:
        if theme_id := self._theme(data):
            self._do(themes.delete_theme, theme_id)

    @rule(data=st.data())
    def tag(self, data: st.DataObject) -> None:
        if theme_id := self._theme(data):
            areas = data.draw(st.lists(st.sampled_from(self.areas), unique=True, max_size=3))
            self._do(themes.set_focus_areas, theme_id, areas)

    @rule(data=st.data(), count=st.integers(-3, 5))
    def vote(self, data: st.DataObject, count: int) -> None:
        if theme_id := self._theme(data):
            self._do(votes.add_votes, theme_id, count)

    @rule(data=st.data(), session=st.integers(0, 1))
    def accept_suggestion(self, data: st.DataObject, session: int) -> None:
        session_id = self.sessions[session]
        found = suggestions.suggest_themes(self.store, session_id, threshold=0.1)
        if found:
            self._do(suggestions.accept_suggestion, session_id, data.draw(st.sampled_from(found)))

    def _recurring(self, data: st.DataObject) -> str | None:
        ids = [r[0] for r in self._board()[2]]
        return data.draw(st.sampled_from(ids)) if ids else None

    @rule(data=st.data(), title=st.none() | TITLES, join=st.booleans(), same=st.booleans())
    def link(self, data: st.DataObject, title: str | None, join: bool, same: bool) -> None:
        """A theme of each session (or, refused, two of one), or one joining a recurring
        theme."""
        boards = self._board()[0]
        into = self._recurring(data) if join else None
        if not boards[0] or not boards[1 - same]:
            return
        first = data.draw(st.sampled_from(boards[0]))[0]
        second = data.draw(st.sampled_from(boards[0 if same else 1]))[0]
        self._do(recurring.link_themes, [first] if into else [first, second], title=title,
                 into=into)

    @rule(data=st.data())
    def unlink(self, data: st.DataObject) -> None:
        if theme_id := self._theme(data):
            self._do(recurring.unlink_theme, theme_id)

    @rule(data=st.data(), title=TITLES)
    def rename_recurring(self, data: st.DataObject, title: str) -> None:
        if recurring_id := self._recurring(data):
            self._do(recurring.rename_recurring, recurring_id, title)

    @rule(data=st.data())
    def delete_recurring(self, data: st.DataObject) -> None:
        if recurring_id := self._recurring(data):
            self._do(recurring.delete_recurring, recurring_id)

    @precondition(lambda self: bool(self.done))
    @rule(redo=st.booleans())
    def undo(self, redo: bool) -> None:
        undo, before, after = self.done.pop()
        again, _ = revert(self.store, undo)
        assert self._board() == before
        if redo:  # done again, so it is the latest to undo again
            undo_again, _ = revert(self.store, again)
            assert self._board() == after
            self.done.append((undo_again, before, after))

    @precondition(lambda self: len(self.done) > 1)
    @rule()
    def undo_everything(self) -> None:
        """Undo the whole history, latest first, then redo it all, oldest first."""
        undone = []
        while self.done:
            undo, before, after = self.done.pop()
            again, _ = revert(self.store, undo)
            assert self._board() == before
            undone.append((again, before, after))
        for again, before, after in reversed(undone):
            undo_again, _ = revert(self.store, again)
            assert self._board() == after
            self.done.append((undo_again, before, after))

    @invariant()
    def replay_rebuilds_the_store(self) -> None:
        found = replay(self.store)
        assert found.ok, (found.problems, [d.sentence() for d in found.differences])


BoardMachine.TestCase.settings = settings(
    max_examples=30, stateful_step_count=30, deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
test_board_operations_undo_redo_and_replay = BoardMachine.TestCase
