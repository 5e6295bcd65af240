"""Three laptops, random edits, and deliveries of their change files that are duplicated,
lost (then sent again) and reordered: once everything is delivered everywhere, the three
stores hold the same records, each rebuilds from its own log, and every edit survives as a
value, a conflict, or a change someone made knowingly on top of it.

Files are handed over in memory (the shared folder's own faults are tested with the files);
what is tested here is that merging does not depend on the order changes arrive in.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import tempfile
from datetime import datetime
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, rule
from sqlalchemy import select

from app.models import CairnError
from app.services import capture
from app.services.planning import sessions, systems
from app.services.sensemaking import themes, votes
from app.services.sensemaking.theme_query import list_themes
from app.services.sync.merge import merge_files
from app.store import sync_state
from app.store.engine import Store, open_store
from app.store.sync_store import Received
from app.store.tables import NoteRow
from tests.services.sync.laptops import assert_identical, assert_replays

LAPTOPS = 3
TAGS = ("ferry", "winter", "trust")


class SyncMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.root = Path(tempfile.mkdtemp(prefix="cairn-sync-machine-"))
        self.stores: list[Store] = []
        self.files: list[Received] = []  # every file written, by any laptop
        self.delivered: list[set[int]] = []
        self.seqs = [0] * LAPTOPS

    @initialize()
    def start(self) -> None:
        for n in range(LAPTOPS):
            folder = self.root / f"laptop-{n}"
            folder.mkdir()
            self.stores.append(open_store(folder, author=f"Facilitator {n}",
                                          device_name=f"Laptop {n}"))
            self.delivered.append(set())
        first = self.stores[0]
        system, _ = systems.create_system(first, "Island learning system")
        session, _ = sessions.create_session(first, system.id, "Workshop",
                                             datetime(2026, 12, 8, 10).astimezone())
        self.session_id = session.id
        for n in range(3):
            capture.add_note(first, session.id, f"Note {n}")
        for title in ("Transport", "Housing"):
            themes.create_theme(first, session.id, title)
        self._write(0)
        for n in range(1, LAPTOPS):
            self._deliver_all(n)

    def teardown(self) -> None:
        for store in self.stores:
            store.close()
        shutil.rmtree(self.root, ignore_errors=True)

    def _notes(self, n: int) -> list[str]:
        with self.stores[n].read() as s:
            return sorted(s.scalars(select(NoteRow.id)))

    def _write(self, n: int) -> None:
        """Laptop n writes its unsent changes as one file."""
        store = self.stores[n]
        batch = sync_state.unsent(store, 10_000)
        if not batch:
            return
        self.seqs[n] += 1
        entries = [e for _, e in batch]
        sha = f"{n}-{self.seqs[n]}"
        sync_state.record_sent(store, self.seqs[n], sha, sha, batch[-1][0], entries)
        self.files.append(Received(store.device_id, f"Laptop {n}", self.seqs[n], sha, entries))
        self.delivered[n].add(len(self.files) - 1)

    def _deliver_all(self, n: int) -> None:
        missing = [i for i in range(len(self.files)) if i not in self.delivered[n]]
        merge_files(self.stores[n], [self.files[i] for i in missing])
        self.delivered[n].update(missing)

    @rule(n=st.integers(0, LAPTOPS - 1), pick=st.integers(0, 50), text=st.sampled_from(
        ("Buses at six", "Ferry at five", "Clinic closed", "")))
    def edit_text(self, n: int, pick: int, text: str) -> None:
        notes = self._notes(n)
        if notes:
            note = notes[pick % len(notes)]
            self._try(lambda: capture.edit_note(self.stores[n], note,
                                                text=f"{text} ({n}.{pick})"))

    @rule(n=st.integers(0, LAPTOPS - 1), pick=st.integers(0, 50), tag=st.sampled_from(TAGS),
          add=st.booleans())
    def retag(self, n: int, pick: int, tag: str, add: bool) -> None:
        notes = self._notes(n)
        if notes:
            note = notes[pick % len(notes)]
            self._try(lambda: capture.retag_notes(
                self.stores[n], [note], add_tags=[tag] if add else [],
                remove_tags=[] if add else [tag]))

    @rule(n=st.integers(0, LAPTOPS - 1), pick=st.integers(0, 50), into=st.integers(0, 2))
    def move(self, n: int, pick: int, into: int) -> None:
        notes = self._notes(n)
        board = list_themes(self.stores[n], self.session_id) if notes else []
        if notes:
            theme = board[into].id if into < len(board) else None
            self._try(lambda: themes.move_notes(self.stores[n], [notes[pick % len(notes)]],
                                                theme))

    @rule(n=st.integers(0, LAPTOPS - 1), count=st.integers(1, 3))
    def vote(self, n: int, count: int) -> None:
        board = list_themes(self.stores[n], self.session_id)
        if board:
            self._try(lambda: votes.add_votes(self.stores[n], board[0].id, count))

    @rule(n=st.integers(0, LAPTOPS - 1), pick=st.integers(0, 50))
    def delete(self, n: int, pick: int) -> None:
        notes = self._notes(n)
        if len(notes) > 1:
            self._try(lambda: capture.delete_note(self.stores[n], notes[pick % len(notes)]))

    @rule(n=st.integers(0, LAPTOPS - 1))
    def add(self, n: int) -> None:
        self._try(lambda: capture.add_note(self.stores[n], self.session_id, f"New on {n}"))

    @rule(n=st.integers(0, LAPTOPS - 1))
    def write(self, n: int) -> None:
        self._write(n)

    @rule(n=st.integers(0, LAPTOPS - 1), which=st.integers(0, 1000), again=st.booleans())
    def deliver(self, n: int, which: int, again: bool) -> None:
        """One file to one laptop: any file, in any order; `again` may repeat one already
        there (duplicated); files never picked are lost until the end sends them again."""
        if not self.files:
            return
        i = which % len(self.files)
        if i in self.delivered[n] and not again:
            return
        merge_files(self.stores[n], [self.files[i]])
        self.delivered[n].add(i)

    def _try(self, action: Any) -> None:
        with contextlib.suppress(CairnError):  # refused: nothing changed
            action()

    def check_converged(self) -> None:
        for n in range(LAPTOPS):
            self._write(n)
        for n in range(LAPTOPS):
            self._deliver_all(n)
        assert_identical(self.stores)
        for store in self.stores:
            assert_replays(store)
        self._every_edit_survives()

    def _every_edit_survives(self) -> None:
        conn = sqlite3.connect(self.stores[0].path)
        try:
            notes = {r[0]: r[1] for r in conn.execute("SELECT id, text FROM notes")}
            losers = {r[0] for r in conn.execute("SELECT loser FROM sync_conflicts")}
            overwritten = {r[0] for r in conn.execute(
                "SELECT base FROM change_log WHERE base IS NOT NULL")}
            for entry_id, entity_id, value in conn.execute(
                    "SELECT id, entity_id, value FROM change_log WHERE entity = 'note' AND "
                    "field = 'text' AND author != '(sync)'"):
                if entity_id not in notes:
                    continue  # deleted by someone who had seen it
                current = conn.execute(
                    "SELECT entry_id FROM sync_field_versions WHERE entity = 'note' AND "
                    "entity_id = ? AND field = 'text'", (entity_id,)).fetchone()
                assert (current and current[0] == entry_id) or entry_id in losers \
                    or entry_id in overwritten, (entity_id, value)
        finally:
            conn.close()


class Converging(SyncMachine):
    def teardown(self) -> None:
        try:
            self.check_converged()
        finally:
            super().teardown()


# A few examples in CI (about 20 s); CAIRN_SYNC_EXAMPLES=200 for a longer hunt. Shrinking is
# left out: a failing run of these steps takes minutes to shrink, and the steps print anyway.
Converging.TestCase.settings = settings(
    max_examples=int(os.environ.get("CAIRN_SYNC_EXAMPLES", "12")), stateful_step_count=25,
    deadline=None, phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow])
TestSyncMachine = Converging.TestCase


def test_an_edit_that_lost_to_a_version_a_delete_had_seen_is_kept() -> None:
    """Found by the machine: laptop 2 edits a note, laptop 0 edits it later and deletes it,
    laptop 1 moves it meanwhile. On laptop 0 the early edit arrives while the note is deleted
    there; it must still be kept on record (as the other laptops keep it), and the note comes
    back with laptop 1's move."""
    m = Converging()
    m.start()
    try:
        m.edit_text(n=2, pick=46, text='')
        m.retag(add=False, n=0, pick=37, tag='trust')
        m.move(into=1, n=2, pick=27)
        m.edit_text(n=0, pick=3, text='Ferry at five')
        m.edit_text(n=0, pick=25, text='Ferry at five')
        m.delete(n=2, pick=43)
        m.deliver(again=False, n=0, which=236)
        m.edit_text(n=0, pick=13, text='Clinic closed')
        m.move(into=1, n=0, pick=6)
        m.vote(count=3, n=2)
        m.move(into=0, n=0, pick=3)
        m.deliver(again=True, n=0, which=300)
        m.add(n=2)
        m.delete(n=2, pick=27)
        m.move(into=2, n=2, pick=49)
        m.move(into=2, n=2, pick=12)
        m.move(into=0, n=1, pick=13)
        m.edit_text(n=2, pick=38, text='Buses at six')
        m.delete(n=2, pick=28)
        m.delete(n=0, pick=28)
        m.deliver(again=True, n=0, which=45)
        m.write(n=2)
        m.edit_text(n=2, pick=42, text='Clinic closed')
        m.vote(count=2, n=2)
        m.check_converged()
    finally:
        m.teardown()
