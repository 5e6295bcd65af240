"""Paging through the presenter's themes a screenful at a time, by whole themes.

Page Down brings the first theme not wholly shown to the top, so no theme is read cut in half
and none is skipped; Page Up goes back as far as a screenful allows, starting on a theme. A
theme taller than the screen is scrolled through a screenful at a time. `where` says which
themes are in view, for the line under the list.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QScrollArea, QWidget


class Pager(QObject):
    """Moves `area` by whole rows; `rows()` gives the rows of its page, top to bottom."""

    moved = Signal()  # what is in view changed (scrolled, or the page grew or shrank)

    def __init__(self, area: QScrollArea, rows: Callable[[], Sequence[QWidget]]) -> None:
        super().__init__(area)
        self._area, self._rows = area, rows
        bar = area.verticalScrollBar()
        bar.valueChanged.connect(self.moved)
        bar.rangeChanged.connect(self.moved)

    def _view(self) -> tuple[int, int]:
        return self._area.verticalScrollBar().value(), self._area.viewport().height()

    def _shown(self) -> list[QWidget]:
        return [r for r in self._rows() if not r.isHidden()]

    def page_down(self) -> None:
        top, height = self._view()
        target = top + height
        for row in self._shown():
            if row.geometry().bottom() >= top + height:  # not wholly in view
                target = row.y() if row.y() > top else top + height
                break
        self._go(target)

    def page_up(self) -> None:
        top, height = self._view()
        if top <= 0:
            return
        earliest = max(0, top - height)
        target = earliest
        for row in self._shown():
            if earliest <= row.y() < top:
                target = row.y()
                break
        self._go(0 if target <= self._first_top() else target)

    def first(self) -> None:
        self._go(0)

    def last(self) -> None:
        self._go(self._area.verticalScrollBar().maximum())

    def _first_top(self) -> int:
        shown = self._shown()
        return shown[0].y() if shown else 0

    def _go(self, value: int) -> None:
        bar = self._area.verticalScrollBar()
        bar.setValue(max(bar.minimum(), min(bar.maximum(), value)))

    def in_view(self) -> tuple[int, int]:
        """The first and last rows (from 1) at least partly in view; (0, 0) when none."""
        top, height = self._view()
        seen = [n for n, row in enumerate(self._shown(), 1)
                if row.geometry().bottom() >= top and row.y() < top + height]
        return (seen[0], seen[-1]) if seen else (0, 0)

    def where(self) -> str:
        """Which themes are in view, and how to see the others."""
        count = len(self._shown())
        if count == 0:
            return ""
        first, last = self.in_view()
        bar = self._area.verticalScrollBar()
        if bar.maximum() == 0:
            return f"All {count} themes shown." if count > 1 else "The one theme is shown."
        more = []
        if bar.value() < bar.maximum():
            more.append("Page Down for more")
        if bar.value() > 0:
            more.append("Page Up to go back")
        shown = f"Theme {first}" if first == last else f"Themes {first}–{last}"
        return f"{shown} of {count} · {' · '.join(more)}"
