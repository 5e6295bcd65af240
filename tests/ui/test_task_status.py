"""The running task in the status bar, and the sample loaded off the GUI thread."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt

from app.services import demo
from app.services.planning import systems
from app.ui.tasks import Progress
from tests.ui.accessibility import unnamed_widgets

WAIT = 30_000


@pytest.fixture
def gate():
    """Holds a task's work until the test opens it."""
    opened = threading.Event()
    yield opened
    opened.set()  # never leave a worker waiting


def _held(gate: threading.Event, steps: int = 4):
    def work(progress: Progress) -> str:
        for step in range(steps):
            progress.report(step, steps, f"step {step + 1}")
            gate.wait(WAIT / 1000)
            progress.check()
        return "finished"
    return work


def test_a_labelled_task_shows_its_label_progress_and_cancel(window, ctx, qtbot, gate):
    status = window.task_status
    assert status.isHidden()
    task = ctx.tasks.run(_held(gate), lambda _r: None, label="Importing notes",
                         cancellable=True)
    qtbot.waitUntil(lambda: status.isVisible() and status.bar.maximum() == 4, timeout=WAIT)
    assert status.label.accessibleName() == "Importing notes: step 1"
    assert status.bar.value() == 0
    assert status.cancel_button.isVisible() and status.cancel_button.isEnabled()
    assert status.cancel_button.accessibleName() == "Cancel importing notes"
    assert status.bar.accessibleName() == "Progress of importing notes"
    assert unnamed_widgets(window) == []
    assert task.outcome == "running"
    with qtbot.waitSignal(ctx.tasks.finished, timeout=WAIT):
        gate.set()
    assert status.isHidden()
    assert window.statusBar().currentMessage() == "Importing notes: done."


def test_cancel_in_the_status_bar_stops_the_task_and_says_so(window, ctx, qtbot, gate):
    status = window.task_status
    task = ctx.tasks.run(_held(gate), lambda _r: pytest.fail("cancelled"), lambda _e: None,
                         label="Writing the run sheet", cancellable=True)
    qtbot.waitUntil(status.cancel_button.isVisible, timeout=WAIT)
    qtbot.mouseClick(status.cancel_button, Qt.MouseButton.LeftButton)
    assert not status.cancel_button.isEnabled()
    assert status.label.accessibleName() == "Writing the run sheet: cancelling…"
    with qtbot.waitSignal(ctx.tasks.finished, timeout=WAIT):
        gate.set()
    assert task.outcome == "cancelled"
    assert window.statusBar().currentMessage() == "Writing the run sheet: cancelled."


def test_cancel_is_reached_with_the_keyboard(window, ctx, qtbot, gate):
    status = window.task_status
    ctx.tasks.run(_held(gate), lambda _r: None, label="Loading", cancellable=True)
    qtbot.waitUntil(status.cancel_button.isVisible, timeout=WAIT)
    # Tab follows the window's focus chain: from the navigator it reaches Cancel.
    reached, widget = [], window.navigator
    for _ in range(200):
        widget = widget.nextInFocusChain()
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.isVisibleTo(window):
            reached.append(widget)
        if widget is window.navigator:
            break
    assert status.cancel_button in reached
    window.activateWindow()
    status.cancel_button.setFocus()
    qtbot.keyClick(status.cancel_button, Qt.Key.Key_Space)
    assert ctx.tasks.running()[0].progress.cancelled


def test_without_cancel_the_button_is_not_offered_and_quiet_tasks_are_not_shown(
        window, ctx, qtbot, gate):
    status = window.task_status
    ctx.tasks.run(_held(gate, 1), lambda _r: None)  # no label: a search, a draft write
    assert status.isHidden()
    ctx.tasks.run(_held(gate, 1), lambda _r: None, label="Writing the invite")
    qtbot.waitUntil(status.isVisible, timeout=WAIT)
    assert status.cancel_button.isHidden()
    assert status.label.accessibleName().startswith("Writing the invite")
    with qtbot.waitSignal(ctx.tasks.finished, timeout=WAIT):
        gate.set()
    qtbot.waitUntil(lambda: not ctx.tasks.busy(), timeout=WAIT)
    assert status.isHidden()


def test_two_tasks_show_the_first_and_count_the_other(window, ctx, qtbot, gate):
    status = window.task_status
    ctx.tasks.run(_held(gate, 1), lambda _r: None, label="Importing notes")
    ctx.tasks.run(_held(gate, 1), lambda _r: None, label="Writing the run sheet")
    qtbot.waitUntil(lambda: "(and 1 more)" in status.label.accessibleName(), timeout=WAIT)
    assert status.label.accessibleName().startswith("Importing notes")
    gate.set()
    qtbot.waitUntil(lambda: not ctx.tasks.busy(), timeout=WAIT)


# --- the sample, loaded by the task manager ------------------------------------------------------

def test_the_sample_loads_on_a_worker_while_the_window_stays_live(window, ctx, qtbot):
    assert window.welcome.sample_button.isEnabled()
    with qtbot.waitSignal(ctx.tasks.finished, timeout=WAIT) as finished:
        task = window.load_sample()
        assert task is not None and ctx.tasks.running() == [task]
        assert not window.welcome.sample_button.isEnabled()
        assert not window.actions.load_sample.isEnabled()
        assert window.load_sample() is task  # asking again while it loads starts nothing new
    assert finished.args[0] is task and task.outcome == "done"
    assert [s.name for s in systems.list_systems(ctx.store)] == [demo.SAMPLE_NAME]
    assert window.current_system_id() == systems.list_systems(ctx.store)[0].id
    assert window.actions.load_sample.isEnabled()


def test_cancelling_the_sample_writes_nothing(window, ctx, qtbot):
    # Hold the store's write lock, so the load waits before its first step: Cancel lands first.
    blocker = ctx.store.raw()
    blocker.execute("BEGIN IMMEDIATE")
    try:
        task = window.load_sample()
        assert task is not None
        qtbot.waitUntil(window.task_status.cancel_button.isVisible, timeout=WAIT)
        window.task_status.cancel()
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    qtbot.waitUntil(lambda: not ctx.tasks.busy(), timeout=WAIT)
    assert task.outcome == "cancelled"
    assert systems.list_systems(ctx.store) == []
    assert window.statusBar().currentMessage() == "Loading the sample learning system: cancelled."
    assert window.welcome.sample_button.isEnabled()
