"""The Sync page of the preferences: the shared folder (typed, or chosen with a folder picker)
and what it holds, this laptop's name as the other laptops see it, how often to sync, and Join:
keep the folder and run the first round at once, its progress shown here.

What the folder holds is read on a worker (a network drive may be slow to answer), a moment
after the path stops changing; reading it never creates anything there.
"""

from __future__ import annotations

import socket
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.models import Preferences
from app.models.sync import SharedFolderInfo, SyncRound
from app.ui.buttons import action_button
from app.ui.context import AppContext, show_refusal
from app.ui.dialogs.parts import hint
from app.ui.fields import add_labelled_row
from app.ui.style import follow_text_size
from app.ui.tasks import Progress, Task
from app.ui.views.sync.runner import SyncRunner
from app.ui.views.sync.wording import SyncState, round_sentence, shared_sentence

DESCRIBE_DELAY_MS = 400
INTRO = ("Laptops meet in a folder you all share: a network drive, a OneDrive, SharePoint or "
         "Google Drive folder, or a USB stick. Your work stays on this laptop; only change "
         "files go there, in a folder named “Cairn sync”.")
HOLDS_LINES = 3  # room kept for what the folder holds, so the dialog need not grow later


def find_runner(widget: QWidget) -> SyncRunner | None:
    """The sync runner of the main window `widget` belongs to, if it has one."""
    parent: QWidget | None = widget
    while parent is not None:
        found = parent.findChild(SyncRunner, "syncRunner")
        if found is not None:
            return found
        parent = parent.parentWidget()
    return None


