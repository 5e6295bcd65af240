"""What every chart shares: focus, arrow keys through its bars or cells (each said in words to
a screen reader), tooltips, a legend, and a height worked out from its width and the text size
(so it grows with 200% text instead of clipping)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import shiboken6
from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QAccessible,
    QAccessibleInterface,
    QFocusEvent,
    QFontMetricsF,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import QAccessibleWidget, QScrollArea, QSizePolicy, QToolTip, QWidget

from app.ui.accessibility import announce
from app.ui.charts import palette

Swatch = Callable[[QPainter, QRectF], None]


@dataclass(frozen=True)
class Item:
    """One bar or cell: where it is drawn and what it says."""

    rect: QRectF
    sentence: str


@dataclass(frozen=True)
class LegendEntry:
    text: str
    swatch: Swatch


@dataclass
class Plan:
    """A chart laid out for one width: its height, its items, and what the painter needs."""

    height: int
    items: list[Item] = field(default_factory=list)
    legend: list[tuple[QRectF, QRectF, LegendEntry]] = field(default_factory=list)


def wrap(fm: QFontMetricsF, text: str, width: float, max_lines: int) -> list[str]:
    """`text` broken into lines no wider than `width`, at most `max_lines`, the last one cut
    short with "…" when the rest does not fit."""
    lines: list[str] = []
    words = text.split()
    while words and len(lines) < max_lines:
        line = words.pop(0)
        while words and fm.horizontalAdvance(f"{line} {words[0]}") <= width:
            line = f"{line} {words.pop(0)}"
        lines.append(line)
    if words:
        lines[-1] = f"{lines[-1]} {' '.join(words)}"
    return [fm.elidedText(line, Qt.TextElideMode.ElideRight, width) for line in lines]


class _ChartAccessible(QAccessibleWidget):
    """A chart as a screen reader meets it: the role of a chart, its name and summary, and
    the bar or cell the arrow keys are on as its value."""

    def __init__(self, chart: Chart) -> None:
        super().__init__(chart, QAccessible.Role.Chart)
        self._chart = chart

    def text(self, kind: QAccessible.Text) -> str:
        chart = self._chart
        if kind == QAccessible.Text.Value and shiboken6.isValid(chart):
            items = chart.items()
            return items[chart.current].sentence if 0 <= chart.current < len(items) else ""
        return super().text(kind)


def _factory(class_name: str, obj: object) -> QAccessibleInterface | None:
    return _ChartAccessible(obj) if isinstance(obj, Chart) else None


_installed = False


class Chart(QWidget):
    """Base of the charts: subclasses lay out (`_plan`), paint (`_paint`) and summarise."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        global _installed
        if not _installed:
            QAccessible.installFactory(_factory)
            _installed = True
        super().__init__(parent)
        self._plans: dict[int, Plan] = {}
        self.current = -1
        self.setAccessibleName(name)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setBackgroundRole(QPalette.ColorRole.Base)
        self.setAutoFillBackground(True)

    # --- for subclasses ---------------------------------------------------------------------

    def _plan(self, width: int) -> Plan:
        raise NotImplementedError

    def _paint(self, painter: QPainter, plan: Plan) -> None:
        raise NotImplementedError

    def summary(self) -> str:
        """What the chart shows, in a sentence or two: its accessible description."""
        raise NotImplementedError

    def _min_width(self) -> int:
        return self.fontMetrics().averageCharWidth() * 30

    def _step(self, key: int, count: int) -> int | None:
        """The item the key moves to from the current one; None when the key is not ours."""
        at = self.current
        moves = {Qt.Key.Key_Up: at - 1, Qt.Key.Key_Left: at - 1, Qt.Key.Key_Down: at + 1,
                 Qt.Key.Key_Right: at + 1, Qt.Key.Key_Home: 0, Qt.Key.Key_End: count - 1}
        return moves.get(Qt.Key(key))

    # --- shared -----------------------------------------------------------------------------

    def plan(self, width: int | None = None) -> Plan:
        """The layout for `width` (the chart's own by default), made once per width."""
        width = max(1, width if width is not None else self.width())
        if width not in self._plans:
            if len(self._plans) > 4:
                self._plans.clear()
            self._plans[width] = self._plan(width)
        return self._plans[width]

    def items(self) -> list[Item]:
        """Every bar or cell in reading order, as laid out at the chart's present width."""
        return self.plan().items

    def changed(self) -> None:
        """The data changed: lay out again, say what the chart now shows, repaint."""
        self._plans.clear()
        self.setAccessibleDescription(self.summary())
        if self.current >= len(self.items()):
            self.current = len(self.items()) - 1
        self.updateGeometry()
        self.update()

    def metrics(self) -> QFontMetricsF:
        return QFontMetricsF(self.font())

    def sizeHint(self) -> QSize:
        width = self.width() if self.width() > 1 else 640
        return QSize(max(width, self._min_width()), self.plan(width).height)

    def minimumSizeHint(self) -> QSize:
        return QSize(self._min_width(), self.sizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.plan().height != self.height():
            self.updateGeometry()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.PaletteChange):
            self._plans.clear()
            self.updateGeometry()
            self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        plan = self.plan()
        self._paint_legend(painter, plan)
        self._paint(painter, plan)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        focus = QPen(self.palette().color(QPalette.ColorRole.Highlight), 3)
        if 0 <= self.current < len(plan.items):
            # The current bar or cell stays marked, dashed, while the focus is elsewhere.
            painter.setPen(focus if self.hasFocus() else
                           QPen(self.palette().color(QPalette.ColorRole.Text), 2,
                                Qt.PenStyle.DashLine))
            painter.drawRect(plan.items[self.current].rect.adjusted(-2, -2, 2, 2))
        if self.hasFocus():
            painter.setPen(focus)
            painter.drawRect(QRectF(self.rect()).adjusted(1.5, 1.5, -1.5, -1.5))
        painter.end()

    def legend_plan(self, width: float, entries: list[LegendEntry],
                    margin: float) -> tuple[float, list[tuple[QRectF, QRectF, LegendEntry]]]:
        """Entries flowed into lines across `width` inside `margin` on every side; the height
        they take."""
        width -= 2 * margin
        fm = self.metrics()
        line = fm.lineSpacing() * 1.5
        side = fm.height()
        gap = fm.averageCharWidth() * 3
        x, y = 0.0, margin
        placed = []
        for entry in entries:
            text_width = min(fm.horizontalAdvance(entry.text) + 2, width - side * 1.5)
            need = side * 1.5 + text_width
            if x > 0 and x + need > width:
                x, y = 0.0, y + line
            swatch = QRectF(margin + x, y + (line - side) / 2, side, side)
            text = QRectF(margin + x + side * 1.5, y, text_width, line)
            placed.append((swatch, text, entry))
            x += need + gap
        return (y + line - margin if entries else 0.0), placed

    def hatched_entry(self, label: str) -> LegendEntry:
        """The legend's entry for what is marked as needing attention (hatched)."""
        pal = self.palette()

        def hatched(p: QPainter, r: QRectF) -> None:
            p.setPen(pal.color(QPalette.ColorRole.Text))
            p.drawRect(r)
            palette.hatch(p, r, pal)

        return LegendEntry(label.capitalize(), hatched)

    def _paint_legend(self, painter: QPainter, plan: Plan) -> None:
        fm = self.metrics()
        painter.setFont(self.font())
        for swatch, text, entry in plan.legend:
            entry.swatch(painter, swatch)
            painter.setPen(self.palette().color(QPalette.ColorRole.Text))
            painter.drawText(text, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                             fm.elidedText(entry.text, Qt.TextElideMode.ElideRight,
                                           text.width()))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        count = len(self.items())
        target = self._step(event.key(), count) if count else None
        if target is None:
            super().keyPressEvent(event)
            return
        self.set_current(max(0, min(count - 1, target)))

    def set_current(self, index: int) -> None:
        """Make bar or cell `index` the current one: outlined, scrolled into view and said."""
        items = self.items()
        if not 0 <= index < len(items):
            return
        self.current = index
        self.update()
        self._scroll_to(items[index].rect)
        announce(self, items[index].sentence)

    def _scroll_to(self, rect: QRectF) -> None:
        """Bring `rect` into view in every scroll area the chart sits in (its own, sideways,
        and the page's)."""
        parent = self.parentWidget()
        while parent is not None:
            if isinstance(parent, QScrollArea) and parent.widget() is not None:
                centre = self.mapTo(parent.widget(), rect.center().toPoint())
                parent.ensureVisible(centre.x(), centre.y(), int(rect.width() / 2) + 8,
                                     int(rect.height() / 2) + 8)
            parent = parent.parentWidget()

    def tip_at(self, point: QPointF) -> str:
        """What the tooltip says at `point`: the words of the bar or cell there, if any."""
        at = self.item_at(point)
        return self.items()[at].sentence if at >= 0 else ""

    def item_at(self, point: QPointF) -> int:
        return next((i for i, item in enumerate(self.items()) if item.rect.contains(point)), -1)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        at = self.item_at(event.position())
        if at >= 0:
            self.set_current(at)
        super().mousePressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.update()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            tip = self.tip_at(QPointF(event.pos()))
            if tip:
                QToolTip.showText(event.globalPos(), tip, self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)
