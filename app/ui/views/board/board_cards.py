"""A card on the board: the tray or one theme, holding its notes.

A theme's card shows its title (a handle to drag the theme by), its votes with − and + and a
typed count, its focus areas as chips, a line of synthesis, and its notes in a list that shows
the board model's rows under the theme (painted by a delegate, never a widget per note). The
card says to a screen reader what it is: its title, votes and note count.
"""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QModelIndex, QPersistentModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import (
    QContextMenuEvent,
    QDrag,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QSizePolicy,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.ui.item_models.board_model import ID_ROLE, BoardModel
from app.ui.item_models.note_cards import Chip
from app.ui.views.capture.chips import ChipStrip
from app.ui.views.capture.note_delegate import NoteDelegate


class CardNotes(QListView):
    """The notes of one card: a view of the board model rooted at the card's row."""

    step = Signal(int, int)  # (cards across, cards down) to move focus to, and
    context_asked = Signal(QPoint)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDropIndicatorShown(True)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # A card shows a few notes: lay those out first and the rest just after, and keep the
        # width steady (a scroll bar coming would make every note's height be worked again).
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.setLayoutMode(QListView.LayoutMode.Batched)
        self.setBatchSize(8)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setWordWrap(True)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setItemDelegate(NoteDelegate(self))
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self.context_asked.emit)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, plain = event.key(), event.modifiers() in (Qt.KeyboardModifier.NoModifier,
                                                        Qt.KeyboardModifier.KeypadModifier)
        row, count = self.currentIndex().row(), self.model().rowCount(self.rootIndex())
        if plain and key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            self.step.emit(-1 if key == Qt.Key.Key_Left else 1, 0)
            return
        if plain and key == Qt.Key.Key_Up and row <= 0:
            self.step.emit(0, -1)
            return
        if plain and key == Qt.Key.Key_Down and row >= count - 1:
            self.step.emit(0, 1)
            return
        super().keyPressEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        model = self.model()
        if model is not None and self.rootIndex().isValid() \
                and model.rowCount(self.rootIndex()) == 0:
            # Says how a card is filled, in words a screen reader reads too (the description).
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(self.viewport().rect().adjusted(8, 8, -8, -8),
                             Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
                             | Qt.TextFlag.TextWordWrap, self.accessibleDescription())

    def selected_ids(self) -> list[str]:
        rows = sorted(i.row() for i in self.selectionModel().selectedIndexes()
                      if i.parent() == self.rootIndex())
        return [self.model().index(r, 0, self.rootIndex()).data(ID_ROLE) for r in rows]


