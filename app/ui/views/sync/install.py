"""Sync in the main window: in the File menu Sync now (F9), Sync conflicts…, Sync log… and
Shared folder…; a Sync toolbar button; the status bar's sync part; and the runner behind them.
(A menu of its own would need an Alt+letter that the pages do not already use: none is left.)

F9 is also the capture view's clock key: while a page that uses F9 is shown, Sync now gives the
key way (two window-wide owners of one key would make Qt run neither).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QWidget

from app.models import Changes
from app.models.sync import Keep
from app.ui.actions import make_action
from app.ui.icons import set_icon
from app.ui.views.sync.conflicts_view import ConflictsView
from app.ui.views.sync.log_view import SyncLogView
from app.ui.views.sync.runner import SyncRunner
from app.ui.views.sync.status_part import SyncStatusPart

SYNC_KEY = QKeySequence("F9")


@dataclass
class SyncParts:
    """What `install_sync` added to a main window."""

    window: Any  # the MainWindow (not imported: it imports this)
    runner: SyncRunner
    status: SyncStatusPart
    sync_now: QAction
    conflicts: QAction
    log: QAction
    settings: QAction
    conflicts_view: ConflictsView | None = None
    log_view: SyncLogView | None = None

    def open_conflicts(self) -> ConflictsView:
        """Show the conflicts view (one per window), filled from the store."""
        if self.conflicts_view is None or not shiboken6.isValid(self.conflicts_view):
            self.conflicts_view = ConflictsView(self.resolve, self.window)
            self.conflicts_view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        _bring_forward(self.conflicts_view)
        self.reload_conflicts()
        self.conflicts_view.list.setFocus()
        return self.conflicts_view

    def reload_conflicts(self, *_: object) -> None:
        view = self.conflicts_view
        if view is None or not shiboken6.isValid(view) or not view.isVisible():
            return
        from app.services import sync

        found = self.window.ctx.attempt(view, lambda: sync.conflicts(self.window.ctx.store))
        if found is not None:
            view.show_conflicts(found)

    def resolve(self, conflict_id: str, keep: Keep, edited: str | None) -> bool:
        """Resolve one conflict through the service; its changes go out on the bus."""
        from app.services import sync

        ctx = self.window.ctx
        parent = self.conflicts_view or self.window
        changes = ctx.attempt(parent, lambda: sync.resolve_conflict(ctx.store, conflict_id,
                                                                     keep, edited))
        if changes is None:
            return False
        if isinstance(changes, Changes) and changes:
            ctx.bus.changed.emit(changes)
        ctx.bus.status.emit({"mine": "Kept this laptop's version.",
                             "theirs": "Kept the other laptop's version.",
                             "both": "Kept both versions." if edited is None else
                             "Kept the text you wrote."}[keep])
        self.runner.refresh_status()
        return True

    def open_log(self) -> SyncLogView:
        """Show the sync log (one per window), newest first."""
        if self.log_view is None or not shiboken6.isValid(self.log_view):
            self.log_view = SyncLogView(self.window)
            self.log_view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        _bring_forward(self.log_view)
        self.reload_log()
        self.log_view.list.setFocus()
        return self.log_view

    def reload_log(self, *_: object) -> None:
        view = self.log_view
        if view is None or not shiboken6.isValid(view) or not view.isVisible():
            return
        from app.services import sync

        found = self.window.ctx.attempt(view, lambda: sync.sync_log(self.window.ctx.store))
        if found is not None:
            view.show_entries(found)

    def open_settings(self) -> None:
        """Preferences, at its Sync page."""
        from app.ui.dialogs.preferences import PreferencesDialog

        dialog = PreferencesDialog(self.window.ctx, self.window)
        dialog.tabs.setCurrentWidget(dialog.sync)
        dialog.exec()

    def follow_page(self, *_: object) -> None:
        """Sync now's F9 gives way to a shown page that has F9 of its own (the capture clock)."""
        page = self.window.stack.currentWidget()
        taken = page is not None and any(SYNC_KEY in action.shortcuts()
                                         for action in page.findChildren(QAction))
        self.sync_now.setShortcut(QKeySequence() if taken else SYNC_KEY)


def _bring_forward(view: QWidget) -> None:
    view.show()
    view.raise_()
    view.activateWindow()


def install_sync(window: QMainWindow) -> SyncParts:
    """Add sync to `window` (a MainWindow with `ctx`, `stack`, `toolbar`, `actions`)."""
    ctx = window.ctx  # type: ignore[attr-defined]
    runner = SyncRunner(ctx, window)
    sync_now = make_action(window, "S&ync now", "Sync with the other laptops through the "
                           "shared folder now", keys=("F9",))
    set_icon(sync_now, "sync")
    conflicts = make_action(window, "Sync &conflicts…", "Edits made at the same time on two "
                            "laptops, kept for you to choose")
    set_icon(conflicts, "conflict")
    log = make_action(window, "Sync lo&g…", "What each sync round sent, received and set aside")
    set_icon(log, "sync-log")
    settings = make_action(window, "Shared &folder…", "Choose the shared folder, this laptop's "
                           "name and how often to sync")
    set_icon(settings, "folder")
    for action in (sync_now, conflicts, log, settings):
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)

    file_menu = window.menuBar().actions()[0].menu()
    preferences = window.actions.preferences  # type: ignore[attr-defined]
    file_menu.insertActions(preferences, [sync_now, conflicts, log, settings])
    file_menu.insertSeparator(preferences)
    toolbar = window.toolbar  # type: ignore[attr-defined]
    toolbar.addSeparator()
    toolbar.addAction(sync_now)
    button = toolbar.widgetForAction(sync_now)
    button.setAccessibleName("Sync now")
    sync_now.setIconText("Sync")  # short on the toolbar; the menu says "Sync now"

    status = SyncStatusPart(window)
    window.statusBar().addPermanentWidget(status)
    parts = SyncParts(window, runner, status, sync_now, conflicts, log, settings)
    sync_now.triggered.connect(lambda: runner.sync_now(asked=True))
    conflicts.triggered.connect(parts.open_conflicts)
    log.triggered.connect(parts.open_log)
    settings.triggered.connect(parts.open_settings)
    status.conflicts_requested.connect(parts.open_conflicts)
    status.log_requested.connect(parts.open_log)
    runner.state_changed.connect(status.show_state)
    runner.round_finished.connect(parts.reload_conflicts)
    runner.round_finished.connect(parts.reload_log)
    runner.round_failed.connect(parts.reload_log)
    ctx.bus.changed.connect(parts.reload_conflicts)
    stack = window.stack  # type: ignore[attr-defined]
    stack.currentChanged.connect(parts.follow_page)
    parts.follow_page()
    return parts

