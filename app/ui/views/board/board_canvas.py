"""The board: the tray's card on the left, the themes' cards in a grid beside it.

Cards are made lazily: only those in view (and a row either side) exist, so 200 themes open as
fast as 5. Every card is the same size, so where each goes is arithmetic, and a card made later
takes its place without moving the others. The arrow keys move between notes in a card and,
past its edge, to the next card across or down; the card in use is outlined.
"""

from __future__ import annotations

import math

from PySide6.QtCore import (
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPoint,
    Qt,
    Signal,
)
from PySide6.QtGui import QFontMetrics, QShowEvent
from PySide6.QtWidgets import QApplication, QHBoxLayout, QScrollArea, QWidget

from app.ui.item_models.board_model import TRAY, BoardModel
from app.ui.style import name_scroll_parts
from app.ui.views.board.board_cards import ThemeCard

GAP = 10


class BoardCanvas(QWidget):
    """The tray and the theme cards; `BoardTarget` for the board's actions."""

    votes_typed = Signal(str, int)
    vote_asked = Signal(str, int)
    rename_asked = Signal(str)
    context_asked = Signal(str, QPoint)  # the card's key, a global position

    def __init__(self, model: BoardModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.setAccessibleName("Theme board")
        self.cards: dict[str, ThemeCard] = {}
        self.last_key: str = TRAY
        self.tray = self._make(TRAY, self)
        self.area = QScrollArea(self)
        self.area.setAccessibleName("Themes")
        self.area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        # Always there, so the cards' width never changes as the bar comes and goes (and
        # every note's height is not worked out twice).
        self.area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.grid = QWidget(self.area)
        self.grid.setAccessibleName("Theme cards")
        self.area.setWidget(self.grid)
        self.area.setWidgetResizable(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(GAP)
        layout.addWidget(self.tray)
        layout.addWidget(self.area, 1)
        self.area.verticalScrollBar().valueChanged.connect(lambda _: self.place())
        self.area.viewport().installEventFilter(self)
        model.rowsAboutToBeRemoved.connect(self._removing)
        model.modelAboutToBeReset.connect(self._resetting)
        for signal in (model.rowsInserted, model.rowsRemoved):
            signal.connect(self._rows_changed)
        model.rowsMoved.connect(lambda parent, _s, _e, to, _r: self._rows_changed(parent)
                                if not to.isValid() else None)
        for signal in (model.modelReset, model.layoutChanged):
            signal.connect(self._shape_changed)
        model.dataChanged.connect(self._data_changed)
        QApplication.instance().focusChanged.connect(self._focus_changed)  # type: ignore[union-attr]
        self.refit()

    # --- sizes and places ------------------------------------------------------------------

    def refit(self) -> None:
        """Card sizes from the text size: at least 26 characters across, 20 lines down."""
        metrics = QFontMetrics(self.font())
        self.card_w = max(220, metrics.averageCharWidth() * 26)
        self.cell_w = self.card_w
        self.tray.setFixedWidth(self.card_w)
        self.place()

    def card_h(self) -> int:
        line = QFontMetrics(self.font()).lineSpacing()
        # At least 16 lines, so that a card under its title, votes, focus areas and synthesis
        # still shows some notes on a small screen; the board then scrolls to show a whole card.
        return max(line * 16, min(line * 20, self.area.viewport().height() - 4))

    def columns(self) -> int:
        return max(1, (self.area.viewport().width() + GAP) // (self.card_w + GAP))

    def slot(self, position: int) -> QPoint:
        """Where the card of the theme at `position` (0 first) goes in the grid."""
        cols = self.columns()
        return QPoint((position % cols) * (self.cell_w + GAP),
                      (position // cols) * (self.card_h() + GAP))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.place()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.area.viewport() and event.type() == QEvent.Type.Resize:
            self.place()
        return super().eventFilter(watched, event)

    def place(self) -> None:
        """Size the grid and make and place the cards in view."""
        if not hasattr(self, "area") or not self.isVisible():
            return  # placed once shown, at the size it is shown at
        count, cols, height = len(self.model.order), self.columns(), self.card_h()
        # The cards share the width in view, so no strip is left empty beside them.
        self.cell_w = max(self.card_w, (self.area.viewport().width() - (cols - 1) * GAP) // cols)
        rows = math.ceil(count / cols)
        self.grid.resize(max(self.area.viewport().width(), self.card_w),
                         max(1, rows * (height + GAP) - GAP))
        top = self.area.verticalScrollBar().value()
        # The rows in view only: a card takes a few milliseconds, 200 of them a pause.
        first = max(0, top // (height + GAP)) * cols
        last = min(count, math.ceil((top + self.area.viewport().height()) / (height + GAP))
                   * cols)
        self.model.prefetch([k for k in self.model.order[first:last] if k not in self.cards])
        for position in range(first, last):
            key = self.model.order[position]
            if key not in self.cards:
                self.cards[key] = self._make(key, self.grid)
        for key, card in self.cards.items():
            if key == TRAY:
                continue
            position = self.model.order.index(key)
            card.setGeometry(self.slot(position).x(), self.slot(position).y(), self.cell_w,
                             height)
            card.show()
        self._tab_order()

    def _tab_order(self) -> None:
        """Tab goes through the cards in board order, whenever each card was made."""
        chain: list[QWidget] = [self.tray.notes]
        for key in self.model.order:
            card = self.cards.get(key)
            if card is not None:
                chain += [card.notes, card.minus, card.spin, card.plus]  # type: ignore[list-item]
        for before, after in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(before, after)

    def _make(self, key: str, parent: QWidget) -> ThemeCard:
        card = ThemeCard(self.model, key, parent)
        name_scroll_parts(card)
        card.votes_typed.connect(self.votes_typed.emit)
        card.vote_asked.connect(self.vote_asked.emit)
        card.rename_asked.connect(self.rename_asked.emit)
        card.context_asked.connect(lambda at, c=card: self.context_asked.emit(
            c.key, c.mapToGlobal(at)))
        card.notes.step.connect(lambda across, down, c=card: self.step(c.key, across, down))
        self.cards[key] = card
        return card

    def card(self, key: str) -> ThemeCard:
        """The card of the tray or a theme, made and scrolled into view if need be."""
        if key != TRAY:
            position = self.model.order.index(key)
            self.area.ensureVisible(self.slot(position).x(), self.slot(position).y()
                                    + self.card_h() // 2, 0, self.card_h() // 2 + GAP)
            self.place()
        return self.cards[key]

    # --- following the model ---------------------------------------------------------------

    def _removing(self, parent: QModelIndex, first: int, last: int) -> None:
        if parent.isValid():
            return
        for row in range(first, last + 1):
            key = self.model.key_at(row)
            card = self.cards.pop(key, None) if key else None
            if card is not None:
                card.notes.setModel(None)
                card.hide()
                card.deleteLater()

    def _resetting(self) -> None:
        for key in [k for k in self.cards if k != TRAY]:
            card = self.cards.pop(key)
            card.notes.setModel(None)
            card.hide()
            card.deleteLater()

    def _rows_changed(self, parent: QModelIndex, *_: object) -> None:
        if not parent.isValid():
            self._shape_changed()

    def _shape_changed(self, *args: object) -> None:
        """Themes came, went or moved: place the cards again (notes moving need nothing)."""
        self.place()
        for card in self.cards.values():
            card.refresh()

    def _data_changed(self, top_left: QModelIndex, _bottom_right: QModelIndex) -> None:
        if top_left.parent().isValid():
            return
        card = self.cards.get(self.model.key_of(top_left) or "\x00")
        if card is not None:
            card.refresh()

    def _focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        for card in self.cards.values():
            if (old is not None and card.isAncestorOf(old)) or (
                    new is not None and card.isAncestorOf(new)):
                card.update()
                if new is not None and card.isAncestorOf(new):
                    self.last_key = card.key

    # --- the keyboard ----------------------------------------------------------------------

    def step(self, key: str, across: int, down: int) -> None:
        """Focus the card beside (or above, below) the one with `key`."""
        order = self.model.order
        position = -1 if key == TRAY else order.index(key)
        cols = self.columns()
        if key == TRAY:
            target = 0 if across > 0 else None
        elif across:
            target = position + across
        else:
            target = position + down * cols
        if target is None or target >= len(order) or (target < 0 and across == 0):
            return
        new_key = TRAY if target < 0 else order[target]
        row = self.cards[key].notes.currentIndex().row()
        self.focus_card(new_key, row=0 if down > 0 else (-1 if down < 0 else row))

    def focus_card(self, key: str, *, row: int = 0) -> ThemeCard:
        card = self.card(key)
        notes = card.notes
        count = self.model.rowCount(notes.rootIndex())
        if count:
            at = count - 1 if row < 0 else min(max(0, row), count - 1)
            notes.selectionModel().setCurrentIndex(
                self.model.index(at, 0, notes.rootIndex()),
                QItemSelectionModel.SelectionFlag.ClearAndSelect)
        notes.setFocus(Qt.FocusReason.OtherFocusReason)
        self.last_key = key
        return card

    # --- BoardTarget -----------------------------------------------------------------------

    def current_theme(self) -> str | None:
        return self.last_key if self.last_key in self.model.themes else None

    def selected_notes(self) -> list[str]:
        card = self.cards.get(self.last_key)
        return card.notes.selected_ids() if card is not None else []

    def reveal(self, theme_id: str | None, note_ids: list[str]) -> None:
        key = theme_id or TRAY
        if key != TRAY and key not in self.model.order:
            return
        card = self.focus_card(key)
        if note_ids:
            selection = QItemSelection()
            for note_id in note_ids:
                index = self.model.note_index(note_id)
                if index.isValid() and index.parent() == card.notes.rootIndex():
                    selection.select(index, index)
            if not selection.isEmpty():
                chooser = card.notes.selectionModel()
                chooser.select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
                chooser.setCurrentIndex(selection.indexes()[0],
                                        QItemSelectionModel.SelectionFlag.NoUpdate)
                card.notes.scrollTo(selection.indexes()[0])
