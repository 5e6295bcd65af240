"""Bar charts of the summary pack, drawn with reportlab graphics.

Each bar has its label on a line of its own above it, so long focus-area names stay whole on a
phone screen, and its number written at the bar's end, so the chart reads without colour; the
caption beneath says in words what the chart shows.
"""

from __future__ import annotations

from typing import Any

from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph, Spacer

from app.documents.pack_style import (
    ACCENT,
    INK,
    RULE,
    WIDTH,
    Heading,
    colour,
    drawable,
    fonts,
    plain,
    styles,
    text,
)
from app.documents.run_sheet import fit_text
from app.models.pack import PackChart

LABEL_SIZE = 10.5
VALUE_SIZE = 10.5
BAR_HEIGHT = 13
ROW = LABEL_SIZE + 6 + BAR_HEIGHT + 9  # label, gap, bar, gap to the next label
BARS_PER_DRAWING = 14  # a drawing never splits, so long charts come in parts that fit a page


def chart_flowables(chart: PackChart, key: str) -> list[Any]:
    """The chart's heading, its drawing(s) and its caption."""
    st = styles()
    flow: list[Any] = [Heading(chart.title, st["chart"], level=1, key=key, toc=False)]
    bars = list(chart.bars)
    if not bars:
        flow.append(Paragraph(f"Nothing to show yet: no {text(chart.unit)} were counted.",
                              st["body"]))
    else:
        top = max(max(b.value for b in bars), 1)
        for start in range(0, len(bars), BARS_PER_DRAWING):
            part = bars[start:start + BARS_PER_DRAWING]
            flow.append(_drawing(chart, part, top))
    if chart.caption:
        flow.append(Paragraph(text(chart.caption), st["caption"]))
    else:
        flow.append(Spacer(1, 12))
    return flow


def _drawing(chart: PackChart, bars: list[Any], top: int) -> Drawing:
    regular = fonts()[0]
    unit = plain(chart.unit)
    widest = max(stringWidth(counted(b.value, unit), regular, VALUE_SIZE) for b in bars)
    room = WIDTH - widest - 8  # the longest bar leaves space for its number
    height = ROW * len(bars) + 2
    drawing = Drawing(WIDTH, height)
    for i, bar in enumerate(bars):
        y_label = height - (i * ROW) - LABEL_SIZE
        y_bar = y_label - 6 - BAR_HEIGHT
        font, label = drawable(bar.label, bold=True)
        drawing.add(String(0, y_label, fit_text(label, font, LABEL_SIZE, WIDTH),
                           fontName=font, fontSize=LABEL_SIZE, fillColor=INK))
        length = room * bar.value / top if bar.value > 0 else 0
        # A zero still gets a hairline at the axis, so the row does not look forgotten.
        drawing.add(Rect(0, y_bar, max(length, 1.5), BAR_HEIGHT, strokeColor=None,
                         fillColor=colour(bar.colour, ACCENT) if length else RULE))
        drawing.add(String(length + 6, y_bar + 3, counted(bar.value, unit), fontName=regular,
                           fontSize=VALUE_SIZE, fillColor=INK))
    return drawing


def counted(value: int, unit: str) -> str:
    """The value with its unit: "1 note", "2 notes" (the unit is given in the plural)."""
    if value == 1 and unit.endswith("s"):
        unit = unit[:-1]
    return f"{value} {unit}".strip()
