"""Draws a note as a card: a line of when/what/who, the text large, then its tags as named chips.

Searched words are bold (from the search marks), tags are chips with their words and key, and a
focus area's colour only ever sits beside its name. Heights are cached per note and width, so
scrolling a long list lays out each note once. The text is edited in place: Enter saves.
A note pinned because the filter leaves it out starts with a line saying so, whose "Show all"
can be clicked (the line under the search offers the same by keyboard).
"""

from __future__ import annotations

import math

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QPointF,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPalette,
    QPen,
    QTextCharFormat,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QPlainTextEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from app.ui.item_models.note_cards import NoteCard
from app.ui.item_models.note_model import CARD_ROLE, PINNED_NOTE, PINNED_ROLE
from app.ui.views.capture.chips import chip_rects, paint_chips

Index = QModelIndex | QPersistentModelIndex
PAD = 10
GAP = 6
SMALL = 0.8  # the meta line and the chips, relative to the note text
PINNED_LINE = f"{PINNED_NOTE} · Show all"


def text_layout(parts: tuple[tuple[str, bool], ...], font: QFont, width: int) -> tuple[QTextLayout, int]:
    """The note's text wrapped to `width`, matched runs in bold; and its height in pixels."""
    # QTextLayout breaks lines at U+2028 only; the swap keeps every offset the same.
    text = "".join(t for t, _ in parts).replace("\n", "\u2028")
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    ranges, start = [], 0
    for chunk, matched in parts:
        if matched:
            bold = QTextLayout.FormatRange()
            bold.start, bold.length = start, len(chunk)
            char_format = QTextCharFormat()
            char_format.setFontWeight(QFont.Weight.Bold)
            char_format.setFontUnderline(True)  # bold alone is faint on some fonts at a distance
            bold.format = char_format
            ranges.append(bold)
        start += len(chunk)
    layout.setFormats(ranges)
    layout.beginLayout()
    height = 0.0
    while (line := layout.createLine()).isValid():
        line.setLineWidth(max(10, width))
        line.setPosition(QPointF(0, height))
        height += line.height()
    layout.endLayout()
    return layout, math.ceil(height)


