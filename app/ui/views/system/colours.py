"""Plain-words names for colours, so a focus area's colour is never conveyed by colour alone."""

from __future__ import annotations

from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

# Hue (degrees) where each name stops; read in order.
_HUES = ((15, "red"), (40, "orange"), (65, "yellow"), (95, "lime"), (160, "green"), (195, "teal"),
         (250, "blue"), (290, "purple"), (330, "magenta"), (350, "pink"), (361, "red"))


def colour_name(hex_colour: str) -> str:
    """'#1B7F5B' -> 'Dark green': a rough, readable name a screen reader can say."""
    colour = QColor(hex_colour)
    hue, saturation, lightness, _ = colour.getHslF()
    if saturation < 0.15 or hue < 0:
        base = "grey"
        if lightness < 0.15:
            return "Black"
        if lightness > 0.9:
            return "White"
    else:
        degrees = hue * 360
        base = next(name for limit, name in _HUES if degrees < limit)
    if lightness < 0.35:
        return f"Dark {base}"
    if lightness > 0.7:
        return f"Light {base}"
    return base.capitalize()


def colour_label(hex_colour: str) -> str:
    """'Dark green (#1B7F5B)'."""
    return f"{colour_name(hex_colour)} ({hex_colour.upper()})"


def swatch(hex_colour: str, size: int = 16) -> QIcon:
    """A filled square with a dark edge, readable on light and dark backgrounds alike."""
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(hex_colour))
    painter = QPainter(pixmap)
    painter.setPen(QColor("#202020"))
    painter.drawRect(0, 0, size - 1, size - 1)
    painter.end()
    return QIcon(pixmap)
