"""A heat grid: rows by columns of two counts each (notes and themes of a focus area in a
session). The first count sets the shade, from light to dark blue; both are written in every
cell; rows that need attention are hatched and say why in words beside their name."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPalette
from PySide6.QtWidgets import QWidget

from app.ui.charts import palette
from app.ui.charts.chart_base import Chart, Item, LegendEntry, Plan, wrap

Unit = tuple[str, str]  # singular, plural


def count(n: int, unit: Unit) -> str:
    """'1 note', '3 notes', 'no notes'."""
    return f"no {unit[1]}" if n == 0 else f"{n} {unit[0] if n == 1 else unit[1]}"


@dataclass(frozen=True)
class HeatData:
    rows: tuple[str, ...]
    columns: tuple[str, ...]
    cells: tuple[tuple[tuple[int, int], ...], ...]  # [row][column] -> (first, second)
    units: tuple[Unit, Unit] = (("note", "notes"), ("theme", "themes"))
    row_notes: tuple[str, ...] = ()  # words under each row's name ("31 notes · 8 themes")
    marked: frozenset[int] = frozenset()  # rows that need attention, hatched
    mark_label: str = ""  # what a hatched row means, for the legend
    empty: str = "Nothing to show yet."
    column_word: str = "column"  # what a column is, as a cell is said ("... (session 2): ")


@dataclass
class _GridPlan(Plan):
    rows: list[tuple[QRectF, list[str], list[str], bool]] | None = None  # name, note lines
    columns: list[tuple[QRectF, list[str]]] | None = None
    cells: list[tuple[QRectF, int, int]] | None = None  # rect, first, second (reading order)
    top: float = 0.0
    key: list[tuple[QRectF, str]] | None = None  # column titles, when the columns are numbered


class HeatGrid(Chart):
    """The grid; arrow keys move from cell to cell, Home and End along a row."""

    def __init__(self, name: str, data: HeatData, parent: QWidget | None = None) -> None:
        super().__init__(name, parent)
        self.data = data
        self.changed()

    def set_data(self, data: HeatData) -> None:
        self.data = data
        self.changed()

    def column_title(self, column: int) -> str:
        return f"{column + 1}. {self.data.columns[column]}"

    def sentence(self, row: int, column: int) -> str:
        first, second = self.data.cells[row][column]
        units = self.data.units
        return (f"{self.data.rows[row]} in {self.data.columns[column]} "
                f"({self.data.column_word} {column + 1}): "
                f"{count(first, units[0])}, {count(second, units[1])}")

    def summary(self) -> str:
        data = self.data
        if not data.rows or not data.columns:
            return data.empty
        lead = (f"Grid of {len(data.rows)} rows by {len(data.columns)} columns; each cell "
                f"gives {data.units[0][1]} and {data.units[1][1]}, darker with more "
                f"{data.units[0][1]}.")
        best = max(((r, c) for r in range(len(data.rows)) for c in range(len(data.columns))),
                   key=lambda rc: data.cells[rc[0]][rc[1]][0])
        most = f" Most: {self.sentence(*best)}." if data.cells[best[0]][best[1]][0] else ""
        marked = [data.rows[r] for r in sorted(data.marked)]
        flagged = f" {data.mark_label.capitalize()}: {', '.join(marked)}." if marked else ""
        return f"{lead}{most}{flagged} The same numbers are in its table (the Table button above)."

    # --- layout -----------------------------------------------------------------------------

    def _cell_min(self) -> float:
        fm = self.metrics()
        widest = max((fm.horizontalAdvance(f"{a} · {b}") for row in self.data.cells
                      for a, b in row), default=0.0)
        return max(widest, fm.horizontalAdvance("8 · 8")) + fm.averageCharWidth() * 1.5

    def _header_min(self) -> float:
        return self.metrics().averageCharWidth() * 12

    def _min_width(self) -> int:
        ch = self.metrics().averageCharWidth()
        return int(ch * 3 + self._header_min() + max(1, len(self.data.columns))
                   * self._cell_min())

    def sessions_key(self) -> list[str]:
        """The column titles listed under the grid when the columns only have numbers."""
        return [text for _, text in self.plan().key or []]

    def _legend(self) -> list[LegendEntry]:
        pal = self.palette()
        first = self.data.units[0][1]

        def ramp(p: QPainter, r: QRectF) -> None:
            third = r.width() / 3
            for n, colour in enumerate((palette.RAMP[1], palette.RAMP[4], palette.RAMP[7])):
                p.fillRect(QRectF(r.x() + n * third, r.y(), third, r.height()), QColor(colour))
            p.setPen(pal.color(QPalette.ColorRole.Text))
            p.drawRect(r)

        def blank(p: QPainter, r: QRectF) -> None:
            p.setPen(pal.color(QPalette.ColorRole.Mid))
            p.drawRect(r)

        entries = [LegendEntry(f"Each cell: {first} · {self.data.units[1][1]}", blank),
                   LegendEntry(f"Darker: more {first}", ramp)]
        if self.data.mark_label and self.data.marked:
            entries.append(self.hatched_entry(self.data.mark_label))
        return entries

    def _plan(self, width: int) -> Plan:
        fm = self.metrics()
        ch, line = fm.averageCharWidth(), fm.lineSpacing()
        margin = ch
        data = self.data
        legend_height, legend = self.legend_plan(width, self._legend(), margin)
        top = margin + legend_height + line * 0.4
        if not data.rows or not data.columns:
            return _GridPlan(int(top + line * 2 + margin), [], legend, [], [], [], top)
        width = max(width, self._min_width())
        header = min(max(fm.horizontalAdvance(r) for r in data.rows) + ch, width * 0.3)
        header = max(header, self._header_min())
        cell = max(self._cell_min(), (width - 2 * margin - header - ch) / len(data.columns))
        x0 = margin + header + ch
        # Too narrow for titles (200% text, many sessions): numbers on top, a key underneath.
        compact = cell < ch * 11
        titles = [[str(c + 1)] if compact else wrap(fm, self.column_title(c), cell - ch, 3)
                  for c in range(len(data.columns))]
        head_height = max(len(t) for t in titles) * line + line * 0.3
        columns = [(QRectF(x0 + c * cell, top, cell, head_height), titles[c])
                   for c in range(len(data.columns))]
        y = top + head_height
        rows, cells, items = [], [], []
        strong = self.font()
        strong.setBold(True)
        bold = QFontMetricsF(strong)  # a hatched row's note is in bold
        notes = data.row_notes or ("",) * len(data.rows)
        for r, name in enumerate(data.rows):
            lines = wrap(fm, name, header, 3)
            below = wrap(bold if r in data.marked else fm, notes[r], header, 2)
            height = max((len(lines) + len(below)) * line + line * 0.5, line * 2.2)
            rows.append((QRectF(margin, y, header, height), lines, below, r in data.marked))
            for c in range(len(data.columns)):
                rect = QRectF(x0 + c * cell, y, cell, height).adjusted(1, 1, -1, -1)
                first, second = data.cells[r][c]
                cells.append((rect, first, second))
                items.append(Item(rect, self.sentence(r, c)))
            y += height
        key: list[tuple[QRectF, str]] = []
        if compact:
            across = max(1, int((width - 2 * margin) // (ch * 40)))
            spot = (width - 2 * margin) / across
            y += line * 0.4
            for c in range(len(data.columns)):
                rect = QRectF(margin + (c % across) * spot, y + (c // across) * line, spot - ch,
                              line)
                key.append((rect, fm.elidedText(self.column_title(c),
                                                Qt.TextElideMode.ElideRight, rect.width())))
            y += ((len(data.columns) + across - 1) // across) * line
        return _GridPlan(int(y + margin), items, legend, rows, columns, cells, top, key)

    def tip_at(self, point: QPointF) -> str:
        """A column's title in full over its heading (cut short there when long)."""
        for column, (rect, _) in enumerate(self.plan().columns or []):
            if rect.contains(point):
                return self.column_title(column)
        return super().tip_at(point)

    def _step(self, key: int, count: int) -> int | None:
        columns = max(1, len(self.data.columns))
        at = max(0, self.current)
        row_start = at - at % columns
        if self.current < 0 and key in (Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up,
                                        Qt.Key.Key_Down):
            return 0
        moves = {Qt.Key.Key_Left: max(row_start, at - 1),
                 Qt.Key.Key_Right: min(row_start + columns - 1, at + 1),
                 Qt.Key.Key_Up: at - columns if at >= columns else at,
                 Qt.Key.Key_Down: at + columns if at + columns < count else at,
                 Qt.Key.Key_Home: row_start, Qt.Key.Key_End: row_start + columns - 1}
        return moves.get(Qt.Key(key))

    # --- painting ---------------------------------------------------------------------------

    def _paint(self, painter: QPainter, plan: Plan) -> None:
        assert isinstance(plan, _GridPlan)
        pal = self.palette()
        text = pal.color(QPalette.ColorRole.Text)
        painter.setFont(self.font())
        if not plan.rows:
            painter.setPen(pal.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(QRectF(0, plan.top, self.width(), self.height() - plan.top),
                             Qt.AlignmentFlag.AlignCenter, self.data.empty)
            return
        assert plan.columns is not None and plan.cells is not None
        fm = self.metrics()
        line = fm.lineSpacing()
        painter.setPen(text)
        for rect, lines in plan.columns:
            y = rect.bottom() - line * 0.3 - len(lines) * line
            for words in lines:
                painter.drawText(QRectF(rect.x(), y, rect.width(), line),
                                 Qt.AlignmentFlag.AlignCenter, words)
                y += line
        columns = len(plan.columns)
        for r, (rect, _, _, marked) in enumerate(plan.rows):
            if marked:  # under the cells: a cell with notes covers it, an empty one shows it
                palette.hatch(painter, rect.united(plan.cells[(r + 1) * columns - 1][0]), pal)
        most = max((first for _, first, _ in plan.cells), default=0)
        for at, (rect, first, second) in enumerate(plan.cells):
            fill = palette.ramp_colour(first, most)
            if fill is not None:
                painter.fillRect(rect, fill)
            painter.setPen(pal.color(QPalette.ColorRole.Mid))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(rect)
            words = f"{first} · {second}"
            if fill is None and plan.rows[at // columns][3]:
                # Numbers on a clear patch, so the hatching never makes them hard to read.
                patch = fm.boundingRect(words).adjusted(-4, -2, 4, 2)
                patch.moveCenter(rect.center())
                painter.fillRect(patch, pal.color(QPalette.ColorRole.Base))
            painter.setPen(palette.text_on(fill) if fill is not None else text)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, words)
        painter.setPen(text)
        for rect, words in plan.key or []:
            painter.drawText(rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             words)
        for rect, lines, below, marked in plan.rows:
            y = rect.y() + line * 0.25
            painter.setPen(text)
            for n, words in enumerate([*lines, *below]):
                bold = painter.font()
                bold.setBold(marked and n >= len(lines))
                painter.setFont(bold)
                measure = QFontMetricsF(bold)
                shown = measure.elidedText(words, Qt.TextElideMode.ElideRight, rect.width())
                spot = QRectF(rect.x(), y, measure.horizontalAdvance(shown) + 6, line)
                if marked:
                    painter.fillRect(spot, pal.color(QPalette.ColorRole.Base))
                painter.drawText(spot, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                                 shown)
                y += line
            painter.setFont(self.font())
