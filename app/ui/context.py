"""What every window and view shares: the store, preferences, the undo stack, the change bus
and the task manager."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QMessageBox, QWidget

from app.models import CairnError, Changes, Preferences
from app.store.engine import Store
from app.ui import accessibility
from app.ui.tasks import TaskManager

T = TypeVar("T")


class ChangeBus(QObject):
    """Views listen here and refresh only what a change-set names."""

    changed = Signal(object)  # Changes
    preferences_changed = Signal(object)  # Preferences
    status = Signal(str)  # a short message for the status bar, announced politely
    alert = Signal(str)  # a short error for the status bar, announced at once


@dataclass
class AppContext:
    store: Store
    prefs: Preferences
    prefs_path: Path
    undo_stack: QUndoStack
    bus: ChangeBus
    # Made by app.main for the application; a context made without one (tests) gets its own.
    tasks: TaskManager = field(default=None)  # type: ignore[assignment]

    def __post_init__(self) -> None:
        if self.tasks is None:
            self.tasks = TaskManager()
        accessibility.install()
        self.bus.alert.connect(self._alert)
        self.bus.status.connect(accessibility.announcer().status_asked)
        # What a task committed is announced even when the window that asked has closed.
        self.tasks.committed.connect(self.announce)

    def attempt(self, parent: QWidget | None, operation: Callable[[], T]) -> T | None:
        """Run a service call; a refusal is shown as its one sentence and returns None."""
        try:
            return operation()
        except CairnError as err:
            show_refusal(parent, str(err))
            return None

    def _alert(self, sentence: str) -> None:
        # Shown where every status message is; the announcer says it without waiting.
        accessibility.announcer().expect_alert(sentence)
        self.bus.status.emit(sentence)

    def announce(self, changes: Changes) -> None:
        if changes:
            self.bus.changed.emit(changes)

    def save_preferences(self, prefs: Preferences) -> None:
        self.prefs = prefs
        prefs.save(self.prefs_path)
        self.store.author = prefs.your_name
        self.bus.preferences_changed.emit(prefs)


def show_refusal(parent: QWidget | None, sentence: str) -> None:
    """The refusal's one sentence in a message box, announced at once to a screen reader."""
    box = QMessageBox(QMessageBox.Icon.Warning, "Cairn", sentence, QMessageBox.StandardButton.Ok,
                      parent)
    box.setAccessibleName("Cairn could not do that")
    box.setAccessibleDescription(sentence)
    accessibility.announce_dialog(box, sentence)
    box.exec()
