"""The sync runner: one per main window. It runs sync rounds on the task manager (typing never
waits), one at a time: when asked (Sync now, Join), every `sync_every_minutes`, and when the
shared folder comes back (a cheap look every WATCH_MS at whether the folder is there).

What a round received goes out on `ctx.bus.changed`, so open views refresh. A round that would
delete a large share of some records asks first (Yes runs it again, allowed to). A shared folder
that cannot be reached is "Offline" in the status bar; only a round the person asked for also
says so in a dialog. The status (last sync, changes to send, conflicts) is read on a worker
too, after every round and after local changes, never by polling the store.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from app.models import CairnError, Changes
from app.models.errors import NeedsConfirmation, SharedFolderUnavailable
from app.models.sync import SyncRound, SyncStatus
from app.ui.context import AppContext, show_refusal
from app.ui.tasks import Progress, Task
from app.ui.views.sync.wording import SyncState, round_sentence

WATCH_MS = 20_000  # how often to look whether an unreachable shared folder is back
FIRST_LOOK_MS = 2_000  # after start, or a new folder: the first look, then a round if it is there
STATUS_DELAY_MS = 1_500  # local edits in a burst re-read the status once, after the last
MINUTE_MS = 60_000
ROUND_LABEL = "Syncing with the shared folder"
NO_FOLDER = ("Choose a shared folder first (File > Preferences, Sync), then sync with the "
             "other laptops.")


class SyncRunner(QObject):
    """Runs and times sync rounds for one store, and keeps the status bar's `SyncState`."""

    state_changed = Signal(object)  # SyncState
    round_finished = Signal(object)  # SyncRound, after its changes went out on the bus
    round_failed = Signal(str)  # the sentence saying why a round did nothing
    round_started = Signal(object)  # the Task running it

    def __init__(self, ctx: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncRunner")
        self.ctx = ctx
        self.state = SyncState()
        self.task: Task | None = None
        self._status_task: Task | None = None
        self._watch_task: Task | None = None
        self._was_there: bool | None = None  # the folder at the last look or round; None: unknown
        self._following: Path | None = None  # the folder the timers were set for
        self._every = QTimer(self)
        self._every.timeout.connect(lambda: self.sync_now(asked=False))
        self._watch = QTimer(self)
        self._watch.timeout.connect(self.look_for_folder)
        self._status_later = QTimer(self)
        self._status_later.setSingleShot(True)
        self._status_later.setInterval(STATUS_DELAY_MS)
        self._status_later.timeout.connect(self.refresh_status)
        ctx.bus.preferences_changed.connect(self._preferences_changed)
        ctx.bus.changed.connect(self._local_changes)
        self._preferences_changed()

    # --- what it syncs with ----------------------------------------------------------------

    def folder(self) -> Path | None:
        """The shared folder chosen in the preferences, or None when this laptop does not sync."""
        chosen = self.ctx.prefs.shared_folder.strip()
        return Path(chosen) if chosen else None

    def _preferences_changed(self, *_: object) -> None:
        """Follow the shared folder and the interval; other preferences (a new text size)
        leave the timers as they run."""
        folder, every = self.folder(), self.ctx.prefs.sync_every_minutes * MINUTE_MS
        if folder is None or every <= 0:
            self._every.stop()
        elif not self._every.isActive() or self._every.interval() != every:
            self._every.start(every)
        if folder == self._following and self._following is not None:
            return
        self._following = folder
        if folder is not None:
            self._was_there = None  # a round at the first look that finds it there
            self._watch.start(WATCH_MS)
            QTimer.singleShot(FIRST_LOOK_MS, self, self.look_for_folder)
        else:
            self._watch.stop()
            self._set(offline=False)
        self.refresh_status()

    def _local_changes(self, changes: Changes) -> None:
        if changes and self.folder() is not None and self.task is None:
            self._status_later.start()  # "3 changes to send"

    # --- rounds ----------------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self.task is not None

    def sync_now(self, *, asked: bool = True, allow_mass_delete: bool = False,
                 parent: QWidget | None = None) -> Task | None:
        """Start a round unless one runs (then that one is returned). `asked`: the person
        asked for it, so an unreachable folder is also told in a dialog."""
        if self.task is not None:
            if asked:
                self.ctx.bus.status.emit("A sync round is already running.")
            return self.task
        if self.ctx.tasks.closed:  # the app is closing
            return None
        folder = self.folder()
        if folder is None:
            if asked:
                show_refusal(self._parent_widget(parent), NO_FOLDER)
            return None
        store, device_name = self.ctx.store, self.ctx.prefs.device_name

        def work(progress: Progress) -> SyncRound:
            from app.services import sync

            def report(done: int, total: int, text: str) -> None:
                progress.report(done, total, text)

            return sync.run_round(store, folder, device_name=device_name,
                                  allow_mass_delete=allow_mass_delete, progress=report)

        # A round asked for shows its progress in the status bar; a timed one stays quiet
        # (the sync part says "Syncing…").
        task = self.ctx.tasks.run(
            work, lambda result: self._finished(task, result, asked, parent),
            lambda error: self._failed(task, error, asked, parent),
            label=ROUND_LABEL if asked else "", owner=self)
        self.task = task
        self.ctx.tasks.progressed.connect(self._progressed)
        self._set(running=True, progress="")
        self.round_started.emit(task)
        return task

    def _progressed(self, task: Task) -> None:
        if task is self.task:
            self._set(progress=task.progress.state()[2])

    def _ended(self, task: Task) -> bool:
        if task is not self.task:
            return False
        self.task = None
        self.ctx.tasks.progressed.disconnect(self._progressed)
        return True

    def _finished(self, task: Task, result: SyncRound, asked: bool,
                  parent: QWidget | None) -> None:
        if not self._ended(task):
            return
        if result.changes:
            self.ctx.bus.changed.emit(result.changes)
        self._was_there = True
        self._set(running=False, offline=False, progress="")
        if result.needs_confirmation:
            self._confirm(result.needs_confirmation, parent)
        else:
            self.ctx.bus.status.emit(round_sentence(result))
        self.round_finished.emit(result)
        self.refresh_status()

    def _failed(self, task: Task, error: BaseException, asked: bool,
                parent: QWidget | None) -> None:
        if not self._ended(task):
            return
        offline = isinstance(error, SharedFolderUnavailable)
        if offline:
            self._was_there = False
        self._set(running=False, offline=offline or self.state.offline, progress="")
        self.refresh_status()
        if isinstance(error, NeedsConfirmation):
            self._confirm(str(error), parent)
            return
        if not isinstance(error, CairnError):
            self.ctx.tasks.handle_error(error, self._parent_widget(parent))
            return
        sentence = str(error)
        self.round_failed.emit(sentence)
        if offline and not asked:
            self.ctx.bus.status.emit("Offline: the shared folder cannot be reached; Cairn "
                                     "syncs when it is back.")
            return
        self.ctx.bus.alert.emit(sentence)
        if asked:
            show_refusal(self._parent_widget(parent), sentence)

    def _confirm(self, question: str, parent: QWidget | None) -> None:
        """The round stopped before deleting many records: ask, and run it again if allowed."""
        box = QMessageBox(QMessageBox.Icon.Question, "Sync", question,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                          self._parent_widget(parent))
        box.setInformativeText("Yes applies the deletions made on the other laptops. No leaves "
                               "everything here as it is; Cairn asks again next round.")
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.setAccessibleName("Sync asks before deleting")
        if box.exec() == QMessageBox.StandardButton.Yes:
            self.sync_now(asked=True, allow_mass_delete=True, parent=parent)
        else:
            self.ctx.bus.status.emit("Sync stopped before deleting: nothing was changed.")

    def _parent_widget(self, parent: QWidget | None) -> QWidget | None:
        if parent is not None:
            return parent
        owner = self.parent()
        return owner if isinstance(owner, QWidget) else None

    # --- watching the folder and the status ------------------------------------------------

    def look_for_folder(self) -> None:
        """Look (on a worker: a network drive can take seconds to answer) whether the shared
        folder is there; when it is back after being unreachable (or at the first look), sync.
        Its "Cairn sync" folder must be there once this laptop has synced: an unplugged drive
        often leaves an empty folder behind."""
        folder = self.folder()
        if folder is None or self._watch_task is not None or self.task is not None \
                or self.ctx.tasks.closed:  # the app is closing: a timer's last tick
            return
        store = self.ctx.store

        def look(_: Progress) -> tuple[SyncStatus, bool]:
            from app.services import sync

            status = sync.sync_status(store, folder)
            return status, status.reachable or (status.last_sync_at is None
                                                and folder.is_dir())

        def seen(task: Task, status: SyncStatus | None, there: bool) -> None:
            if task is not self._watch_task:
                return
            self._watch_task = None
            was, self._was_there = self._was_there, there
            if status is not None and self.task is None:
                self._set(status=status)
            if there and was is not True:
                self.sync_now(asked=False)
            elif not there and not self.state.offline:
                self._set(offline=True)
                self.ctx.bus.status.emit("Offline: the shared folder cannot be reached; Cairn "
                                         "syncs when it is back.")

        task = self.ctx.tasks.run(look, lambda found: seen(task, *found),
                                  lambda _error: seen(task, None, False), owner=self)
        self._watch_task = task

    def refresh_status(self) -> None:
        """Read the status (last sync, changes to send, conflicts) on a worker; nothing to read
        while this laptop does not sync."""
        if self.folder() is None:
            self._set(status=None)
            return
        if self.ctx.tasks.closed:  # the app is closing
            return
        if self._status_task is not None:
            self._status_later.start()  # once the one being read is in
            return
        store, folder = self.ctx.store, self.folder()

        def read(_: Progress) -> SyncStatus:
            from app.services import sync

            return sync.sync_status(store, folder)

        def got(task: Task, status: SyncStatus) -> None:
            if task is self._status_task:
                self._status_task = None
                self._set(status=status)

        def failed(task: Task, error: BaseException) -> None:
            if task is self._status_task:
                self._status_task = None
            if not isinstance(error, CairnError):
                self.ctx.tasks.handle_error(error, self._parent_widget(None))

        task = self.ctx.tasks.run(read, lambda status: got(task, status),
                                  lambda error: failed(task, error), owner=self)
        self._status_task = task

    def _set(self, **changes: Any) -> None:
        state = SyncState(**{**self.state.__dict__, **changes})
        if state != self.state:
            self.state = state
            self.state_changed.emit(state)
