"""A learning system's list of records as a tab (the Actions and Evidence tabs are two): filters
above a table, the selected record in full under it, a count, and a row of buttons whose
destructive one sits at the end.

The table is a `RecordTableModel` behind a `RecordFilter`; F2 edits a cell (one undo step, by
the tab's `edit_of`), Enter opens the record, Delete deletes it. The page scrolls rather than
make the window taller than a small screen, and follows the store through the change bus:
`WATCHED` names the entities whose changes it reloads on, `LOOKUPS` those whose titles its
cells show (a theme renamed elsewhere).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QHeaderView,
    QLabel,
    QLayout,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.models import Changes
from app.ui.commands import FieldEdit, TableEdits
from app.ui.context import AppContext
from app.ui.flow import ButtonRow
from app.ui.style import name_scroll_parts, scrolled
from app.ui.tables import set_up_record_table
from app.ui.views.system.record_table import (
    RecordDetail,
    RecordFilter,
    RecordTableModel,
    fit_columns,
)


class RecordTab(QWidget):
    """The shared frame of a records tab; a subclass makes its model, filters and buttons,
    then calls `finish`."""

    MAIN_COLUMN = 0  # the column that stretches: what an action is, a title
    CAPS: dict[int, tuple[int, float]] = {}  # other columns: (characters, share of the width)
    WATCHED: tuple[str, ...] = ()
    LOOKUPS: tuple[str, ...] = ("theme",)
    model: RecordTableModel

    def __init__(self, ctx: AppContext, system_id: str, parent: QWidget | None, *,
                 name: str, one: str) -> None:
        super().__init__(parent)
        self.ctx, self.system_id, self._one = ctx, system_id, one
        self.setAccessibleName(name)
        self.edits = TableEdits(ctx, self, self.edit_of)
        self.shown = RecordFilter(self)
        self.table = QTableView(self)
        self.detail = RecordDetail(f"Selected {one}", self)
        self.count = QLabel(self)
        self.count.setObjectName("hint")

    def finish(self, model: RecordTableModel, delegate: QAbstractItemDelegate, *,
               object_name: str, description: str, filters: QWidget | QLayout,
               buttons: Sequence[QPushButton], delete_button: QPushButton,
               on_delete: Callable[[], object], on_open: Callable[[], object],
               first: Sequence[QWidget]) -> None:
        """Lay the tab out and start following the store. `first` are the filters' fields,
        in Tab order before the table; the buttons follow it, `delete_button` last."""
        self.model = model
        self.shown.setSourceModel(model)
        header = set_up_record_table(self.table, self.shown, delegate, object_name=object_name,
                                     name=self.accessibleName(), typing_edits=False,
                                     description=description)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(self.MAIN_COLUMN, QHeaderView.ResizeMode.Stretch)
        delete = QAction(f"Delete the {self._one}", self.table)
        delete.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Delete))
        delete.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        delete.triggered.connect(lambda: on_delete())
        self.table.addAction(delete)
        self.table.activated.connect(lambda _index: on_open())

        row = ButtonRow(self)
        row.add(*buttons)
        row.add_trailing(delete_button)
        # The page scrolls rather than make the window taller than a small screen (200% text
        # at QT_SCALE_FACTOR=2); the table keeps a few rows in view.
        self.table.setMinimumHeight(self.table.verticalHeader().defaultSectionSize() * 5)
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(12, 12, 12, 12)
        if isinstance(filters, QLayout):
            layout.addLayout(filters)
        else:
            layout.addWidget(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        layout.addWidget(self.count)
        layout.addWidget(row)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scrolled(page, f"{self.accessibleName()} page", self))
        order = (*first, self.table, *buttons, delete_button)
        for before, after in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(before, after)

        self.refresh_lookups()
        model.reload()
        self.fit_columns()
        self.table.selectionModel().currentRowChanged.connect(self.update_buttons)
        for signal in (self.shown.rowsInserted, self.shown.rowsRemoved, self.shown.modelReset,
                       self.shown.dataChanged, self.shown.layoutChanged):
            signal.connect(self.update_count)
        self.ctx.bus.changed.connect(self._changed)
        self.update_count()
        self.update_buttons()
        name_scroll_parts(self)

    # --- what each tab says ----------------------------------------------------------------

    @staticmethod
    def edit_of(record: Any, fields: dict[str, Any]) -> FieldEdit:
        """The service call (and undo step's name) that an edit in place of `fields` is."""
        raise NotImplementedError

    def refresh_lookups(self) -> None:
        """Read again what the cells show by name (themes' titles, sessions' titles)."""

    def describe(self, record: Any) -> str:
        """The record in full, for the line under the table."""
        raise NotImplementedError

    def count_text(self) -> str:
        raise NotImplementedError

    def enable(self, record: Any | None) -> None:
        """Enable the buttons that need a selected record (or one with a file, a link)."""

    def clear_filters(self) -> None:
        """Show every record again (a new one must not seem lost behind the filters)."""

    # --- shared behaviour ------------------------------------------------------------------

    def fit_columns(self) -> None:
        # The page's own width: the table's may not have followed a resize yet.
        fit_columns(self.table, self.CAPS, self.width() - 24)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_columns()

    def selected(self) -> Any | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.record(self.shown.mapToSource(index).row())

    def select(self, record_id: str) -> None:
        """Select a record and put the focus on the table, clearing filters that hide it."""
        row = self.model.row_of(record_id)
        if row < 0:
            return
        index = self.shown.mapFromSource(self.model.index(row, self.MAIN_COLUMN))
        if not index.isValid():
            self.clear_filters()
            index = self.shown.mapFromSource(self.model.index(row, self.MAIN_COLUMN))
        self.table.setCurrentIndex(index)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def filter_by(self, test: Callable[[Any], bool]) -> None:
        self.shown.set_test(test)
        self.update_count()
        self.update_buttons()

    def update_count(self, *_: object) -> None:
        self.count.setText(self.count_text())

    def shown_text(self) -> str:
        """" · 3 shown by the filters" when filters hide some records, else ""."""
        shown = self.shown.rowCount()
        return f" · {shown} shown by the filters" if shown != self.model.rowCount() else ""

    def update_buttons(self, *_: object) -> None:
        record = self.selected()
        self.enable(record)
        self.detail.show_text("" if record is None else self.describe(record))

    def _changed(self, changes: Changes) -> None:
        if not any(changes.touches(entity) for entity in self.WATCHED):
            return
        if any(changes.touches(entity) for entity in self.LOOKUPS):
            self.refresh_lookups()
            self.model.refresh_all()
        self.model.reload()
        self.update_count()
        self.update_buttons()
