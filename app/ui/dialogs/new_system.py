"""Creating a learning system: a name and a purpose. A refusal keeps the dialog open."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.models import LearningSystem
from app.services.planning import systems
from app.ui.commands import push_create
from app.ui.context import AppContext
from app.ui.dialogs.parts import fit_dialog, hint, ok_cancel
from app.ui.fields import add_labelled_row


class NewSystemDialog(QDialog):
    """Asks for the name and purpose, then creates the system (with the four focus areas)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.created: LearningSystem | None = None
        self.setWindowTitle("New learning system")
        self.setAccessibleName("New learning system")

        self.name = QLineEdit(self)
        self.name.setAccessibleName("Name")
        self.name.setMaxLength(200)
        self.name.setPlaceholderText("e.g. Highland community care learning system")
        self.purpose = QPlainTextEdit(self)
        self.purpose.setAccessibleName("Purpose")
        self.purpose.setTabChangesFocus(True)
        self.purpose.setPlaceholderText("What it is for, and for whom.")
        self.purpose.setMinimumHeight(self.fontMetrics().lineSpacing() * 4 + 12)

        form = QFormLayout()
        for text, field in (("&Name:", self.name), ("&Purpose:", self.purpose)):
            add_labelled_row(form, text, field)
        note = hint("It starts with the four focus areas of the ihub learning system; you can "
                    "rename, recolour, reorder, add and retire them afterwards.", self)
        buttons, self.create_button = ok_cancel(self, "C&reate", self.submit)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)
        fit_dialog(self, 64)

    def submit(self) -> None:
        """Create the system; on a refusal the sentence is shown and the dialog stays open."""
        store = self._ctx.store
        name, purpose = self.name.text(), self.purpose.toPlainText().strip()

        def create():
            return systems.create_system(store, name, purpose=purpose)

        created = push_create(self._ctx, self, f"Create learning system '{name.strip()}'",
                              create, lambda system_id: systems.delete_system(store, system_id))
        if created is None:
            self.name.setFocus()
            self.name.selectAll()
            return
        self.created = created
        self._ctx.bus.status.emit(f"Created the learning system '{created.name}'.")
        self.accept()

    @classmethod
    def create(cls, ctx: AppContext, parent: QWidget | None) -> LearningSystem | None:
        """Show the dialog; the new learning system, or None when cancelled."""
        dialog = cls(ctx, parent)
        dialog.exec()
        return dialog.created
