"""Saving an export: the file chosen with a save dialog (the last folder remembered), written
on the task manager with progress and Cancel in the status bar, atomically (never half a file
under its name). When done the status bar says where, with "Show folder"; a refusal (a full
disk, a folder gone) is one sentence, and no file is left behind.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import shiboken6
from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from app import config
from app.models import CairnError
from app.models.pack import Pack, PackOptions
from app.services.core.files import write_atomically
from app.services.exports import packs
from app.ui.accessibility import announce
from app.ui.context import AppContext, show_refusal
from app.ui.tasks import Cancelled, Progress, Task
from app.ui.views.export.saved_notice import show_saved
from app.ui.views.session.outputs import FOLDER_KEY  # one folder for every file saved

FILTERS = {"pdf": "PDF documents (*.pdf)", "docx": "Word documents (*.docx)",
           "html": "Web pages (*.html)", "csv": "CSV tables (*.csv)",
           "xlsx": "Excel workbooks (*.xlsx)", "json": "JSON files (*.json)",
           "qdpx": "REFI-QDA projects (*.qdpx)"}
WHAT = {"pdf": "summary pack", "docx": "Word version of the pack",
        "html": "web-page version of the pack", "csv": "CSV table", "xlsx": "Excel workbook",
        "json": "JSON export", "qdpx": "REFI-QDA project"}


@dataclass(frozen=True)
class Job:
    """One export to write: what was built and shown in the pre-flight list, and where."""

    fmt: str
    options: PackOptions
    pack: Pack
    pdf: bytes  # the PDF already rendered for the preview ("" when none was)
    session_id: str | None
    system_id: str | None
    table: str = "notes"

    @property
    def what(self) -> str:
        if self.fmt == "pdf" and self.pack.kind == "system":
            return "learning-system pack"
        return WHAT[self.fmt]


def choose_file(parent: QWidget, job: Job, stem: str) -> Path | None:
    """Ask where to save, starting in the folder last saved to; the form's suffix added."""
    settings = QSettings(config.APP_AUTHOR, config.APP_NAME)
    folder = settings.value(FOLDER_KEY) or QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.DocumentsLocation)
    suffix = packs.SUFFIXES[job.fmt]
    chosen, _ = QFileDialog.getSaveFileName(parent, f"Save the {job.what}",
                                            str(Path(str(folder)) / f"{stem}{suffix}"),
                                            FILTERS[job.fmt])
    if not chosen:
        return None
    path = Path(chosen)
    if path.suffix.lower() != suffix:
        path = path.with_name(path.name + suffix)
    settings.setValue(FOLDER_KEY, str(path.parent))
    return path


def write_file(ctx: AppContext, job: Job, out: Path, window: QWidget,
               ended: Callable[[Path | None], object]) -> Task:
    """Write `job` to `out` in the background; `ended(path)` after (None when not written).

    The task belongs to `window` (the main window), so the file is announced even when the
    dialog that asked has been closed meanwhile."""
    store = ctx.store

    def work(progress: Progress) -> Path:
        def report(done: int, total: int, text: str) -> None:
            progress.report(done, total, text)
            if done < total:  # once the file is renamed into place, it is written: no undoing
                progress.check()

        if job.fmt == "pdf" and job.pdf:
            report(2, 3, "Writing the file")
            written = write_atomically(out, job.pdf, what=job.what)
            report(3, 3, "Written")
            return written
        if job.fmt in packs.PACK_FORMATS:
            return packs.write_built(job.pack, out, job.fmt, report=report)
        return packs.write_export(store, out, job.fmt, job.options, session_id=job.session_id,
                                  table=job.table, report=report)

    def done(path: Path) -> None:
        text = f"The {job.what} is saved as {path}"
        notice = show_saved(window, path, f"Saved as {path.name}", text)
        if notice is None:
            ctx.bus.status.emit(text)
        else:
            # Said, not also shown as a message: the notice shows it, and stays.
            announce(notice, text)
        ended(path)

    def failed(error: BaseException) -> None:
        ended(None)
        if isinstance(error, Cancelled):
            ctx.bus.status.emit(f"Export cancelled: the {job.what} was not written.")
            return
        if isinstance(error, CairnError | OSError):
            sentence = (str(error) if isinstance(error, CairnError) else
                        f"The {job.what} cannot be saved as {out}: {error.strerror or error}.")
            ctx.bus.alert.emit(sentence)
            parent = window if shiboken6.isValid(window) else None
            show_refusal(parent, sentence)
            return
        ctx.tasks.handle_error(error, window)

    return ctx.tasks.run(work, done, failed, label=f"Writing the {job.what}", owner=window,
                         cancellable=True)
