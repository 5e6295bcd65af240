"""A horizontal bar chart, grouped (a bar per series in each category, side by side) or stacked
(a category's series end to end in one bar). Every bar carries its number and unit ("25 notes"),
series differ by pattern as well as colour, and a category can be hatched as needing attention.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import QWidget

from app.ui.charts import palette
from app.ui.charts.chart_base import Chart, Item, LegendEntry, Plan, wrap


@dataclass(frozen=True)
class Series:
    """One kind of number: `name` in the legend, `unit` after each number ("25 notes"), and
    `one` after a 1 where it differs ("1 note")."""

    name: str
    unit: str = ""
    one: str = ""

    def count(self, value: int) -> str:
        return f"{value} {self.one if value == 1 and self.one else self.unit}".strip()


@dataclass(frozen=True)
class Bar:
    """One category: its label, its value per series, and whether it needs attention."""

    label: str
    values: tuple[int, ...]
    marked: bool = False


@dataclass(frozen=True)
class BarData:
    series: tuple[Series, ...]
    bars: tuple[Bar, ...] = ()
    stacked: bool = False
    shares: bool = False  # each number also as a share of its series' (stacked: bar's) total
    mark_label: str = ""  # what a marked (hatched) category means, for the legend
    empty: str = "Nothing to show yet."


@dataclass
class _Drawn:
    label_rect: QRectF
    label_lines: list[str]
    bars: list[tuple[QRectF, int]]  # the filled part and its series
    texts: list[tuple[QRectF, str]]  # numbers beside (grouped) or after (stacked) the bars
    band: QRectF  # the whole category, hatched when it is marked
    marked: bool


@dataclass
class _BarPlan(Plan):
    drawn: list[_Drawn] | None = None
    baseline: float = 0.0
    top: float = 0.0


def _share(value: int, total: int) -> str:
    return f"{round(100 * value / total)}%" if total else "0%"


class BarChart(Chart):
    """Horizontal bars with their numbers; Up and Down move from bar to bar."""

    def __init__(self, name: str, data: BarData, parent: QWidget | None = None) -> None:
        super().__init__(name, parent)
        self.data = data
        self.changed()

    def set_data(self, data: BarData) -> None:
        self.data = data
        self.changed()

    # --- words ------------------------------------------------------------------------------

    def value_text(self, bar: Bar, series: int) -> str:
        """What is written beside one bar: "25 notes", or "36 notes (32%)" with shares."""
        value = bar.values[series]
        text = self.data.series[series].count(value)
        if self.data.shares:
            total = (sum(bar.values) if self.data.stacked
                     else sum(b.values[series] for b in self.data.bars))
            text += f" ({_share(value, total)})"
        return text

    def _end_text(self, bar: Bar) -> str:
        total = self.data.series[0].count(sum(bar.values)) if self.data.series else ""
        parts = " + ".join(str(v) for v in bar.values)
        return f"{parts} = {total}" if len(bar.values) > 1 else total

    def sentence(self, bar: Bar, series: int) -> str:
        name = self.data.series[series].name
        words = self.value_text(bar, series)
        if self.data.stacked or len(self.data.series) > 1:
            words = f"{name}: {words}"
        mark = f" ({self.data.mark_label})" if bar.marked and self.data.mark_label else ""
        return f"{bar.label}{mark}, {words}" if len(self.data.series) > 1 or self.data.stacked \
            else f"{bar.label}{mark}: {words}"

    def summary(self) -> str:
        data = self.data
        if not data.bars:
            return data.empty
        names = ", ".join(s.name.lower() for s in data.series)
        how = "stacked" if data.stacked else "side by side"
        groups = f"{len(data.bars)} {'category' if len(data.bars) == 1 else 'categories'}"
        lead = (f"Bars for {groups} ({names}, {how}). " if len(data.series) > 1
                else f"Bars for {groups}. ")
        first = len(data.series) - 1  # the series the others lead up to (notes spoken)
        top = max(data.bars, key=lambda b: sum(b.values) if data.stacked else b.values[first])
        most = (f"Most: {top.label}, {self._end_text(top)}." if data.stacked else
                f"Most {data.series[first].name.lower()}: {top.label}, "
                f"{self.value_text(top, first)}.")
        marked = [b.label for b in data.bars if b.marked]
        flagged = f" {data.mark_label.capitalize()}: {', '.join(marked)}." if marked else ""
        return f"{lead}{most}{flagged} The same numbers are in its table (the Table button above)."

    # --- layout -----------------------------------------------------------------------------

    def _min_width(self) -> int:
        return int(self.metrics().averageCharWidth() * 46)

    def _legend(self) -> list[LegendEntry]:
        entries = []
        if len(self.data.series) > 1 or self.data.stacked:
            entries = [LegendEntry(s.name, lambda p, r, i=i: palette.fill_bar(p, r, i))
                       for i, s in enumerate(self.data.series)]
        if self.data.mark_label and any(b.marked for b in self.data.bars):
            entries.append(self.hatched_entry(self.data.mark_label))
        return entries

    def _plan(self, width: int) -> Plan:
        fm = self.metrics()
        ch, line = fm.averageCharWidth(), fm.lineSpacing()
        margin = ch
        legend_height, legend = self.legend_plan(width, self._legend(), margin)
        data = self.data
        top = margin + legend_height + (line * 0.4 if legend else 0)
        if not data.bars:
            return _BarPlan(int(top + line * 2 + margin), [], legend, [], 0.0, top)
        label_width = min(max(fm.horizontalAdvance(b.label) for b in data.bars) + ch,
                          width * 0.38)
        label_width = max(label_width, ch * 8)
        texts = [self._end_text(b) if data.stacked else self.value_text(b, s)
                 for b in data.bars for s in range(len(data.series))]
        text_width = max(fm.horizontalAdvance(t) for t in texts) + ch
        x0 = margin + label_width + ch
        plot = max(ch * 6, width - x0 - text_width - margin)
        most = max((sum(b.values) if data.stacked else max(b.values, default=0))
                   for b in data.bars) or 1
        thick = fm.height() * (1.3 if data.stacked else 1.05)
        gap, group_gap = 2.0, line * 0.6
        drawn: list[_Drawn] = []
        items: list[Item] = []
        y = top
        for bar in data.bars:
            lines = wrap(fm, bar.label, label_width, 2)
            count = 1 if data.stacked else len(data.series)
            height = max(count * thick + (count - 1) * gap, len(lines) * line)
            part = _Drawn(QRectF(margin, y, label_width, height), lines, [], [],
                          QRectF(margin / 2, y - group_gap / 3, width - margin,
                                 height + group_gap * 2 / 3), bar.marked)
            if data.stacked:
                x = x0
                for s, value in enumerate(bar.values):
                    rect = QRectF(x, y, plot * value / most, thick)
                    part.bars.append((rect, s))
                    items.append(Item(rect if rect.width() >= 4 else rect.adjusted(0, 0, 4, 0),
                                      self.sentence(bar, s)))
                    x += rect.width()
                end = self._end_text(bar)
                part.texts.append((QRectF(x + ch / 2, y, fm.horizontalAdvance(end) + 2, thick),
                                   end))
            else:
                for s, value in enumerate(bar.values):
                    by = y + s * (thick + gap)
                    rect = QRectF(x0, by, plot * value / most, thick)
                    part.bars.append((rect, s))
                    words = self.value_text(bar, s)
                    spot = QRectF(rect.right() + ch / 2, by, fm.horizontalAdvance(words) + 2,
                                  thick)
                    part.texts.append((spot, words))
                    items.append(Item(QRectF(x0, by, spot.right() - x0, thick),
                                      self.sentence(bar, s)))
            drawn.append(part)
            y += height + group_gap
        return _BarPlan(int(y + margin), items, legend, drawn, x0, top)

    # --- painting ---------------------------------------------------------------------------

    def _paint(self, painter: QPainter, plan: Plan) -> None:
        assert isinstance(plan, _BarPlan)
        pal = self.palette()
        text = pal.color(QPalette.ColorRole.Text)
        painter.setFont(self.font())
        if not self.data.bars:
            painter.setPen(pal.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(QRectF(0, plan.top, self.width(), self.height() - plan.top),
                             Qt.AlignmentFlag.AlignCenter, self.data.empty)
            return
        assert plan.drawn is not None
        fm = self.metrics()
        for part in plan.drawn:
            if part.marked:
                palette.hatch(painter, part.band, pal)
            painter.setPen(text)
            for n, words in enumerate(part.label_lines):
                width = fm.horizontalAdvance(words) + 6
                row = QRectF(part.label_rect.right() - width,
                             part.label_rect.y() + n * fm.lineSpacing(), width, fm.lineSpacing())
                if part.marked:  # words on a clear patch, never on the hatching
                    painter.fillRect(row, pal.color(QPalette.ColorRole.Base))
                painter.drawText(row, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                                 words)
            for rect, series in part.bars:
                if rect.width() > 0:
                    palette.fill_bar(painter, rect, series)
            painter.setPen(text)
            for rect, words in part.texts:
                if part.marked:
                    painter.fillRect(rect, pal.color(QPalette.ColorRole.Base))
                painter.drawText(rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                                 words)
        painter.setPen(text)
        bottom = plan.drawn[-1].band.bottom()
        painter.drawLine(int(plan.baseline), int(plan.top), int(plan.baseline), int(bottom))
