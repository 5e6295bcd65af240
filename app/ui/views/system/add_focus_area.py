"""Asking for a new focus area's name and description; stays open when the service refuses."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.models import FocusArea
from app.ui.dialogs.parts import fit_dialog, hint, ok_cancel


class AddFocusAreaDialog(QDialog):
    """Emits `submitted(name, description)`; whoever creates the area accepts the dialog."""

    submitted = Signal(str, str)

    def __init__(self, parent: QWidget | None = None, *, all_keys_used: bool = False) -> None:
        super().__init__(parent)
        self.setWindowTitle("Add a focus area")
        self.setAccessibleName("Add a focus area")
        self.created: FocusArea | None = None

        self.name = QLineEdit(self)
        self.name.setAccessibleName("Name")
        self.name.setPlaceholderText("e.g. Unpaid carers")
        self.description = QPlainTextEdit(self)
        self.description.setAccessibleName("What it covers")
        self.description.setTabChangesFocus(True)
        self.description.setMinimumHeight(self.fontMetrics().lineSpacing() * 4)

        form = QFormLayout()
        name_label = QLabel("&Name:", self)
        name_label.setBuddy(self.name)
        covers_label = QLabel("What it &covers:", self)
        covers_label.setBuddy(self.description)
        form.addRow(name_label, self.name)
        form.addRow(covers_label, self.description)

        note = hint(
            "All nine quick keys are in use, so this focus area will have no quick key until "
            "you free one." if all_keys_used else
            "It takes the lowest free quick key and the next colour; you can change both.", self)
        buttons, _ = ok_cancel(self, "&Add", self._submit)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)
        fit_dialog(self, 60)

    def _submit(self) -> None:
        self.submitted.emit(self.name.text(), self.description.toPlainText().strip())
        if not self.result():
            self.name.setFocus()
