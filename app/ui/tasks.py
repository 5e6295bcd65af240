"""The application's task manager: slow work runs on worker threads, never on the GUI thread.

One `TaskManager` is made by `app.main` and shared as `AppContext.tasks`; every window hands
it work the same way:

    ctx.tasks.run(work, on_done, on_error, label="Importing notes", owner=dialog,
                  cancellable=True)

- `work(progress)` runs on a worker. It may call `progress.report(done, total, text)` from
  any thread, and `progress.check()` (or read `progress.cancelled`) to stop when Cancel is
  pressed: `check()` raises `Cancelled`, which ends the task as cancelled.
- The outcome comes back on the GUI thread through a queued signal, whatever widget asked:
  `on_done(result)`, or `on_error(error)`. When `owner` has been deleted meanwhile, both are
  skipped, but the task still ends (`ended`, then `finished`, are emitted).
- What the work committed stays committed and is always announced: when the result is a
  `Changes`, or a tuple ending in one (the services' `(result, Changes)`), `committed` is
  emitted with it before any callback, so callbacks must not announce it again.
- An error that `on_error` does not take (there is none) is shown as its one sentence when it
  is a `CairnError`, and goes to the crash reporter otherwise; `handle_error` does the same
  for an `on_error` that only takes some errors. A cancelled task hands `on_error` a
  `Cancelled` (so a dialog can set itself back); without `on_error` it just ends.
- A task with a `label` is shown in the main window's status bar with its progress (and
  Cancel); a task without one (a search, a draft write) runs quietly.
- Writes still take turns: the work calls services, whose units of work go through the
  store's one writer. No task opens a connection of its own.
"""

from __future__ import annotations

import contextlib
import sys
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from itertools import count
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QApplication, QWidget

from app.models import CairnError, Changes

WORKERS = 4
# Painting a view calls into Python for each cell; while a worker runs Python, each such call
# waits for the interpreter up to the switch interval (5 ms by default). A shorter one keeps
# the window answering while long work runs, at a small cost to the work.
SWITCH_INTERVAL_S = 0.001


class Cancelled(Exception):  # noqa: N818 - it is an outcome, not a failure
    """Raised by `Progress.check()` in a task's work once Cancel has been pressed."""


class Progress:
    """What a task's work sees: where to report how far it has got, and whether to stop."""

    def __init__(self, notify: Callable[[], None] = lambda: None) -> None:
        self._notify = notify
        self._lock = threading.Lock()
        self._cancel = threading.Event()
        self._state: tuple[int, int, str] = (0, 0, "")
        self._pending = False

    def report(self, done: int, total: int, text: str = "") -> None:
        """Thread-safe; reports arriving faster than the GUI shows them are folded into one."""
        with self._lock:
            self._state = (done, total, text)
            if self._pending:
                return
            self._pending = True
        self._notify()

    def state(self) -> tuple[int, int, str]:
        """The latest (done, total, text); total 0 means "busy, amount unknown"."""
        with self._lock:
            self._pending = False
            return self._state

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        """Raise `Cancelled` if Cancel has been pressed: call it where stopping is safe."""
        if self._cancel.is_set():
            raise Cancelled

    def cancel(self) -> None:
        self._cancel.set()


Work = Callable[[Progress], Any]
OnDone = Callable[[Any], object]
OnError = Callable[[BaseException], object]


