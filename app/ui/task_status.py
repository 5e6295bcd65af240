"""The running task in the main window's status bar: what it is, how far it has got, Cancel;
and every message of that status bar announced to a screen reader.

It follows the application's `TaskManager`: shown while a labelled task runs (the oldest one,
with a count of any others), hidden when none does. A task that ends says so in the status
bar's message ("Importing notes: done."); what the task's own callback says next replaces it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFontMetrics, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QWidget,
)

from app.ui.accessibility import follow_status_bar
from app.ui.style import follow_text_size
from app.ui.tasks import Task, TaskManager

ENDINGS = {"done": "done", "failed": "it did not finish", "cancelled": "cancelled"}


class _ElidedLabel(QLabel):
    """One line that gives way when the status bar is crowded (large text): cut short with
    "…", the whole of it in the tooltip and the accessible name."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""

    def set_full_text(self, text: str) -> None:
        self._full = text
        self.setToolTip(text)
        self.setAccessibleName(text)
        self.updateGeometry()
        self._elide()

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(self.fontMetrics().horizontalAdvance(self._full) + 4, hint.height())

    def minimumSizeHint(self) -> QSize:
        return QSize(self.fontMetrics().averageCharWidth() * 12, super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        self.setText(self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight,
                                                   max(1, self.width())))


class TaskStatus(QWidget):
    """Label, progress bar and Cancel for the task the status bar shows."""

    def __init__(self, tasks: TaskManager, say: Callable[[str], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tasks, self._say = tasks, say
        self.task: Task | None = None
        self.setAccessibleName("Work in progress")
        self.label = _ElidedLabel(self)
        self.bar = QProgressBar(self)
        self.bar.setTextVisible(True)
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.clicked.connect(self.cancel)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 6, 0)
        row.addWidget(self.label)
        row.addWidget(self.bar)
        row.addWidget(self.cancel_button)
        tasks.started.connect(self._follow)
        tasks.progressed.connect(self._progressed)
        tasks.ended.connect(self._ended)
        self.refit()
        follow_text_size(self)
        if isinstance(parent, QMainWindow):
            # The status bar this shows in speaks too: each of its messages is announced.
            follow_status_bar(parent.statusBar())
        self.hide()

    def cancel(self) -> None:
        if self.task is not None and self.task.cancellable:
            self.task.cancel()
            self.cancel_button.setEnabled(False)
            self.label.set_full_text(f"{self.task.label}: cancelling…")

    def _follow(self, _task: object = None) -> None:
        shown = self._tasks.shown()
        self.task = shown[0] if shown else None
        if self.task is None:
            self.hide()
            return
        task = self.task
        more = len(shown) - 1
        text = task.label + (f" (and {more} more)" if more else "")
        done, total, detail = task.progress.state()
        if detail:
            text += f": {detail}"
        if task.progress.cancelled:
            text = f"{task.label}: cancelling…"
        self.label.set_full_text(text)
        self.bar.setRange(0, max(total, 0))
        self.bar.setValue(min(done, total) if total > 0 else 0)
        self.bar.setAccessibleName(f"Progress of {task.label.lower()}")
        self.bar.setAccessibleDescription(f"{done:,} of {total:,}" if total > 0 else "Working")
        self.cancel_button.setVisible(task.cancellable)
        self.cancel_button.setEnabled(task.cancellable and not task.progress.cancelled)
        self.cancel_button.setAccessibleName(f"Cancel {task.label.lower()}")
        self.cancel_button.setToolTip(f"Stop {task.label.lower()}")
        self.show()

    def _progressed(self, task: Task) -> None:
        if task is self.task:
            self._follow()

    def _ended(self, task: Task) -> None:
        if task.label:
            self._say(f"{task.label}: {ENDINGS.get(task.outcome, task.outcome)}.")
            self._follow()

    def refit(self) -> None:
        """A bar about twenty characters wide at any text size."""
        metrics = QFontMetrics(QApplication.font())
        self.bar.setFixedWidth(metrics.averageCharWidth() * 20)
