"""The learning system's "Evidence" tab: case studies, insights from publications, opinion
pieces and podcasts, with citation, link or DOI, linked themes and an attached file.

References come in from RIS files (Zotero, EndNote, Mendeley, PubMed, Scopus, Web of Science,
Ovid): the file is read off the window's thread, a preview says how many are new and how many
already there, and the import is one undo step; a refused file says why in one sentence and
changes nothing. A link opens in the browser (a DOI at https://doi.org/); an attached file is
copied into the store, off the window's thread, and opened from a copy under its own name.
Every change is one undo step, and the table follows the store through the change bus.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QToolButton,
    QWidget,
)

from app.models import Evidence, EvidenceKind
from app.services.sensemaking import evidence as evidence_service
from app.services.sensemaking.theme_choices import set_evidence_themes, system_themes
from app.ui.buttons import DESTRUCTIVE, PRIMARY, action_button
from app.ui.commands import (
    FieldEdit,
    push_delete,
    push_edit,
)
from app.ui.context import AppContext
from app.ui.icons import set_icon
from app.ui.views.system.evidence_dialogs import EvidenceDialog, kind_chooser
from app.ui.views.system.evidence_files import EvidenceFileWork
from app.ui.views.system.evidence_model import (
    CITATION,
    FILE,
    KIND,
    LINK,
    THEMES,
    TITLE,
    EvidenceTableModel,
    link_target,
)
from app.ui.views.system.record_tab import RecordTab
from app.ui.views.system.record_table import ChooserEditors, themes_text
from app.ui.views.system.theme_picker import ThemePickerDialog, theme_titles

EDIT_NAMES = {"title": "Change the evidence's title", "kind": "Change the evidence's type",
              "citation": "Change the citation", "link": "Change the link"}


class EvidenceDelegate(ChooserEditors):
    """A type chooser for the type column; text for the rest."""

    def special_editor(self, parent: QWidget, column: int) -> QWidget | None:
        return kind_chooser(parent) if column == KIND else None


class EvidenceTab(EvidenceFileWork, RecordTab):
    """Every piece of evidence of one learning system, with the ways to add and use it."""

    imported = Signal(int)  # an import from a RIS file ended: how many were added (0: none)
    attached = Signal(str)  # a file was attached: the evidence's id ("" when refused)
    MAIN_COLUMN = TITLE
    CAPS = {KIND: (18, 0.14), CITATION: (24, 0.16), LINK: (22, 0.14), THEMES: (24, 0.16),
            FILE: (20, 0.12)}
    WATCHED = ("evidence", "evidence_theme", "theme")
    model: EvidenceTableModel

    def __init__(self, ctx: AppContext, system_id: str, parent: QWidget | None = None) -> None:
        super().__init__(ctx, system_id, parent, name="Evidence", one="evidence")
        # Opens a web address or a file in the program the system chooses.
        self.open_url: Callable[[QUrl], bool] = QDesktopServices.openUrl
        self.kind_filter = QComboBox(self)
        self.kind_filter.addItem("Any type", "")
        for kind in EvidenceKind:
            self.kind_filter.addItem(kind.label, kind.value)
        self.kind_filter.setAccessibleName("Show evidence of type")
        self.search = QLineEdit(self)
        self.search.setAccessibleName("Find evidence by title, citation, link or theme")
        self.search.setPlaceholderText("Title, citation, link or theme")
        self.search.setClearButtonEnabled(True)
        for clear in self.search.findChildren(QToolButton):
            clear.setAccessibleName("Clear the search")
        kind_label = QLabel("T&ype:", self)
        kind_label.setBuddy(self.kind_filter)
        search_label = QLabel("&Search:", self)
        search_label.setBuddy(self.search)
        filters = QHBoxLayout()
        for widget in (kind_label, self.kind_filter, search_label):
            filters.addWidget(widget)
        filters.addWidget(self.search, 1)

        def button(text: str, tip: str, slot: Callable[[], object] | None, role: str = "",
                   emphasis: str = "") -> QPushButton:
            return action_button(self, text, tip, slot, icon=role, emphasis=emphasis)

        self.add_button = button("&Add evidence…", "Record a case study, publication, opinion "
                                 "piece or podcast", self.add_evidence, "add", PRIMARY)
        self.import_button = button("Import from &RIS…", "Import references exported by "
                                    "Zotero, EndNote, Mendeley, PubMed and others",
                                    lambda: self.import_file(), "import")
        self.edit_button = button("E&dit…", "Change the selected evidence in full",
                                  self.edit_evidence, "edit")
        self.themes_button = button("Link &themes…", "Choose the themes the selected "
                                    "evidence supports", self.link_themes, "link")
        self.link_button = button("Open lin&k", "Open the link or DOI in the browser",
                                  self.open_link, "open")
        # One button for the attached file, its three actions in a menu: fewer buttons to wrap
        # onto more lines at large text sizes.
        self.file_button = button("Atta&ched file", "Attach a file to the selected evidence, "
                                  "open it, or remove it", None, "attach")
        menu = QMenu(self.file_button)
        self.attach_action = menu.addAction("&Attach a file (up to 50 MB)…",
                                            lambda: self.attach())
        self.open_file_action = menu.addAction("&Open the file", self.open_file)
        self.detach_action = menu.addAction("&Remove the file", self.detach)
        for action, role in ((self.attach_action, "attach"), (self.open_file_action, "open"),
                             (self.detach_action, "detach")):
            set_icon(action, role)
        self.file_button.setMenu(menu)
        self.delete_button = button("De&lete", "Delete the selected evidence",
                                    self.delete_evidence, emphasis=DESTRUCTIVE)
        self.finish(
            EvidenceTableModel(ctx.store, system_id, self.edits, self),
            EvidenceDelegate(self.table), object_name="evidenceTable",
            description="F2 edits a cell; Enter opens the evidence; Delete deletes it.",
            filters=filters, first=(self.kind_filter, self.search),
            buttons=(self.add_button, self.import_button, self.edit_button, self.themes_button,
                     self.link_button, self.file_button),
            delete_button=self.delete_button, on_delete=self.delete_evidence,
            on_open=self.edit_evidence)
        self.kind_filter.currentIndexChanged.connect(self._filter)
        self.search.textChanged.connect(self._filter)

    # --- reading ---------------------------------------------------------------------------

    def refresh_lookups(self) -> None:
        self.model.themes = theme_titles(system_themes(self.ctx.store, self.system_id))

    def clear_filters(self) -> None:
        self.kind_filter.setCurrentIndex(0)
        self.search.clear()

    def _filter(self, *_: object) -> None:
        kind, words = self.kind_filter.currentData(), self.search.text().casefold().split()
        model = self.model

        def test(record: Evidence) -> bool:
            if kind and record.kind.value != kind:
                return False
            text = " ".join(model.text(record, c) for c in (TITLE, CITATION, LINK, THEMES,
                                                            FILE)).casefold()
            return all(w in text for w in words)

        self.filter_by(test)

    def count_text(self) -> str:
        total = self.model.rowCount()
        if not total:
            return "No evidence yet: add a case study, or import references from a RIS file."
        files = sum(1 for e in self.model.records() if e.file_sha256)
        return f"{total} pieces of evidence · {files} with a file attached{self.shown_text()}"

    def enable(self, record: Evidence | None) -> None:
        for widget in (self.edit_button, self.themes_button, self.file_button,
                       self.delete_button):
            widget.setEnabled(record is not None)
        self.link_button.setEnabled(record is not None and bool(link_target(record.link)))
        has_file = record is not None and bool(record.file_sha256)
        self.open_file_action.setEnabled(has_file)
        self.detach_action.setEnabled(has_file)

    def describe(self, record: Evidence) -> str:
        parts = [record.title, record.kind.label, record.citation or "no citation",
                 link_target(record.link) or "no link",
                 f"themes: {themes_text(record.theme_ids, self.model.themes)}",
                 f"file: {record.file_name}" if record.file_name else "no file attached"]
        if record.summary:
            parts.insert(2, record.summary)
        return " · ".join(parts)

    # --- operations ------------------------------------------------------------------------

    @staticmethod
    def edit_of(record: Evidence, fields: dict[str, Any]) -> FieldEdit:
        return FieldEdit(EDIT_NAMES[next(iter(fields))], evidence_service.update_evidence,
                         record)

    def add_evidence(self) -> None:
        dialog = EvidenceDialog(self.ctx, self.system_id, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.saved is not None:
            self.select(dialog.saved.id)
            self.ctx.bus.status.emit("Added the evidence.")

    def edit_evidence(self) -> None:
        record = self.selected()
        if record is None:
            return
        dialog = EvidenceDialog(self.ctx, self.system_id, self, evidence=record)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.select(record.id)

    def link_themes(self) -> bool:
        record = self.selected()
        if record is None:
            return False
        store = self.ctx.store
        picker = ThemePickerDialog(self.ctx, self.system_id, record.theme_ids,
                                   f"the evidence “{record.title}”", self)
        if picker.exec() != QDialog.DialogCode.Accepted:
            return False
        chosen, old = picker.chosen(), list(record.theme_ids)
        if sorted(chosen) == sorted(old):
            return False
        done = push_edit(self.ctx, self, "Link themes to the evidence",
                         lambda: set_evidence_themes(store, record.id, chosen),
                         lambda: set_evidence_themes(store, record.id, old))
        return done is not None

    def delete_evidence(self) -> bool:
        record = self.selected()
        if record is None:
            return False
        store, evidence_id = self.ctx.store, record.id
        done = push_delete(self.ctx, self, "Delete the evidence",
                           lambda: evidence_service.delete_evidence(store, evidence_id))
        if done:
            self.ctx.bus.status.emit("Deleted the evidence. Undo brings it back.")
        return done

    def open_link(self) -> bool:
        record = self.selected()
        target = link_target(record.link) if record is not None else ""
        return bool(target) and self.open_url(QUrl(target))


def index_of(tab: EvidenceTab, evidence_id: str, column: int = TITLE) -> QModelIndex:
    """The table's index (through the filter) of a record's cell; invalid when hidden."""
    row = tab.model.row_of(evidence_id)
    return tab.shown.mapFromSource(tab.model.index(row, column)) if row >= 0 else QModelIndex()
