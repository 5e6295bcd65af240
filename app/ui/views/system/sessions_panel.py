"""The sessions of a learning system, by date, with "New session…"; Enter opens one."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from app.models import Changes, Session
from app.services.planning import sessions
from app.ui.buttons import PRIMARY, emphasise
from app.ui.context import AppContext
from app.ui.flow import flow_of
from app.ui.icons import set_icon
from app.ui.item_models.navigator import session_summary
from app.ui.style import Heading
from app.ui.views.system.rows import RecordListModel


class SessionsPanel(QWidget):
    """Lists sessions; asks the window to open one or to plan a new one."""

    open_session = Signal(str)
    new_session = Signal()

    def __init__(self, ctx: AppContext, system_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx, self._system_id = ctx, system_id
        self.model = RecordListModel(
            sessions.list_sessions(ctx.store, system_id),
            lambda s: f"{s.title}\n{session_summary(s)}", self,
            spoken=lambda s: f"{s.title}, {session_summary(s)}")
        # A one-column tree rather than a list: long titles are cut off with "…" (the full
        # text is in the tooltip) instead of pushing a sideways scroll bar in.
        self.list = QTreeView(self)
        self.list.setObjectName("sessionsList")
        self.list.setModel(self.model)
        self.list.setAccessibleName("Sessions of this learning system")
        self.list.setAccessibleDescription("Enter opens the selected session.")
        self.list.setHeaderHidden(True)
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setMinimumHeight(self.fontMetrics().lineSpacing() * 5)
        self.list.activated.connect(self._open)

        self.empty = QLabel("No sessions yet. Plan the first one with “New session…”.", self)
        self.empty.setObjectName("hint")
        self.empty.setWordWrap(True)

        self.new_button = QPushButton("New &session…", self)
        self.new_button.setToolTip("Plan a session of this learning system, from a template "
                                   "or blank (Ctrl+N)")
        self.new_button.clicked.connect(self.new_session)
        set_icon(self.new_button, "new-session")
        emphasise(self.new_button, PRIMARY)  # planning the next session is this page's job
        self.open_button = QPushButton("&Open session", self)
        self.open_button.setToolTip("Open the selected session (Enter)")
        self.open_button.clicked.connect(lambda: self._open(self.list.currentIndex()))

        buttons = flow_of(self, self.new_button, self.open_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(Heading("Sessions", 1.2, self))
        layout.addWidget(self.empty)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)

        self.list.selectionModel().currentChanged.connect(self._update)
        for signal in (self.model.rowsInserted, self.model.rowsRemoved):
            signal.connect(self._update)
        ctx.bus.changed.connect(self._changed)
        self._update()

    def _update(self, *_: object) -> None:
        self.empty.setVisible(self.model.rowCount() == 0)
        self.open_button.setEnabled(self.list.currentIndex().isValid())

    def _open(self, index: QModelIndex) -> None:
        if index.isValid():
            session: Session = self.model.record(index.row())
            self.open_session.emit(session.id)

    def _changed(self, changes: Changes) -> None:
        if not changes.touches("session"):
            return
        mine = {s.id for s in self.model.records()}
        if changes.ids("session") & mine or changes.inserted.get("session"):
            self.model.sync(sessions.list_sessions(self._ctx.store, self._system_id))
