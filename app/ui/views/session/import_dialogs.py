"""What an import from a participant file says: every problem with the file, or what it will add."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.services.planning.participant_file import ParticipantDraft
from app.ui.dialogs.parts import fit_dialog, ok_cancel
from app.ui.style import Heading


class ImportProblemsDialog(QDialog):
    """The file was refused: the sentence, then every bad line, scrollable and copyable."""

    def __init__(self, file_name: str, message: str, problems: Sequence[str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("The participant list was not imported")
        self.setAccessibleName("The participant list was not imported")
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


class ImportPreviewDialog(QDialog):
    """The file is good: how many people it holds, who they are, and what importing will do."""

    def __init__(self, file_name: str, drafts: Sequence[ParticipantDraft], summary: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        count = len(drafts)
        title = f"Import {count} {'person' if count == 1 else 'people'}"
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        heading = Heading(f"{file_name}: {count} {'person' if count == 1 else 'people'} "
                          "ready to import", 1.2, self)
        self.summary = QLabel(summary, self)
        self.summary.setWordWrap(True)
        self.people = QListWidget(self)
        self.people.setAccessibleName("People in the file")
        for draft in drafts:
            extra = [x for x in (draft.organisation, draft.sector.label) if x]
            self.people.addItem(f"{draft.name} — {', '.join(extra)}" if extra else draft.name)
        buttons, self.import_button = ok_cancel(self, f"&Import {count}", self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.summary)
        layout.addWidget(self.people, 1)
        layout.addWidget(buttons)
        fit_dialog(self, 84, 24)
        self.import_button.setFocus()
