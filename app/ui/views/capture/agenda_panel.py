"""The session clock and the agenda: which block is being run, and how long it has left.

An overrun says so in words beside a warning icon ("Over by 2:15"), never by colour alone.
The labels are redrawn every second while the clock runs; the time itself comes from the
CaptureSession's clock, so tests drive it with a fake one.
"""

from __future__ import annotations

import math

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from app.ui.item_models.note_cards import local_clock
from app.ui.views.capture.capture_session import CaptureSession
from app.ui.views.capture.session_clock import mmss


def remaining_text(seconds: float | None) -> tuple[str, bool]:
    """('4:12 left', False) or ('Over by 2:15', True); ('', False) without a block."""
    if seconds is None:
        return "", False
    if seconds >= 0:
        return f"{mmss(math.ceil(seconds))} left", False
    return f"Over by {mmss(-seconds)}", True


class BlockStatus(QWidget):
    """One line: the current block, and its time left or its overrun (icon and words)."""

    def __init__(self, session: CaptureSession, parent: QWidget | None = None, *,
                 one_line: bool = False) -> None:
        super().__init__(parent)
        self.session = session
        self._one_line = one_line  # scribe mode: the block's title cut short, the time kept
        self.block = QLabel(self)
        self.block.setWordWrap(not one_line)
        self.block.setTextFormat(Qt.TextFormat.PlainText)
        if one_line:
            self.block.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.icon = QLabel(self)
        self.icon.setAccessibleName("Warning")
        self.remaining = QLabel(self)
        self.remaining.setTextFormat(Qt.TextFormat.PlainText)
        # The time on a line of its own: beside a long block title that wraps, a row would
        # clip the title at 200% text.
        time_row = QHBoxLayout()
        time_row.setContentsMargins(0, 0, 0, 0)
        time_row.addWidget(self.icon)
        time_row.addWidget(self.remaining)
        time_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.block)
        layout.addLayout(time_row)
        self.refresh()

    def refresh(self) -> None:
        s = self.session
        current = s.current_block()
        if current is None:
            said = "No agenda block: start the clock, or choose one with Ctrl+]"
        elif s.clock.block_index is None:
            said = f"By the plan: {current.position + 1}. {current.title}"
        else:
            said = f"Now: {current.position + 1}. {current.title}"
        self._said = said
        self._show_block()
        text, over = remaining_text(s.clock.block_remaining())
        self.remaining.setText(text)
        self.icon.setVisible(over)
        if over and self.icon.pixmap().isNull():
            size = self.fontMetrics().height()
            icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
            self.icon.setPixmap(icon.pixmap(size, size))
        font = QFont(self.remaining.font())
        font.setBold(over)
        self.remaining.setFont(font)
        self.setAccessibleName(" · ".join(t for t in (said, text) if t))

    def _show_block(self) -> None:
        said = getattr(self, "_said", "")
        if self._one_line:
            self.block.setToolTip(said)
            said = self.block.fontMetrics().elidedText(said, Qt.TextElideMode.ElideRight,
                                                       max(20, self.block.width()))
        if self.block.text() != said:
            self.block.setText(said)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._one_line:
            self._show_block()

    def refit(self) -> None:
        self.icon.setPixmap(self.style().standardIcon(
            QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(self.fontMetrics().height()))


class AgendaPanel(QWidget):
    """Clock buttons, the current block with its time, and the whole agenda with it marked."""

    def __init__(self, session: CaptureSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.clock_label = QLabel(self)
        self.status = BlockStatus(session, self)
        self.start_button = QPushButton("Start clock", self)
        self.start_button.setToolTip("Start or pause the session clock (F9)")
        self.stop_button = QPushButton("Stop clock", self)
        self.stop_button.setToolTip("End the session: the clock goes back to zero (Shift+F9)")
        self.previous_button = QPushButton("◀ Previous block", self)
        self.previous_button.setAccessibleName("Previous block")
        self.previous_button.setToolTip("Go back to the previous agenda block (Ctrl+[)")
        self.next_button = QPushButton("Next block ▶", self)
        self.next_button.setAccessibleName("Next block")
        self.next_button.setToolTip("Move on to the next agenda block (Ctrl+])")
        self.blocks = QListWidget(self)
        self.blocks.setSpacing(2)  # a little air between blocks that wrap onto two lines
        self.blocks.setAccessibleName("Agenda")
        self.blocks.setWordWrap(True)
        blocks_label = QLabel("A&genda", self)
        blocks_label.setBuddy(self.blocks)

        clock_row = QHBoxLayout()
        clock_row.addWidget(self.start_button)
        clock_row.addWidget(self.stop_button)
        block_row = QHBoxLayout()
        block_row.addWidget(self.previous_button)
        block_row.addWidget(self.next_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.clock_label)
        layout.addLayout(clock_row)
        layout.addWidget(self.status)
        layout.addLayout(block_row)
        layout.addWidget(blocks_label)
        layout.addWidget(self.blocks, 1)

        self.start_button.clicked.connect(self.start_or_pause)
        self.stop_button.clicked.connect(lambda: session.clock_action(session.clock.stop))
        self.previous_button.clicked.connect(lambda: session.step_block(-1))
        self.next_button.clicked.connect(lambda: session.step_block(+1))
        self.blocks.itemActivated.connect(self._choose)
        session.clock_changed.connect(self.refresh)
        self.ticker = QTimer(self)
        self.ticker.setInterval(1000)
        self.ticker.timeout.connect(self.refresh)
        self.refresh()

    def start_or_pause(self) -> None:
        clock = self.session.clock
        self.session.clock_action(clock.pause if clock.running else clock.start)

    def refresh(self) -> None:
        clock = self.session.clock
        state = "running" if clock.running else "paused" if clock.started else "not started"
        self.clock_label.setText(f"Session clock {mmss(clock.elapsed())} ({state})")
        self.start_button.setText("Pause clock" if clock.running else
                                  "Resume clock" if clock.started else "Start clock")
        self.stop_button.setEnabled(clock.started)
        if clock.running and not self.ticker.isActive():
            self.ticker.start()
        elif not clock.running:
            self.ticker.stop()
        self.status.refresh()
        self._fill_blocks()

    def _fill_blocks(self) -> None:
        current = self.session.current_block()
        plan = self.session.planned_starts()
        texts = []
        for block in self.session.blocks:
            now = block.id == (current.id if current else None)
            starts = local_clock(plan.get(block.id))
            texts.append(("▶ Now · " if now else "") + f"{starts}  {block.position + 1}. "
                         f"{block.title} ({block.minutes} min)")
        if [self.blocks.item(i).text() for i in range(self.blocks.count())] != texts:
            self.blocks.clear()
            for text in texts:
                self.blocks.addItem(QListWidgetItem(text))
        for row, block in enumerate(self.session.blocks):
            item = self.blocks.item(row)
            font = QFont(QApplication.font())
            font.setBold(current is not None and block.id == current.id)
            item.setFont(font)
            if current is not None and block.id == current.id and self.blocks.currentRow() != row:
                self.blocks.setCurrentRow(row)

    def _choose(self, item: QListWidgetItem) -> None:
        row = self.blocks.row(item)
        self.session.clock_action(lambda: self.session.clock.go_to_block(row))

    def refit(self) -> None:
        self.status.refit()
        self._fill_blocks()
