"""The application's task manager: work on workers, outcomes on the GUI thread, owners, Cancel."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication

from app.models import Changes, InvalidInput
from app.services.capture import notes_by_ids
from app.services.planning import systems
from app.ui import crash
from app.ui.tasks import Cancelled, Progress, TaskManager, changes_in

WAIT = 10_000


class Gate:
    """Holds a task's work until the test opens it (the work waits for a state, not a time)."""

    def __init__(self) -> None:
        self.entered, self.opened = threading.Event(), threading.Event()

    def hold(self) -> None:
        self.entered.set()
        assert self.opened.wait(WAIT / 1000), "the test never opened the gate"


@pytest.fixture
def tasks(qapp: QApplication):
    manager = TaskManager()
    yield manager
    manager.shutdown()


def test_work_runs_on_a_worker_and_its_result_comes_back_on_the_gui_thread(tasks, qtbot):
    where: dict[str, object] = {}

    def work(progress: Progress) -> int:
        where["work"] = threading.current_thread()
        return 42

    with qtbot.waitSignal(tasks.finished, timeout=WAIT) as finished:
        task = tasks.run(work, lambda result: where.update(result=result,
                                                           back=threading.current_thread()))
        assert tasks.busy() and tasks.running() == [task]
    assert finished.args[0] is task and task.outcome == "done"
    assert where["result"] == 42
    assert where["back"] is threading.main_thread()
    assert where["work"] is not threading.main_thread()
    assert not tasks.busy()


def test_an_error_goes_to_on_error_on_the_gui_thread(tasks, qtbot):
    seen: list[tuple[BaseException, threading.Thread]] = []
    with qtbot.waitSignal(tasks.finished, timeout=WAIT):
        tasks.run(lambda _p: 1 / 0, lambda _r: pytest.fail("no result expected"),
                  lambda err: seen.append((err, threading.current_thread())))
    assert isinstance(seen[0][0], ZeroDivisionError)
    assert seen[0][1] is threading.main_thread()


def test_a_refusal_nobody_handles_is_shown_as_its_sentence(tasks, qtbot, refusals):
    def work(_p: Progress) -> None:
        raise InvalidInput("That file has no notes in it.")

    with qtbot.waitSignal(tasks.finished, timeout=WAIT) as finished:
        tasks.run(work, lambda _r: None)
    assert refusals == ["That file has no notes in it."]
    assert finished.args[0].outcome == "failed"


def test_an_unexpected_error_nobody_handles_goes_to_the_crash_reporter(tasks, qtbot,
                                                                       monkeypatch, refusals):
    reported: list[BaseException] = []
    monkeypatch.setattr(crash, "report", lambda _t, err, _tb: reported.append(err))
    with qtbot.waitSignal(tasks.finished, timeout=WAIT):
        tasks.run(lambda _p: {}["missing"], lambda _r: None)
    assert isinstance(reported[0], KeyError) and reported[0].__traceback__ is not None
    assert refusals == []


def test_progress_reports_reach_the_gui_folded_to_the_latest(tasks, qtbot):
    gate = Gate()
    seen: list[tuple[int, int, str]] = []
    tasks.progressed.connect(lambda task: seen.append(task.progress.state()))

    def work(progress: Progress) -> None:
        for n in range(1, 1001):
            progress.report(n, 1000, f"note {n}")
        gate.hold()

    task = tasks.run(work, lambda _r: None, label="Counting")
    qtbot.waitUntil(lambda: bool(seen) and seen[-1] == (1000, 1000, "note 1000"), timeout=WAIT)
    assert len(seen) < 1000  # reports faster than the GUI takes them are folded together
    assert [s[0] for s in seen] == sorted(s[0] for s in seen)
    assert tasks.shown() == [task]
    with qtbot.waitSignal(tasks.finished, timeout=WAIT):
        gate.opened.set()


