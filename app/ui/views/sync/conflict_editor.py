"""Edit… for a conflict: one text field holding both versions (this laptop's first), for the
facilitator to make into the one text to keep."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from app.models.sync import Conflict
from app.ui.dialogs.parts import fit_dialog, hint, ok_cancel
from app.ui.views.sync.wording import edited_text, field_words


class ConflictEditor(QDialog):
    """Modal: `text()` is what to keep once accepted; an empty text is not accepted."""

    def __init__(self, conflict: Conflict, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = f"Edit: {conflict.label}"
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.editor = QPlainTextEdit(edited_text(conflict), self)
        self.editor.setTabChangesFocus(True)
        what = field_words(conflict)
        label = QLabel("&Text to keep:" if what == "text" else f"&Text to keep ({what}):", self)
        label.setBuddy(self.editor)
        self.editor.setAccessibleName("Text to keep")
        self.editor.setAccessibleDescription(
            f"Both versions: this laptop's first, then the one from {conflict.their_device}.")
        explain = hint(f"Both versions are here, this laptop's first and then the one from "
                       f"“{conflict.their_device}”. Make them into the text to keep; it goes "
                       "to the other laptops at the next sync.", self)
        buttons, self.ok = ok_cancel(self, "&Keep this text", self._keep)
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addWidget(label)
        layout.addWidget(self.editor, 1)
        layout.addWidget(buttons)
        self.editor.textChanged.connect(
            lambda: self.ok.setEnabled(bool(self.editor.toPlainText().strip())))
        fit_dialog(self, 70, 16)
        self.editor.setFocus()

    def text(self) -> str:
        return self.editor.toPlainText().strip()

    def _keep(self) -> None:
        if self.text():
            self.accept()
