"""Focus mode for live capture: the window full screen, only the entry and the list in it.

The navigator, the toolbar and any other docks of the window are hidden and the window goes
full screen; leaving (F11, Escape, the button, or closing the window) puts back exactly what
was shown before, so the geometry and docks the window remembers are never the focus-mode ones.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QDockWidget, QMainWindow, QToolBar, QWidget


@dataclass
class _Before:
    """What focus mode hid or changed, to put back."""

    state: Qt.WindowState
    hidden: list[QWidget] = field(default_factory=list)


class FocusMode(QObject):
    """Turns focus mode on and off for the window that holds `view`."""

    toggled = Signal(bool)

    def __init__(self, view: QWidget) -> None:
        super().__init__(view)
        self._view = view
        self._before: _Before | None = None
        self._window: QWidget | None = None

    def active(self) -> bool:
        return self._before is not None

    def toggle(self) -> None:
        self.leave() if self.active() else self.enter()

    def enter(self) -> None:
        if self.active():
            return
        window = self._view.window()
        before = _Before(window.windowState())
        if isinstance(window, QMainWindow):
            for part in (*window.findChildren(QDockWidget), *window.findChildren(QToolBar)):
                if part.parentWidget() is window and part.isVisible():
                    part.hide()
                    before.hidden.append(part)
        self._before, self._window = before, window
        # Closing the window in focus mode must remember the window as it was before it.
        window.installEventFilter(self)
        window.showFullScreen()
        self.toggled.emit(True)

    def leave(self) -> None:
        before, window = self._before, self._window
        if before is None or window is None:
            return
        self._before = self._window = None
        window.removeEventFilter(self)
        window.setWindowState(before.state)
        for part in before.hidden:
            part.show()
        self.toggled.emit(False)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() == QEvent.Type.Close:
            self.leave()
        return False
