"""Keeps the half-typed note on disk, so a crash or power cut never loses what was being typed.

A draft is written 400 ms after typing stops and whenever the entry loses focus, by the
application's task manager (quietly: no status bar). One write is in flight at a time and a
newer one waits for it, so writes land in the order they were asked for; closing the view
waits for the write in flight and writes what is on screen once more, before it closes.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from app.models import CairnError
from app.services.capture import drafts
from app.store.engine import Store
from app.ui.tasks import Progress, Task, TaskManager

PAUSE_MS = 400
_CLEAR = None  # a queued write that forgets the draft


class DraftKeeper(QObject):
    """Saves and clears one session's draft off the GUI thread."""

    written = Signal()  # a draft write (or clear) reached the disk
    failed = Signal(str)  # one sentence for the status bar

    def __init__(self, store: Store, session_id: str, text: Callable[[], str],
                 tasks: TaskManager, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store, self._session_id, self._text = store, session_id, text
        self._tasks = tasks
        self.enabled = True  # scribe mode hands the draft to the window being typed in
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PAUSE_MS)
        self._timer.timeout.connect(self.save_soon)
        self._last = ""
        self._in_flight: Task | None = None
        self._queued: list[str | None] = []  # at most one: the latest text, or _CLEAR

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
        self._write(text)

    def clear(self) -> None:
        """The note was saved: forget the draft."""
        self._timer.stop()
        self._last = ""
        self._write(_CLEAR)

    def save_and_wait(self) -> None:
        """Closing: finish the write in flight, then write what is typed now, before returning."""
        self._timer.stop()
        queued, self._queued = self._queued, []
        unsettled = bool(queued) or self._in_flight is not None
        if self._in_flight is not None:
            self._in_flight.wait()
        if self.enabled:
            text: str | None = self._text()
            if text == self._last and not unsettled:
                return
        elif queued:
            text = queued[-1]  # the other window types now; this write was still owed
        else:
            return
        try:
            if text is _CLEAR:
                drafts.clear_draft(self._store, self._session_id)
            else:
                drafts.save_draft(self._store, self._session_id, text)
                self._last = text
        except (OSError, CairnError) as err:
            self._failure(err)

    def busy(self) -> bool:
        return self._timer.isActive() or self._in_flight is not None

    def _write(self, text: str | None) -> None:
        if self._in_flight is not None:
            self._queued[:] = [text]  # only the latest matters
            return
        store, session_id = self._store, self._session_id

        def work(_progress: Progress) -> None:
            if text is _CLEAR:
                drafts.clear_draft(store, session_id)
            else:
                drafts.save_draft(store, session_id, text)

        self._in_flight = self._tasks.run(work, self._written, self._write_failed, owner=self)

    def _written(self, _result: object) -> None:
        self._in_flight = None
        self.written.emit()
        self._next()

    def _write_failed(self, error: BaseException) -> None:
        self._in_flight = None
        self._failure(error)
        self._next()

    def _next(self) -> None:
        if self._queued:
            self._write(self._queued.pop())

    def _failure(self, error: BaseException) -> None:
        if isinstance(error, CairnError):
            self.failed.emit(str(error))
            return
        reason = getattr(error, "strerror", None) or str(error)
        self.failed.emit(f"The note being typed could not be kept as a draft ({reason}).")
