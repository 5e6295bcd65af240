"""The charts themselves: they paint what their numbers say at several widths and text sizes,
say each bar and cell in words, move with the arrow keys, and keep a table's place when its
numbers change."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAccessible, QColor, QImage, QPalette
from PySide6.QtWidgets import QApplication

from app.models import Preferences
from app.ui import accessibility
from app.ui.charts import (
    Bar,
    BarChart,
    BarData,
    ChartPanel,
    ChartTableModel,
    HeatData,
    HeatGrid,
    Series,
    TableData,
)
from app.ui.charts import palette as chart_palette
from app.ui.style import apply_preferences

HEARD = BarData((Series("People invited", "invited"),
                 Series("Notes they spoke", "notes", "note")),
                (Bar("Housing", (2, 9)), Bar("Third sector", (3, 0), marked=True),
                 Bar("Other", (0, 0))), mark_label="invited but not heard")
GRID = HeatData(("Community Led Approaches", "Synthesising Published Learning"),
                ("Workshop 1", "Workshop 2", "Workshop 3"),
                (((8, 2), (0, 0), (3, 1)), ((0, 0), (1, 0), (0, 0))),
                row_notes=("11 notes · 3 themes", "1 note · little evidence"),
                marked=frozenset({1}), mark_label="little or no evidence")


def render(chart, width: int) -> QImage:
    """The chart painted at `width` and the height it asks for there."""
    chart.resize(width, chart.plan(width).height)
    image = QImage(chart.size(), QImage.Format.Format_ARGB32)
    image.fill(chart.palette().color(QPalette.ColorRole.Base))
    chart.render(image)
    return image


def pixel(image: QImage, point) -> QColor:
    return image.pixelColor(QPoint(int(point.x()), int(point.y())))


@pytest.fixture
def spoken(qapp):
    said: list[str] = []
    announcer = accessibility.announcer()
    record = lambda target, message, assertive: said.append(message)  # noqa: E731
    announcer.announced.connect(record)
    yield said
    announcer.announced.disconnect(record)


@pytest.mark.parametrize("scale", [100, 200])
@pytest.mark.parametrize("width", [360, 700, 1300])
def test_bars_are_painted_where_their_numbers_say(ctx, qapp, qtbot, scale, width):
    apply_preferences(qapp, Preferences(text_scale=scale))
    chart = BarChart("Chart of who was heard", HEARD)
    qtbot.addWidget(chart)
    image = render(chart, width)
    base = chart.palette().color(QPalette.ColorRole.Base)
    items = chart.items()
    assert len(items) == 6  # a bar per series in each of three categories
    # The bar of 9 notes is filled in its series' colour (or its pattern) at its middle ...
    nine = chart.plan().drawn[0].bars[1][0]
    assert nine.width() > 0
    y = int(nine.center().y())
    across = {image.pixelColor(x, y).rgb() for x in range(int(nine.left()) + 2,
                                                         int(nine.right()) - 2)}
    assert chart_palette.series_colour(1).rgb() in across
    assert base.rgb() not in across
    # ... longer than the bar of 2 invited, in proportion; a zero is no bar at all.
    two = chart.plan().drawn[0].bars[0][0]
    assert nine.width() == pytest.approx(two.width() * 9 / 2, rel=0.01)
    assert chart.plan().drawn[2].bars[0][0].width() == 0
    # Nothing is drawn past the chart's edges: the numbers beside the bars fit.
    for part in chart.plan().drawn:
        for rect, _ in part.texts:
            assert rect.right() <= width
    # Past the longest bar and its number: the background.
    assert pixel(image, QPoint(width - 3, int(nine.center().y()))) == base


@pytest.mark.parametrize("scale", [100, 200])
@pytest.mark.parametrize("width", [480, 900])
def test_the_heat_grid_shades_by_count_and_hatches_thin_rows(ctx, qapp, qtbot, scale, width):
    apply_preferences(qapp, Preferences(text_scale=scale))
    grid = HeatGrid("Chart of notes per focus area", GRID)
    qtbot.addWidget(grid)
    image = render(grid, max(width, grid.minimumSizeHint().width()))
    cells = grid.plan().cells
    assert len(cells) == 6
    most, empty, some = cells[0][0], cells[1][0], cells[2][0]

    def corner(rect):
        """Away from the centre, where the number is written: the fill itself."""
        return rect.topLeft() + (rect.bottomRight() - rect.topLeft()) * 0.12

    assert pixel(image, corner(most)) == QColor(chart_palette.RAMP[-1])
    assert pixel(image, corner(some)) == chart_palette.ramp_colour(3, 8)
    assert pixel(image, corner(empty)) == grid.palette().color(QPalette.ColorRole.Base)
    # The thin row's empty cells are hatched: their pixels are not all one colour.
    thin_empty = cells[3][0]
    y = int(thin_empty.top() + thin_empty.height() * 0.2)
    row = {image.pixelColor(x, y).rgb() for x in range(int(thin_empty.left()) + 3,
                                                       int(thin_empty.right()) - 3)}
    assert len(row) > 1
    clear = cells[0][0]  # a row with evidence: one flat colour there
    y = int(clear.top() + clear.height() * 0.2)
    assert len({image.pixelColor(x, y).rgb() for x in range(int(clear.left()) + 3,
                                                            int(clear.left()) + 20)}) == 1


def test_a_wide_grid_numbers_its_columns_and_lists_them_underneath(ctx, qapp, qtbot):
    apply_preferences(qapp, Preferences(text_scale=200))
    many = HeatData(("Strategic Planning",), tuple(f"Sensemaking workshop {n}" for n in
                                                   range(1, 9)), (((1, 0),) * 8,))
    grid = HeatGrid("Chart", many)
    qtbot.addWidget(grid)
    render(grid, grid.minimumSizeHint().width())
    assert [lines for _, lines in grid.plan().columns] == [[str(n)] for n in range(1, 9)]
    assert grid.sessions_key()[0] == "1. Sensemaking workshop 1"
    render(grid, 4000)  # room enough: the titles themselves head the columns
    assert grid.plan().columns[0][1][0].startswith("1. Sensemaking")
    assert grid.sessions_key() == []


def test_cell_numbers_contrast_with_every_shade():
    for colour in chart_palette.RAMP:
        fill, ink = QColor(colour), chart_palette.text_on(QColor(colour))
        lum = [chart_palette._luminance(c) for c in (fill, ink)]
        assert (max(lum) + 0.05) / (min(lum) + 0.05) >= 4.5, colour


def test_each_chart_is_named_focusable_and_summarised(ctx, qtbot):
    chart = BarChart("Chart of who was heard", HEARD)
    grid = HeatGrid("Chart of notes per focus area", GRID)
    for made in (chart, grid):
        qtbot.addWidget(made)
        assert made.focusPolicy() == Qt.FocusPolicy.StrongFocus
        assert made.accessibleName()
    assert chart.accessibleDescription() == (
        "Bars for 3 categories (people invited, notes they spoke, side by side). Most notes "
        "they spoke: Housing, 9 notes. Invited but not heard: Third sector. The same numbers "
        "are in its table (the Table button above).")
    assert "Synthesising Published Learning" in grid.accessibleDescription()
    assert "Most: Community Led Approaches in Workshop 1 (column 1): 8 notes, 2 themes." \
        in grid.accessibleDescription()
    chart.set_data(BarData(HEARD.series))
    assert chart.accessibleDescription() == "Nothing to show yet."


def test_arrow_keys_move_through_the_cells_and_say_each(ctx, qtbot, spoken):
    grid = HeatGrid("Chart of notes per focus area", GRID)
    qtbot.addWidget(grid)
    grid.resize(700, grid.plan(700).height)
    grid.show()
    grid.setFocus()
    qtbot.keyClick(grid, Qt.Key.Key_Right)
    assert grid.current == 0
    qtbot.keyClick(grid, Qt.Key.Key_Right)
    qtbot.keyClick(grid, Qt.Key.Key_Down)
    assert grid.current == 4
    assert spoken[-1] == ("Synthesising Published Learning in Workshop 2 (column 2): 1 note, "
                          "no themes")
    qtbot.keyClick(grid, Qt.Key.Key_End)
    assert grid.current == 5
    qtbot.keyClick(grid, Qt.Key.Key_Down)  # the last row: stays
    assert grid.current == 5
    qtbot.keyClick(grid, Qt.Key.Key_Home)
    assert grid.current == 3
    # A screen reader meets a chart, its name, its summary and the cell it is on.
    node = QAccessible.queryAccessibleInterface(grid)
    assert node.role() == QAccessible.Role.Chart
    assert node.text(QAccessible.Text.Name) == "Chart of notes per focus area"
    assert node.text(QAccessible.Text.Description) == grid.summary()
    assert node.text(QAccessible.Text.Value) == spoken[-1] == (
        "Synthesising Published Learning in Workshop 1 (column 1): no notes, no themes")
    assert grid.tip_at(grid.plan().columns[2][0].center()) == "3. Workshop 3"
    assert grid.tip_at(grid.items()[0].rect.center()) == grid.items()[0].sentence


def test_arrow_keys_move_from_bar_to_bar(ctx, qtbot, spoken):
    chart = BarChart("Chart", HEARD)
    qtbot.addWidget(chart)
    chart.resize(700, chart.plan(700).height)
    chart.show()
    chart.setFocus()
    for _ in range(4):
        qtbot.keyClick(chart, Qt.Key.Key_Down)
    assert spoken[-1] == ("Third sector (invited but not heard), Notes they spoke: 0 notes")
    stacked = BarChart("Stacked", BarData(HEARD.series, (Bar("All notes", (3, 1)),),
                                          stacked=True, shares=True))
    qtbot.addWidget(stacked)
    stacked.resize(600, stacked.plan(600).height)
    assert [i.sentence for i in stacked.items()] == [
        "All notes, People invited: 3 invited (75%)", "All notes, Notes they spoke: 1 note (25%)"]


def test_the_table_keeps_its_place_when_its_numbers_change(qapp):
    model = ChartTableModel()
    model.set_table(TableData(("Kind", "Notes"), (("Insight", 3), ("Barrier", 1))))
    resets, changed = [], []
    model.modelReset.connect(lambda: resets.append(True))
    model.dataChanged.connect(lambda top, bottom: changed.append((top.row(), bottom.row())))
    model.set_table(TableData(("Kind", "Notes"), (("Insight", 4), ("Barrier", 1))))
    assert (resets, changed) == ([], [(0, 0)])
    assert model.index(0, 1).data() == "4"
    assert model.index(0, 1).data(Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight
    model.set_table(TableData(("Kind", "Notes"), (("Insight", 4),)))
    assert resets == [True]


def test_the_switch_shows_the_table_and_moves_the_focus_with_it(ctx, qtbot):
    chart = BarChart("Chart of kinds", HEARD)
    panel = ChartPanel("Kinds of note", chart)
    qtbot.addWidget(panel)
    panel.set_table(TableData(("Kind", "Notes"), (("Insight", 4),)))
    panel.show()
    panel.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is panel)
    chart.setFocus()
    panel.table_button.click()
    assert panel.table.isVisible() and not chart.isVisible()
    assert panel.table.hasFocus()
    assert panel.table_button.text() == "✓ Table" and panel.chart_button.text() == "Chart"
    assert panel.table_button.accessibleName() == "Show kinds of note as a table"
    panel.chart_button.click()
    assert chart.isVisible() and chart.hasFocus()
