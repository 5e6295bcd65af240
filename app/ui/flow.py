"""Rows of widgets that wrap onto more lines when the window is narrow or the text large.

At 200% text on a 1366x768 laptop a fixed row of buttons would force the window wider than
the screen; wrapping keeps every button visible and in tab order (after Qt's own "Flow
Layout" example). `ButtonRow` is the widget to put in a page; `flow_of` fills one at once.
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QSizePolicy, QWidget


class FlowLayout(QLayout):
    """Lays items left to right and starts a new line when the next one does not fit."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 6) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self._trailing: set[int] = set()  # indexes of items pushed to the right end of a line
        self.setContentsMargins(QMargins(0, 0, 0, 0))

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def add_trailing(self, widget: QWidget) -> None:
        """Add a widget that sits at the right end of the last line (e.g. a destructive one)."""
        self._trailing.add(len(self._items))
        self.addWidget(widget)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        if 0 <= index < len(self._items):
            self._trailing.discard(index)
            return self._items.pop(index)
        return None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:
        width = sum(i.sizeHint().width() for i in self._visible()) + self._spacing * max(
            0, len(self._visible()) - 1)
        height = max((i.sizeHint().height() for i in self._visible()), default=0)
        return QSize(width, height)

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._visible():
            size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _visible(self) -> list[QLayoutItem]:
        return [i for i in self._items if not (i.widget() and i.widget().isHidden())]

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        x, y, line_height = area.x(), area.y(), 0
        placed: list[tuple[QLayoutItem, QPoint, int]] = []
        for index, item in enumerate(self._items):
            if item.widget() is not None and item.widget().isHidden():
                continue
            hint = item.sizeHint()
            if x + hint.width() > area.right() + 1 and x > area.x():
                x, y = area.x(), y + line_height + self._spacing
                line_height = 0
            placed.append((item, QPoint(x, y), index))
            x += hint.width() + self._spacing
            line_height = max(line_height, hint.height())
        if move:
            for item, point, index in placed:
                if index in self._trailing and point.y() == y:
                    # Alone at the right end of the last line, away from everyday buttons.
                    point = QPoint(max(point.x(), area.right() + 1 - item.sizeHint().width()), y)
                item.setGeometry(QRect(point, item.sizeHint()))
        return y + line_height - rect.y() + margins.bottom()


class ButtonRow(QWidget):
    """A widget holding a FlowLayout, growing in height as its buttons wrap."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.flow = FlowLayout(self)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def add(self, *widgets: QWidget) -> None:
        for widget in widgets:
            self.flow.addWidget(widget)

    def add_trailing(self, widget: QWidget) -> None:
        self.flow.add_trailing(widget)


def flow_of(parent: QWidget, *widgets: QWidget) -> ButtonRow:
    """A row of widgets (usually buttons) that wraps when narrow."""
    row = ButtonRow(parent)
    row.add(*widgets)
    return row
