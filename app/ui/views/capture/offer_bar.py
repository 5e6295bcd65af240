"""A line under the entry that offers something, with its two answers: never a dialog.

Typing goes on while it shows; the near-duplicate hint and the offer to split a paste are both
made of it.
"""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from app.ui.buttons import action_button


class OfferBar(QWidget):
    """Words, then a "yes" and a "no" button; hidden until there is something to offer."""

    def __init__(self, yes: str, no: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel(self)
        self.label.setObjectName("hint")
        self.label.setWordWrap(True)
        self.yes_button = action_button(self, yes)
        self.no_button = action_button(self, no)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.yes_button)
        layout.addWidget(self.no_button)
        self.hide()
