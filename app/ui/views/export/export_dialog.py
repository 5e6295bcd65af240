"""The export dialog: options on the left; on the right, who will be named and the pages.

Whenever the options (or the session's data) change, the pack is built again on the task
manager, with progress and Cancel in the status bar, and the window stays live. Save is
offered only once the pre-flight list shows the names of exactly what will be written; the
file written is that same pack. Closing the dialog there stops the export: nothing is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import shiboken6
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QImage
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QTabWidget, QVBoxLayout, QWidget

from app.models import CairnError, Changes
from app.models.pack import Pack, PackOptions
from app.services.exports import packs
from app.services.exports.data_exports import data_names
from app.services.planning import sessions, systems
from app.ui.buttons import PRIMARY, action_button
from app.ui.context import AppContext
from app.ui.dialogs.parts import fit_dialog
from app.ui.style import scrolled
from app.ui.tasks import Cancelled, Progress, Task
from app.ui.views.export import writing
from app.ui.views.export.options_panel import OptionsPanel
from app.ui.views.export.page_images import render_pages
from app.ui.views.export.preflight import PreflightPanel
from app.ui.views.export.preview import THUMB_WIDTH, PagePreview
from app.ui.views.session.outputs import file_stem
from app.ui.views.sync.shared_copy import keep_shared_copy, shared_copy_box

REBUILD_DELAY_MS = 250  # a burst of ticks builds once, after the last


@dataclass(frozen=True)
class Built:
    """A pack built for the pre-flight list and preview, and the options it was built with."""

    key: tuple[PackOptions, str | None]  # the options, and for a data form its form and table
    pack: Pack  # for a data form, with the names the data file holds
    pdf: bytes
    thumbs: list[QImage]


class ExportDialog(QDialog):
    """Export a session's (or a learning system's) summary pack or data; modeless."""

    built = Signal()  # a pack is built and shown: the pre-flight list is current
    ended = Signal(object)  # the path written, or None when nothing was

    def __init__(self, ctx: AppContext, *, session_id: str | None = None,
                 system_id: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx, self.session_id, self.system_id = ctx, session_id, system_id
        if session_id is not None:
            session = sessions.get_session(ctx.store, session_id)
            self.stem = file_stem(session.title, session.starts)
            title = f"Export summary pack: {session.title}"
        else:
            assert system_id is not None
            name = systems.get_system(ctx.store, system_id).name
            self.stem = file_stem(name, _today()) + " learning-system pack"
            title = f"Export learning-system pack: {name}"
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.current: Built | None = None
        self.building: Task | None = None
        self.writing: Task | None = None

        self.options = OptionsPanel(system=system_id is not None, parent=self)
        # Made in reading order, which is also the Tab order: the tab bar before its pages.
        self.tabs = QTabWidget(self)
        self.preflight = PreflightPanel(self.tabs)
        self.preview = PagePreview(ctx.tasks, self.tabs)
        self.tabs.setAccessibleName("Before you save")
        self.tabs.addTab(self.preflight, "&Who will be named")
        self.tabs.addTab(self.preview, "Pre&view")
        self.state = QLabel(self)
        self.state.setWordWrap(True)
        self.save_button = action_button(self, "&Save…", "Choose where, then write the file "
                                         "exactly as checked here", self.save, icon="export",
                                         emphasis=PRIMARY)
        self.close_button = action_button(self, "Close", "Stop here: nothing is written",
                                          self.reject)
        self.shared_copy = shared_copy_box(ctx, self)  # shown when this laptop syncs
        buttons = QHBoxLayout()
        buttons.addWidget(self.state, 1)
        buttons.addWidget(self.shared_copy)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.close_button)
        self.options_scroll = scrolled(self.options, "Export options", self)
        self.options_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QHBoxLayout()
        body.addWidget(self.options_scroll)
        body.addWidget(self.tabs, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addLayout(buttons)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REBUILD_DELAY_MS)
        self._timer.timeout.connect(self.rebuild)
        self.options.changed.connect(self._options_changed)
        ctx.bus.changed.connect(self._data_changed)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._fit_options()
        fit_dialog(self, 170, 44)
        self.rebuild()

    def _fit_options(self) -> None:
        """The options at their natural width (nothing cut), scrolled up and down if need be."""
        bar = self.options_scroll.verticalScrollBar().sizeHint().width()
        self.options_scroll.setMinimumWidth(self.options.sizeHint().width() + bar + 4)

    # --- building the pre-flight list and the preview ----------------------------------------

    def _key(self) -> tuple[PackOptions, str | None]:
        fmt = self.options.fmt()
        data = f"{fmt}:{self.options.table()}" if fmt in packs.DATA_FORMATS else None
        return self.options.options(), data

    def _options_changed(self) -> None:
        if self.current is not None and self.current.key == self._key():
            self._ready()  # only the form changed between pack forms: the same pack
            return
        self._stale()
        self._timer.start()

    def _data_changed(self, changes: Changes) -> None:
        if changes and self.writing is None:
            self._stale()
            self._timer.start()

    def _stale(self) -> None:
        self.current = None
        self.save_button.setEnabled(False)
        self.preflight.waiting("Checking who the export would name…")
        # Never a preview of other options than those shown.
        self.preview.say("Laying out the pages for these options…")
        self._say("Building the pack to check it…")

    def rebuild(self) -> None:
        """Build the pack for the options now shown, on the task manager."""
        self._timer.stop()
        if self.building is not None:
            self.building.cancel()
        self._stale()
        key = self._key()
        options, data = key
        store, session_id, system_id = self._ctx.store, self.session_id, self.system_id
        ratio = self.devicePixelRatioF()

        def work(progress: Progress) -> Built:
            progress.report(0, 0, "Gathering the pack's content")
            pack = packs.build_pack(store, options, session_id=session_id, system_id=system_id)
            progress.check()
            if data:
                fmt, table = data.split(":")
                names = (data_names(store, session_id, fmt, options, table=table)
                         if session_id is not None else pack.names)
                return Built(key, pack.model_copy(update={"names": tuple(names)}), b"", [])
            progress.report(0, 0, "Laying out the pages")
            pdf = packs.render_pack(pack, "pdf")
            progress.check()

            def each(done: int, total: int) -> None:
                progress.report(done, total, "Drawing the pages")
                progress.check()

            return Built(key, pack, pdf, render_pages(pdf, int(THUMB_WIDTH * ratio), each=each))

        task = self._ctx.tasks.run(work, lambda built: self._built(task, built),
                                   lambda error: self._failed(task, error),
                                   label="Checking the summary pack", owner=self,
                                   cancellable=True)
        self.building = task

    def _built(self, task: Task, built: Built) -> None:
        if task is not self.building:
            return
        self.building = None
        if built.key != self._key():
            self._timer.start()  # the options moved on while it was built
            return
        self.current = built
        self.preflight.show_names(built.pack.names)
        if built.pdf:
            self.preview.show_pages(built.pdf, built.thumbs)
        else:
            self.preview.say("A data file has no pages to preview. The list of names shows "
                             "who it would name.")
        self._ready()
        self.built.emit()

    def _failed(self, task: Task, error: BaseException) -> None:
        if task is not self.building:
            return
        self.building = None
        if isinstance(error, Cancelled):
            self._say("Stopped: change an option to check the pack again.")
            return
        if isinstance(error, CairnError):
            self.preflight.waiting(str(error))
            self.preview.say(str(error))
            self._say(str(error))
            return
        self._ctx.tasks.handle_error(error, self)

    def _ready(self) -> None:
        assert self.current is not None
        self.save_button.setEnabled(self.writing is None)
        self._say("Checked. Save writes exactly what the list and the preview show.")

    def _say(self, text: str) -> None:
        self.state.setText(text)
        self.state.setAccessibleName(text)

    # --- saving ------------------------------------------------------------------------------

    def job(self) -> writing.Job | None:
        """What Save would write now; None until the pre-flight list is current."""
        if self.current is None:
            return None
        return writing.Job(self.options.fmt(), self.current.key[0], self.current.pack,
                           self.current.pdf, self.session_id, self.system_id,
                           self.options.table())

    def save(self, out: Path | None = None) -> Task | None:
        """Ask where (unless `out` is given), then write in the background."""
        job = self.job()
        if job is None or self.writing is not None:
            return None
        out = out or writing.choose_file(self, job, self._stem(job))
        if out is None:
            return None
        self.save_button.setEnabled(False)
        self._say(f"Writing the {job.what}…")
        window = self.parentWidget().window() if self.parentWidget() else self
        self.writing = writing.write_file(
            self._ctx, job, out, window,
            lambda path: shiboken6.isValid(self) and self._written(path))
        return self.writing

    def _stem(self, job: writing.Job) -> str:
        if job.fmt == "csv":
            return f"{self.stem} {job.table}"
        return self.stem if self.system_id or job.fmt not in packs.PACK_FORMATS else (
            f"{self.stem} summary pack")

    def _written(self, path: Path | None) -> None:
        self.writing = None
        self.ended.emit(path)
        if path is not None:
            if self.shared_copy.isChecked():
                keep_shared_copy(self._ctx, path, self.parentWidget() or self)
            self.accept()
        elif self.current is not None:
            self._ready()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._stop_building()
        super().closeEvent(event)

    def reject(self) -> None:
        self._stop_building()
        super().reject()

    def _stop_building(self) -> None:
        self._timer.stop()
        if self.building is not None:
            self.building.cancel()


def _today() -> datetime:
    return datetime.now(UTC)
