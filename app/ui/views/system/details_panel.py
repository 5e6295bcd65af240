"""A learning system's name, purpose and principles, each saved as one undoable edit.

Text is committed when the field loses focus (or Enter in the name), not per keystroke, so
Undo takes back a whole edit and the change log is not flooded with half-typed words.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QFormLayout,
    QLineEdit,
    QWidget,
)

from app.models import Changes, LearningSystem
from app.services.planning import systems
from app.ui.commands import push_update
from app.ui.context import AppContext
from app.ui.fields import GrowingTextEdit, add_labelled_row
from app.ui.style import follow_text_size


class SystemDetails(QWidget):
    """The form at the top of the learning-system view."""

    def __init__(self, ctx: AppContext, system: LearningSystem,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx, self.system = ctx, system
        self._committing = False
        self.name = QLineEdit(self)
        self.name.setAccessibleName("Name of the learning system")
        self.purpose = GrowingTextEdit(self)
        self.purpose.setAccessibleName("Purpose")
        self.purpose.setPlaceholderText("What this learning system is for, and for whom.")
        self.principles = GrowingTextEdit(self)
        self.principles.setAccessibleName("Principles")
        self.principles.setPlaceholderText("e.g. Equity and equality; person-led care.")
        self.refit()
        follow_text_size(self)

        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        for text, field in (("&Name:", self.name), ("&Purpose:", self.purpose),
                            ("Princip&les:", self.principles)):
            add_labelled_row(form, text, field)

        self.name.editingFinished.connect(lambda: self._commit("name", self.name.text()))
        self.purpose.editingFinished.connect(
            lambda: self._commit("purpose", self.purpose.toPlainText()))
        self.principles.editingFinished.connect(
            lambda: self._commit("principles", self.principles.toPlainText()))
        ctx.bus.changed.connect(self._changed)
        self._show(system)

    def refit(self) -> None:
        for field in (self.purpose, self.principles):
            field.fit_height()

    def _show(self, system: LearningSystem) -> None:
        self.system = system
        if not self.name.hasFocus() or not self.name.isModified():
            self.name.setText(system.name)
        self.purpose.set_text(system.purpose)
        self.principles.set_text(system.principles)

    def _commit(self, field: str, value: str) -> None:
        # A refusal's message box takes focus, which would finish the edit a second time.
        if self._committing:
            return
        value = value.strip()
        old = getattr(self.system, field)
        self.name.setModified(False)
        if value == old:
            return
        system_id = self.system.id
        label = {"name": "Rename learning system", "purpose": "Describe purpose",
                 "principles": "Describe principles"}[field]
        self._committing = True
        try:
            done = push_update(self._ctx, self, label, systems.update_system, system_id,
                               {field: value}, {field: old})
        finally:
            self._committing = False
        if done is None:
            self._show(self.system)  # refused: show what is actually stored

    def _changed(self, changes: Changes) -> None:
        if self.system.id in changes.updated.get("system", ()):
            self._show(systems.get_system(self._ctx.store, self.system.id))
