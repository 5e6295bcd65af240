"""Writes stay serialised: one write connection, used by one thread at a time."""

from __future__ import annotations

import threading
from itertools import groupby

from sqlalchemy import event, select

from app.services import capture
from app.services.planning import participants
from app.store.tables import ChangeLogRow, ParticipantRow

DEADLINE = 30


def _writer_connections(store) -> set[int]:
    """Record every DBAPI connection the writer engine hands out from now on."""
    seen: set[int] = set()

    @event.listens_for(store._engines[1], "checkout")
    def _checkout(dbapi_conn, record, proxy) -> None:
        seen.add(id(dbapi_conn))

    return seen


def test_the_writer_has_exactly_one_connection(store):
    pool = store._engines[1].pool
    assert pool.size() == 1 and pool._max_overflow == 0  # type: ignore[attr-defined]


def test_a_unit_of_work_waits_for_the_one_another_thread_holds(store, system):
    seen = _writer_connections(store)
    inside, release, started = threading.Event(), threading.Event(), threading.Event()
    errors: list[BaseException] = []

    def long_import() -> None:
        try:
            with store.unit() as s:
                s.add(ParticipantRow(id="0190aaaa-0000-7000-8000-0000000000b1",
                                     system_id=system.id, name="Imported first",
                                     email="", organisation="", sector="other", locality=""))
                s.flush()
                inside.set()
                assert release.wait(DEADLINE)
        except BaseException as exc:  # noqa: BLE001 - handed to the test thread
            errors.append(exc)

    def quick_save() -> None:
        started.set()
        try:
            participants.add_participant(store, system.id, "Saved meanwhile")
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    first = threading.Thread(target=long_import)
    first.start()
    assert inside.wait(DEADLINE)
    second = threading.Thread(target=quick_save)
    second.start()
    assert started.wait(DEADLINE)
    release.set()
    first.join(DEADLINE)
    second.join(DEADLINE)
    assert not errors and not first.is_alive() and not second.is_alive()
    with store.read() as s:
        names = [e.value for e in s.scalars(
            select(ChangeLogRow).where(ChangeLogRow.entity == "participant")
            .order_by(ChangeLogRow.seq))]
    assert ["Imported first" in v for v in names] == [True, False]
    assert len(seen) == 1


def test_many_threads_saving_notes_all_commit_one_unit_at_a_time(store, session):
    seen = _writer_connections(store)
    errors: list[BaseException] = []

    def typist(who: int) -> None:
        try:
            for n in range(15):
                capture.add_note(store, session.id, f"Note {n} from scribe {who}",
                                 tags=[f"scribe-{who}"])
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=typist, args=(k,)) for k in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(DEADLINE)
    assert not errors and not any(t.is_alive() for t in threads)
    assert len(capture.note_ids(store, session.id)) == 60
    with store.read() as s:
        ops = [e.op_id for e in s.scalars(select(ChangeLogRow).order_by(ChangeLogRow.seq))]
    # Each operation's entries are written together: no unit of work interleaves another.
    runs = [op for op, _ in groupby(ops)]
    assert len(runs) == len(set(runs))
    assert len(seen) == 1
