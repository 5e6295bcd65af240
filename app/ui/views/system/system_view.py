"""The learning-system screen: tabs, the first an overview (details, focus areas, free tags and
sessions on one page); the others, listed in `MORE_TABS`, are made when first opened, so opening
a learning system pays only for what is looked at."""

from __future__ import annotations

import importlib

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QTabWidget, QVBoxLayout, QWidget

from app.models import Changes
from app.services.planning import systems
from app.ui.buttons import action_button
from app.ui.context import AppContext
from app.ui.style import Heading, name_scroll_parts, scrolled
from app.ui.views.system.details_panel import SystemDetails
from app.ui.views.system.focus_areas_panel import FocusAreasPanel
from app.ui.views.system.sessions_panel import SessionsPanel
from app.ui.views.system.tags_panel import TagsPanel

# The learning system's other tabs: (label, "module:Class"); each class is made as
# Class(ctx, system_id, parent) the first time its tab is opened.
MORE_TABS: tuple[tuple[str, str], ...] = (
    ("Recurring themes", "app.ui.views.system.recurring_tab:RecurringThemesPage"),
    ("Coverage", "app.ui.views.system.coverage_tab:CoverageTab"),
    ("Who was heard", "app.ui.views.system.heard_tab:HeardTab"),
    ("Actions", "app.ui.views.system.actions_tab:ActionsTab"),
    ("Evidence", "app.ui.views.system.evidence_tab:EvidenceTab"),
)


def _rule(parent: QWidget) -> QFrame:
    line = QFrame(parent)
    line.setFrameShape(QFrame.Shape.HLine)
    line.setFrameShadow(QFrame.Shadow.Sunken)
    return line


class SystemView(QWidget):
    """Shows one learning system; asks the window to open or plan its sessions."""

    open_session = Signal(str)
    new_session = Signal(str)  # the learning system's id

    def __init__(self, ctx: AppContext, system_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.system_id = system_id
        system = systems.get_system(ctx.store, system_id)
        self.setAccessibleName(f"Learning system {system.name}")

        self.title = Heading(system.name, 1.6, self)
        self.title.setAccessibleName("Learning system")
        kicker = QLabel("Learning system", self)
        kicker.setObjectName("hint")
        self.details = SystemDetails(ctx, system, self)
        self.focus_areas = FocusAreasPanel(ctx, system_id, self)
        # Made in reading order, which is also the Tab order: sessions, then the tags beside.
        self.sessions = SessionsPanel(ctx, system_id, self)
        self.tags = TagsPanel(ctx, system_id, self)
        self.sessions.open_session.connect(self.open_session)
        self.sessions.new_session.connect(lambda: self.new_session.emit(self.system_id))

        lower = QHBoxLayout()
        lower.setSpacing(24)
        lower.addWidget(self.sessions, 3)
        lower.addWidget(self.tags, 2)

        page = QWidget()
        page.setObjectName("systemPage")
        column = QVBoxLayout(page)
        column.setContentsMargins(24, 16, 24, 24)
        column.setSpacing(12)
        column.addWidget(kicker)
        column.addWidget(self.title)
        column.addWidget(self.details)
        self.export_button = action_button(
            page, "Export learning-system pack…", "Check who will be named, preview the pages, "
            "then save the pack of all its sessions: recurring themes, coverage, actions (Ctrl+E)",
            self.export, icon="export")
        column.addWidget(self.export_button, 0, Qt.AlignmentFlag.AlignLeft)
        column.addWidget(_rule(page))
        column.addWidget(self.focus_areas)
        column.addWidget(_rule(page))
        column.addLayout(lower)
        column.addStretch(1)

        self.scroll = scrolled(page, "Learning system page", self, tab_stop=True)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("systemTabs")
        self.tabs.setAccessibleName("Learning system")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.scroll, "Overv&iew")
        self._pages: dict[int, str] = {}
        for label, where in MORE_TABS:
            holder = QWidget(self.tabs)
            QVBoxLayout(holder).setContentsMargins(0, 0, 0, 0)
            self._pages[self.tabs.addTab(holder, label)] = where
        self.tabs.currentChanged.connect(self._make_tab)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

        ctx.bus.changed.connect(self._changed)
        name_scroll_parts(self)

    def export(self) -> None:
        from app.ui.views.export.opening import open_export

        open_export(self._ctx, self, system_id=self.system_id)

    def tab_page(self, index: int) -> QWidget:
        """The page of tab `index`, made now if it has not been opened yet."""
        self._make_tab(index)
        holder = self.tabs.widget(index)
        return holder if holder is self.scroll else holder.layout().itemAt(0).widget()

    def _make_tab(self, index: int) -> None:
        where = self._pages.pop(index, None)
        if where is None:
            return
        module, name = where.split(":")
        page = getattr(importlib.import_module(module), name)(self._ctx, self.system_id, self)
        holder = self.tabs.widget(index)
        holder.layout().addWidget(page)
        name_scroll_parts(page)

    def _changed(self, changes: Changes) -> None:
        if self.system_id in changes.updated.get("system", ()):
            system = systems.get_system(self._ctx.store, self.system_id)
            self.title.setText(system.name)
            self.setAccessibleName(f"Learning system {system.name}")
