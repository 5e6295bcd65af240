"""Opens the presenter view where Qt's offscreen platform has two screens, a laptop and a
projector, chooses the projector and goes full screen; prints what happened as JSON.

    python tests/ui/board_windows/two_screens.py

Run in a process of its own by test_presenter_screens.py: the screens are set once, when the
application starts.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))
SCREENS = [{"name": "laptop", "x": 0, "y": 0, "width": 1366, "height": 768},
           {"name": "projector", "x": 1366, "y": 0, "width": 1920, "height": 1080}]


def main() -> dict:
    folder = Path(tempfile.mkdtemp(prefix="cairn-screens-"))
    config = folder / "screens.json"
    config.write_text(json.dumps({"screens": [
        {**s, "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1} for s in SCREENS]}))
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"
    from PySide6.QtCore import QSettings
    from PySide6.QtGui import QUndoStack
    from PySide6.QtWidgets import QApplication

    from app.models import Preferences
    from app.services.planning import systems
    from app.services.planning.sessions import create_session
    from app.store.engine import open_store
    from app.ui.context import AppContext, ChangeBus
    from app.ui.views.board.presenter import PresenterWindow

    app = QApplication(sys.argv[:1])
    store = open_store(folder / "store", author="Morven Tait")
    system, _ = systems.create_system(store, "Island learning system")
    session, _ = create_session(store, system.id, "Workshop",
                                datetime(2026, 12, 8, 10).astimezone())
    ctx = AppContext(store, Preferences(), folder / "preferences.json", QUndoStack(),
                     ChangeBus())
    settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    window = PresenterWindow(ctx, session.id, settings=settings)
    window.show()
    app.processEvents()
    seen = {"choices": [window.screens.itemText(i) for i in range(window.screens.count())],
            "choice_shown": window.screens.isVisible(), "opened_on": window.screen().name()}
    window.screens.setCurrentIndex(1)
    window.screens.activated.emit(1)  # as chosen by a person
    window.toggle_full_screen()
    app.processEvents()
    geometry = window.geometry()
    seen |= {"full_screen": window.isFullScreen(), "full_on": window.screen().name(),
             "full_geometry": [geometry.x(), geometry.y(), geometry.width(), geometry.height()]}
    window.escape()
    app.processEvents()
    seen |= {"left_full_screen": not window.isFullScreen(), "still_open": window.isVisible()}
    again = PresenterWindow(ctx, session.id, settings=settings)
    seen["remembered"] = again.chosen_screen().name()
    ctx.tasks.shutdown()
    store.close()
    return seen


if __name__ == "__main__":
    print(json.dumps(main()))
    sys.stdout.flush()
    os._exit(0)  # the application's objects go with the process
