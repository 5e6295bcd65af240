"""Keeps the half-typed note on disk, so a crash or power cut never loses what was being typed.

A draft is written 400 ms after typing stops and whenever the entry loses focus, on a worker
thread of its own (one thread, so writes land in the order they were asked for); closing the
view writes it once more and waits, so what is on screen when it closes is what is kept.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QThreadPool, QTimer, Signal

from app.models import CairnError
from app.services.capture import drafts
from app.store.engine import Store
from app.ui.tasks import TaskRunner

PAUSE_MS = 400


class DraftKeeper(QObject):
    """Saves and clears one session's draft off the GUI thread."""

    written = Signal()  # a draft write (or clear) reached the disk
    failed = Signal(str)  # one sentence for the status bar

    def __init__(self, store: Store, session_id: str, text: Callable[[], str],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store, self._session_id, self._text = store, session_id, text
        self.enabled = True  # scribe mode hands the draft to the window being typed in
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PAUSE_MS)
        self._timer.timeout.connect(self.save_soon)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._runner = TaskRunner(self, self._pool)
        self._last = ""

    def load(self) -> str:
        return drafts.load_draft(self._store, self._session_id)

    def typed(self) -> None:
        if self.enabled:
            self._timer.start()

    def save_soon(self) -> None:
        """Write the draft now, in the background, unless it is what was written last."""
        self._timer.stop()
        text = self._text()
        if not self.enabled or text == self._last:
            return
        self._last = text
        store, session_id = self._store, self._session_id
        self._runner.run(lambda: drafts.save_draft(store, session_id, text),
                         lambda _: self.written.emit(), self._failure)

    def clear(self) -> None:
        """The note was saved: forget the draft."""
        self._timer.stop()
        self._last = ""
        store, session_id = self._store, self._session_id
        self._runner.run(lambda: drafts.clear_draft(store, session_id),
                         lambda _: self.written.emit(), self._failure)

    def save_and_wait(self) -> None:
        """Closing: finish pending writes, then write what is typed now, before returning."""
        self._timer.stop()
        self._pool.waitForDone()
        if not self.enabled:
            return
        text = self._text()
        if text == self._last:
            return
        try:
            drafts.save_draft(self._store, self._session_id, text)
            self._last = text
        except (OSError, CairnError) as err:
            self._failure(err)

    def busy(self) -> bool:
        return self._timer.isActive() or self._runner.busy()

    def _failure(self, error: BaseException) -> None:
        if isinstance(error, CairnError):
            self.failed.emit(str(error))
            return
        reason = getattr(error, "strerror", None) or str(error)
        self.failed.emit(f"The note being typed could not be kept as a draft ({reason}).")
