"""Draws the outline's rows, one line each: a theme in bold with its votes, note count and
focus areas; a note as its kind and its text. One line a row lets the tree take every row as
the same height, so an outline of 5,000 notes lays out without reading a single note until
it scrolls into view. (The cards draw notes with the capture list's own `NoteDelegate`.)"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont, QPainter, QPalette, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from app.models import NoteKind
from app.ui.item_models.board_model import (
    COUNT_ROLE,
    FOCUS_NAMES_ROLE,
    KIND_ROLE,
    NOTE_KIND_ROLE,
    SPEAKER_ROLE,
    TITLE_ROLE,
    VOTES_ROLE,
)

Index = QModelIndex | QPersistentModelIndex


def group_line(index: Index) -> str:
    """'3 votes · 12 notes · 1 Community Led Approaches': what a theme says beside its title."""
    count = int(index.data(COUNT_ROLE) or 0)
    bits = [f"{count:,} note{'s' * (count != 1)}"]
    if index.data(KIND_ROLE) == "theme":
        votes = int(index.data(VOTES_ROLE) or 0)
        bits.insert(0, f"{votes} vote{'s' * (votes != 1)}")
        bits += list(index.data(FOCUS_NAMES_ROLE) or [])
    return " · ".join(bits)


def row_text(index: Index) -> str:
    """The one line an outline row shows."""
    if index.data(KIND_ROLE) != "note":
        return f"{index.data(TITLE_ROLE)} — {group_line(index)}"
    kind = index.data(NOTE_KIND_ROLE)
    text = str(index.data(Qt.ItemDataRole.DisplayRole) or "").replace("\n", " ")
    speaker = index.data(SPEAKER_ROLE)
    label = NoteKind(kind).label if kind else "Note"
    return f"{label}: {text}" + (f" (@{speaker})" if speaker else "")


class OutlineDelegate(QStyledItemDelegate):
    """One line a row, themes in bold; the current row outlined thickly, so it is plain to see."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: Index) -> None:
        super().initStyleOption(option, index)
        option.text = row_text(index)
        option.textElideMode = Qt.TextElideMode.ElideRight
        option.features &= ~QStyleOptionViewItem.ViewItemFeature.WrapText
        if index.data(KIND_ROLE) != "note":
            font = QFont(option.font)
            font.setWeight(QFont.Weight.DemiBold)
            option.font = font

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        super().paint(painter, option, index)
        if option.state & QStyle.StateFlag.State_HasFocus:
            painter.save()
            selected = bool(option.state & QStyle.StateFlag.State_Selected)
            role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Highlight
            painter.setPen(QPen(option.palette.color(role), 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(option.rect.adjusted(1, 1, -2, -2))
            painter.restore()
