"""A chart under its heading, with a "Chart / Table" switch: the table holds the same numbers,
complete, for a screen reader or anyone who would rather read them. Both follow the text size.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.ui.charts.chart_base import Chart
from app.ui.charts.table_model import ChartTableModel, TableData
from app.ui.style import Heading, follow_text_size

# A table column is never wider than this many characters; longer headings are cut short
# with "…" and shown whole in their tooltip.
MAX_COLUMN_CHARS = 26
# The switch shows which of chart and table is on by a tick and the accent colour.
_SWITCH_STYLE = """
QPushButton:checked {
    background-color: palette(highlight); color: palette(highlighted-text);
    border-color: palette(highlight);
}
"""


class ChartArea(QScrollArea):
    """The chart, scrolled sideways when it needs more room than there is (many sessions at
    200% text); as tall as the chart, so that up and down it is the page that scrolls."""

    def __init__(self, chart: Chart, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidget(chart)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(chart.accessibleName())
        chart.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.widget() and event.type() in (QEvent.Type.Resize,
                                                          QEvent.Type.LayoutRequest):
            self.updateGeometry()
        return super().eventFilter(watched, event)

    def sizeHint(self) -> QSize:
        chart = self.widget()
        height = chart.sizeHint().height()
        if chart.minimumSizeHint().width() > self.viewport().width():
            height += self.horizontalScrollBar().sizeHint().height()
        return QSize(chart.minimumSizeHint().width(), height)

    def minimumSizeHint(self) -> QSize:
        return QSize(self.fontMetrics().averageCharWidth() * 20, self.sizeHint().height())


class ChartPanel(QWidget):
    """`chart` and its table of the same numbers, one shown at a time."""

    def __init__(self, title: str, chart: Chart, parent: QWidget | None = None, *,
                 what: str = "") -> None:
        super().__init__(parent)
        what = what or title[0].lower() + title[1:]
        self.chart = chart
        # Made in reading order, which Qt's Tab order follows when the page is placed: the
        # heading and its switch, the chart, then the table.
        self.heading = Heading(title, 1.2, self)
        self.chart_button = self._switch("Chart", f"Show {what} as a chart", True)
        self.table_button = self._switch("Table", f"Show {what} as a table", False)
        self.hint = QLabel("", self)
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        self.hint.hide()
        self.area = ChartArea(chart, self)
        self.model = ChartTableModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("chartTable")
        self.table.setModel(self.model)
        self.table.setAccessibleName(f"Table of {what}")
        self.table.setAccessibleDescription(f"The numbers of the chart of {what}, one row "
                                            "each; arrow keys move from cell to cell.")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows walk it
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.horizontalHeader().setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.hide()
        self.model.modelReset.connect(self.refit)
        self.table.installEventFilter(self)

        self.setStyleSheet(_SWITCH_STYLE)
        # Not an exclusive button group: that would take the unchecked one out of the Tab
        # order; each click sets both.
        self.chart_button.clicked.connect(lambda: self.show_table(False))
        self.table_button.clicked.connect(lambda: self.show_table(True))
        self._tick()

        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.chart_button)
        top.addWidget(self.table_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.hint)
        layout.addWidget(self.area)
        layout.addWidget(self.table)
        QWidget.setTabOrder(self.chart_button, self.table_button)
        QWidget.setTabOrder(self.table_button, chart)
        QWidget.setTabOrder(chart, self.table)
        follow_text_size(self)
        self.refit()

    def _switch(self, text: str, name: str, checked: bool) -> QPushButton:
        button = QPushButton(text, self)
        button.setCheckable(True)
        button.setChecked(checked)
        button.setAccessibleName(name)
        button.setToolTip(name)
        return button

    def show_table(self, on: bool) -> None:
        """Show the table (True) or the chart; the one shown takes the focus if the other had
        it, so a keyboard user is never left on something hidden."""
        had_focus = self.chart.hasFocus() or self.table.hasFocus()
        self.table.setVisible(on)
        self.area.setVisible(not on)
        self.table_button.setChecked(on)
        self.chart_button.setChecked(not on)
        self._tick()
        if had_focus:
            (self.table if on else self.chart).setFocus()
        self.refit()

    def _tick(self) -> None:
        for button, text in ((self.chart_button, "Chart"), (self.table_button, "Table")):
            button.setText(f"✓ {text}" if button.isChecked() else text)

    def set_hint(self, text: str) -> None:
        """A line under the heading, in words (what needs attention); hidden when empty."""
        self.hint.setText(text)
        self.hint.setVisible(bool(text))

    def set_table(self, table: TableData) -> None:
        self.model.set_table(table)
        self.refit()

    def refit(self) -> None:
        """Size the table to show every row without scrolling, columns to their contents."""
        fm = self.table.fontMetrics()
        rows = self.table.verticalHeader()
        rows.setDefaultSectionSize(fm.lineSpacing() + 10)
        columns = self.table.horizontalHeader()
        self.table.resizeColumnsToContents()
        widest = fm.averageCharWidth() * MAX_COLUMN_CHARS
        for column in range(self.model.columnCount()):
            # The first column names the row: it may take half as much again.
            room = widest * 1.5 if column == 0 else widest
            columns.resizeSection(column, min(columns.sectionSize(column), int(room)))
        frame = self.table.frameWidth() * 2
        sideways = columns.length() > self.table.width() - frame
        bar = self.table.horizontalScrollBar().sizeHint().height() if sideways else 0
        self.table.setFixedHeight(columns.sizeHint().height() + frame + bar
                                  + rows.defaultSectionSize() * self.model.rowCount())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table and event.type() == QEvent.Type.Resize \
                and event.size().width() != event.oldSize().width():  # type: ignore[attr-defined]
            self.refit()  # a sideways scroll bar may come or go
        return super().eventFilter(watched, event)
