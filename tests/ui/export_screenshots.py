"""Screenshots of the export dialog at 1366x768, at 100% and 200% text.

    QT_QPA_PLATFORM=xcb xvfb-run -a python tests/ui/export_screenshots.py OUTDIR

Loads the sample into a throwaway store, then saves the export dialog of its busiest session
(names off: the pre-flight list; names on, the list and the preview's second page), of the
learning system, with CSV chosen, the main window with the "saved" notice in its status
bar and the learning system's overview with its export button, as PNG files named like `export-preflight-200.png`.
"""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtGui import QUndoStack  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from app.models import Preferences  # noqa: E402
from app.services import demo  # noqa: E402
from app.services.capture import list_notes  # noqa: E402
from app.services.planning.sessions import list_sessions  # noqa: E402
from app.store.engine import open_store  # noqa: E402
from app.ui.context import AppContext, ChangeBus  # noqa: E402
from app.ui.style import apply_preferences  # noqa: E402
from tests.ui.fit_check import settle  # noqa: E402
from tests.ui.session_screenshots import SIZE, close_all, run, save  # noqa: E402


def wait(app: QApplication, done) -> None:  # type: ignore[no-untyped-def]
    """Process events until `done()` (the dialog's background work has come back)."""
    import time

    deadline = time.monotonic() + 60
    while not done() and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)
    if not done():
        raise SystemExit("the export dialog did not finish building in a minute")


def wait_for(app: QApplication, seconds: float) -> None:
    import time

    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


def shoot(app: QApplication, folder: Path, out: Path, scale: int) -> None:
    from app.ui.main_window import MainWindow
    from app.ui.views.export.opening import open_export

    prefs = Preferences(text_scale=scale)
    apply_preferences(app, prefs)
    store = open_store(folder / f"store-{scale}", author="Morven Tait")
    system, _ = demo.load_demo(store, now=datetime(2026, 12, 1, 9, 0).astimezone())
    ctx = AppContext(store, prefs, folder / "preferences.json", QUndoStack(), ChangeBus())
    settings = QSettings(str(folder / f"settings-{scale}.ini"), QSettings.Format.IniFormat)
    window = MainWindow(ctx, settings=settings)
    room = window.screen().availableGeometry()  # smaller than 1366x768 at QT_SCALE_FACTOR=2
    window.resize(min(SIZE[0], room.width()), min(SIZE[1], room.height()))
    window.show()
    busiest = max(list_sessions(store, system.id), key=lambda s: len(list_notes(store, s.id)))
    window.select(busiest.id)
    dialog = open_export(ctx, window, session_id=busiest.id)
    wait(app, lambda: dialog.current is not None)
    settle(app, dialog)
    save(dialog, out, "export-preflight", scale)
    dialog.options.names.setChecked(True)
    wait(app, lambda: dialog.current is not None and dialog.current.key[0].names)
    settle(app, dialog)
    save(dialog, out, "export-preflight-names", scale)
    dialog.tabs.setCurrentIndex(1)
    dialog.preview.go_to(1)
    wait(app, lambda: dialog.preview.shown == 1)
    settle(app, dialog)
    save(dialog, out, "export-preview", scale)
    dialog.options.set_fmt("csv")
    wait(app, lambda: dialog.current is not None)
    settle(app, dialog)
    save(dialog, out, "export-csv", scale)
    dialog.options.set_fmt("pdf")
    wait(app, lambda: dialog.current is not None)
    written: list[object] = []
    dialog.ended.connect(written.append)
    dialog.save(folder / f"pack-{scale}.pdf")
    wait(app, lambda: bool(written))
    settle(app, window)
    save(window, out, "export-saved", scale)
    window.select(system.id)
    settle(app, window)
    save(window, out, "export-system-page", scale)
    system_dialog = open_export(ctx, window, system_id=system.id)
    wait(app, lambda: system_dialog.current is not None)
    system_dialog.tabs.setCurrentIndex(1)
    settle(app, system_dialog)
    wait_for(app, 0.4)  # the large page is drawn again at the width it is shown at
    wait(app, lambda: system_dialog.preview.shown == 0)
    settle(app, system_dialog)
    save(system_dialog, out, "export-system-preview", scale)
    system_dialog.close()
    close_all(ctx, window, store)


if __name__ == "__main__":
    sys.exit(run(sys.argv, __doc__ or "", shoot, "export-*.png"))
