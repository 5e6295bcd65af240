"""Charts drawn with Qt's own painting (QPainter), never QtCharts (GPL): a horizontal bar chart,
grouped or stacked, and a heat grid of counts.

Each chart is a focusable widget with an accessible name and a description summarising it;
arrow keys move through its bars or cells and each one is said in words. Colours come from a
palette colour-blind readers can tell apart, and no meaning rests on colour alone: every bar
and cell carries its number, series differ by pattern too, and what needs attention is hatched
and said in words. `ChartPanel` pairs each chart with a table of the same numbers
(`ChartTableModel`), for those who would rather read than look.
"""

from app.ui.charts.bar_chart import Bar, BarChart, BarData, Series
from app.ui.charts.heat_grid import HeatData, HeatGrid
from app.ui.charts.panel import ChartPanel
from app.ui.charts.table_model import ChartTableModel, TableData

__all__ = ["Bar", "BarChart", "BarData", "ChartPanel", "ChartTableModel", "HeatData",
           "HeatGrid", "Series", "TableData"]