class ThemeCard(QFrame):
    """The tray's or a theme's card; `key` is the theme id, "" for the tray."""

    votes_typed = Signal(str, int)  # theme id, the total typed
    vote_asked = Signal(str, int)  # theme id, +1 or -1
    rename_asked = Signal(str)  # theme id: its title was double-clicked
    context_asked = Signal(QPoint)

    def __init__(self, model: BoardModel, key: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.model, self.key = model, key
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAcceptDrops(True)
        self.setAutoFillBackground(True)
        self.title = QLabel(self)
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title.font()
        font.setWeight(font.Weight.DemiBold)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.title.setFont(font)
        self.title.setCursor(Qt.CursorShape.OpenHandCursor if key else Qt.CursorShape.ArrowCursor)
        self.facts = QLabel(self)
        self.notes = CardNotes(self)
        self.notes.setModel(model)
        self.notes.context_asked.connect(lambda at: self.context_asked.emit(
            self.notes.viewport().mapTo(self, at)))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(4)
        layout.addWidget(self.title)
        row = QHBoxLayout()
        row.setSpacing(4)
        self.spin: QSpinBox | None = None
        if key:
            self.minus = self._button("−", "Take a vote away", -1)
            self.spin = QSpinBox(self)
            self.spin.setRange(0, 9999)
            self.spin.setKeyboardTracking(False)
            self.spin.setButtonSymbols(QSpinBox.ButtonSymbols.NoButtons)
            self.spin.setSuffix(" votes")
            self.spin.editingFinished.connect(self._typed)
            self.plus = self._button("+", "Add a vote", +1)
            row.addWidget(self.minus)
            row.addWidget(self.spin)
            row.addWidget(self.plus)
        row.addWidget(self.facts, 1)
        layout.addLayout(row)
        self.chips = ChipStrip("No focus area yet", self)
        self.synthesis = QLabel(self)
        self.synthesis.setWordWrap(False)
        self.synthesis.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        if key:
            layout.addWidget(self.chips)
            layout.addWidget(self.synthesis)
        else:
            self.chips.hide()
            self.synthesis.hide()
        layout.addWidget(self.notes, 1)
        self.refresh()
        self._press: QPoint | None = None

    def _button(self, text: str, name: str, by: int) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(f"{name} ({'Alt+Up' if by > 0 else 'Alt+Down'})")
        button.clicked.connect(lambda: self.vote_asked.emit(self.key, by))
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        button.setProperty("purpose", name)
        return button

    def top(self) -> QModelIndex:
        return self.model.top_index(self.key)

    def refresh(self) -> None:
        """Show the card's row as the model has it now; root the note list at it."""
        top = self.top()
        if not top.isValid():
            return
        if QPersistentModelIndex(self.notes.rootIndex()) != QPersistentModelIndex(top):
            self.notes.setRootIndex(top)
        spoken = self.model.spoken_group(self.key)
        self.setAccessibleName(spoken)
        # The list is what takes the focus: moving to a card says which card it is.
        self.notes.setAccessibleName(f"Notes of {spoken}")
        title = str(top.data() or "")
        self.title.setText(title)
        self.title.setToolTip(title + ("\nDrag to reorder the board; double-click to rename"
                                       if self.key else ""))
        count = self.model.rowCount(top)
        theme = self.model.themes.get(self.key)
        if self.model.filtered() and theme is not None:
            every = len(theme.note_ids)
            self.facts.setText(f"{count:,} of {every:,} note{'s' * (every != 1)}")
        else:
            self.facts.setText(f"{count:,} note{'s' * (count != 1)}")
        self.notes.setAccessibleDescription(
            "No notes shown here with these filters" if self.model.filtered() else
            "No notes yet: drag notes here, or use Move to theme (Ctrl+M)" if self.key else
            "No unclustered notes")
        if theme is None or self.spin is None:
            return
        self.spin.blockSignals(True)
        self.spin.setValue(max(0, theme.votes))
        self.spin.blockSignals(False)
        self.spin.setAccessibleName(f"Votes for {title}")
        self.spin.setToolTip("Type the votes in all and press Enter")
        for button, word in ((self.minus, "from"), (self.plus, "for")):
            button.setAccessibleName(f"{button.property('purpose')} {word} {title}")
        self.chips.set_chips(tuple(Chip(self.model.labels.area_chip(a).text,
                                        self.model.labels.area_chip(a).colour)
                                   for a in theme.focus_area_ids))
        self.chips.setAccessibleName(f"Focus areas of {title}")
        line = theme.synthesis.replace("\n", " ").strip()
        self._synthesis = line or "No synthesis yet (Shift+F2 to write one)"
        self._elide()
        self.synthesis.setToolTip(line)
        self.synthesis.setAccessibleName(f"Synthesis: {line}" if line else "No synthesis yet")
        self.synthesis.setEnabled(bool(line))

    def _elide(self) -> None:
        text = getattr(self, "_synthesis", "")
        self.synthesis.setText(self.synthesis.fontMetrics().elidedText(
            text, Qt.TextElideMode.ElideRight, max(40, self.width() - 20)))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _typed(self) -> None:
        theme = self.model.themes.get(self.key)
        if self.spin is not None and theme is not None and self.spin.value() != theme.votes:
            self.votes_typed.emit(self.key, self.spin.value())

    def has_focus_within(self) -> bool:
        focused = QApplication.focusWidget()
        return focused is not None and (focused is self or self.isAncestorOf(focused))

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.has_focus_within():
            # The card in use is plain to see, whatever inside it has the focus.
            painter = QPainter(self)
            painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Highlight), 3))
            painter.drawRect(self.rect().adjusted(1, 1, -2, -2))

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        self.context_asked.emit(event.pos())

    # --- dragging the theme, and drops on the card ------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.key \
                and self.title.geometry().contains(event.position().toPoint()):
            self._press = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        start = self._press
        if start is not None and (event.position().toPoint() - start).manhattanLength() \
                >= QApplication.startDragDistance():
            self._press = None
            drag = QDrag(self)
            drag.setMimeData(self.model.mimeData([self.top()]))
            drag.setPixmap(self.grab().scaledToWidth(min(240, self.width())))
            drag.exec(Qt.DropAction.MoveAction)
            return
        super().mouseMoveEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if self.key and self.title.geometry().contains(event.position().toPoint()):
            self.rename_asked.emit(self.key)
            return
        super().mouseDoubleClickEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._press = None
        super().mouseReleaseEvent(event)

    def _can_take(self, data: QMimeData) -> bool:
        return self.model.canDropMimeData(data, Qt.DropAction.MoveAction, -1, 0, self.top())

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._can_take(event.mimeData()):
            event.acceptProposedAction()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if self._can_take(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        if self.model.dropMimeData(event.mimeData(), Qt.DropAction.MoveAction, -1, 0, self.top()):
            event.acceptProposedAction()

