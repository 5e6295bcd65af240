"""Keep a copy on the shared drive: the export dialog's option, and the copy made once the file
is saved (on the task manager: the shared drive may be slow), under
`Cairn sync/exports/<this laptop>/<date>/` where the other facilitators find it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QCheckBox, QWidget

from app.models import CairnError
from app.ui.context import AppContext
from app.ui.tasks import Progress, Task

LABEL = "Keep a &copy on the shared drive"


def shared_copy_box(ctx: AppContext, parent: QWidget) -> QCheckBox:
    """The option, off at first; shown only while this laptop has a shared folder."""
    box = QCheckBox(LABEL, parent)
    box.setToolTip("Once saved, the file is also copied to the shared folder, under “Cairn "
                   "sync/exports”, for the other facilitators")
    box.setVisible(bool(ctx.prefs.shared_folder.strip()))
    return box


def keep_shared_copy(ctx: AppContext, file: Path, owner: QWidget) -> Task | None:
    """Copy `file` to the shared folder in the background; the status bar says where, or why
    not (the saved file stays where it was saved either way)."""
    folder = ctx.prefs.shared_folder.strip()
    if not folder:
        return None
    name = ctx.prefs.device_name

    def work(_: Progress) -> str:
        from app.services.sync import share_export

        return share_export(Path(folder), name, file)

    def done(shared: str) -> None:
        ctx.bus.status.emit(f"A copy of {file.name} is on the shared drive as {shared}.")

    def failed(error: BaseException) -> None:
        if isinstance(error, CairnError | OSError):
            reason = str(error) if isinstance(error, CairnError) else (
                error.strerror or str(error))
            ctx.bus.alert.emit(f"{file.name} is saved, but no copy could be put on the shared "
                               f"drive: {reason}")
            return
        ctx.tasks.handle_error(error, owner)

    return ctx.tasks.run(work, done, failed, label="Copying the file to the shared drive",
                         owner=owner)
