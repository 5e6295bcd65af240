"""Scribe mode: a small window that stays on top of the video call.

It holds an entry, the current agenda block with its time, and the latest notes. It shares the
capture session (and so the undo stack and the data) with the capture view: a note saved in
one shows in the other at once. The note being typed moves between them as the mode toggles.

It is small (about 360x220 at 100% text, in proportion at larger sizes) and opens at the bottom
right of the screen, away from the bar that Teams and Zoom put their call controls in at the
top. Where it was put is remembered, and used again while that place is on a screen present
now. Its own menu can make it see-through, remembered too.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSettings, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence, QMoveEvent
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

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
# About 360x220 at 100% text: in characters and lines, so it grows with the text size.
WIDTH_CHARS, HEIGHT_LINES = 60, 13
MARGIN = 16  # from the screen's edges
SEE_THROUGH = 0.75
PLACE_KEY, SEE_THROUGH_KEY = "capture/scribe/place", "capture/scribe/see_through"


class ScribeWindow(QWidget):
    """Entry, block and timer, and the last few notes, always on top."""

    closed = Signal()

    def __init__(self, session: CaptureSession, parent: QWidget, *,
                 settings: QSettings | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window | Qt.WindowType.WindowStaysOnTopHint)
        self.session = session
        self._settings = settings or session.settings
        self._placing = False  # moves made here are not the facilitator's choice
        self.setWindowTitle(f"Scribe: {session.session.title} — Cairn")
        self.setAccessibleName("Scribe mode")
        self.clock = QLabel(self)
        self.status = BlockStatus(session, self, one_line=True)
        self.composer = NoteComposer(session, self, lines=2, scale=1.2)
        self.composer.drafts.enabled = False  # the capture view holds the draft until handed over
        self.composer.compact()
        self.model = NoteListModel(session.store, session.session_id, session.labels, self,
                                   page=RECENT, just_saved=session.just_saved)
        self.recent = NoteListView(self, scale=1.0, name="Latest notes")
        self.recent.setModel(self.model)
        recent_label = QLabel("&Latest notes:", self)
        recent_label.setBuddy(self.recent)
        self.full_button = QPushButton("&Full view", self)
        self.full_button.setAccessibleName("Back to the full view")
        self.full_button.setToolTip("Close scribe mode and type in the capture view (Ctrl+Shift+M)")
        self.full_button.clicked.connect(self.close)
        self.see_through = QAction("&See-through window", self)
        self.see_through.setCheckable(True)
        self.see_through.setStatusTip("Let the video call show through this window")
        self.see_through.toggled.connect(self._see_through)
        self.menu = QMenu("Scribe mode", self)
        self.menu.addAction(self.see_through)
        self.menu_button = QToolButton(self)
        self.menu_button.setText("⋯")
        self.menu_button.setAccessibleName("Scribe mode menu")
        self.menu_button.setToolTip("Scribe mode menu: see-through window")
        self.menu_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.menu_button.setMenu(self.menu)

        top = QHBoxLayout()
        top.addWidget(self.status, 1)
        top.addWidget(self.clock, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.full_button, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.menu_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.composer)
        layout.addWidget(recent_label)
        layout.addWidget(self.recent, 1)

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
        self.see_through.setChecked(self._settings.value(SEE_THROUGH_KEY, False, bool))

    def refresh(self) -> None:
        clock = self.session.clock
        paused = " (paused)" if clock.started and not clock.running else ""
        self.clock.setText(f"{mmss(clock.elapsed())}{paused}")
        self.clock.setAccessibleName(f"Session clock {self.clock.text()}")
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
        """Open where it was last put, if that is on a screen now; else at the bottom right."""
        self.refit()
        screen = (view.screen() or QApplication.primaryScreen()).availableGeometry()
        size = self.small_size().expandedTo(self.minimumSizeHint()).boundedTo(
            screen.size() - QSize(2 * MARGIN, 2 * MARGIN))
        place = self.remembered_place(size)
        self._placing = True
        self.resize(size)
        self.show()
        if place is None:
            # The frame (title bar, border) is known once shown; all of it goes on the screen.
            frame = self.frameGeometry().size()
            place = QPoint(screen.right() + 1 - frame.width() - MARGIN,
                           screen.bottom() + 1 - frame.height() - MARGIN)
        self.move(place)
        self._placing = False
        self.raise_()
        self.activateWindow()
        self.composer.entry.setFocus(Qt.FocusReason.OtherFocusReason)

    def small_size(self) -> QSize:
        """About 360x220 at 100% text, in proportion to the text size."""
        metrics = self.fontMetrics()
        return QSize(metrics.averageCharWidth() * WIDTH_CHARS, metrics.lineSpacing() * HEIGHT_LINES)

    def remembered_place(self, size: QSize) -> QPoint | None:
        """Where the facilitator last put it, while that is wholly on a screen present now."""
        saved = self._settings.value(PLACE_KEY)
        if not isinstance(saved, QPoint):
            return None
        wanted = QRect(saved, size)
        on_screen = any(s.availableGeometry().contains(wanted) for s in QGuiApplication.screens())
        return saved if on_screen else None

    def moveEvent(self, event: QMoveEvent) -> None:
        super().moveEvent(event)
        if self.isVisible() and not self._placing:
            self._settings.setValue(PLACE_KEY, self.pos())

    def _see_through(self, on: bool) -> None:
        self.setWindowOpacity(SEE_THROUGH if on else 1.0)
        self._settings.setValue(SEE_THROUGH_KEY, on)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._settings.setValue(PLACE_KEY, self.pos())
        super().closeEvent(event)
        self.closed.emit()

    def refit(self) -> None:
        self.composer.refit()
        self.recent.refit()
        self.status.refit()
