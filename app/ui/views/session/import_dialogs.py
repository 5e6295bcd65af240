"""What an import from a participant file says: every problem with the file, or what it will add.

When the only problems are e-mail addresses that repeat an earlier line, the problems dialog
offers to keep the first of each (`KEEP_FIRST` is its result), rather than send the facilitator
back to the spreadsheet.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.services.planning.participant_file import ParticipantDraft, ParticipantFile
from app.services.planning.participants import ImportStep
from app.ui.accessibility import ALERT_PROPERTY
from app.ui.buttons import PRIMARY, emphasise
from app.ui.dialogs.parts import fit_dialog, ok_cancel
from app.ui.style import Heading

KEEP_FIRST = 2  # the problems dialog's result when "Keep the first of each" was chosen


class ImportProblemsDialog(QDialog):
    """The file was refused: the sentence, then every bad line, scrollable and copyable; and,
    when every problem is a repeated e-mail (`offer_keep_first`), a way to import the first of
    each."""

    def __init__(self, file_name: str, message: str, problems: Sequence[str],
                 parent: QWidget | None = None, *, offer_keep_first: bool = False) -> None:
        super().__init__(parent)
        self.setWindowTitle("The participant list was not imported")
        self.setAccessibleName("The participant list was not imported")
        # Said at once to a screen reader as the dialog opens.
        self.setProperty(ALERT_PROPERTY, f"Nothing was imported from {file_name}. {message}")
        heading = Heading(f"Nothing was imported from {file_name}", 1.2, self)
        summary = QLabel(message, self)
        summary.setWordWrap(True)
        summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problems = QPlainTextEdit("\n".join(problems), self)
        self.problems.setObjectName("importProblems")
        self.problems.setReadOnly(True)
        self.problems.setTabChangesFocus(True)
        self.problems.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.problems.setAccessibleName(f"{len(problems)} problems, one per line")
        self.problems.setVisible(bool(problems))
        advice = QLabel("Fix these lines in the file, save it, and import it again. The line "
                        "numbers are those your spreadsheet shows (the headings are line 1).",
                        self)
        advice.setObjectName("hint")
        advice.setWordWrap(True)
        advice.setVisible(bool(problems))

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.copy_button = buttons.addButton("&Copy the list",
                                             QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.setVisible(bool(problems))
        self.copy_button.clicked.connect(
            lambda: QApplication.clipboard().setText(self.problems.toPlainText()))
        self.keep_first_button = buttons.addButton("&Keep the first of each",
                                                   QDialogButtonBox.ButtonRole.AcceptRole)
        self.keep_first_button.setToolTip("Import the file, leaving out each later line whose "
                                          "e-mail address is on an earlier one.")
        self.keep_first_button.setVisible(offer_keep_first)
        self.keep_first_button.clicked.connect(lambda: self.done(KEEP_FIRST))
        if offer_keep_first:
            advice.setText("The same e-mail address is on more than one line. Keep the first "
                           "line of each and leave out the rest, or fix the file and import it "
                           "again.")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(summary)
        layout.addWidget(self.problems, 1)
        layout.addWidget(advice)
        layout.addWidget(buttons)
        fit_dialog(self, 96, 24 if problems else 8)
        self.problems.setFocus()

    def lines(self) -> list[str]:
        return self.problems.toPlainText().splitlines()


STEP_TEXT = {"add": "new to the register", "invite": "in the register", "attend": "invited; "
             "will be marked as attended", "leave": "already invited; left as they are"}
BACK = 3  # the preview's result when "Back to the columns" was chosen
PREVIEW_HEADERS = ("Name", "Email", "Organisation", "Consent", "Access needs", "On import")


def consent_text(draft: ParticipantDraft) -> str:
    """What a person agreed to, in words: "named, emailed, quoted", or "none"."""
    agreed = [word for word, yes in (("named", draft.may_name), ("emailed", draft.may_email),
                                     ("quoted", draft.may_quote)) if yes]
    return ", ".join(agreed) if agreed else "none"


class ImportPreviewDialog(QDialog):
    """The file is good: what kind of file it is, who is in it with the consent and access
    needs that will be imported, what importing will do with each person, and what was left
    out of it. With `can_go_back`, a list's columns can be chosen again (result BACK)."""

    def __init__(self, file_name: str, read: ParticipantFile, steps: Sequence[ImportStep],
                 parent: QWidget | None = None, *, can_go_back: bool = False) -> None:
        super().__init__(parent)
        drafts = read.drafts
        count = len(drafts)
        people = f"{count} {'person' if count == 1 else 'people'}"
        title = f"Import {people}"
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        what = f"{file_name} ({read.kind})" if read.is_report else file_name
        self.heading = heading = Heading(f"{what}: {people} ready to import", 1.2, self)
        self.summary = QLabel(_summary(read, steps), self)
        self.summary.setWordWrap(True)
        self.people = QTableWidget(count, len(PREVIEW_HEADERS), self)
        self.people.setObjectName("importPeople")
        self.people.setAccessibleName("People in the file, with their consent, access needs "
                                      "and what importing does for each")
        self.people.setHorizontalHeaderLabels(PREVIEW_HEADERS)
        self.people.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.people.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.people.setTabKeyNavigation(False)
        self.people.setWordWrap(True)
        self.people.verticalHeader().hide()
        for row, (draft, step) in enumerate(zip(drafts, steps, strict=True)):
            consent = "not in a report" if read.is_report else consent_text(draft)
            values = (draft.name, draft.email, draft.organisation, consent,
                      draft.access_needs or "—", STEP_TEXT[step])
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                self.people.setItem(row, column, item)
        header = self.people.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        self.left_out = QPlainTextEdit("\n".join(read.left_out), self)
        self.left_out.setObjectName("leftOut")
        self.left_out.setReadOnly(True)
        self.left_out.setTabChangesFocus(True)
        self.left_out.setAccessibleName(f"Left out of the import: {len(read.left_out)} lines")
        self.left_out.setMaximumHeight(self.fontMetrics().lineSpacing() * 6)
        left_label = QLabel("&Left out of the file:", self)
        left_label.setBuddy(self.left_out)
        for part in (self.left_out, left_label):
            part.setVisible(bool(read.left_out))
        buttons, self.import_button = ok_cancel(self, f"&Import {count}", self.accept)
        emphasise(self.import_button, PRIMARY)
        self.back_button = buttons.addButton("&Back to the columns",
                                             QDialogButtonBox.ButtonRole.ResetRole)
        self.back_button.setVisible(can_go_back)
        self.back_button.clicked.connect(lambda: self.done(BACK))
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.summary)
        layout.addWidget(self.people, 1)
        layout.addWidget(left_label)
        layout.addWidget(self.left_out)
        layout.addWidget(buttons)
        fit_dialog(self, 110, 28)
        self.fit_columns()
        self.import_button.setFocus()

    def fit_columns(self) -> None:
        """Every column in full where the width allows; else long ones share what there is
        and wrap onto more lines (the tooltip has each cell whole)."""
        header = self.people.horizontalHeader()
        chars = self.fontMetrics().averageCharWidth()
        room = self.people.viewport().width()
        columns = range(self.people.columnCount())
        for column in columns:
            self.people.resizeColumnToContents(column)
        natural = [self.people.columnWidth(c) for c in columns]
        if sum(natural) > room:
            # Shares of the width, in characters at most: name, email, organisation, consent,
            # access needs, on import; then every column gives up the same share.
            most = (24, 30, 28, 22, 40, 30)
            widths = [min(n, limit * chars) for n, limit in zip(natural, most, strict=True)]
            total = sum(widths)
            if total > room:
                widths = [w * room // total for w in widths]
            natural = widths
        for column, width in zip(columns, natural, strict=True):
            self.people.setColumnWidth(column, width)
        header.setStretchLastSection(True)  # what is left goes to the last column
        self.people.resizeRowsToContents()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        QTimer.singleShot(0, self.fit_columns)  # once the table has its new width


def _summary(read: ParticipantFile, steps: Sequence[ImportStep]) -> str:
    """What importing will do, counted by step, in sentences."""
    parts = []
    counts = {step: steps.count(step) for step in STEP_TEXT}
    if counts["add"]:
        parts.append(f"{counts['add']} will be added to the register and invited.")
    if counts["invite"]:
        parts.append(f"{counts['invite']} already in the register (same email) will be "
                     "invited.")
    if counts["attend"]:
        parts.append(f"{counts['attend']} already invited will be marked as attended.")
    if counts["leave"]:
        parts.append(f"{counts['leave']} already invited will be left as they are.")
    if read.is_report:
        parts.append("Everyone in the report is recorded as having attended; consent is not "
                     "in a report, so it starts as no.")
    else:
        parts.append("Consent and access needs are taken from the file.")
    parts.append("Undo takes the whole import back.")
    return " ".join(parts)
