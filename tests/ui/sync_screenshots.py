"""Screenshots of sync: two laptops (two data folders, two main windows) sharing one folder,
side by side on a 1366x768 screen, at 100% and 200% text.

    QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python \
        tests/ui/sync_screenshots.py OUTDIR

The laptop "Orkney office" loads the sample and syncs from its window; "Skye van" syncs and
receives it; both then edit the same note and sync, so "Skye van" holds a conflict. Saved:
the two windows side by side, a status bar after its round, the conflicts view with the
conflict selected and its editor, the sync log, and the Preferences dialog at its Sync page.
"""

from __future__ import annotations

import sys
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.ui.session_screenshots import _offscreen_laptop_screen  # noqa: E402

_offscreen_laptop_screen()

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtGui import QPainter, QPixmap, QUndoStack  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from app.models import Preferences  # noqa: E402
from app.services import capture, demo  # noqa: E402
from app.services.capture.note_query import list_notes  # noqa: E402
from app.services.planning import sessions  # noqa: E402
from app.store.engine import open_store  # noqa: E402
from app.ui.context import AppContext, ChangeBus  # noqa: E402
from app.ui.style import apply_preferences  # noqa: E402
from tests.ui.session_screenshots import run, save  # noqa: E402

SCREEN = (1366, 768)


def wait(app: QApplication, done, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not done() and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)


def laptop(app: QApplication, folder: Path, name: str, shared: Path, prefs: Preferences):
    from app.ui.main_window import MainWindow

    data = folder / name
    data.mkdir(parents=True)
    store = open_store(data, author=f"Facilitator at {name}", device_name=name)
    mine = prefs.model_copy(update={"device_name": name, "shared_folder": str(shared)})
    ctx = AppContext(store, mine, data / "preferences.json", QUndoStack(), ChangeBus())
    window = MainWindow(ctx, settings=QSettings(str(data / "settings.ini"),
                                                QSettings.Format.IniFormat))
    return ctx, window


def sync(app: QApplication, window) -> None:
    """A round from the window (Sync now), then until the status bar shows it."""
    runner = window.sync.runner
    wait(app, lambda: not runner.running)
    runner.sync_now(asked=True)
    wait(app, lambda: not runner.running)
    wait(app, lambda: runner._status_task is None, 5)


def side_by_side(windows: list[QWidget], out: Path, name: str, scale: int) -> None:
    QApplication.processEvents()
    room = windows[0].screen().availableGeometry()
    canvas = QPixmap(room.width(), room.height())
    canvas.fill(windows[0].palette().window().color())
    painter = QPainter(canvas)
    for window in windows:
        painter.drawPixmap(window.x() - room.x(), window.y() - room.y(), window.grab())
    painter.end()
    canvas.save(str(out / f"{name}-{scale}.png"))


def shoot(app: QApplication, folder: Path, out: Path, scale: int) -> None:
    from app.ui.dialogs.preferences import PreferencesDialog
    from app.ui.views.sync.conflict_editor import ConflictEditor

    prefs = Preferences(text_scale=scale, sync_every_minutes=10)
    apply_preferences(app, prefs)
    root = folder / f"run-{scale}"
    shared = root / "Shared drive"
    shared.mkdir(parents=True)
    orkney_ctx, orkney = laptop(app, root, "Orkney office", shared, prefs)
    skye_ctx, skye = laptop(app, root, "Skye van", shared, prefs)
    room = orkney.screen().availableGeometry()
    half = room.width() // 2
    for n, window in enumerate((orkney, skye)):
        window.setGeometry(room.x() + n * half, room.y() + 30, half, room.height() - 60)
        window.show()
    system, changes = demo.load_demo(orkney_ctx.store, now=datetime(2026, 12, 1, 9, 0)
                                     .astimezone())
    orkney_ctx.announce(changes)
    sync(app, orkney)
    sync(app, skye)
    session = next(s for s in sessions.list_sessions(skye_ctx.store, system.id)
                   if list_notes(skye_ctx.store, s.id))
    note = list_notes(skye_ctx.store, session.id)[0]
    capture.edit_note(orkney_ctx.store, note.id,
                      text="The last bus leaves Kirkwall at six, so evening groups lose "
                           "people from the outer isles.")
    capture.edit_note(skye_ctx.store, note.id,
                      text="No bus after six: volunteer drivers fill the gap, but only "
                           "on weekdays.")
    sync(app, orkney)
    sync(app, skye)
    capture.add_note(skye_ctx.store, session.id, "Written after the round: waiting to be sent")
    skye.sync.runner.refresh_status()
    wait(app, lambda: skye.sync.runner._status_task is None, 5)
    for window in (orkney, skye):
        window.select(session.id)
    side_by_side([orkney, skye], out, "sync-two-laptops", scale)
    skye.statusBar().grab().save(str(out / f"sync-status-bar-{scale}.png"))
    skye.setGeometry(room.x(), room.y() + 30, room.width(), room.height() - 60)
    QApplication.processEvents()
    save(skye, out, "sync-window", scale)

    view = skye.sync.open_conflicts()
    save(view, out, "sync-conflicts", scale)
    editor = ConflictEditor(view.selected(), view)
    editor.show()
    save(editor, out, "sync-conflict-edit", scale)
    editor.reject()
    view.close()
    log = skye.sync.open_log()
    save(log, out, "sync-log", scale)
    log.close()
    dialog = PreferencesDialog(skye_ctx, skye)
    dialog.tabs.setCurrentWidget(dialog.sync)
    dialog.show()
    wait(app, lambda: dialog.sync.info is not None, 10)
    save(dialog, out, "sync-preferences", scale)
    dialog.reject()
    for ctx, window in ((orkney_ctx, orkney), (skye_ctx, skye)):
        window.close()
        ctx.tasks.shutdown()
        ctx.undo_stack.clear()
        ctx.store.close()


if __name__ == "__main__":
    sys.exit(run(sys.argv, __doc__ or "", shoot, "sync-*.png"))
