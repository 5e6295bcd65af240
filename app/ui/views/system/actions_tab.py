"""The learning system's "Actions" tab: knowledge into action, across all its sessions.

Overdue actions come first and say so in words with a warning icon ("Overdue by 3 days");
filters narrow the list by status, session, or to overdue ones only. F2 edits a cell in place
(a date, status or session chooser where the column needs one), Enter or "Edit…" opens the
whole action in a dialog, Delete deletes it; every change is one undo step. The table
follows the store through the change bus, whoever made the change.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QWidget,
)

from app.models import ActionStatus
from app.services.planning import sessions as session_service
from app.services.sensemaking import actions as action_service
from app.services.sensemaking.actions import ListedAction
from app.services.sensemaking.theme_choices import set_action_themes, system_themes
from app.ui.buttons import DESTRUCTIVE, PRIMARY, action_button
from app.ui.commands import FieldEdit, push_delete, push_edit
from app.ui.context import AppContext
from app.ui.flow import ButtonRow
from app.ui.views.system.action_dialog import ActionDialog, session_chooser, status_chooser
from app.ui.views.system.actions_model import (
    DUE,
    NO_DATE,
    OWNER,
    SESSION,
    STATUS,
    THEMES,
    WHAT,
    ActionsTableModel,
    due_text,
)
from app.ui.views.system.record_tab import RecordTab
from app.ui.views.system.record_table import ChooserEditors, themes_text
from app.ui.views.system.theme_picker import ThemePickerDialog, theme_titles

ALL, UNFINISHED = "", "unfinished"


def _labelled(label: QLabel, field: QWidget) -> QWidget:
    """A label and its field kept together on one line of a wrapping row."""
    pair = QWidget(field.parentWidget())
    row = QHBoxLayout(pair)
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(label)
    row.addWidget(field)
    return pair


class ActionDelegate(ChooserEditors):
    """Choosers for the due date, status and session; text for the rest."""

    def __init__(self, tab: ActionsTab) -> None:
        super().__init__(tab.table)
        self._tab = tab

    def special_editor(self, parent: QWidget, column: int) -> QWidget | None:
        if column == DUE:
            editor = QDateEdit(parent)
            editor.setCalendarPopup(True)
            editor.setDisplayFormat("d MMM yyyy")
            editor.setMinimumDate(NO_DATE)
            editor.setSpecialValueText("No due date")  # shown at the minimum date
            return editor
        if column == STATUS:
            return status_chooser(parent)
        if column == SESSION:
            return session_chooser(parent, self._tab.ctx.store, self._tab.system_id)
        return None


class ActionsTab(RecordTab):
    """Every action of one learning system, with the ways to add, change and find them."""

    MAIN_COLUMN = WHAT
    CAPS = {OWNER: (22, 0.15), DUE: (28, 0.24), STATUS: (14, 0.1), SESSION: (22, 0.13),
            THEMES: (26, 0.13)}
    WATCHED = ("action", "action_theme", "theme", "session")
    LOOKUPS = ("theme", "session")
    model: ActionsTableModel

    def __init__(self, ctx: AppContext, system_id: str, parent: QWidget | None = None) -> None:
        super().__init__(ctx, system_id, parent, name="Actions", one="action")
        self.status_filter = QComboBox(self)
        self.status_filter.addItem("Any status", ALL)
        self.status_filter.addItem("Not done or dropped", UNFINISHED)
        for status in ActionStatus:
            self.status_filter.addItem(status.label, status.value)
        self.status_filter.setAccessibleName("Show actions with status")
        self.session_filter = QComboBox(self)
        self.session_filter.setAccessibleName("Show actions of session")
        # Long session titles must not make the page wider than a laptop at 200% text.
        for box, chars in ((self.status_filter, 12), (self.session_filter, 16)):
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            box.setMinimumContentsLength(chars)
        self.overdue_only = QCheckBox("&Overdue only", self)
        status_label = QLabel("Stat&us:", self)
        status_label.setBuddy(self.status_filter)
        session_label = QLabel("Sessio&n:", self)
        session_label.setBuddy(self.session_filter)
        filters = ButtonRow(self)  # wraps onto a second line when the text is large
        filters.add(_labelled(status_label, self.status_filter),
                    _labelled(session_label, self.session_filter), self.overdue_only)

        self.add_button = action_button(self, "&Add action…", "Record a new action",
                                        self.add_action, icon="add", emphasis=PRIMARY)
        self.edit_button = action_button(self, "E&dit…", "Change the selected action in full",
                                         self.edit_action, icon="edit")
        self.themes_button = action_button(self, "Link &themes…",
                                           "Choose the themes the selected action answers",
                                           self.link_themes, icon="link")
        self.status_button = action_button(self, "&Set status",
                                           "Mark the selected action open, in progress, done "
                                           "or dropped", icon="status")
        menu = QMenu(self.status_button)
        for status in ActionStatus:
            menu.addAction(status.label, lambda s=status: self.set_status(s))
        self.status_button.setMenu(menu)
        self.delete_button = action_button(self, "De&lete", "Delete the selected action",
                                           self.delete_action, emphasis=DESTRUCTIVE)
        self.finish(
            ActionsTableModel(ctx.store, system_id, self.edits, self), ActionDelegate(self),
            object_name="actionsTable",
            description="Overdue actions first. F2 edits a cell; Enter opens the action; "
                        "Delete deletes it.",
            filters=filters, first=(self.status_filter, self.session_filter, self.overdue_only),
            buttons=(self.add_button, self.edit_button, self.themes_button, self.status_button),
            delete_button=self.delete_button, on_delete=self.delete_action,
            on_open=self.edit_action)
        for box in (self.status_filter, self.session_filter):
            box.currentIndexChanged.connect(self._filter)
        self.overdue_only.toggled.connect(self._filter)

    # --- reading ---------------------------------------------------------------------------

    def refresh_lookups(self) -> None:
        sessions = session_service.list_sessions(self.ctx.store, self.system_id)
        self.model.sessions = {s.id: s.title for s in sessions}
        self.model.themes = theme_titles(system_themes(self.ctx.store, self.system_id))
        chosen = self.session_filter.currentData()
        self.session_filter.blockSignals(True)
        self.session_filter.clear()
        self.session_filter.addItem("Any session", ALL)
        for session in sorted(sessions, key=lambda s: s.starts, reverse=True):
            self.session_filter.addItem(session.title, session.id)
        self.session_filter.setCurrentIndex(max(0, self.session_filter.findData(chosen)))
        self.session_filter.blockSignals(False)

    def clear_filters(self) -> None:
        self.status_filter.setCurrentIndex(0)
        self.session_filter.setCurrentIndex(0)
        self.overdue_only.setChecked(False)

    def _filter(self, *_: object) -> None:
        status, session = self.status_filter.currentData(), self.session_filter.currentData()
        overdue_only = self.overdue_only.isChecked()

        def test(listed: ListedAction) -> bool:
            action = listed.action
            if overdue_only and not listed.overdue:
                return False
            if status == UNFINISHED and action.status in (ActionStatus.DONE,
                                                          ActionStatus.DROPPED):
                return False
            if status not in (ALL, UNFINISHED) and action.status.value != status:
                return False
            return not session or action.session_id == session

        self.filter_by(test)

    def count_text(self) -> str:
        records = self.model.records()
        if not records:
            return "No actions yet: add what the learning system will do about its themes."
        overdue = sum(1 for r in records if r.overdue)
        return f"{len(records)} actions · {overdue} overdue{self.shown_text()}"

    def enable(self, record: ListedAction | None) -> None:
        for button in (self.edit_button, self.themes_button, self.status_button,
                       self.delete_button):
            button.setEnabled(record is not None)

    def describe(self, record: ListedAction) -> str:
        action = record.action
        return " · ".join([action.what, f"owner: {action.owner or 'none yet'}",
                           due_text(record, self.model.today),
                           f"status: {action.status.label.lower()}",
                           f"themes: {themes_text(action.theme_ids, self.model.themes)}"])

    # --- operations ------------------------------------------------------------------------

    @staticmethod
    def edit_of(listed: ListedAction, fields: dict[str, Any]) -> FieldEdit:
        names = {"what": "Change what the action is", "owner": "Change the action's owner",
                 "due": "Change the action's due date", "status": "Change the action's status",
                 "session_id": "Change the action's session"}
        return FieldEdit(names[next(iter(fields))], action_service.update_action,
                         listed.action)

    def add_action(self) -> None:
        dialog = ActionDialog(self.ctx, self.system_id, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.saved is not None:
            self.select(dialog.saved.id)  # shown, even where the filters hid it
            self.ctx.bus.status.emit("Added the action.")

    def edit_action(self) -> None:
        listed = self.selected()
        if listed is None:
            return
        dialog = ActionDialog(self.ctx, self.system_id, self, action=listed.action)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.select(listed.action.id)

    def set_status(self, status: ActionStatus) -> bool:
        listed = self.selected()
        if listed is None:
            return False
        done = self.edits.edit(listed, status=status)
        if done:
            self.ctx.bus.status.emit(f"Marked the action {status.label.lower()}.")
        return done

    def link_themes(self) -> bool:
        listed = self.selected()
        if listed is None:
            return False
        action, store = listed.action, self.ctx.store
        picker = ThemePickerDialog(self.ctx, self.system_id, action.theme_ids,
                                   f"the action “{action.what}”", self)
        if picker.exec() != QDialog.DialogCode.Accepted:
            return False
        chosen, old = picker.chosen(), list(action.theme_ids)
        if sorted(chosen) == sorted(old):
            return False
        done = push_edit(self.ctx, self, "Link themes to the action",
                         lambda: set_action_themes(store, action.id, chosen),
                         lambda: set_action_themes(store, action.id, old))
        if done is not None:
            self.ctx.bus.status.emit(f"The action is linked to {len(chosen)} "
                                     f"theme{'s' * (len(chosen) != 1)}.")
        return done is not None

    def delete_action(self) -> bool:
        listed = self.selected()
        if listed is None:
            return False
        store, action_id = self.ctx.store, listed.action.id
        done = push_delete(self.ctx, self, "Delete the action",
                           lambda: action_service.delete_action(store, action_id))
        if done:
            self.ctx.bus.status.emit("Deleted the action. Undo brings it back.")
        return done


def index_of(tab: ActionsTab, action_id: str, column: int = WHAT) -> QModelIndex:
    """The table's index (through the filter) of an action's cell; invalid when hidden."""
    row = tab.model.row_of(action_id)
    return tab.shown.mapFromSource(tab.model.index(row, column)) if row >= 0 else QModelIndex()

