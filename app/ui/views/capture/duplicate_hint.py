"""A quiet hint under the entry when the note being typed closely matches an earlier one.

The match runs on a worker after typing pauses (rapidfuzz over the session's notes, cached by
the capture service), never while a key is being handled. "Link instead" gives the earlier note
the tags of the one being typed and stars it, so the point counts twice without a second note.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QWidget

from app.services import capture
from app.store.engine import Store
from app.ui.tasks import TaskManager
from app.ui.views.capture.capture_session import short
from app.ui.views.capture.offer_bar import OfferBar

PAUSE_MS = 600


class DuplicateHint(OfferBar):
    """'Similar to: "…"  [Link instead] [Dismiss]', hidden when nothing is similar."""

    link_requested = Signal(str)  # the earlier note's id

    def __init__(self, store: Store, session_id: str, text: Callable[[], str],
                 tasks: TaskManager, parent: QWidget | None = None) -> None:
        super().__init__("&Link instead", "Not the same", parent)
        self._store, self._session_id, self._text = store, session_id, text
        self.note_id: str | None = None
        self._dismissed: set[str] = set()
        self.link_button, self.dismiss_button = self.yes_button, self.no_button
        self.link_button.setToolTip("Do not save a second note: give the earlier one these tags "
                                    "and star it")
        self.dismiss_button.setAccessibleName("Not the same: hide the hint")
        self.link_button.clicked.connect(self._link)
        self.dismiss_button.clicked.connect(self._dismiss)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PAUSE_MS)
        self._timer.timeout.connect(self.look_now)
        self._tasks = tasks

    def typed(self) -> None:
        if len(self._text().strip()) < 12:
            self.clear()
        self._timer.start()

    def look_now(self) -> None:
        """Ask a worker for the closest earlier note to what is typed now."""
        self._timer.stop()
        asked = self._text()
        if len(asked.strip()) < 12:
            self.clear()
            return
        store, session_id = self._store, self._session_id
        # A look-up that fails only means no hint this time; the next pause asks again.
        self._tasks.run(lambda _progress: _closest(store, session_id, asked),
                        lambda found: self._show(asked, found), _no_hint, owner=self)

    def busy(self) -> bool:
        return self._timer.isActive() or self._tasks.busy(self)

    def clear(self) -> None:
        self.note_id = None
        self.hide()

    def _show(self, asked: str, found: tuple[str, str] | None) -> None:
        if asked != self._text():
            return  # typing went on; the next pause asks again
        if found is None or found[0] in self._dismissed:
            self.clear()
            return
        self.note_id = found[0]
        self.label.setText(f"Similar to an earlier note: “{short(found[1], 90)}”")
        self.setAccessibleName(self.label.text())
        self.show()

    def _link(self) -> None:
        if self.note_id is not None:
            self.link_requested.emit(self.note_id)

    def _dismiss(self) -> None:
        if self.note_id is not None:
            self._dismissed.add(self.note_id)
        self.clear()


def _no_hint(_error: BaseException) -> None:
    """A failed look-up shows no hint."""


def _closest(store: Store, session_id: str, text: str) -> tuple[str, str] | None:
    """Runs on a worker: the most similar note's id and text, if any passes the threshold."""
    hits = capture.near_duplicates(store, session_id, text, limit=1)
    if not hits:
        return None
    notes = capture.notes_by_ids(store, [hits[0][0]])
    return (notes[0].id, notes[0].text) if notes else None
