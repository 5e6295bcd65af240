"""Importing notes from a file: choose the columns (tables only), review, then add in one step.

The file is read whole by `note_import` before anything is shown; a file it cannot read is
refused in one sentence and nothing is imported. The review list has a tick box and editable
text for every note; the ticked ones become notes as one undoable step.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.models import InvalidInput
from app.services.capture import note_import
from app.services.capture.note_import import ColumnMapping, ImportedNote, Table
from app.ui.dialogs.parts import fit_dialog
from app.ui.fields import add_labelled_row
from app.ui.style import name_scroll_parts
from app.ui.tables import NamedEditors
from app.ui.views.capture.capture_session import CaptureSession, NoteDraft

TEXT, SPEAKER, KIND, TAGS, SOURCE = range(5)
_NOTE_ROLE = Qt.ItemDataRole.UserRole + 1


class _NamedEditors(NamedEditors):
    """Cell editors that a screen reader names "Edit the note", "Edit the speaker"."""

    def editor_name(self, heading: str) -> str:
        return f"Edit the {heading.lower()}"


class ImportDialog(QDialog):
    """Column mapping (for CSV and Excel), then the review list."""

    def __init__(self, session: CaptureSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle("Import notes")
        self.setAccessibleName("Import notes")
        self.file_name = ""
        self.table: Table | None = None
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self._mapping_page())
        self.pages.addWidget(self._review_page())
        self.back_button = QPushButton("&Back to the columns", self)
        self.next_button = QPushButton("&Next: review the notes", self)
        self.add_button = QPushButton("&Add notes", self)
        self.add_button.setDefault(True)
        self.cancel_button = QPushButton("Cancel", self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.next_button)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addLayout(buttons)
        self.back_button.clicked.connect(lambda: self._show_page(0))
        self.next_button.clicked.connect(self.review_table)
        self.add_button.clicked.connect(self.add_notes)
        self.cancel_button.clicked.connect(self.reject)
        self.model.itemChanged.connect(lambda _: self._count())
        name_scroll_parts(self)

    # --- the pages ---------------------------------------------------------------------------

    def _mapping_page(self) -> QWidget:
        page = QWidget(self)
        self.mapping_intro = QLabel(page)
        self.mapping_intro.setWordWrap(True)
        self.columns: dict[str, QComboBox] = {}
        form = QFormLayout()
        for field, text in (("text", "Note te&xt:"), ("speaker", "S&peaker:"),
                            ("kind", "&Kind:"), ("tags", "&Tags:")):
            combo = QComboBox(page)
            combo.setAccessibleName(f"Column for the {text.strip('&:').lower().replace('&', '')}")
            combo.currentIndexChanged.connect(lambda _: self._preview())
            self.columns[field] = combo
            add_labelled_row(form, text, combo)
        self.preview = QLabel(page)
        self.preview.setWordWrap(True)
        self.preview.setTextFormat(Qt.TextFormat.PlainText)
        self.mapping_problem = QLabel(page)
        self.mapping_problem.setObjectName("error")
        self.mapping_problem.setWordWrap(True)
        layout = QVBoxLayout(page)
        layout.addWidget(self.mapping_intro)
        layout.addLayout(form)
        layout.addWidget(self.preview)
        layout.addWidget(self.mapping_problem)
        layout.addStretch(1)
        return page

    def _review_page(self) -> QWidget:
        page = QWidget(self)
        self.review_intro = QLabel(page)
        self.review_intro.setWordWrap(True)
        self.model = QStandardItemModel(0, 5, page)
        self.model.setHorizontalHeaderLabels(["Note", "Speaker", "Kind", "Tags", "From"])
        self.view = QTableView(page)
        self.view.setModel(self.model)
        self.view.setAccessibleName("Notes to import")
        self.view.setWordWrap(True)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed
                                  | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.view.setItemDelegate(_NamedEditors(self.view))
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(TEXT, QHeaderView.ResizeMode.Stretch)
        for column in (SPEAKER, KIND, TAGS, SOURCE):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.view.verticalHeader().hide()
        # Wrapped notes need their rows measured again whenever the note column changes width.
        self._measure = QTimer(self)
        self._measure.setSingleShot(True)
        self._measure.timeout.connect(self.view.resizeRowsToContents)
        header.sectionResized.connect(lambda column, _old, _new: column == TEXT
                                      and self._measure.start())
        self.tick_all = QPushButton("&Tick all", page)
        self.tick_none = QPushButton("Tick n&one", page)
        self.tick_all.clicked.connect(lambda: self._tick(True))
        self.tick_none.clicked.connect(lambda: self._tick(False))
        ticks = QHBoxLayout()
        ticks.addWidget(self.tick_all)
        ticks.addWidget(self.tick_none)
        ticks.addStretch(1)
        layout = QVBoxLayout(page)
        layout.addWidget(self.review_intro)
        layout.addWidget(self.view, 1)
        layout.addLayout(ticks)
        return page

    def _show_page(self, page: int) -> None:
        self.pages.setCurrentIndex(page)
        table_step = self.table is not None
        self.back_button.setVisible(page == 1 and table_step)
        self.next_button.setVisible(page == 0)
        self.add_button.setVisible(page == 1)
        (self.columns["text"] if page == 0 else self.view).setFocus()

    # --- reading the file --------------------------------------------------------------------

    def load(self, path: Path) -> None:
        """Read `path`; InvalidInput (one sentence) when it cannot be imported."""
        self.file_name = path.name
        kind = note_import.file_kind(path)
        if kind == "table":
            self.show_table(note_import.read_table(path))
        elif kind == "transcript":
            self.show_notes(note_import.read_transcript(path))
        else:
            self.show_notes(note_import.read_text_notes(path))

    def show_table(self, table: Table) -> None:
        self.table = table
        guess = note_import.guess_mapping(table.columns)
        self.mapping_intro.setText(f"{self.file_name} has {len(table.rows):,} rows. Which column "
                                   "holds each part of a note?")
        for field, combo in self.columns.items():
            combo.blockSignals(True)
            combo.clear()
            if field != "text":
                combo.addItem("(none)", None)
            for n, heading in enumerate(table.columns):
                combo.addItem(heading, n)
            chosen = getattr(guess, field)
            combo.setCurrentIndex(max(0, combo.findData(chosen)) if chosen is not None else 0)
            combo.blockSignals(False)
        self._preview()
        self._show_page(0)

    def mapping(self) -> ColumnMapping:
        return ColumnMapping(**{field: combo.currentData() for field, combo in self.columns.items()})

    def _preview(self) -> None:
        if self.table is None or self.columns["text"].currentData() is None:
            return
        column = self.columns["text"].currentData()
        first = [row[column] for row in self.table.rows[:3] if row[column].strip()]
        self.preview.setText("The first notes would read:\n" + "\n".join(f"• {t[:120]}" for t in first))

    def review_table(self) -> bool:
        assert self.table is not None
        try:
            notes = note_import.notes_from_table(self.table, self.mapping(), self.file_name)
        except InvalidInput as err:
            self.mapping_problem.setText(str(err))
            return False
        self.mapping_problem.clear()
        self.show_notes(notes)
        return True

    def show_notes(self, notes: list[ImportedNote]) -> None:
        self.model.removeRows(0, self.model.rowCount())
        for note in notes:
            text = QStandardItem(note.text)
            text.setCheckable(True)
            text.setCheckState(Qt.CheckState.Checked)
            text.setData(note, _NOTE_ROLE)
            cells = [text, QStandardItem(note.speaker), QStandardItem(note.kind.label if note.kind
                                                                      else ""),
                     QStandardItem(" ".join(f"#{t}" for t in note.tags)), QStandardItem(note.source)]
            for cell in cells[KIND:]:
                cell.setEditable(False)
            self.model.appendRow(cells)
        self.review_intro.setText(
            f"{len(notes):,} notes from {self.file_name}. Untick any you do not want and correct "
            "the text or speaker where needed; the ticked ones are added in one step that Undo "
            "takes back.")
        self.view.resizeRowsToContents()
        self._count()
        self._show_page(1)

    # --- adding ------------------------------------------------------------------------------

    def chosen(self) -> list[ImportedNote]:
        out = []
        for row in range(self.model.rowCount()):
            item = self.model.item(row, TEXT)
            if item.checkState() != Qt.CheckState.Checked or not item.text().strip():
                continue
            original: ImportedNote = item.data(_NOTE_ROLE)
            out.append(ImportedNote(text=item.text().strip(),
                                    speaker=self.model.item(row, SPEAKER).text().strip(),
                                    kind=original.kind, tags=original.tags, source=original.source))
        return out

    def add_notes(self) -> int:
        """Save the ticked notes as one undo step; each is read for inline #tags and @Name: too."""
        drafts = []
        for note in self.chosen():
            try:
                parsed = self.session.parse(note.text)
            except InvalidInput:
                parsed = None
            text = parsed.text if parsed and parsed.text else note.text
            drafts.append(NoteDraft(
                text=text, kind=note.kind or (parsed.kind if parsed else None),
                focus_area_ids=parsed.focus_area_ids if parsed else (),
                tags=tuple(dict.fromkeys([*note.tags, *(parsed.tag_names if parsed else ())])),
                speaker=note.speaker or (parsed.speaker if parsed else None)))
        if not drafts:
            return 0
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            saved = self.session.save_many(drafts, self, f"Import {len(drafts)} notes from "
                                           f"{self.file_name}", stamp_block=False)
        finally:
            QApplication.restoreOverrideCursor()
        self.session.ctx.bus.status.emit(f"Imported {saved:,} notes from {self.file_name}.")
        self.accept()
        return saved

    def _tick(self, on: bool) -> None:
        state = Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
        for row in range(self.model.rowCount()):
            self.model.item(row, TEXT).setCheckState(state)

    def _count(self) -> None:
        ticked = sum(self.model.item(r, TEXT).checkState() == Qt.CheckState.Checked
                     for r in range(self.model.rowCount()))
        self.add_button.setText(f"&Add {ticked:,} note{'s' * (ticked != 1)}")
        self.add_button.setAccessibleName(self.add_button.text().replace("&", ""))
        self.add_button.setEnabled(ticked > 0)

    def fit(self) -> None:
        """About 120 characters by 30 lines, within the screen."""
        fit_dialog(self, 120, 30)
