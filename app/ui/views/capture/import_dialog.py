"""Importing notes from a file: choose the columns (tables only), review, then add in one step.

The file is read whole by `note_import`, on the task manager, before anything is shown; a file
it cannot read is refused in one sentence and nothing is imported. The review list has a tick
box and editable text for every note; the ticked ones are saved by `capture.import_notes`, as
one operation (also on the task manager) and one undo step. The service reads each note's
`@Name:`, `/kind` and `#tags`; if any ticked note cannot be saved, none is, and the review
says which and why.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
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

from app.models import CairnError, InvalidInput, Note, NotesRefused
from app.services.capture import note_import
from app.services.capture.note_import import ColumnMapping, ImportedNote, Table
from app.ui.context import show_refusal
from app.ui.dialogs.parts import fit_dialog
from app.ui.fields import add_labelled_row
from app.ui.item_models.import_review import KIND, SOURCE, SPEAKER, TAGS, TEXT, ImportReviewModel
from app.ui.style import name_scroll_parts
from app.ui.tables import NamedEditors
from app.ui.tasks import Cancelled, Progress, Task
from app.ui.views.capture.capture_session import CaptureSession

# Rows measured at once for the widths of the narrow columns: enough for a true width, few
# enough that a review of thousands of notes opens at once.
MEASURED_ROWS = 0


class _NamedEditors(NamedEditors):
    """Cell editors that a screen reader names "Edit the note", "Edit the speaker"."""

    def editor_name(self, heading: str) -> str:
        return f"Edit the {heading.lower()}"


class ImportDialog(QDialog):
    """Column mapping (for CSV and Excel), then the review list."""

    loaded = Signal()  # the file has been read and is shown: the dialog may open

    def __init__(self, session: CaptureSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle("Import notes")
        self.setAccessibleName("Import notes")
        self.file_name = ""
        self.table: Table | None = None
        self.adding: Task | None = None
        self._rows: list[int] = []  # review rows of the notes being added, in their order
        self.model = ImportReviewModel(self)
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
        self.model.ticked_changed.connect(self._count)
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
        header.setResizeContentsPrecision(MEASURED_ROWS)
        self.view.verticalHeader().hide()
        # Wrapped notes are measured as they come into view, not all at once: thousands of
        # rows would keep the window from answering. Again when the note column's width changes.
        self._measure = QTimer(self)
        self._measure.setSingleShot(True)
        self._measure.timeout.connect(self._fit_rows_in_view)
        header.sectionResized.connect(lambda column, _old, _new: column == TEXT
                                      and self._measure.start())
        self.view.verticalScrollBar().valueChanged.connect(lambda _: self._measure.start())
        self.problem = QLabel(page)
        self.problem.setObjectName("error")
        self.problem.setWordWrap(True)
        self.problem.hide()
        self.tick_all = QPushButton("&Tick all", page)
        self.tick_none = QPushButton("Tick n&one", page)
        self.tick_all.clicked.connect(lambda: self.model.tick_all(True))
        self.tick_none.clicked.connect(lambda: self.model.tick_all(False))
        ticks = QHBoxLayout()
        ticks.addWidget(self.tick_all)
        ticks.addWidget(self.tick_none)
        ticks.addStretch(1)
        layout = QVBoxLayout(page)
        layout.addWidget(self.review_intro)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.problem)
        layout.addLayout(ticks)
        return page

    def _show_page(self, page: int) -> None:
        self.pages.setCurrentIndex(page)
        table_step = self.table is not None
        self.back_button.setVisible(page == 1 and table_step)
        self.next_button.setVisible(page == 0)
        self.add_button.setVisible(page == 1)
        (self.columns["text"] if page == 0 else self.view).setFocus()

    def _fit_rows_in_view(self) -> None:
        """Give the rows on screen the height of their wrapped text."""
        rows = self.model.rowCount()
        if not rows:
            return
        for _ in range(3):  # a row grown pushes others out of view, a row shrunk lets more in
            first = max(self.view.rowAt(0), 0)
            last = self.view.rowAt(self.view.viewport().height() - 1)
            last = rows - 1 if last < 0 else last
            before = [self.view.rowHeight(r) for r in range(first, last + 1)]
            for row in range(first, last + 1):
                self.view.resizeRowToContents(row)
            if [self.view.rowHeight(r) for r in range(first, last + 1)] == before:
                return

    # --- reading the file --------------------------------------------------------------------

    def load(self, path: Path) -> Task:
        """Read `path` on a worker; `loaded` follows, or the file is refused in one sentence
        (then the dialog closes itself and nothing is imported)."""
        self.file_name = path.name

        def work(progress: Progress) -> Table | list[ImportedNote]:
            kind = note_import.file_kind(path)
            content: Table | list[ImportedNote]
            if kind == "table":
                content = note_import.read_table(path)
            elif kind == "transcript":
                content = note_import.read_transcript(path)
            else:
                content = note_import.read_text_notes(path)
            progress.check()  # Cancel while reading: nothing is shown, nothing imported
            return content

        return self.session.ctx.tasks.run(work, self._read, self._unreadable, owner=self,
                                          label=f"Reading {path.name}", cancellable=True)

    def _read(self, content: Table | list[ImportedNote]) -> None:
        if isinstance(content, Table):
            self.show_table(content)
        else:
            self.show_notes(content)
        self.loaded.emit()

    def _unreadable(self, error: BaseException) -> None:
        if isinstance(error, Cancelled):
            pass
        elif isinstance(error, InvalidInput):
            show_refusal(self.parentWidget(), str(error))
        else:
            self.session.ctx.tasks.handle_error(error, self.parentWidget())
        self.deleteLater()

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
        self.model.set_notes(notes)
        self._say_problem("")
        self.review_intro.setText(
            f"{len(notes):,} notes from {self.file_name}. Untick any you do not want and correct "
            "the text or speaker where needed; the ticked ones are added in one step that Undo "
            "takes back.")
        self._show_page(1)
        self._measure.start()

    # --- adding ------------------------------------------------------------------------------

    def chosen(self) -> list[ImportedNote]:
        """The ticked notes with text, as corrected in the review."""
        return self.model.chosen()[1]

    def add_notes(self) -> Task | None:
        """Save the ticked notes on a worker: one operation, one undo step, all or none."""
        rows, notes = self.model.chosen()
        if not notes or self.adding is not None:
            return None
        self._rows = rows
        self._set_adding(True, len(notes))
        self.adding = self.session.import_notes(notes, self.file_name, then=self._added,
                                                refused=self._refused, owner=self)
        return self.adding

    def _added(self, _saved: list[Note]) -> None:
        self._set_adding(False)
        self.accept()

    def _refused(self, error: BaseException) -> None:
        self._set_adding(False)
        if isinstance(error, NotesRefused):
            # Each problem names its note by its place among those being added.
            by_row = {self._rows[p.number - 1]: p.problem for p in error.problems
                      if 0 < p.number <= len(self._rows)}
            self.model.show_problems(by_row)
            if by_row:
                first = min(by_row)
                self.view.scrollTo(self.model.index(first, TEXT))
                self.view.setCurrentIndex(self.model.index(first, TEXT))
        if isinstance(error, CairnError):
            self._say_problem(str(error))
        else:
            self.session.ctx.tasks.handle_error(error, self)

    def _set_adding(self, adding: bool, count: int = 0) -> None:
        if not adding:
            self.adding = None
        for widget in (self.add_button, self.back_button, self.cancel_button, self.tick_all,
                       self.tick_none):
            widget.setEnabled(not adding)
        # The list stays as it is, only closed to changes: greying thousands of rows out would
        # repaint them all while the notes are being saved.
        self.model.locked = adding
        if adding:
            self._say_problem("")
            self.add_button.setText(f"Adding {count:,} note{'s' * (count != 1)}…")
        else:
            self._count(self.model.ticked())

    def _say_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setAccessibleName(text)
        self.problem.setVisible(bool(text))

    def _count(self, ticked: int) -> None:
        self.add_button.setText(f"&Add {ticked:,} note{'s' * (ticked != 1)}")
        self.add_button.setAccessibleName(self.add_button.text().replace("&", ""))
        self.add_button.setEnabled(ticked > 0 and self.adding is None)

    # --- closing -----------------------------------------------------------------------------

    def reject(self) -> None:
        # Escape, Cancel and closing: while the notes are being saved, the dialog stays open
        # to say how the import ended.
        if self.adding is None:
            super().reject()

    def fit(self) -> None:
        """About 120 characters by 30 lines, within the screen."""
        fit_dialog(self, 120, 30)
