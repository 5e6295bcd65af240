"""A recurring theme's timeline, drawn with QPainter, and the table that says the same.

The chart puts each session the theme appeared in along a line of time (spaced by date), with
a bar as tall as its note count, the count written above it, and its dot votes as dots (as the
group placed them) with their number beside. Nothing depends on colour: every figure is also
written. The table beside it is the equivalent for screen readers and the keyboard.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QSizePolicy, QTableView, QWidget

from app.services.sensemaking.recurring_query import Appearance
from app.ui.style import follow_text_size

Index = QModelIndex | QPersistentModelIndex
MOST_DOTS = 10  # dots drawn for votes; more are written as "+N"
HEADINGS = ("Date", "Session", "Theme there", "Notes", "Votes")


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def date_text(appearance: Appearance) -> str:
    return appearance.starts.astimezone().strftime("%d %b %Y").lstrip("0")


def spoken(appearance: Appearance) -> str:
    """One appearance as a sentence: what a screen reader says for its row."""
    return (f"{date_text(appearance)}, {appearance.session_title}: "
            f"{appearance.title}, {plural(appearance.notes, 'note')}, "
            f"{plural(appearance.votes, 'vote')}")


class TimelineModel(QAbstractTableModel):
    """The timeline as a table: one row a session, oldest first."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Appearance] = []

    def set_timeline(self, timeline: tuple[Appearance, ...]) -> None:
        if list(timeline) == self._rows:
            return
        self.beginResetModel()  # a different recurring theme: every row is new
        self._rows = list(timeline)
        self.endResetModel()

    def appearance(self, row: int) -> Appearance:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's default
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADINGS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADINGS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        a = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (date_text(a), a.session_title, a.title, a.notes, a.votes)[index.column()]
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return spoken(a)
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() >= 3:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class TimelineTable(QTableView):
    """The timeline table: whole rows, read only, as tall as its rows (the chart above it
    takes the rest of the height); Tab leaves it for the button below."""

    def __init__(self, model: TimelineModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recurringTimelineTable")
        self.setModel(model)
        self.setAccessibleName("Timeline table")
        self.setAccessibleDescription("The sessions it appeared in, oldest first: date, "
                                      "session, the theme's title there, notes, votes. "
                                      "Delete unlinks the selected session's theme.")
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setAlternatingRowColors(True)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def fit_rows(self) -> None:
        rows = self.model().rowCount()
        row = max(self.verticalHeader().defaultSectionSize(),
                  self.sizeHintForRow(0) if rows else 0)
        self.setFixedHeight(self.horizontalHeader().sizeHint().height() + max(1, rows) * row
                            + 2 * self.frameWidth())


class TimelineChart(QWidget):
    """Sessions along time, each with its notes as a bar and its votes as dots."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recurringTimeline")
        self.setAccessibleName("Timeline chart")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._timeline: tuple[Appearance, ...] = ()
        self.refit()
        follow_text_size(self)

    def set_timeline(self, title: str, timeline: tuple[Appearance, ...]) -> None:
        self._timeline = timeline
        self.setAccessibleName(f"Timeline chart of {title}")
        self.setAccessibleDescription("; ".join(spoken(a) for a in timeline)
                                      or "It has appeared in no session yet.")
        self.update()

    def refit(self) -> None:
        self.setMinimumHeight(self.fontMetrics().lineSpacing() * 10)
        self.setMaximumHeight(self.fontMetrics().lineSpacing() * 18)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 30)

    def layout_x(self) -> tuple[list[float], float]:
        """Where each session sits across the chart (pixels, spaced by its date, but never
        closer than a label allows) and how wide its labels may be."""
        count = len(self._timeline)
        if not count:
            return [], 0.0
        char = self.fontMetrics().averageCharWidth()
        wanted = char * 16.0  # a date and the start of a session's title
        room = max(1.0, self.width() - char * 2.0)
        label = min(wanted, room / count)
        left, right = char + label / 2, self.width() - char - label / 2
        if count == 1:
            return [(left + right) / 2], label
        first, last = self._timeline[0].starts, self._timeline[-1].starts
        span = (last - first).total_seconds() or 1.0
        gap = min(label + char, (right - left) / (count - 1))
        placed: list[float] = []
        for n, a in enumerate(self._timeline):
            x = left + (a.starts - first).total_seconds() / span * (right - left)
            low = placed[-1] + gap if placed else left
            high = right - gap * (count - 1 - n)
            placed.append(min(max(x, low), high))
        return placed, min(label, gap - char / 2)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        accent = palette.color(QPalette.ColorRole.Highlight)
        metrics = self.fontMetrics()
        line = metrics.lineSpacing()
        axis = self.height() - 2.3 * line  # dates and session titles below it
        dots = line * 0.55
        top = 2.2 * line + 1.5 * dots  # votes and the note count above the tallest bar
        bar_room = axis - top
        most = max((a.notes for a in self._timeline), default=0) or 1
        painter.setPen(QPen(text, 1.5))
        painter.drawLine(0, int(axis), self.width(), int(axis))
        xs, label = self.layout_x()
        width = max(line * 0.9, 8.0)
        for x, a in zip(xs, self._timeline, strict=True):
            height = bar_room * a.notes / most
            bar = QRectF(x - width / 2, axis - height, width, height)
            painter.fillRect(bar, accent)
            painter.setPen(QPen(text, 1))
            painter.drawRect(bar)
            self._text(painter, x, bar.top() - line, label, plural(a.notes, "note"))
            self._votes(painter, x, axis - height - line - dots * 1.4, dots, a.votes, text,
                        label)
            painter.drawLine(int(x), int(axis - 4), int(x), int(axis + 4))
            self._text(painter, x, axis + 0.15 * line, label, date_text(a))
            self._text(painter, x, axis + 1.15 * line, label, a.session_title)
        painter.end()

    def _text(self, painter: QPainter, x: float, y: float, width: float, words: str) -> None:
        """One line centred on x, cut short with "…" to `width`."""
        shown = self.fontMetrics().elidedText(words, Qt.TextElideMode.ElideRight, int(width))
        painter.drawText(QRectF(x - width / 2, y, width, self.fontMetrics().lineSpacing()),
                         Qt.AlignmentFlag.AlignCenter, shown)

    def _votes(self, painter: QPainter, x: float, y: float, size: float, votes: int,
               colour: QColor, width: float) -> None:
        """The votes as dots in a row centred on x (at most MOST_DOTS, and as many as fit),
        then their number above."""
        step = size * 1.25
        shown = min(max(votes, 0), MOST_DOTS, max(1, int(width // step)))
        start = x - (shown * step) / 2
        painter.setBrush(colour)
        for n in range(shown):
            painter.drawEllipse(QRectF(start + n * step, y, size, size))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        self._text(painter, x, y - self.fontMetrics().lineSpacing() * 1.05, width,
                   plural(votes, "vote"))
