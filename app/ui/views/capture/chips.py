"""Tags drawn as chips: words first ("1 Community Led Approaches", "#digital"), colour beside them.

The same drawing serves the note list and the strip under the entry, so a tag looks the same
wherever it appears.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from app.ui.item_models.note_cards import Chip

CHIP_PAD = 6
CHIP_GAP = 6


def chip_rects(chips: tuple[Chip, ...], font: QFont, left: int, top: int, width: int) -> list[QRect]:
    """Where each chip goes, wrapping onto more lines within `width`."""
    metrics = QFontMetrics(font)
    height = metrics.height() + 4
    swatch = metrics.height() - 4
    rects, x, y = [], left, top
    for chip in chips:
        w = metrics.horizontalAdvance(chip.text) + 2 * CHIP_PAD + (swatch + 4 if chip.colour else 0)
        w = min(w, width)
        if x > left and x + w > left + width:
            x, y = left, y + height + 4
        rects.append(QRect(x, y, w, height))
        x += w + CHIP_GAP
    return rects


def paint_chips(painter: QPainter, chips: tuple[Chip, ...], rects: list[QRect], font: QFont,
                ink: QColor, edge: QColor) -> None:
    """Rounded boxes with the chip's words, a colour square first for a focus area."""
    metrics = QFontMetrics(font)
    swatch = metrics.height() - 4
    painter.setFont(font)
    for chip, box in zip(chips, rects, strict=True):
        painter.setPen(QPen(edge, 1))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(QRectF(box).adjusted(0.5, 0.5, -0.5, -0.5), 6, 6)
        text_left = box.left() + CHIP_PAD
        if chip.colour:
            painter.setBrush(QColor(chip.colour))
            painter.setPen(QPen(ink, 1))
            painter.drawRect(text_left, box.top() + 4, swatch, swatch)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            text_left += swatch + 4
        painter.setPen(ink)
        room = box.right() - text_left
        painter.drawText(QRect(text_left, box.top(), room, box.height()),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         metrics.elidedText(chip.text, Qt.TextElideMode.ElideRight, room))


class ChipStrip(QWidget):
    """What the note being typed will be saved with, as chips; a quiet hint when there are none."""

    def __init__(self, empty_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._chips: tuple[Chip, ...] = ()
        self._empty = empty_text
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.setAccessibleName("Tags of the note being typed")
        self._describe()

    def set_empty_text(self, text: str) -> None:
        """The quiet hint shown while there are no chips."""
        self._empty = text
        self._describe()
        self.update()

    def chips(self) -> tuple[Chip, ...]:
        return self._chips

    def set_chips(self, chips: tuple[Chip, ...]) -> None:
        if chips == self._chips:
            return
        self._chips = chips
        self._describe()
        self.updateGeometry()
        self.update()

    def texts(self) -> list[str]:
        return [c.text for c in self._chips]

    def _describe(self) -> None:
        self.setAccessibleDescription(", ".join(self.texts()) or self._empty)
        self.setToolTip(self.accessibleDescription())

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        if not self._chips:
            return QFontMetrics(self.font()).height() + 4
        return chip_rects(self._chips, self.font(), 0, 0, max(40, width))[-1].bottom() + 1

    def sizeHint(self) -> QSize:
        return QSize(400, self.heightForWidth(max(400, self.width())))

    def minimumSizeHint(self) -> QSize:
        return QSize(100, QFontMetrics(self.font()).height() + 4)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        palette = self.palette()
        if not self._chips:
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             self._empty)
            return
        rects = chip_rects(self._chips, self.font(), 0, 0, self.width())
        paint_chips(painter, self._chips, rects, self.font(),
                    palette.color(QPalette.ColorRole.WindowText),
                    palette.color(QPalette.ColorRole.Dark))
