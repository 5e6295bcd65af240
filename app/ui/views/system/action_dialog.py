"""Adding an action, or editing one in full: what will be done, by whom, by when, its status and
the session it came from; a new action can be linked to themes as it is made.

Saving is one service call and one undo step (create, or update of the fields changed); a
refusal shows its sentence and leaves the dialog open.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.models import Action, ActionStatus
from app.services.planning import sessions as session_service
from app.services.sensemaking import actions as action_service
from app.ui.commands import push_create, push_update
from app.ui.context import AppContext
from app.ui.dialogs.parts import fit_dialog, ok_cancel
from app.ui.fields import add_labelled_row
from app.ui.views.system.theme_picker import ThemesField


def session_chooser(parent: QWidget, store: Any, system_id: str) -> QComboBox:
    """The learning system's sessions (newest first), after "No session"."""
    chooser = QComboBox(parent)
    chooser.addItem("No session", "")
    for session in sorted(session_service.list_sessions(store, system_id),
                          key=lambda s: s.starts, reverse=True):
        chooser.addItem(f"{session.title} ({session.starts.day} {session.starts:%b %Y})",
                        session.id)
    return chooser


def status_chooser(parent: QWidget) -> QComboBox:
    chooser = QComboBox(parent)
    for status in ActionStatus:
        chooser.addItem(status.label, status.value)
    return chooser


class ActionDialog(QDialog):
    """A new action of the learning system (`action` None), or one action to change."""

    def __init__(self, ctx: AppContext, system_id: str, parent: QWidget | None = None, *,
                 action: Action | None = None) -> None:
        super().__init__(parent)
        self._ctx, self._system_id, self._action = ctx, system_id, action
        self.saved: Action | None = None
        title = "Add an action" if action is None else "Edit the action"
        self.setWindowTitle(title)
        self.setAccessibleName(title)

        self.what = QPlainTextEdit(self)
        self.what.setTabChangesFocus(True)
        self.what.setPlaceholderText("What will be done, e.g. Take the transport theme to the "
                                     "HSCP planning group")
        self.what.setMaximumHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.owner = QLineEdit(self)
        self.owner.setPlaceholderText("Who will do it, e.g. Digital inclusion lead")
        self.has_due = QCheckBox("Has a &due date", self)
        self.due = QDateEdit(self)
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat("d MMM yyyy")
        self.due.setAccessibleName("Due date")
        self.status = status_chooser(self)
        self.session = session_chooser(self, ctx.store, system_id)
        due_row = QHBoxLayout()
        due_row.addWidget(self.has_due)
        due_row.addWidget(self.due, 1)
        form = QFormLayout()
        for text, name, field in (("&What:", "What will be done", self.what),
                                  ("&Owner:", "Owner", self.owner),
                                  ("S&tatus:", "Status", self.status),
                                  ("&Session:", "Session it came from", self.session)):
            field.setAccessibleName(name)
            add_labelled_row(form, text, field)
            if field is self.owner:
                form.addRow("Due:", due_row)

        self.themes = ThemesField(ctx, system_id, "the new action", self)
        if action is None:
            form.addRow("Themes:", self.themes)
        else:
            self.themes.hide()

        buttons, self.save_button = ok_cancel(
            self, "&Add action" if action is None else "&Save", self.submit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

        self.has_due.toggled.connect(self.due.setEnabled)
        self._show(action)
        fit_dialog(self, 90)
        self.what.setFocus()

    def _show(self, action: Action | None) -> None:
        due = action.due if action is not None else None
        shown = due or date.today() + timedelta(days=14)
        self.due.setDate(QDate(shown.year, shown.month, shown.day))
        self.has_due.setChecked(due is not None)
        self.due.setEnabled(due is not None)
        if action is None:
            return
        self.what.setPlainText(action.what)
        self.owner.setText(action.owner)
        self.status.setCurrentIndex(self.status.findData(action.status.value))
        self.session.setCurrentIndex(max(0, self.session.findData(action.session_id or "")))

    def fields(self) -> dict[str, Any]:
        due = self.due.date().toPython() if self.has_due.isChecked() else None
        return {"what": self.what.toPlainText().strip(), "owner": self.owner.text().strip(),
                "due": due, "status": ActionStatus(self.status.currentData()),
                "session_id": self.session.currentData() or None}

    def submit(self) -> None:
        """Save; on a refusal its sentence is shown and the dialog stays open."""
        ctx, store, fields = self._ctx, self._ctx.store, self.fields()
        if self._action is None:
            system_id, theme_ids = self._system_id, list(self.themes.theme_ids)
            self.saved = push_create(
                ctx, self, "Add an action",
                lambda: action_service.create_action(store, system_id, theme_ids=theme_ids,
                                                     **fields),
                lambda action_id: action_service.delete_action(store, action_id))
        else:
            old = {name: getattr(self._action, name) for name in fields}
            changed = {k: v for k, v in fields.items() if old[k] != v}
            if not changed:
                self.accept()
                return
            self.saved = push_update(ctx, self, "Edit the action", action_service.update_action,
                                     self._action.id, changed, {k: old[k] for k in changed})
        if self.saved is None:
            self.what.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self.accept()
