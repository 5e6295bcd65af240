"""The email template of a learning system: subject and body with placeholders, listed beside
them to insert. Saving is one operation and one undo step; a placeholder Cairn does not know is
refused in one sentence and nothing changes."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.services.planning import systems
from app.services.sharing import templates
from app.services.sharing.templates import DEFAULT_BODY, DEFAULT_SUBJECT, PLACEHOLDERS
from app.ui.buttons import action_button
from app.ui.commands import push_edit
from app.ui.context import AppContext
from app.ui.dialogs.parts import fit_dialog, hint, ok_cancel
from app.ui.fields import add_labelled_row
from app.ui.style import Heading


class TemplateEditor(QDialog):
    """Edits one learning system's template; Save keeps it (undoable), Cancel keeps nothing."""

    def __init__(self, ctx: AppContext, system_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.system_id = ctx, system_id
        self.before = templates.get_template(ctx.store, system_id)
        self.setWindowTitle("Email template")
        self.setAccessibleName("Email template")
        self.subject = QLineEdit(self.before.subject, self)
        self.subject.setAccessibleName("Subject")
        self.body = QPlainTextEdit(self.before.body, self)
        self.body.setAccessibleName("Body")
        self.body.setTabChangesFocus(True)
        self.placeholders = QListWidget(self)
        self.placeholders.setAccessibleName("Placeholders")
        self.placeholders.setAccessibleDescription("Enter inserts the chosen placeholder where "
                                                   "you were typing")
        for name, meaning in PLACEHOLDERS.items():
            item = QListWidgetItem(f"{{{name}}}\n{meaning}", self.placeholders)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{{{name}}}: {meaning}")
            item.setData(Qt.ItemDataRole.UserRole, name)
        self.placeholders.setWordWrap(True)
        self.placeholders.setSpacing(2)
        self.placeholders.setCurrentRow(0)
        self.placeholders.itemActivated.connect(lambda _item: self.insert())
        self.insert_button = action_button(self, "&Insert", "Put the chosen placeholder where "
                                           "you were typing", self.insert, icon="add")
        self.default_button = action_button(self, "Use the &default", "Put the default subject "
                                            "and body back in the fields", self.use_default)
        self._last_field: QLineEdit | QPlainTextEdit = self.body
        self.subject.installEventFilter(self)
        self.body.installEventFilter(self)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        add_labelled_row(form, "Su&bject:", self.subject)
        add_labelled_row(form, "B&ody:", self.body)
        side = QVBoxLayout()
        label = QLabel("P&laceholders:", self)
        label.setBuddy(self.placeholders)
        side.addWidget(label)
        side.addWidget(self.placeholders, 1)
        side.addWidget(self.insert_button)
        columns = QHBoxLayout()
        columns.addLayout(form, 3)
        columns.addLayout(side, 2)
        buttons, self.save = ok_cancel(self, "&Save", self.accept)
        buttons.addButton(self.default_button, buttons.ButtonRole.ResetRole)
        layout = QVBoxLayout(self)
        layout.addWidget(Heading(f"Email template: {systems.get_system(ctx.store, system_id).name}",
                                 1.2, self))
        layout.addLayout(columns, 1)
        layout.addWidget(hint("Each participant's message fills in the placeholders. Write a "
                              "brace itself as {{ or }}.", self))
        layout.addWidget(buttons)
        fit_dialog(self, 110, 22)

    def eventFilter(self, watched, event) -> bool:  # type: ignore[no-untyped-def]
        if event.type() == event.Type.FocusIn and watched in (self.subject, self.body):
            self._last_field = watched
        return super().eventFilter(watched, event)

    def insert(self) -> None:
        item = self.placeholders.currentItem()
        if item is None:
            return
        text = "{" + str(item.data(Qt.ItemDataRole.UserRole)) + "}"
        field = self._last_field
        field.insert(text) if isinstance(field, QLineEdit) else field.insertPlainText(text)
        field.setFocus(Qt.FocusReason.OtherFocusReason)

    def use_default(self) -> None:
        self.subject.setText(DEFAULT_SUBJECT)
        self.body.setPlainText(DEFAULT_BODY)

    def accept(self) -> None:
        store, system_id, before = self.ctx.store, self.system_id, self.before
        subject, body = self.subject.text(), self.body.toPlainText()
        if (subject, body) == (before.subject, before.body):
            super().accept()
            return
        saved = push_edit(self.ctx, self, "Edit the email template",
                          lambda: templates.save_template(store, system_id, subject, body),
                          lambda: templates.restore_template(store, before))
        if saved is not None:
            self.ctx.bus.status.emit("Email template saved.")
            super().accept()
