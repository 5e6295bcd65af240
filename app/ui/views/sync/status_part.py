"""The sync part of the main window's status bar: last sync ("Synced 2 min ago"), changes to
send, "Offline", "Syncing…" while a round runs, and a button for open conflicts.

It shows a `SyncState` it is given (the runner reads it); it reads nothing itself, so it never
waits on a shared folder. The words of "2 min ago" are redrawn each half minute.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QToolButton, QWidget

from app.ui.icons import set_icon
from app.ui.style import follow_text_size, icon_size
from app.ui.views.sync.wording import SyncState, plural, status_parts

REDRAW_MS = 30_000


class _StateButton(QToolButton):
    """Says all it can ("Synced 2 min ago · 3 to send") and, when the status bar is crowded
    (large text, a narrow window), the first part alone rather than a cut word."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._texts = ("", "")

    def set_texts(self, full: str, short: str) -> None:
        self._texts = (full, short)
        self.updateGeometry()
        self._choose()

    def _width_for(self, text: str) -> int:
        metrics = self.fontMetrics()
        return (super().sizeHint().width() - metrics.horizontalAdvance(self.text())
                + metrics.horizontalAdvance(text))

    def sizeHint(self) -> QSize:
        return QSize(self._width_for(self._texts[0]), super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:
        return QSize(self._width_for(self._texts[1]), super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._choose()

    def _choose(self) -> None:
        full, short = self._texts
        wanted = full if self.width() >= self._width_for(full) else short
        if wanted != self.text():
            self.setText(wanted)


class SyncStatusPart(QWidget):
    """Two flat buttons: the sync state (opens the sync log) and the conflicts (opens them)."""

    log_requested = Signal()
    conflicts_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncStatus")
        self.setAccessibleName("Sync")
        self.state = SyncState()
        self.state_button = _StateButton(self)
        self.state_button.setObjectName("syncStateButton")
        self.state_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.state_button.setAutoRaise(True)
        self.state_button.clicked.connect(self.log_requested)
        self.conflicts_button = QToolButton(self)
        self.conflicts_button.setObjectName("syncConflictsButton")
        self.conflicts_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.conflicts_button.setAutoRaise(True)
        self.conflicts_button.clicked.connect(self.conflicts_requested)
        set_icon(self.conflicts_button, "conflict")
        self._icon = ""
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(2)
        row.addWidget(self.state_button)
        row.addWidget(self.conflicts_button)
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Preferred)
        self._redraw = QTimer(self)
        self._redraw.setInterval(REDRAW_MS)
        self._redraw.timeout.connect(self._show)
        self._redraw.start()
        self.refit()
        follow_text_size(self)
        self.show_state(self.state)

    def show_state(self, state: SyncState) -> None:
        """Show `state`; hidden altogether while this laptop has no shared folder."""
        self.state = state
        self._show()

    def _show(self) -> None:
        state = self.state
        syncing = state.status is not None and bool(state.status.shared_folder)
        self.setVisible(syncing or state.running)
        text, sentence = status_parts(state)
        role = "sync-offline" if state.offline and not state.running else "sync"
        if role != self._icon:
            set_icon(self.state_button, role)
            self._icon = role
        self.state_button.set_texts(text, text.split(" · ")[0])
        self.state_button.setAccessibleName(f"Sync: {text}")
        self.state_button.setAccessibleDescription(f"{sentence} Opens the sync log.")
        self.state_button.setToolTip(f"{sentence}\nClick for the sync log.")
        conflicts = state.status.open_conflicts if state.status is not None else 0
        self.conflicts_button.setVisible(conflicts > 0)
        words = plural(conflicts, "conflict")
        self.conflicts_button.setText(words)
        self.conflicts_button.setAccessibleName(f"{words} to resolve")
        self.conflicts_button.setToolTip(f"{words} kept from edits made at the same time on "
                                         "two laptops: choose which version to keep")
        warning = state.status.clock_warning if state.status is not None else ""
        if warning:
            self.state_button.setToolTip(f"{sentence}\n{warning}\nClick for the sync log.")

    def refit(self) -> None:
        side = icon_size(self.font())
        for button in (self.state_button, self.conflicts_button):
            button.setIconSize(QSize(side, side))
