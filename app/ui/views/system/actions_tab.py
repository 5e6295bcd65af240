"""The learning system's "Actions" tab: knowledge into action, across all its sessions.

Overdue actions come first and say so in words with a warning icon ("Overdue by 3 days");
filters narrow the list by status, session, or to overdue ones only. F2 edits a cell in place
(a date, status or session chooser where the column needs one), Enter or "Edit…" opens the
whole action in a dialog, Delete deletes it; every change is one undo step. The table
follows the store through the change bus, whoever made the change.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtGui import QAction, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.models import ActionStatus, Changes
from app.services.planning import sessions as session_service
from app.services.sensemaking import actions as action_service
from app.services.sensemaking.actions import ListedAction
from app.services.sensemaking.theme_choices import set_action_themes, system_themes
from app.ui.buttons import DESTRUCTIVE, PRIMARY, action_button
from app.ui.commands import FieldEdit, TableEdits, push_delete, push_edit
from app.ui.context import AppContext
from app.ui.flow import ButtonRow
from app.ui.style import name_scroll_parts, scrolled
from app.ui.tables import NamedEditors, set_up_record_table
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
from app.ui.views.system.record_table import (
    Index,
    RecordDetail,
    RecordFilter,
    fit_columns,
    themes_text,
)
from app.ui.views.system.theme_picker import ThemePickerDialog, theme_titles

ALL, UNFINISHED = "", "unfinished"
WATCHED = ("action", "action_theme", "theme", "session")


def _labelled(label: QLabel, field: QWidget) -> QWidget:
    """A label and its field kept together on one line of a wrapping row."""
    pair = QWidget(field.parentWidget())
    row = QHBoxLayout(pair)
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(label)
    row.addWidget(field)
    return pair


class ActionDelegate(NamedEditors):
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

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(value)))
        elif isinstance(editor, QDateEdit):
            editor.setDate(value)
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
        elif isinstance(editor, QDateEdit):
            model.setData(index, editor.date(), Qt.ItemDataRole.EditRole)
        else:
            super().setModelData(editor, model, index)


class ActionsTab(QWidget):
    """Every action of one learning system, with the ways to add, change and find them."""

    def __init__(self, ctx: AppContext, system_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.system_id = ctx, system_id
        self.setAccessibleName("Actions")
        self.edits = TableEdits(ctx, self, self._edit_of)
        self.model = ActionsTableModel(ctx.store, system_id, self.edits, self)
        self.shown = RecordFilter(self)
        self.shown.setSourceModel(self.model)
        self.table = QTableView(self)
        header = set_up_record_table(
            self.table, self.shown, ActionDelegate(self), object_name="actionsTable",
            name="Actions", typing_edits=False,
            description="Overdue actions first. F2 edits a cell; Enter opens the action; "
                        "Delete deletes it.")
        header.setStretchLastSection(False)
        header.setSectionResizeMode(WHAT, QHeaderView.ResizeMode.Stretch)

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

        self.detail = RecordDetail("Selected action", self)
        self.detail.setObjectName("actionDetail")
        self.count = QLabel(self)
        self.count.setObjectName("hint")

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
        delete = QAction("Delete the action", self.table)
        delete.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Delete))
        delete.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        delete.triggered.connect(self.delete_action)
        self.table.addAction(delete)
        self.table.activated.connect(lambda _index: self.edit_action())

        buttons = ButtonRow(self)
        buttons.add(self.add_button, self.edit_button, self.themes_button, self.status_button)
        buttons.add_trailing(self.delete_button)
        # The page scrolls rather than make the window taller than a small screen (200% text
        # at QT_SCALE_FACTOR=2); the table keeps a few rows in view.
        self.table.setMinimumHeight(self.table.verticalHeader().defaultSectionSize() * 5)
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addWidget(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        layout.addWidget(self.count)
        layout.addWidget(buttons)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scrolled(page, "Actions page", self))

        order = (self.status_filter, self.session_filter, self.overdue_only, self.table,
                 self.add_button, self.edit_button, self.themes_button, self.status_button,
                 self.delete_button)
        for before, after in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(before, after)

        self._fill_lookups()
        self.model.reload()
        self.fit_columns()
        for box in (self.status_filter, self.session_filter):
            box.currentIndexChanged.connect(self._filter)
        self.overdue_only.toggled.connect(self._filter)
        self.table.selectionModel().currentRowChanged.connect(self._update_buttons)
        for signal in (self.shown.rowsInserted, self.shown.rowsRemoved, self.shown.modelReset,
                       self.shown.dataChanged, self.shown.layoutChanged):
            signal.connect(self._update_count)
        ctx.bus.changed.connect(self._changed)
        self._update_count()
        self._update_buttons()
        name_scroll_parts(self)

    # --- reading ---------------------------------------------------------------------------

    def fit_columns(self) -> None:
        # The page's own width: the table's may not have followed a resize yet.
        fit_columns(self.table, {OWNER: (22, 0.15), DUE: (28, 0.24), STATUS: (14, 0.1),
                                  SESSION: (22, 0.13), THEMES: (26, 0.13)},
                    self.width() - 24)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_columns()

    def selected(self) -> ListedAction | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.record(self.shown.mapToSource(index).row())

    def select(self, action_id: str) -> None:
        row = self.model.row_of(action_id)
        if row < 0:
            return
        index = self.shown.mapFromSource(self.model.index(row, WHAT))
        if index.isValid():
            self.table.setCurrentIndex(index)
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _fill_lookups(self) -> None:
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

        self.shown.set_test(test)
        self._update_count()
        self._update_buttons()

    def _update_count(self, *_: object) -> None:
        records = self.model.records()
        if not records:
            self.count.setText("No actions yet: add what the learning system will do about "
                               "its themes.")
            return
        overdue = sum(1 for r in records if r.overdue)
        shown = self.shown.rowCount()
        text = f"{len(records)} actions · {overdue} overdue"
        if shown != len(records):
            text += f" · {shown} shown by the filters"
        self.count.setText(text)

    def _update_buttons(self, *_: object) -> None:
        listed = self.selected()
        for button in (self.edit_button, self.themes_button, self.status_button,
                       self.delete_button):
            button.setEnabled(listed is not None)
        if listed is None:
            self.detail.show_text("")
            return
        action = listed.action
        parts = [action.what, f"owner: {action.owner or 'none yet'}",
                 due_text(listed, self.model.today),
                 f"status: {action.status.label.lower()}",
                 f"themes: {themes_text(action.theme_ids, self.model.themes)}"]
        self.detail.show_text(" · ".join(str(p) for p in parts))

    # --- operations ------------------------------------------------------------------------

    @staticmethod
    def _edit_of(listed: ListedAction, fields: dict[str, Any]) -> FieldEdit:
        names = {"what": "Change what the action is", "owner": "Change the action's owner",
                 "due": "Change the action's due date", "status": "Change the action's status",
                 "session_id": "Change the action's session"}
        return FieldEdit(names[next(iter(fields))], action_service.update_action,
                         listed.action)

    def add_action(self) -> None:
        dialog = ActionDialog(self.ctx, self.system_id, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.saved is not None:
            self._clear_filters_for(dialog.saved.id)
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

    def _clear_filters_for(self, action_id: str) -> None:
        """A new action hidden by the filters would seem lost: show it."""
        row = self.model.row_of(action_id)
        if row >= 0 and not self.shown.mapFromSource(self.model.index(row, 0)).isValid():
            self.status_filter.setCurrentIndex(0)
            self.session_filter.setCurrentIndex(0)
            self.overdue_only.setChecked(False)
        self.select(action_id)

    # --- keeping in step with the store ----------------------------------------------------

    def _changed(self, changes: Changes) -> None:
        if not any(changes.touches(entity) for entity in WATCHED):
            return
        if changes.touches("theme") or changes.touches("session"):
            self._fill_lookups()
            self.model.refresh_all()
        self.model.reload()
        self._update_count()
        self._update_buttons()


def index_of(tab: ActionsTab, action_id: str, column: int = WHAT) -> QModelIndex:
    """The table's index (through the filter) of an action's cell; invalid when hidden."""
    row = tab.model.row_of(action_id)
    return tab.shown.mapFromSource(tab.model.index(row, column)) if row >= 0 else QModelIndex()

