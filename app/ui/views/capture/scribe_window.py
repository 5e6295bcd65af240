"""Scribe mode: a small window that stays on top of the video call.

It holds an entry, the current agenda block with its time, and the latest notes. It shares the
capture session (and so the undo stack and the data) with the capture view: a note saved in
one shows in the other at once. The note being typed moves between them as the mode toggles.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.ui.item_models.note_model import NoteListModel
from app.ui.style import name_scroll_parts
from app.ui.views.capture.agenda_panel import BlockStatus
from app.ui.views.capture.capture_keys import add_capture_keys, add_key
from app.ui.views.capture.capture_session import CaptureSession
from app.ui.views.capture.composer import NoteComposer
from app.ui.views.capture.note_list import NoteListView
from app.ui.views.capture.session_clock import mmss

RECENT = 5
WINDOW = Qt.ShortcutContext.WindowShortcut


class ScribeWindow(QWidget):
    """Entry, block and timer, and the last few notes, always on top."""

    closed = Signal()

    def __init__(self, session: CaptureSession, parent: QWidget) -> None:
        super().__init__(parent, Qt.WindowType.Window | Qt.WindowType.WindowStaysOnTopHint)
        self.session = session
        self.setWindowTitle(f"Scribe: {session.session.title} — Cairn")
        self.setAccessibleName("Scribe mode")
        self.clock = QLabel(self)
        self.status = BlockStatus(session, self)
        self.composer = NoteComposer(session, self, lines=2, scale=1.2)
        self.composer.drafts.enabled = False  # the capture view holds the draft until handed over
        self.model = NoteListModel(session.store, session.session_id, session.labels, self,
                                   page=RECENT, just_saved=session.just_saved)
        self.recent = NoteListView(self, scale=1.0, name="Latest notes")
        self.recent.setModel(self.model)
        recent_label = QLabel("&Latest notes:", self)
        recent_label.setBuddy(self.recent)
        self.full_button = QPushButton("Back to the &full view", self)
        self.full_button.setToolTip("Close scribe mode and type in the capture view (Ctrl+Shift+M)")
        self.full_button.clicked.connect(self.close)

        top = QHBoxLayout()
        top.addWidget(self.status, 1)
        top.addWidget(self.clock)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.addLayout(top)
        layout.addWidget(self.composer)
        layout.addWidget(recent_label)
        layout.addWidget(self.recent, 1)
        layout.addWidget(self.full_button, 0, Qt.AlignmentFlag.AlignRight)

        add_capture_keys(self, self.composer, session, area_key=self.area_key,
                         star=self.star_key, start_or_pause=self.start_or_pause, context=WINDOW)
        add_key(self, "Full view", ["Ctrl+Shift+M"], self.close, WINDOW)
        # Its own window, so the main window's Undo and Redo keys do not reach it.
        for action, key in ((session.ctx.undo_stack.createUndoAction(self, "&Undo"),
                             QKeySequence.StandardKey.Undo),
                            (session.ctx.undo_stack.createRedoAction(self, "&Redo"),
                             QKeySequence.StandardKey.Redo)):
            action.setShortcuts(QKeySequence.keyBindings(key))
            action.setShortcutContext(WINDOW)
            self.addAction(action)

        session.notes_changed.connect(self.model.apply)
        session.labels_changed.connect(lambda renamed: self.model.relabel() if renamed else None)
        session.clock_changed.connect(self.refresh)
        self.recent.delete_requested.connect(self._delete)
        self.recent.star_requested.connect(self._star)
        self.recent.leave_requested.connect(lambda: self.composer.entry.setFocus())
        self.model.text_edited.connect(lambda note_id, text: session.edit_text(note_id, text, self))
        self.ticker = QTimer(self)
        self.ticker.setInterval(1000)
        self.ticker.timeout.connect(self.refresh)
        self.model.load()
        self.refresh()
        name_scroll_parts(self)

    def refresh(self) -> None:
        clock = self.session.clock
        paused = " (paused)" if clock.started and not clock.running else ""
        self.clock.setText(f"· clock {mmss(clock.elapsed())}{paused}")
        self.status.refresh()
        if clock.running != self.ticker.isActive():
            self.ticker.start() if clock.running else self.ticker.stop()

    def start_or_pause(self) -> None:
        clock = self.session.clock
        self.session.clock_action(clock.pause if clock.running else clock.start)

    def area_key(self, key: int) -> None:
        ids = self.recent.selected_ids() if self.recent.hasFocus() else []
        area = self.session.labels.area_for_key(key)
        if ids and area is not None:
            self.session.toggle_area(ids, area.id, self)
        else:
            self.composer.toggle_key(key)

    def star_key(self) -> None:
        if self.recent.hasFocus() and self.recent.selected_ids():
            self._star()
        else:
            self.composer.star.toggle()

    def _delete(self) -> None:
        ids = self.recent.selected_ids()
        if ids:
            self.session.delete(ids, self)

    def _star(self) -> None:
        ids = self.recent.selected_ids()
        if ids:
            self.session.toggle_star(ids, self)

    def show_near(self, view: QWidget) -> None:
        """Open at the top right of the screen, out of the way of the call's faces."""
        self.refit()
        screen = (view.screen() or QApplication.primaryScreen()).availableGeometry()
        metrics = self.fontMetrics()
        width = min(screen.width() // 2, max(420, metrics.averageCharWidth() * 52))
        height = min(screen.height() - 40, max(420, metrics.lineSpacing() * 24))
        self.resize(width, height)
        self.move(screen.right() - width - 16, screen.top() + 16)
        self.show()
        self.raise_()
        self.activateWindow()
        self.composer.entry.setFocus(Qt.FocusReason.OtherFocusReason)

    def closeEvent(self, event: QCloseEvent) -> None:
        super().closeEvent(event)
        self.closed.emit()

    def refit(self) -> None:
        self.composer.refit()
        self.recent.refit()
        self.status.refit()
