"""Adding or editing a piece of evidence in full, and the preview of references read from a RIS
file: how many are new and how many are already in the learning system, before anything is
imported.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.models import Evidence, EvidenceKind
from app.services.sensemaking import evidence as evidence_service
from app.services.sensemaking.evidence import EvidencePreview
from app.ui.buttons import PRIMARY, emphasise
from app.ui.commands import push_create, push_update
from app.ui.context import AppContext
from app.ui.dialogs.parts import fit_dialog, hint, ok_cancel
from app.ui.fields import add_labelled_row
from app.ui.style import Heading
from app.ui.views.system.theme_picker import ThemesField


def kind_chooser(parent: QWidget) -> QComboBox:
    chooser = QComboBox(parent)
    for kind in EvidenceKind:
        chooser.addItem(kind.label, kind.value)
    return chooser


def _text_box(parent: QWidget, lines: int, placeholder: str) -> QPlainTextEdit:
    box = QPlainTextEdit(parent)
    box.setTabChangesFocus(True)
    box.setPlaceholderText(placeholder)
    box.setMaximumHeight(box.fontMetrics().lineSpacing() * lines + 12)
    return box


class EvidenceDialog(QDialog):
    """A new piece of evidence (`evidence` None), or one to change in full."""

    def __init__(self, ctx: AppContext, system_id: str, parent: QWidget | None = None, *,
                 evidence: Evidence | None = None) -> None:
        super().__init__(parent)
        self._ctx, self._system_id, self._evidence = ctx, system_id, evidence
        self.saved: Evidence | None = None
        title = "Add evidence" if evidence is None else "Edit the evidence"
        self.setWindowTitle(title)
        self.setAccessibleName(title)

        self.title = QLineEdit(self)
        self.title.setPlaceholderText("e.g. Neighbourhood care on the islands during lockdown")
        self.kind = kind_chooser(self)
        self.citation = _text_box(self, 3, "Authors (year). Where it was published.")
        self.link = QLineEdit(self)
        self.link.setPlaceholderText("https://… or a DOI such as 10.1234/abcd")
        self.summary = _text_box(self, 4, "What it shows, in a sentence or two")
        form = QFormLayout()
        for text, name, field in (("&Title:", "Title", self.title), ("T&ype:", "Type", self.kind),
                                  ("&Citation:", "Citation", self.citation),
                                  ("&Link or DOI:", "Link or DOI", self.link),
                                  ("S&ummary:", "Summary", self.summary)):
            field.setAccessibleName(name)
            add_labelled_row(form, text, field)
        self.themes = ThemesField(ctx, system_id, "the new evidence", self)
        if evidence is None:
            form.addRow("Themes:", self.themes)
        else:
            self.themes.hide()
            self.title.setText(evidence.title)
            self.kind.setCurrentIndex(self.kind.findData(evidence.kind.value))
            self.citation.setPlainText(evidence.citation)
            self.link.setText(evidence.link)
            self.summary.setPlainText(evidence.summary)

        buttons, self.save_button = ok_cancel(
            self, "&Add evidence" if evidence is None else "&Save", self.submit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        fit_dialog(self, 96)
        self.title.setFocus()

    def fields(self) -> dict[str, Any]:
        return {"title": self.title.text().strip(), "kind": EvidenceKind(self.kind.currentData()),
                "citation": self.citation.toPlainText().strip(),
                "link": self.link.text().strip(), "summary": self.summary.toPlainText().strip()}

    def submit(self) -> None:
        """Save; on a refusal its sentence is shown and the dialog stays open."""
        ctx, store, fields = self._ctx, self._ctx.store, self.fields()
        if self._evidence is None:
            system_id, theme_ids = self._system_id, list(self.themes.theme_ids)
            title = fields.pop("title")
            self.saved = push_create(
                ctx, self, "Add evidence",
                lambda: evidence_service.create_evidence(store, system_id, title,
                                                         theme_ids=theme_ids, **fields),
                lambda evidence_id: evidence_service.delete_evidence(store, evidence_id))
        else:
            old = {name: getattr(self._evidence, name) for name in fields}
            changed = {k: v for k, v in fields.items() if old[k] != v}
            if not changed:
                self.accept()
                return
            self.saved = push_update(ctx, self, "Edit the evidence",
                                     evidence_service.update_evidence, self._evidence.id,
                                     changed, {k: old[k] for k in changed})
        if self.saved is None:
            self.title.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self.accept()


def _listing(references: Any) -> str:
    return "\n".join(f"line {r.line}: {r.kind.label}: {r.title}" for r in references)


class RisPreviewDialog(QDialog):
    """What importing a RIS file would do: its new references, and those already there."""

    def __init__(self, file_name: str, plan: EvidencePreview,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        new, there = len(plan.new), len(plan.already_there)
        self.setWindowTitle("Import references")
        summary = (f"{new} new reference{'s' * (new != 1)} in {file_name}; {there} already in "
                   "the learning system")
        self.setAccessibleName(f"Import references: {summary}")
        self.summary = Heading(summary, 1.1, self)
        self.new_list = QPlainTextEdit(_listing(plan.new), self)
        self.there_list = QPlainTextEdit(_listing(plan.already_there), self)
        for box, name in ((self.new_list, f"{new} new references, one per line"),
                          (self.there_list, f"{there} references already there, one per line")):
            box.setReadOnly(True)
            box.setMinimumHeight(box.fontMetrics().lineSpacing() * 2 + 12)
            box.setTabChangesFocus(True)
            box.setAccessibleName(name)
        new_label = QLabel("&New, to be imported:", self)
        new_label.setBuddy(self.new_list)
        there_label = QLabel("Already &there, left out (same title, link or DOI):", self)
        there_label.setBuddy(self.there_list)
        for widget in (new_label, self.new_list):
            widget.setVisible(bool(new))
        for widget in (there_label, self.there_list):
            widget.setVisible(bool(there))
        note = hint("One step: Undo takes back the whole import." if new
                    else "Nothing in this file is new to the learning system.", self)
        buttons, self.import_button = ok_cancel(
            self, f"&Import {new}" if new else "&Import", self.accept)
        self.import_button.setEnabled(bool(new))
        if new:
            emphasise(self.import_button, PRIMARY)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(new_label)
        layout.addWidget(self.new_list, 2)
        layout.addWidget(there_label)
        layout.addWidget(self.there_list, 1)
        layout.addWidget(note)
        layout.addWidget(buttons)
        fit_dialog(self, 90, 22)
        if new:
            self.import_button.setFocus()