class NoteDelegate(QStyledItemDelegate):
    """Paints note cards for a list view and edits a note's text in place."""

    show_all_requested = Signal()  # "Show all" clicked on a pinned note

    def __init__(self, view: QAbstractItemView) -> None:
        super().__init__(view)
        self._view = view
        self._heights: dict[tuple[str, int, str], tuple[NoteCard, int]] = {}

    def _width(self) -> int:
        return max(120, self._view.viewport().width() - 2 * PAD - 4)

    def _small(self, font: QFont) -> QFont:
        small = QFont(font)
        small.setPointSizeF(max(6.0, font.pointSizeF() * SMALL))
        return small

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        card = index.data(CARD_ROLE)
        if card is None:
            return QSize(self._width(), QFontMetrics(option.font).height() + 2 * PAD)
        width = self._width()
        pinned = bool(index.data(PINNED_ROLE))
        key = (card.note.id, width, option.font.key() + ("pinned" if pinned else ""))
        cached = self._heights.get(key)
        if cached is not None and cached[0] is card:
            return QSize(width, cached[1])
        small = self._small(option.font)
        _, text_height = text_layout(card.parts, option.font, width)
        height = PAD + QFontMetrics(small).height() + GAP + text_height + PAD
        if pinned:
            height += self._pinned_height(small, width) + GAP
        if card.chips:
            rects = chip_rects(card.chips, small, 0, 0, width)
            height += GAP + rects[-1].bottom() + 1
        if len(self._heights) > 20_000:
            self._heights.clear()
        self._heights[key] = (card, height)
        return QSize(width, height)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        card: NoteCard | None = index.data(CARD_ROLE)
        painter.save()
        rect = option.rect
        palette = option.palette
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if selected:
            painter.fillRect(rect, palette.color(QPalette.ColorRole.Highlight))
            ink = muted = palette.color(QPalette.ColorRole.HighlightedText)
        else:
            ink = palette.color(QPalette.ColorRole.Text)
            muted = palette.color(QPalette.ColorRole.PlaceholderText)
        painter.setPen(palette.color(QPalette.ColorRole.Mid))
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())
        if card is not None:
            self._paint_card(painter, option, card, ink, muted, selected,
                             bool(index.data(PINNED_ROLE)))
        if option.state & QStyle.StateFlag.State_HasFocus:
            # The current note must be plain to see when moving with the keyboard.
            pen = QPen(ink if selected else palette.color(QPalette.ColorRole.Highlight), 3)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(rect.adjusted(1, 1, -2, -2))
        painter.restore()

    def _pinned_height(self, small: QFont, width: int) -> int:
        bold = QFont(small)
        bold.setBold(True)
        return QFontMetrics(bold).boundingRect(
            QRect(0, 0, width, 10_000), Qt.TextFlag.TextWordWrap, PINNED_LINE).height()

    def _paint_card(self, painter: QPainter, option: QStyleOptionViewItem, card: NoteCard,
                    ink: QColor, muted: QColor, selected: bool, pinned: bool) -> None:
        rect = option.rect
        x, y, width = rect.left() + PAD, rect.top() + PAD, self._width()
        small = self._small(option.font)
        metrics = QFontMetrics(small)
        if pinned:
            # Words, not a colour: the note is saved, and only the filter keeps it out.
            bold = QFont(small)
            bold.setBold(True)
            painter.setFont(bold)
            painter.setPen(ink)
            height = self._pinned_height(small, width)
            painter.drawText(QRect(x, y, width, height), Qt.TextFlag.TextWordWrap, PINNED_LINE)
            y += height + GAP
        painter.setFont(small)
        painter.setPen(muted)
        meta = metrics.elidedText(card.meta, Qt.TextElideMode.ElideRight, width)
        painter.drawText(QRect(x, y, width, metrics.height()),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, meta)
        y += metrics.height() + GAP
        layout, text_height = text_layout(card.parts, option.font, width)
        painter.setPen(ink)
        layout.draw(painter, QPointF(x, y))
        y += text_height + GAP
        paint_chips(painter, card.chips, chip_rects(card.chips, small, x, y, width), small, ink,
                    ink if selected else muted)

    def editorEvent(self, event: QEvent, model: QAbstractItemModel,
                    option: QStyleOptionViewItem, index: Index) -> bool:
        if event.type() == QEvent.Type.MouseButtonRelease and isinstance(event, QMouseEvent) \
                and index.data(PINNED_ROLE):
            small = self._small(option.font)
            line = QRect(option.rect.left(), option.rect.top(), option.rect.width(),
                         PAD + self._pinned_height(small, self._width()))
            if line.contains(event.position().toPoint()):
                self.show_all_requested.emit()
                return True
        return super().editorEvent(event, model, option, index)

    # --- editing in place ------------------------------------------------------------------

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        editor = NoteTextEditor(parent)
        editor.setFont(option.font)
        editor.commit.connect(lambda: self._finish(editor))
        return editor

    def _finish(self, editor: QWidget) -> None:
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QPlainTextEdit)
        editor.setPlainText(index.data(Qt.ItemDataRole.EditRole) or "")
        editor.moveCursor(editor.textCursor().MoveOperation.End)

    def setModelData(self, editor: QWidget, model, index: Index) -> None:  # type: ignore[override]
        assert isinstance(editor, QPlainTextEdit)
        text = editor.toPlainText().strip()
        if text and text != index.data(Qt.ItemDataRole.EditRole):
            model.setData(index, text, Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem,
                             index: Index) -> None:
        lines = QFontMetrics(option.font).lineSpacing() * 3 + 2 * PAD
        editor.setGeometry(option.rect.adjusted(2, 2, -2, 0).adjusted(
            0, 0, 0, max(0, lines - option.rect.height())))


class NoteTextEditor(QPlainTextEdit):
    """The in-place editor: Enter saves the change, Shift+Enter adds a line, Escape cancels."""

    commit = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Edit the note's text")
        self.setAccessibleDescription("Enter saves the change, Shift+Enter adds a line, "
                                      "Escape cancels")
        self.setTabChangesFocus(True)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                self.insertPlainText("\n")
            else:
                self.commit.emit()
            return
        super().keyPressEvent(event)