class SyncPage(QWidget):
    """The fields the Preferences dialog saves (`chosen`), and Join, which acts at once."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._runner: SyncRunner | None = None
        self._describing: Task | None = None
        self.join_task: Task | None = None
        self.info: SharedFolderInfo | None = None
        self.folder = QLineEdit(ctx.prefs.shared_folder, self)
        self.folder.setAccessibleName("Shared folder")
        self.folder.setPlaceholderText("The folder every facilitator's laptop can reach")
        self.folder.setMaxLength(1000)
        self.browse = action_button(self, "&Browse…", "Choose the shared folder", self.choose,
                                    icon="folder")
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.browse)
        self.holds = QLabel(self)
        self.holds.setWordWrap(True)
        self.holds.setObjectName("hint")
        self.device_name = QLineEdit(ctx.prefs.device_name, self)
        self.device_name.setAccessibleName("This laptop's name")
        self.device_name.setMaxLength(120)
        self.device_name.setPlaceholderText(socket.gethostname())
        self.device_name.setToolTip("The other laptops' sync logs and conflicts name this "
                                    "laptop so")
        self.every = QSpinBox(self)
        self.every.setAccessibleName("Sync every, minutes")
        self.every.setRange(0, 1440)
        self.every.setSuffix(" min")
        self.every.setSpecialValueText("Only when I ask (F9)")
        self.every.setValue(ctx.prefs.sync_every_minutes)
        self.every.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.join = action_button(self, "&Join and sync now", "Keep this shared folder and run "
                                  "the first sync round at once", self.join_now, icon="sync")
        self.progress = QProgressBar(self)
        self.progress.setAccessibleName("Progress of the first sync")
        self.progress.hide()
        self.outcome = QLabel(self)
        self.outcome.setWordWrap(True)
        join_row = QHBoxLayout()
        join_row.addWidget(self.join)
        join_row.addWidget(self.progress, 1)
        join_row.addStretch(0)

        # Two forms around the folder's description: a wrapped label inside a form row is
        # given too little height and runs over the next row.
        where = QFormLayout()
        where.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        folder_label = add_labelled_row(where, "Shared &folder:", self.folder, folder_row)
        this = QFormLayout()
        this.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        name_label = add_labelled_row(this, "This &laptop's name:", self.device_name)
        add_labelled_row(this, "Sync &every:", self.every)
        folder_label.setMinimumWidth(name_label.sizeHint().width())  # the fields line up
        layout = QVBoxLayout(self)
        layout.addWidget(hint(INTRO, self))
        layout.addLayout(where)
        layout.addWidget(self.holds)
        layout.addLayout(this)
        layout.addLayout(join_row)
        layout.addWidget(self.outcome)
        layout.addStretch(1)

        self._later = QTimer(self)
        self._later.setSingleShot(True)
        self._later.setInterval(DESCRIBE_DELAY_MS)
        self._later.timeout.connect(self.describe)
        self.folder.textChanged.connect(lambda _: self._folder_changed())
        self._folder_changed()
        self.refit()
        follow_text_size(self)

    def refit(self) -> None:
        metrics = self.fontMetrics()
        self.setMinimumWidth(metrics.averageCharWidth() * 76)
        self.holds.setMinimumHeight(metrics.lineSpacing() * HOLDS_LINES + 4)

    # --- the fields ------------------------------------------------------------------------

    def chosen(self) -> dict[str, object]:
        """The preferences this page sets, for the dialog's `model_copy(update=...)`."""
        return {"shared_folder": self.folder.text().strip(),
                "device_name": self.device_name.text().strip(),
                "sync_every_minutes": self.every.value()}

    def choose(self) -> None:
        start = self.folder.text().strip() or str(Path.home())
        chosen = QFileDialog.getExistingDirectory(self, "Choose the shared folder", start)
        if chosen:
            self.folder.setText(str(Path(chosen)))

    def _folder_changed(self) -> None:
        self.join.setEnabled(bool(self.folder.text().strip()) and self.join_task is None)
        if self.folder.text().strip():
            self.holds.setText("Looking at what the folder holds…")
            self._later.start()
        else:
            self._later.stop()
            self.holds.setText("Not syncing: choose a folder to sync with the other laptops.")

    # --- what the folder holds -------------------------------------------------------------

    def describe(self) -> Task | None:
        """Read what the typed folder holds, on a worker; shown when it arrives."""
        typed = self.folder.text().strip()
        if not typed:
            return None
        path = Path(typed)

        def work(_: Progress) -> SharedFolderInfo:
            from app.services.sync import describe_shared

            return describe_shared(path)

        def failed(task: Task, error: BaseException) -> None:
            if task is self._describing:
                self._describing = None
                self.holds.setText(str(error) if isinstance(error, Exception) else "")

        task = self._ctx.tasks.run(work, lambda info: self.show_info(info, task),
                                   lambda error: failed(task, error), owner=self)
        self._describing = task
        return task

    def show_info(self, info: SharedFolderInfo, task: Task | None = None) -> None:
        """Show what a shared folder holds (when it is still the folder typed)."""
        if task is not None and task is not self._describing:
            return
        self._describing = None
        if Path(info.path) != Path(self.folder.text().strip() or "."):
            return
        self.info = info
        sentence = shared_sentence(info)
        self.holds.setText(sentence)
        self.holds.setAccessibleName(sentence)

    # --- Join --------------------------------------------------------------------------------

    def runner(self) -> SyncRunner:
        """The main window's runner (one round at a time), or one of this page's own."""
        if self._runner is None:
            self._runner = find_runner(self) or SyncRunner(self._ctx, self)
        return self._runner

    def join_now(self) -> Task | None:
        """Keep the folder (saved at once) and run the first round, its progress shown here."""
        folder = self.folder.text().strip()
        if not folder:
            show_refusal(self, "Type or choose the shared folder first, then join it.")
            return None
        prefs: Preferences = self._ctx.prefs.model_copy(update=self.chosen())
        try:
            self._ctx.save_preferences(prefs)
        except OSError as err:
            show_refusal(self, f"The shared folder could not be saved in your preferences "
                               f"({err.strerror or err}).")
            return None
        runner = self.runner()
        task = runner.sync_now(asked=True, parent=self.window())
        if task is None:
            return None
        self.join_task = task
        self.join.setEnabled(False)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.outcome.setText("Syncing with the shared folder…")
        runner.state_changed.connect(self._progressed)
        runner.round_finished.connect(self._joined)
        runner.round_failed.connect(self._not_joined)
        return task

    def _progressed(self, state: SyncState) -> None:
        if self.join_task is None:
            return
        done, total, text = self.join_task.progress.state()
        self.progress.setRange(0, max(total, 0))
        self.progress.setValue(min(done, total) if total > 0 else 0)
        if text or state.progress:
            self.outcome.setText(f"Syncing: {text or state.progress}")

    def _joined(self, result: SyncRound) -> None:
        self._join_ended(round_sentence(result) if not result.needs_confirmation
                         else result.needs_confirmation)

    def _not_joined(self, sentence: str) -> None:
        self._join_ended(sentence)

    def _join_ended(self, sentence: str) -> None:
        runner = self.runner()
        for signal, slot in ((runner.state_changed, self._progressed),
                             (runner.round_finished, self._joined),
                             (runner.round_failed, self._not_joined)):
            signal.disconnect(slot)
        self.join_task = None
        self.progress.hide()
        self.outcome.setText(sentence)
        self.outcome.setAccessibleName(sentence)  # the status bar has announced it
        self._folder_changed()
        self.describe()
