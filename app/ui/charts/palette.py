"""Colours and marks for charts: Okabe and Ito's palette for series (told apart by readers with
any common colour-vision deficiency), a light-to-dark blue ramp for counts, a fill pattern per
series and a hatch for what needs attention, so that colour is never the only clue."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPalette

# Okabe & Ito (2008), without black (it vanishes on the dark theme) and yellow (too pale on white).
SERIES = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00")
# Drawn over each series' colour, in the same order, so series differ in shape as well.
PATTERNS = (Qt.BrushStyle.NoBrush, Qt.BrushStyle.BDiagPattern, Qt.BrushStyle.Dense6Pattern,
            Qt.BrushStyle.CrossPattern, Qt.BrushStyle.FDiagPattern, Qt.BrushStyle.HorPattern)
# ColorBrewer's sequential "Blues": one hue, so order reads as lightness for every reader.
RAMP = ("#DEEBF7", "#C6DBEF", "#9ECAE1", "#6BAED6", "#4292C6", "#2171B5", "#08519C", "#08306B")
HATCH = Qt.BrushStyle.BDiagPattern


def series_colour(index: int) -> QColor:
    return QColor(SERIES[index % len(SERIES)])


def ramp_colour(value: int, top: int) -> QColor | None:
    """The fill for a count of `value` where the largest is `top`; None for nothing (zero)."""
    if value <= 0 or top <= 0:
        return None
    step = round((value / top) * (len(RAMP) - 1))
    return QColor(RAMP[max(0, min(len(RAMP) - 1, step))])


def _luminance(colour: QColor) -> float:
    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    return (0.2126 * linear(colour.redF()) + 0.7152 * linear(colour.greenF())
            + 0.0722 * linear(colour.blueF()))


def text_on(fill: QColor) -> QColor:
    """Black or white, whichever contrasts more with `fill` (WCAG's relative luminance)."""
    light = _luminance(fill)
    on_black = (light + 0.05) / 0.05
    on_white = 1.05 / (light + 0.05)
    return QColor("#000000") if on_black >= on_white else QColor("#FFFFFF")


def fill_bar(painter: QPainter, rect: QRectF, series: int) -> None:
    """A bar or legend swatch of series `series`: its colour, its pattern, a dark edge."""
    colour = series_colour(series)
    painter.fillRect(rect, colour)
    pattern = PATTERNS[series % len(PATTERNS)]
    if pattern != Qt.BrushStyle.NoBrush:
        ink = text_on(colour)
        ink.setAlpha(150)  # plain to see, yet quieter than the bar's edge and its number
        painter.fillRect(rect, QBrush(ink, pattern))
    painter.setPen(colour.darker(170))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(rect.adjusted(0.5, 0.5, -0.5, -0.5))


def hatch(painter: QPainter, rect: QRectF, palette: QPalette) -> None:
    """The mark of "needs attention": diagonal lines in the text colour, over what is there."""
    colour = QColor(palette.color(QPalette.ColorRole.Text))
    colour.setAlpha(110)
    painter.fillRect(rect, QBrush(colour, HATCH))
