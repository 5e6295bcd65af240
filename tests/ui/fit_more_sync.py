"""The sync windows in the fit check (tests/ui/fit_check.py): the main window with its status
bar's sync part showing changes to send and conflicts, the conflicts view with one selected,
its editor, the sync log, and the Preferences dialog at its Sync page, on the 1366x768 laptop
screen."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

NAMES = ("sync-status", "sync-conflicts", "sync-conflict-edit", "sync-log", "sync-preferences")
NOW = datetime(2026, 12, 1, 15, 30, tzinfo=UTC)


def conflicts() -> list[Any]:
    from app.models.sync import Conflict

    texts = (("Buses stop at six, so evening groups lose the people from the glens.",
              "The last bus leaves at 18:00; after that it is a taxi at £40 or nothing."),
             ("Volunteer drivers", "Volunteer drivers and the community car scheme"),
             ("Link workers are the glue between the GP and the community hall.",
              "(deleted on this laptop)"))
    return [Conflict(id=f"c{n}", entity=("note", "theme", "note")[n], entity_id=f"r{n}",
                     field=(("text", "title", None)[n]), kind="deleted" if n == 2 else "edit",
                     label=(f'Note "{mine[:28]}…"' if n != 1 else f'Theme "{mine}"'),
                     mine=mine, theirs=theirs,
                     their_device=("Orkney office", "Skye van", "Lochaber hub")[n],
                     detected_at=NOW - timedelta(minutes=7 * n))
            for n, (mine, theirs) in enumerate(texts)]


def log_entries() -> list[Any]:
    from app.models.sync import SyncLogEntry

    lines = (("round", "Synced with the shared folder: sent 12 changes, received 42."),
             ("received", "Received 42 notes from the laptop “Orkney office”."),
             ("conflict", "2 concurrent edits were kept side by side for you to choose."),
             ("set_aside", "A change file from “Skye van” was damaged; it was set aside and is "
                           "tried again next round."),
             ("sent", "Sent 12 changes to the shared folder."))
    return [SyncLogEntry(at=NOW - timedelta(minutes=n * 3), kind=kind, text=text)
            for n, (kind, text) in enumerate(lines * 6)]


def check_windows(fit: Any) -> None:
    from app.models.sync import SyncStatus
    from app.ui.dialogs.preferences import PreferencesDialog
    from app.ui.views.sync.conflict_editor import ConflictEditor
    from app.ui.views.sync.conflicts_view import ConflictsView
    from app.ui.views.sync.log_view import SyncLogView
    from app.ui.views.sync.wording import SyncState

    status = SyncStatus(device_id="d1", device_name="Lewis laptop", shared_folder=str(fit.work),
                        reachable=True, last_sync_at=datetime.now(UTC) - timedelta(minutes=2),
                        pending_changes=17, open_conflicts=3)
    fit.window.sync.status.show_state(SyncState(status))
    fit.check("sync-status", fit.window)

    def conflicts_view() -> Any:
        view = ConflictsView(lambda *_: False, fit.window)
        view.show_conflicts(conflicts())
        return view

    fit.dialog("sync-conflicts", conflicts_view)
    fit.dialog("sync-conflict-edit", lambda: ConflictEditor(conflicts()[0], fit.window))

    def log_view() -> Any:
        view = SyncLogView(fit.window)
        view.show_entries(log_entries())
        return view

    fit.dialog("sync-log", log_view)

    def preferences() -> Any:
        dialog = PreferencesDialog(fit.ctx, fit.window)
        dialog.tabs.setCurrentWidget(dialog.sync)
        dialog.sync.folder.setText(str(fit.work / "shared drive"))
        return dialog

    fit.dialog("sync-preferences", preferences)
