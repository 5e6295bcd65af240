"""Screenshots of the main window, welcome, preferences and about, at 100% and 200% text.

    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/ui/screenshots.py OUTDIR

Builds a throwaway store (the sample learning system when `app.services.demo` is there),
opens the main window as a first run sizes it (`first-window-100.png`), then at 1366x768 (or
the screen, when smaller: QT_SCALE_FACTOR=2), and saves PNGs named like `main-system-200.png`,
`main-session-200.png`, plus the main window in the dark and high-contrast themes.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
SIZE = (1366, 768)


def _offscreen_laptop_screen() -> None:
    """Qt's offscreen screen is 800x600; make it the 1366x768 laptop the shots are about."""
    if os.environ.get("QT_QPA_PLATFORM", "offscreen") != "offscreen":
        return
    config = Path(tempfile.gettempdir()) / "cairn-main-screenshot-screen.json"
    config.write_text(json.dumps({"screens": [{
        "name": "laptop", "x": 0, "y": 0, "width": SIZE[0], "height": SIZE[1],
        "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}), encoding="utf-8")
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"


def _fill(store) -> str:
    """The sample learning system, or a small one made through the services; its id."""
    try:
        from app.services import demo
    except ImportError:
        from app.services.planning import systems
        from app.services.planning.sessions import create_session

        system, _ = systems.create_system(store, "Island learning system",
                                          purpose="Learn together across the islands")
        start = datetime.now().astimezone().replace(hour=10, minute=0, second=0, microsecond=0)
        for days, title in ((-14, "Sensemaking workshop 1"), (14, "Sensemaking workshop 2")):
            create_session(store, system.id, title, start + timedelta(days=days))
        return system.id
    started = time.perf_counter()
    system, _ = demo.load_demo(store)
    print(f"sample loaded in {time.perf_counter() - started:.2f} s")
    return system.id


def main(out: Path) -> None:
    _offscreen_laptop_screen()
    from PySide6.QtCore import QSettings, QStandardPaths
    from PySide6.QtGui import QUndoStack
    from PySide6.QtWidgets import QApplication, QWidget

    from app.models import Preferences, ThemeChoice
    from app.store.engine import open_store
    from app.ui.context import AppContext, ChangeBus
    from app.ui.dialogs.about import AboutDialog
    from app.ui.dialogs.preferences import PreferencesDialog
    from app.ui.item_models.navigator import ID_ROLE
    from app.ui.main_window import MainWindow
    from app.ui.style import apply_preferences

    app = QApplication([sys.argv[0]])
    QStandardPaths.setTestModeEnabled(True)  # never touch the real window settings
    QSettings("Cairn", "Cairn").clear()
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="cairn-shots-"))

    def laptop_size(window: QWidget) -> None:
        """1366x768, or the screen's available area where that is smaller (QT_SCALE_FACTOR=2)."""
        room = window.screen().availableGeometry()
        window.resize(min(SIZE[0], room.width()), min(SIZE[1], room.height()))

    def shoot(widget: QWidget, name: str) -> None:
        widget.show()
        for _ in range(10):  # let deferred layout (dock sizing, text fitting) settle
            app.processEvents()
            time.sleep(0.02)
        widget.grab().save(str(out / f"{name}.png"))
        print(out / f"{name}.png")

    for scale in (100, 200):
        folder = work / f"store-{scale}"
        store = open_store(folder, author="Sample Facilitator")
        prefs = Preferences(text_scale=scale)
        ctx = AppContext(store, prefs, folder / "preferences.json", QUndoStack(), ChangeBus())
        apply_preferences(app, prefs)

        QSettings("Cairn", "Cairn").clear()  # each shot as on a first run
        window = MainWindow(ctx)
        shoot(window, f"first-window-{scale}")  # as sized on a first run, to the screen
        laptop_size(window)
        shoot(window, f"welcome-{scale}")
        system_id = _fill(store)
        window.close()
        window.deleteLater()

        QSettings("Cairn", "Cairn").clear()
        window = MainWindow(ctx)
        laptop_size(window)
        window.select(system_id)
        shoot(window, f"main-system-{scale}")
        page = window.page
        if hasattr(page, "focus_areas"):
            page.focus_areas.table.setFocus()
            page.focus_areas.table.setCurrentIndex(page.focus_areas.model.index(1, 1))
            page.scroll.verticalScrollBar().setValue(page.focus_areas.y())
            shoot(window, f"main-system-focus-{scale}")
            page.scroll.verticalScrollBar().setValue(page.scroll.verticalScrollBar().maximum())
            shoot(window, f"main-system-end-{scale}")
            page.scroll.verticalScrollBar().setValue(0)

        sessions = window.navigator_model.index_of(system_id)
        if window.navigator_model.rowCount(sessions):
            window.select(window.navigator_model.index(0, 0, sessions).data(ID_ROLE))
            shoot(window, f"main-session-{scale}")
            window.select(system_id)
        dialog = PreferencesDialog(ctx, window)
        shoot(dialog, f"preferences-{scale}")
        dialog.reject()
        about = AboutDialog(window, data_folder=str(folder))
        shoot(about, f"about-{scale}")
        about.close()

        if scale == 100:
            for theme in (ThemeChoice.DARK, ThemeChoice.HIGH_CONTRAST):
                apply_preferences(app, prefs.model_copy(update={"theme": theme}))
                shoot(window, f"main-system-{theme.value}")
            apply_preferences(app, prefs)
        window.close()
        store.close()


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(Path(sys.argv[1]))
