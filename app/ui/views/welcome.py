"""The first-run screen: what Cairn is for, and the two ways to begin."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.ui.buttons import PRIMARY, emphasise
from app.ui.icons import set_icon
from app.ui.style import Heading, follow_text_size, name_scroll_parts, scrolled

HINTS = (
    ("What is a learning system?",
     "A programme of work in which partners share what they are learning: its purpose, its "
     "principles, the focus areas every insight is tagged against, and its sessions."),
    ("Where do I start?",
     "The sample shows a learning system in full: planned and finished sessions with agendas, "
     "participants, notes, themes and actions. Look around; nothing you do there matters."),
    ("Is my work safe?",
     "Everything is saved on this laptop as you type, works offline, and can be undone with "
     "Ctrl+Z."),
)


class WelcomeView(QWidget):
    """A warm empty state; the window connects the two requests to its actions."""

    load_sample_requested = Signal()
    new_system_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Welcome to Cairn")
        title = Heading("Welcome to Cairn", 2.2, self)
        title.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        lead = QLabel("Plan sensemaking workshops, capture what people say, and turn it into "
                      "knowledge others can act on: every session adds its stones to the pile.",
                      self)
        lead.setWordWrap(True)
        lead.setAlignment(Qt.AlignmentFlag.AlignHCenter)

        self.sample_button = self._big_button(
            "&Load the sample learning system", "Explore a complete example first", "sample")
        self.sample_button.clicked.connect(self.load_sample_requested)
        self.new_button = self._big_button(
            "&New learning system", "Start your own programme (Ctrl+Shift+N)", "new-system")
        self.new_button.clicked.connect(self.new_system_requested)
        self.new_button.setDefault(True)
        emphasise(self.new_button, PRIMARY)
        buttons = QHBoxLayout()
        buttons.setSpacing(16)
        buttons.addWidget(self.sample_button)
        buttons.addWidget(self.new_button)

        column = QVBoxLayout()
        column.setSpacing(14)
        column.addWidget(title)
        column.addWidget(lead)
        column.addSpacing(12)
        column.addLayout(buttons)
        column.addSpacing(16)
        for heading, text in HINTS:
            column.addWidget(self._hint(heading, text))

        card = QFrame(self)
        card.setObjectName("welcomeCard")
        card.setLayout(column)
        card.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)

        page = QWidget()
        centred = QVBoxLayout(page)
        centred.setContentsMargins(32, 32, 32, 32)
        centred.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card, 10)
        row.addStretch(1)
        centred.addLayout(row)
        centred.addStretch(2)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scrolled(page, "Welcome page", self, tab_stop=True))
        self._card = card
        self.refit()
        follow_text_size(self)
        name_scroll_parts(self)

    def _big_button(self, text: str, tip: str, role: str) -> QPushButton:
        button = QPushButton(text, self)
        set_icon(button, role)
        button.setAccessibleName(text.replace("&", ""))
        button.setAccessibleDescription(tip)
        button.setToolTip(tip)
        button.setStatusTip(tip)
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        button.setIconSize(QSize(24, 24))
        return button

    def _hint(self, heading: str, text: str) -> QLabel:
        label = QLabel(f"<b>{heading}</b><br>{text}", self)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.RichText)
        return label

    def refit(self) -> None:
        """Keep lines a readable length and buttons roomy whatever the text size."""
        metrics = QFontMetrics(QApplication.font())
        self._card.setMaximumWidth(metrics.averageCharWidth() * 90)
        for button in (self.sample_button, self.new_button):
            button.setMinimumHeight(metrics.lineSpacing() * 3)