@dataclass(eq=False)
class Task:
    """One piece of work handed to the manager, from start until its outcome is delivered."""

    id: int
    label: str
    cancellable: bool
    progress: Progress
    on_done: OnDone
    on_error: OnError | None
    owner: QObject | None
    outcome: str = "running"  # then "done", "failed" or "cancelled"
    _ended: threading.Event = field(default_factory=threading.Event)

    def cancel(self) -> None:
        """Ask the work to stop; it does at its next `progress.check()`."""
        if self.cancellable:
            self.progress.cancel()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the work itself has ended (its outcome may not be delivered yet)."""
        return self._ended.wait(timeout)

    def owner_alive(self) -> bool:
        return self.owner is None or shiboken6.isValid(self.owner)


class TaskManager(QObject):
    """Runs work on a small pool of worker threads and delivers outcomes on the GUI thread."""

    started = Signal(object)  # Task
    progressed = Signal(object)  # Task
    ended = Signal(object)  # Task whose outcome is known, before its callbacks run
    finished = Signal(object)  # Task whose callbacks have run (or were skipped)
    committed = Signal(object)  # Changes a task's work committed

    _outcome = Signal(object, str, object)  # Task, outcome, result or error: queued to the GUI
    _reported = Signal(object)  # Task whose progress moved

    def __init__(self, parent: QObject | None = None, *, workers: int = WORKERS) -> None:
        super().__init__(parent)
        sys.setswitchinterval(min(sys.getswitchinterval(), SWITCH_INTERVAL_S))
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="cairn-task")
        self._ids = count(1)
        self._running: dict[int, Task] = {}
        self._closed = False
        # Slots of an object living in the GUI thread: emitting from a worker is queued.
        self._outcome.connect(self._deliver)
        self._reported.connect(self._show_progress)

    # --- starting and watching ---------------------------------------------------------------

    def run(self, work: Work, on_done: OnDone, on_error: OnError | None = None, *,
            label: str = "", owner: QObject | None = None,
            cancellable: bool = False) -> Task:
        """Start `work(progress)` on a worker; see the module's docstring for what follows."""
        if self._closed:
            raise RuntimeError("the task manager has been shut down")
        progress = Progress()
        task = Task(next(self._ids), label, cancellable, progress, on_done, on_error, owner)
        progress._notify = lambda: self._reported.emit(task)
        self._running[task.id] = task
        self.started.emit(task)
        self._pool.submit(self._work, task, work)
        return task

    @property
    def closed(self) -> bool:
        """Shut down: timers that start background work should stand down."""
        return self._closed

    def running(self, owner: QObject | None = None) -> list[Task]:
        """Tasks not yet delivered, oldest first; only `owner`'s when one is given."""
        return [t for t in self._running.values() if owner is None or t.owner is owner]

    def busy(self, owner: QObject | None = None) -> bool:
        return bool(self.running(owner))

    def shown(self) -> list[Task]:
        """Running tasks that the status bar shows (those with a label)."""
        return [t for t in self._running.values() if t.label]

    def shutdown(self, timeout: float | None = None) -> None:
        """Closing: cancel what may be cancelled, then let the rest finish (the app is ending)."""
        self._closed = True
        for task in list(self._running.values()):
            task.cancel()
        for task in list(self._running.values()):
            task.wait(timeout)
        self._pool.shutdown(wait=timeout is None)

    # --- on the worker -------------------------------------------------------------------------

    def _work(self, task: Task, work: Work) -> None:
        try:
            outcome: tuple[str, Any] = ("done", work(task.progress))
        except Cancelled as stop:
            outcome = ("cancelled", stop)
        except BaseException as err:  # delivered to the GUI thread, which decides what to say
            outcome = ("failed", err)
        finally:
            task._ended.set()
        # RuntimeError: the manager itself is gone, as the application closes.
        with contextlib.suppress(RuntimeError):
            self._outcome.emit(task, outcome[0], outcome[1])

    # --- on the GUI thread ---------------------------------------------------------------------

    @Slot(object)
    def _show_progress(self, task: Task) -> None:
        if task.id in self._running:
            self.progressed.emit(task)

    @Slot(object, str, object)
    def _deliver(self, task: Task, outcome: str, value: Any) -> None:
        task.outcome = outcome
        self._running.pop(task.id, None)
        self.ended.emit(task)
        try:
            if outcome == "done" and (changes := changes_in(value)) is not None:
                self.committed.emit(changes)
            if not task.owner_alive():
                return
            if outcome == "done":
                task.on_done(value)
            elif task.on_error is not None:
                task.on_error(value)
            elif outcome == "failed":
                self.handle_error(value, task.owner)
        finally:
            self.finished.emit(task)

    def handle_error(self, error: BaseException, owner: QObject | None = None) -> None:
        """The default for an error: its sentence if it is a refusal, else the crash reporter."""
        from app.ui import crash
        from app.ui.context import show_refusal

        if isinstance(error, Cancelled):
            return
        if isinstance(error, CairnError):
            parent = owner if isinstance(owner, QWidget) else QApplication.activeWindow()
            show_refusal(parent, str(error))
            return
        crash.report(type(error), error, error.__traceback__)


def changes_in(result: Any) -> Changes | None:
    """The change-set a task's result carries: the result itself, or a tuple's last item."""
    if isinstance(result, Changes):
        return result
    if isinstance(result, tuple) and result and isinstance(result[-1], Changes):
        return result[-1]
    return None