def test_cancel_stops_the_work_at_its_next_check(tasks, qtbot):
    gate = Gate()
    outcomes: list[BaseException] = []

    def work(progress: Progress) -> str:
        gate.hold()
        progress.check()
        return "should not get here"

    task = tasks.run(work, lambda _r: pytest.fail("cancelled work has no result"),
                     outcomes.append, cancellable=True, label="Waiting")
    assert gate.entered.wait(WAIT / 1000)
    task.cancel()
    assert task.progress.cancelled
    with qtbot.waitSignal(tasks.finished, timeout=WAIT):
        gate.opened.set()
    assert task.outcome == "cancelled" and isinstance(outcomes[0], Cancelled)


def test_work_that_may_not_be_cancelled_ignores_cancel(tasks, qtbot):
    gate = Gate()
    task = tasks.run(lambda p: (gate.hold(), p.check(), "kept")[-1], lambda _r: None)
    assert gate.entered.wait(WAIT / 1000)
    task.cancel()
    with qtbot.waitSignal(tasks.finished, timeout=WAIT):
        gate.opened.set()
    assert task.outcome == "done" and not task.progress.cancelled


def test_a_deleted_owner_skips_the_callbacks_but_what_was_committed_is_announced(
        ctx, qtbot, system):
    owner = QObject()
    gate = Gate()
    called: list[object] = []
    announced: list[Changes] = []
    ctx.bus.changed.connect(announced.append)
    store = ctx.store

    def work(_p: Progress):
        gate.hold()
        return systems.update_system(store, system.id, purpose="Kept after the window closed")

    task = ctx.tasks.run(work, called.append, called.append, owner=owner)
    assert ctx.tasks.busy(owner) and not ctx.tasks.busy(QObject())
    assert gate.entered.wait(WAIT / 1000)
    owner.deleteLater()
    QApplication.sendPostedEvents(None, 0)  # DeferredDelete: the owner is gone now
    qtbot.waitUntil(lambda: not task.owner_alive(), timeout=WAIT)
    with qtbot.waitSignal(ctx.tasks.finished, timeout=WAIT):
        gate.opened.set()
    assert called == []  # nothing reached the closed window
    assert task.outcome == "done" and not ctx.tasks.busy()
    assert [system.id] == sorted(announced[0].updated["system"])
    assert systems.get_system(store, system.id).purpose == "Kept after the window closed"


def test_the_changes_a_result_carries():
    changes = Changes(inserted={"note": frozenset({"n1"})})
    assert changes_in(changes) is changes
    assert changes_in(("note", changes)) is changes
    assert changes_in(("note", "no changes")) is None
    assert changes_in(None) is None and changes_in(()) is None


def test_many_tasks_that_write_take_turns_and_all_land(ctx, qtbot, session):
    from app.services import capture

    store, done = ctx.store, []
    for n in range(12):
        ctx.tasks.run(lambda _p, n=n: capture.add_note(store, session.id, f"Note {n} from a task"),
                      lambda result: done.append(result[0].id))
    qtbot.waitUntil(lambda: len(done) == 12, timeout=WAIT)
    assert len(notes_by_ids(store, done)) == 12


def test_shutdown_cancels_what_it_may_and_waits_for_the_rest(qapp):
    tasks = TaskManager()
    gate = Gate()
    stopped: list[str] = []

    def committing(_p: Progress) -> None:
        gate.hold()
        stopped.append("committing one")

    def cancellable(progress: Progress) -> None:
        while not progress.cancelled:
            gate.opened.wait(0.01)
        stopped.append("cancelled one")
        gate.opened.set()  # the commit ends only once shutdown has cancelled this one

    tasks.run(committing, lambda _r: None)
    tasks.run(cancellable, lambda _r: None, cancellable=True)
    assert gate.entered.wait(WAIT / 1000)
    tasks.shutdown()
    assert stopped == ["cancelled one", "committing one"]
    with pytest.raises(RuntimeError):
        tasks.run(lambda _p: None, lambda _r: None)
