"""The first step of a participant-list import: which column holds each part of a person.

Like the notes import, the columns are guessed from the headings and shown for a person to
confirm or correct, with the first values of each; a list whose headings Cairn does not know
(another language, a form's own words) imports once the columns are chosen. Attendance
reports skip this step: their columns are Teams' and Zoom's own.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from app.services.planning.participant_file import (
    FIELDS,
    ParticipantFile,
    ParticipantFileError,
    ParticipantTable,
    participants_from_table,
)
from app.ui.buttons import PRIMARY, emphasise
from app.ui.dialogs.parts import fit_dialog, hint
from app.ui.fields import add_labelled_row
from app.ui.style import Heading, scrolled

# Each field's label, with an Alt+letter no other control of the dialog uses.
LABELS = {"name": "&Name:", "first_name": "&First name:", "last_name": "&Last name:",
          "email": "&Email:", "organisation": "&Organisation:", "sector": "&Sector:",
          "locality": "Lo&cality:", "may_name": "May be na&med:",
          "may_email": "May be emaile&d:", "may_quote": "May be &quoted:",
          "access_needs": "&Access needs:"}
NONE = "(not in the file)"


def column_title(table: ParticipantTable, column: int) -> str:
    """A column as the list shows it: its heading, or its place when the heading is blank."""
    return table.headings[column] or f"Column {column + 1}"


class ParticipantColumnsDialog(QDialog):
    """Choose the columns; Next reads the people with them. `read` holds the people read, or
    `error` the file's bad rows; a choice that cannot work is said here and the dialog stays."""

    def __init__(self, table: ParticipantTable, parent: QWidget | None = None, *,
                 keep_first: bool = False, columns: dict[str, int] | None = None) -> None:
        super().__init__(parent)
        self.table, self.keep_first = table, keep_first
        self.read: ParticipantFile | None = None
        self.error: ParticipantFileError | None = None
        title = "Import participants: choose the columns"
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        heading = Heading("Which column holds what?", 1.2, self)
        rows = len(table.rows)
        intro = QLabel(f"{table.filename} has {rows} {'row' if rows == 1 else 'rows'} under its "
                       "headings. Check the column chosen for each part of a participant; "
                       "anything not in the file is left empty (consent starts as no).", self)
        intro.setWordWrap(True)

        form_page = QWidget(self)
        form = QFormLayout(form_page)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        chosen = table.guess if columns is None else columns
        self.columns: dict[str, QComboBox] = {}
        for field, label in LABELS.items():
            combo = QComboBox(form_page)
            combo.setAccessibleName(f"Column for {FIELDS[field].lower()}")
            combo.addItem(NONE, None)
            for n in range(len(table.headings)):
                combo.addItem(column_title(table, n), n)
            at = combo.findData(chosen.get(field)) if field in chosen else 0
            combo.setCurrentIndex(max(0, at))
            combo.currentIndexChanged.connect(self._preview)
            self.columns[field] = combo
            add_labelled_row(form, label, combo)
        self.preview = QLabel(self)
        self.preview.setObjectName("columnsPreview")
        self.preview.setWordWrap(True)
        self.preview.setTextFormat(Qt.TextFormat.PlainText)
        self.problem = QLabel(self)
        self.problem.setObjectName("error")
        self.problem.setWordWrap(True)
        self.problem.hide()

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.next_button = buttons.addButton("Ne&xt: check the people",
                                             QDialogButtonBox.ButtonRole.AcceptRole)
        self.next_button.setDefault(True)
        emphasise(self.next_button, PRIMARY)
        self.next_button.clicked.connect(self.take)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addWidget(scrolled(form_page, "Columns", self), 1)
        layout.addWidget(self.preview)
        layout.addWidget(self.problem)
        layout.addWidget(hint("Undo takes the whole import back.", self))
        layout.addWidget(buttons)
        self._preview()
        fit_dialog(self, 80, 34)
        self.columns["name"].setFocus()

    def mapping(self) -> dict[str, int]:
        """The columns chosen, by field; fields left out of the file are not in it."""
        return {field: combo.currentData() for field, combo in self.columns.items()
                if combo.currentData() is not None}

    def _preview(self, *_: object) -> None:
        """The first people as they would be read with the columns chosen now."""
        chosen = self.mapping()
        lines = []
        for _line, cells in self.table.rows[:3]:
            def cell(field: str, cells: tuple[str, ...] = cells) -> str:
                at = chosen.get(field)
                return cells[at].strip() if at is not None and at < len(cells) else ""

            name = cell("name") or " ".join(p for p in (cell("first_name"),
                                                         cell("last_name")) if p)
            parts = [p for p in (cell("email"), cell("organisation")) if p]
            lines.append(f"• {name or '(no name)'}" + (f" — {', '.join(parts)}" if parts else ""))
        self.preview.setText("The first people would read:\n" + "\n".join(lines) if lines
                             else "There are no rows under the headings.")

    def take(self) -> bool:
        """Read the people with the columns chosen; close unless the choice cannot work."""
        try:
            self.read = participants_from_table(self.table, columns=self.mapping(),
                                                keep_first=self.keep_first)
        except ParticipantFileError as err:
            if not err.problems:  # the choice itself: say so here, and stay
                self.problem.setText(str(err))
                self.problem.setAccessibleName(str(err))
                self.problem.show()
                return False
            self.error = err  # bad rows: the problems dialog lists them
        self.accept()
        return True
