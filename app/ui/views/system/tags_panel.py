"""The free tags of a learning system (#digital, #trust): add, rename in place, delete."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.models import Changes, FreeTag
from app.services.planning import focus_areas
from app.ui.buttons import DESTRUCTIVE, emphasise
from app.ui.commands import push_create, push_delete, push_edit
from app.ui.context import AppContext
from app.ui.flow import flow_of
from app.ui.icons import set_icon
from app.ui.style import Heading
from app.ui.views.system.rows import RecordListModel


class TagsPanel(QWidget):
    """Tags beside the focus areas; every change is undoable."""

    def __init__(self, ctx: AppContext, system_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx, self._system_id = ctx, system_id
        self.model = RecordListModel(
            focus_areas.list_tags(ctx.store, system_id), lambda t: f"#{t.name}", self,
            spoken=lambda t: f"Tag {t.name}", rename=self._rename, edit_text=lambda t: t.name)
        self.list = QListView(self)
        self.list.setObjectName("tagsList")
        self.list.setModel(self.model)
        self.list.setAccessibleName("Free tags")
        self.list.setAccessibleDescription("F2 renames the selected tag; Delete removes it.")
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.list.setMinimumHeight(self.fontMetrics().lineSpacing() * 5)
        delete_key = QAction("Delete tag", self.list)
        delete_key.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        delete_key.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        delete_key.triggered.connect(self.delete_selected)
        self.list.addAction(delete_key)

        self.new_tag = QLineEdit(self)
        self.new_tag.setAccessibleName("New tag")
        self.new_tag.setPlaceholderText("e.g. digital")
        self.new_tag.returnPressed.connect(self.add)
        new_label = QLabel("New &tag:", self)
        new_label.setBuddy(self.new_tag)
        self.add_button = QPushButton("Add ta&g", self)
        self.add_button.setToolTip("Add the tag typed beside it")
        self.add_button.clicked.connect(self.add)
        self.rename_button = QPushButton("Rena&me", self)
        self.rename_button.setToolTip("Rename the selected tag in place (F2)")
        self.rename_button.clicked.connect(self._start_rename)
        self.delete_button = QPushButton("&Delete tag", self)
        self.delete_button.setToolTip("Delete the selected tag (Undo brings it back)")
        self.delete_button.clicked.connect(self.delete_selected)
        emphasise(self.delete_button, DESTRUCTIVE)
        set_icon(self.add_button, "add")

        row = QHBoxLayout()
        row.addWidget(self.new_tag, 1)
        row.addWidget(self.add_button)
        actions = flow_of(self, self.rename_button, self.delete_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(Heading("Free tags", 1.2, self))
        intro = QLabel("Tags beside the focus areas, typed as #tag while capturing.", self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.empty = QLabel("No free tags yet. Type one under “New tag” and choose “Add tag”, "
                            "or type #tag in a note while capturing.", self)
        self.empty.setObjectName("emptyState")
        self.empty.setWordWrap(True)
        layout.addWidget(self.empty)
        layout.addWidget(self.list, 1)
        layout.addWidget(actions)
        layout.addWidget(new_label)
        layout.addLayout(row)

        # Tab follows the page: the list, its buttons, then the new-tag row below them.
        QWidget.setTabOrder(self.list, self.rename_button)
        QWidget.setTabOrder(self.rename_button, self.delete_button)
        QWidget.setTabOrder(self.delete_button, self.new_tag)
        QWidget.setTabOrder(self.new_tag, self.add_button)

        self.list.selectionModel().currentChanged.connect(self._update_buttons)
        for signal in (self.model.rowsRemoved, self.model.rowsInserted, self.model.modelReset):
            signal.connect(self._update_buttons)
        ctx.bus.changed.connect(self._changed)
        self._update_buttons()

    def selected(self) -> FreeTag | None:
        index = self.list.currentIndex()
        return self.model.record(index.row()) if index.isValid() else None

    def _update_buttons(self, *_: object) -> None:
        self.empty.setVisible(self.model.rowCount() == 0)
        has = self.selected() is not None
        self.rename_button.setEnabled(has)
        self.delete_button.setEnabled(has)

    def add(self) -> None:
        name = self.new_tag.text().strip()
        if not name:
            self.new_tag.setFocus()
            return
        store, system_id = self._ctx.store, self._system_id
        created = push_create(
            self._ctx, self, f"Add tag #{name.lstrip('#')}",
            lambda: focus_areas.add_tag(store, system_id, name),
            lambda tag_id: focus_areas.delete_tag(store, tag_id),
        )
        if created is not None:
            self.new_tag.clear()
            self.list.setCurrentIndex(self.model.index(self.model.row_of(created.id)))
            self._ctx.bus.status.emit(f"Added tag #{created.name}.")

    def _rename(self, tag: FreeTag, name: str) -> bool:
        store = self._ctx.store
        done = push_edit(
            self._ctx, self, f"Rename tag #{tag.name}",
            lambda: focus_areas.rename_tag(store, tag.id, name),
            lambda: focus_areas.rename_tag(store, tag.id, tag.name),
        )
        return done is not None

    def _start_rename(self) -> None:
        if self.list.currentIndex().isValid():
            self.list.setFocus()
            self.list.edit(self.list.currentIndex())

    def delete_selected(self) -> None:
        tag = self.selected()
        if tag is None:
            return
        store = self._ctx.store
        if push_delete(self._ctx, self, f"Delete tag #{tag.name}",
                       lambda: focus_areas.delete_tag(store, tag.id)):
            self._ctx.bus.status.emit(f"Deleted tag #{tag.name}. Undo brings it back.")

    def _changed(self, changes: Changes) -> None:
        if not changes.touches("free_tag"):
            return
        mine = {t.id for t in self.model.records()}
        if changes.ids("free_tag") & mine or changes.inserted.get("free_tag"):
            self.model.sync(focus_areas.list_tags(self._ctx.store, self._system_id))
