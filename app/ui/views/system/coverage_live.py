"""What the "Coverage" and "Who was heard" tabs share: they read the learning system's coverage
(a few grouped queries) and show it, and read it again when notes, themes, focus areas,
sessions or people change: once per turn of the event loop however many changes came, and
only while the tab is shown (a hidden tab catches up when it is next opened)."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from app.models import CairnError, Changes
from app.services.sensemaking import coverage
from app.ui.context import AppContext
from app.ui.style import scrolled

# Entities whose change can move a number on these tabs.
WATCHED = ("note", "note_focus_area", "theme", "theme_focus_area", "focus_area", "session",
           "participant", "invitation")


class CoveragePage(QWidget):
    """Base of a tab over `coverage.coverage`; subclasses show it in `show_coverage`."""

    def __init__(self, ctx: AppContext, system_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.system_id = system_id
        self.found: coverage.Coverage | None = None
        self.reads = 0  # how many times coverage was read: each refresh costs one
        self._stale = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.refresh)
        ctx.bus.changed.connect(self._changed)

    def show_coverage(self, found: coverage.Coverage) -> None:
        raise NotImplementedError

    def lay_out(self, page: QWidget, parts: list[QWidget], name: str) -> None:
        """`parts` down `page`, which scrolls (named `name`) and fills the tab; then the
        first reading."""
        column = QVBoxLayout(page)
        column.setContentsMargins(24, 16, 24, 24)
        column.setSpacing(12)
        for part in parts:
            column.addWidget(part)
        column.addStretch(1)
        self.scroll = scrolled(page, name, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll)
        self.refresh()

    def refresh(self) -> None:
        """Read the coverage now and show it."""
        self._stale = False
        try:
            found = coverage.coverage(self._ctx.store, self.system_id)
        except CairnError:
            return  # the learning system went (deleted here or by sync); its screen goes too
        self.reads += 1
        self.found = found
        self.show_coverage(found)

    def _changed(self, changes: Changes) -> None:
        if any(changes.touches(entity) for entity in WATCHED):
            self._stale = True
            if self.isVisible():
                self._timer.start()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._timer.start()
