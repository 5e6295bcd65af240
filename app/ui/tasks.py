"""Background work: exports and other slow I/O run on a thread pool, never the GUI thread.

A task's result (or its exception) comes back to the GUI thread through a queued signal, so
callbacks may touch widgets. A task whose owner has gone away is finished quietly.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot


class _Relay(QObject):
    """Lives in the GUI thread; the worker emits, the queued connection delivers here."""

    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(self, on_done: Callable[[Any], None], on_error: Callable[[BaseException], None],
                 runner: TaskRunner) -> None:
        super().__init__(runner)
        self._on_done, self._on_error, self._runner = on_done, on_error, runner
        self.succeeded.connect(self._deliver_result)
        self.failed.connect(self._deliver_error)

    @Slot(object)
    def _deliver_result(self, result: Any) -> None:
        self._finish()
        self._on_done(result)

    @Slot(object)
    def _deliver_error(self, error: BaseException) -> None:
        self._finish()
        self._on_error(error)

    def _finish(self) -> None:
        self._runner._finished(self)
        self.deleteLater()


class _Task(QRunnable):
    def __init__(self, work: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._work, self._relay = work, relay

    def run(self) -> None:
        try:
            outcome: tuple[str, Any] = ("ok", self._work())
        except Exception as err:  # delivered to the GUI thread, which decides what to say
            outcome = ("error", err)
        try:
            signal = self._relay.succeeded if outcome[0] == "ok" else self._relay.failed
            signal.emit(outcome[1])
        except RuntimeError:
            pass  # the window that asked has closed; nobody is waiting for the answer


class TaskRunner(QObject):
    """Runs callables on Qt's shared thread pool and reports back on the GUI thread."""

    def __init__(self, parent: QObject | None = None, pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        self._pool = pool or QThreadPool.globalInstance()
        self._running: set[_Relay] = set()

    def run(self, work: Callable[[], Any], on_done: Callable[[Any], None],
            on_error: Callable[[BaseException], None]) -> None:
        """Start `work()` in the background; then `on_done(result)` or `on_error(exception)`."""
        relay = _Relay(on_done, on_error, self)
        self._running.add(relay)
        self._pool.start(_Task(work, relay))

    def busy(self) -> bool:
        return bool(self._running)

    def _finished(self, relay: _Relay) -> None:
        self._running.discard(relay)
