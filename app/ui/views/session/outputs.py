"""The outputs of planning: the facilitator's run sheet (PDF) and the calendar invite (.ics).

The files are written by the application's task manager, off the GUI thread (the status bar
shows it); when one is ready, a notice under the header says where it is and offers to open
it. The folder last saved to is remembered.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, QStandardPaths, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QWidget,
)

from app import config
from app.models import CairnError
from app.services.planning import outputs, planning_queries
from app.ui.context import AppContext, show_refusal
from app.ui.tasks import Progress

FOLDER_KEY = "exports/folder"


def file_stem(title: str, starts) -> str:
    """'2026-12-08 Sensemaking workshop 1': sorts by date and is safe on every file system."""
    safe = re.sub(r'[<>:"/\\|?*\x00-\x1f]+', " ", title).strip(" .") or "Session"
    return f"{starts.astimezone():%Y-%m-%d} {' '.join(safe.split())}"


class OutputNotice(QFrame):
    """One line under the header: what is being written, or where it was saved."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.path: Path | None = None
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        # No Alt+letter: the session page's fields and tabs use every letter of these words
        # (the test walks each tab for clashes). The notice sits under the header's buttons,
        # and Tab reaches it straight after them, in reading order.
        self.open_button = QPushButton("Open", self)
        self.open_button.setAccessibleName("Open the saved file")
        self.open_button.clicked.connect(self.open_file)
        self.folder_button = QPushButton("Show folder", self)
        self.folder_button.setAccessibleName("Show the folder of the saved file")
        self.folder_button.clicked.connect(self.open_folder)
        self.close_button = QPushButton("Dismiss", self)
        self.close_button.setAccessibleName("Dismiss this notice")
        self.close_button.clicked.connect(self.hide)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 8, 4)
        row.addWidget(self.message, 1)
        for button in (self.open_button, self.folder_button, self.close_button):
            row.addWidget(button)
        self.hide()

    def say(self, text: str, path: Path | None = None) -> None:
        self.path = path
        self.message.setText(text)
        self.message.setAccessibleName(text)
        self.open_button.setVisible(path is not None)
        self.folder_button.setVisible(path is not None)
        self.close_button.setVisible(True)
        self.show()

    def open_file(self) -> None:
        if self.path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.path)))

    def open_folder(self) -> None:
        if self.path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.path.parent)))


class PlanningOutputs(QObject):
    """Asks where to save, writes in the background, and reports through the notice."""

    def __init__(self, ctx: AppContext, session_id: str, notice: OutputNotice,
                 owner: QWidget) -> None:
        super().__init__(owner)
        self._ctx, self._session_id = ctx, session_id
        self._notice, self._owner = notice, owner
        self._settings = QSettings(config.APP_AUTHOR, config.APP_NAME)

    def _ask(self, what: str, suffix: str, filter_text: str) -> Path | None:
        session = planning_queries.session_plan(self._ctx.store, self._session_id).session
        folder = self._settings.value(FOLDER_KEY) or QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation)
        suggestion = Path(str(folder)) / f"{file_stem(session.title, session.starts)} {what}{suffix}"
        chosen, _ = QFileDialog.getSaveFileName(self._owner, f"Save the {what}",
                                                str(suggestion), filter_text)
        if not chosen:
            return None
        path = Path(chosen)
        if path.suffix.lower() != suffix:
            path = path.with_name(path.name + suffix)
        self._settings.setValue(FOLDER_KEY, str(path.parent))
        return path

    def run_sheet(self, out: Path | None = None) -> bool:
        """Write the run sheet PDF; False when no file was chosen."""
        out = out or self._ask("run sheet", ".pdf", "PDF documents (*.pdf)")
        if out is None:
            return False
        store, session_id = self._ctx.store, self._session_id

        def work(_progress: Progress) -> Path:
            return outputs.write_run_sheet(store, session_id, out)

        self._start("run sheet", work)
        return True

    def calendar_invite(self, out: Path | None = None) -> bool:
        """Write the session's calendar invite; False when no file was chosen."""
        out = out or self._ask("invite", ".ics", "Calendar invitations (*.ics)")
        if out is None:
            return False
        store, session_id = self._ctx.store, self._session_id

        def work(_progress: Progress) -> Path:
            return outputs.write_invite(store, session_id, out)

        self._start("calendar invite", work)
        return True

    def _start(self, what: str, work: Callable[[Progress], Path]) -> None:
        self._notice.say(f"Writing the {what}…")
        self._ctx.tasks.run(work, lambda path: self._saved(what, path),
                            lambda error: self._failed(what, error),
                            label=f"Writing the {what}", owner=self)

    def busy(self) -> bool:
        """A file still being written (tests wait for it)."""
        return self._ctx.tasks.busy(self)

    def _saved(self, what: str, path: Path) -> None:
        text = f"The {what} is saved: {path}"
        self._notice.say(text, path)
        self._ctx.bus.status.emit(text)

    def _failed(self, what: str, error: BaseException) -> None:
        if isinstance(error, CairnError):
            text = str(error)
        elif isinstance(error, OSError):
            text = f"The {what} could not be saved: {error.strerror or error}."
        else:
            text = f"The {what} could not be written ({type(error).__name__}: {error})."
        self._notice.say(text)
        self._ctx.bus.status.emit(text)
        show_refusal(self._owner, text)
