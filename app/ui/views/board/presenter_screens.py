"""Which screen the presenter view fills: a choice shown only when there are several screens,
kept up to date as screens come and go (a projector plugged in), and remembered by name."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Signal
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from app.ui.screen_fit import first_geometry

SCREEN_KEY = "presenter/screen"


class ScreenChoice(QWidget):
    """"Screen:" and the screens present, by number, name and size."""

    chosen = Signal(object)  # QScreen, chosen by a person

    def __init__(self, settings: QSettings, parent: QWidget) -> None:
        super().__init__(parent)
        self._settings = settings
        self.combo = QComboBox(self)
        self.combo.setAccessibleName("Screen for full screen")
        self.combo.setToolTip("The screen the presenter view fills in full screen")
        label = QLabel("Sc&reen:", self)
        label.setBuddy(self.combo)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(label)
        row.addWidget(self.combo)
        app = QGuiApplication.instance()
        app.screenAdded.connect(self.fill)  # type: ignore[attr-defined]
        app.screenRemoved.connect(self.fill)  # type: ignore[attr-defined]
        self.combo.activated.connect(self._activated)
        self.fill()

    def fill(self) -> None:
        """List the screens present; keep the one remembered, else the window's own."""
        screens = QGuiApplication.screens()
        wanted = self._settings.value(SCREEN_KEY, "", str)
        self.combo.clear()
        for n, screen in enumerate(screens, 1):
            size = screen.geometry().size()
            self.combo.addItem(f"{n}: {screen.name()} ({size.width()}×{size.height()})",
                               screen.name())
        at = self.combo.findData(wanted)
        window = self.window()
        current = window.screen() if window.isVisible() else QGuiApplication.primaryScreen()
        if at < 0:
            at = screens.index(current) if current in screens else 0
        self.combo.setCurrentIndex(at)
        self.setVisible(len(screens) > 1)

    def screen_chosen(self) -> QScreen:
        """The screen chosen, else (it has gone) the window's own."""
        name = self.combo.currentData()
        for screen in QGuiApplication.screens():
            if screen.name() == name:
                return screen
        return self.window().screen()

    def _activated(self) -> None:
        self._settings.setValue(SCREEN_KEY, self.combo.currentData())
        self.chosen.emit(self.screen_chosen())


def place_on(window: QWidget, screen: QScreen) -> None:
    """Move `window` onto `screen`, at the size a first window has there."""
    handle = window.windowHandle()
    if handle is not None and handle.screen() is not screen:
        handle.setScreen(screen)  # so that full screen fills this one, not the last one
    window.setGeometry(first_geometry(screen.availableGeometry()))
