"""The export's options: its form, the sections of the pack, charts, and whether to name the
people who consented (off by default: privacy unless asked otherwise)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QVBoxLayout,
    QWidget,
)

from app.models.pack import PackOptions, PackSection
from app.services.exports.packs import CSV_TABLES, DATA_FORMATS, PACK_FORMATS
from app.ui.dialogs.parts import hint
from app.ui.fields import add_labelled_row

FORMS = {"pdf": "PDF summary pack", "docx": "Word document (accessible)",
         "html": "Web page (accessible)", "csv": "CSV table (data)",
         "xlsx": "Excel workbook (data)", "json": "JSON (data)",
         "qdpx": "REFI-QDA project (data)"}
TABLES = {"notes": "Notes", "themes": "Themes", "actions": "Actions"}
SECTIONS = {PackSection.PURPOSE: "Purpose and agenda",
            PackSection.PEOPLE: "Who took part (counts only)",
            PackSection.THEMES: "Themes, notes and quotes",
            PackSection.RECURRING: "Recurring themes over time",
            PackSection.COVERAGE: "Coverage of the focus areas",
            PackSection.ACTIONS: "Actions", PackSection.EVIDENCE: "Evidence",
            PackSection.NEXT_STEPS: "Next steps"}
SYSTEM_ONLY = (PackSection.RECURRING, PackSection.COVERAGE)


class OptionsPanel(QWidget):
    """Emits `changed` whenever an option changes, so the pre-flight list can follow."""

    changed = Signal()

    def __init__(self, *, system: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form_combo = QComboBox(self)
        for fmt in PACK_FORMATS + (() if system else DATA_FORMATS):
            self.form_combo.addItem(FORMS[fmt], fmt)
        self.table_combo = QComboBox(self)
        for table in CSV_TABLES:
            self.table_combo.addItem(TABLES[table], table)
        form = QFormLayout()
        add_labelled_row(form, "&Form:", self.form_combo)
        self.table_label = add_labelled_row(form, "&Table:", self.table_combo)

        self.sections_box = QGroupBox("Sections", self)
        box = QVBoxLayout(self.sections_box)
        self.sections: dict[PackSection, QCheckBox] = {}
        for section, text in SECTIONS.items():
            if section in SYSTEM_ONLY and not system:
                continue
            check = QCheckBox(text, self.sections_box)
            check.setChecked(True)
            check.toggled.connect(lambda _: self.changed.emit())
            box.addWidget(check)
            self.sections[section] = check
        self.charts = QCheckBox("C&harts (notes by focus area, kinds of note)", self)
        self.charts.setChecked(True)
        self.names = QCheckBox("&Name people who consented to be named", self)
        self.names.setChecked(False)
        self.names_hint = hint("Off: nobody is named. On: only participants who agreed to be "
                               "named for the session their words come from; everyone else "
                               "shows as their role, sector or \"a participant\".", self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.sections_box)
        layout.addWidget(self.charts)
        layout.addWidget(self.names)
        layout.addWidget(self.names_hint)
        layout.addStretch(1)
        self.form_combo.currentIndexChanged.connect(lambda _: self._form_changed())
        self.table_combo.currentIndexChanged.connect(lambda _: self.changed.emit())
        self.charts.toggled.connect(lambda _: self.changed.emit())
        self.names.toggled.connect(lambda _: self.changed.emit())
        self._form_changed(quiet=True)

    def _form_changed(self, *, quiet: bool = False) -> None:
        data = self.fmt() in DATA_FORMATS
        self.table_combo.setVisible(self.fmt() == "csv")
        self.table_label.setVisible(self.fmt() == "csv")
        # A data file holds every note and theme; the sections and charts shape a pack only.
        self.sections_box.setEnabled(not data)
        self.charts.setEnabled(not data)
        if not quiet:
            self.changed.emit()

    def fmt(self) -> str:
        return str(self.form_combo.currentData())

    def set_fmt(self, fmt: str) -> None:
        self.form_combo.setCurrentIndex(self.form_combo.findData(fmt))

    def table(self) -> str:
        return str(self.table_combo.currentData())

    def options(self) -> PackOptions:
        left_out = {s for s, check in self.sections.items() if not check.isChecked()}
        if not self.charts.isChecked():
            left_out.add(PackSection.CHARTS)
        return PackOptions(names=self.names.isChecked(),
                           sections=frozenset(PackSection) - left_out,
                           charts=self.charts.isChecked())
