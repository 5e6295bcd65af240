"""Screenshots of the theme board at 1366x768, at 100% and 200% text size.

    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/ui/board_screenshots.py OUTDIR

Loads the sample into a throwaway store, opens the board of its session with the most themes,
and saves the board, the board filtered, a card's menu, the outline and the board's dialogs
as PNG files named like `board-200.png`.
"""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtGui import QUndoStack  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from app.models import Preferences  # noqa: E402
from app.services import demo  # noqa: E402
from app.services.planning import sessions  # noqa: E402
from app.services.sensemaking import theme_query  # noqa: E402
from app.store.engine import open_store  # noqa: E402
from app.ui.context import AppContext, ChangeBus  # noqa: E402
from app.ui.style import apply_preferences  # noqa: E402
from tests.ui.session_screenshots import SIZE, close_all, run, save  # noqa: E402


def settle(app: QApplication) -> None:
    for _ in range(5):
        app.processEvents()


def shoot(app: QApplication, folder: Path, out: Path, scale: int) -> None:
    from app.ui.main_window import MainWindow

    prefs = Preferences(text_scale=scale)
    apply_preferences(app, prefs)
    store = open_store(folder / f"store-{scale}", author="Morven Tait")
    system, _ = demo.load_demo(store, now=datetime(2026, 12, 1, 9, 0).astimezone())
    session = max(sessions.list_sessions(store, system.id),
                  key=lambda s: len(theme_query.list_themes(store, s.id)))
    ctx = AppContext(store, prefs, folder / "preferences.json", QUndoStack(), ChangeBus())
    settings = QSettings(str(folder / f"settings-{scale}.ini"), QSettings.Format.IniFormat)
    window = MainWindow(ctx, settings=settings)
    room = window.screen().availableGeometry()
    window.resize(min(SIZE[0], room.width()), min(SIZE[1], room.height()))
    window.show()
    window.select(session.id)
    settle(app)
    save(window, out, "board-session-page", scale)
    window.open_board()
    page = window.page
    page.show_view(0)
    settle(app)
    save(window, out, "board", scale)
    page.canvas.step("", 1, 0)  # the first theme's card, by keyboard
    settle(app)
    save(window, out, "board-card-focused", scale)
    page.filters.toggle.setChecked(True)
    page.filters.kind.setCurrentIndex(page.filters.kind.findData("barrier"))
    settle(app)
    save(window, out, "board-filtered", scale)
    page.filters.clear()
    page.filters.toggle.setChecked(False)
    page.board_actions.sort_by_votes.setChecked(True)
    settle(app)
    save(window, out, "board-by-votes", scale)
    page.board_actions.sort_by_votes.setChecked(False)
    page.show_view(1)
    settle(app)
    save(window, out, "outline", scale)
    page.show_view(0)
    first = page.model.order[0]
    page.canvas.focus_card(first)
    for name, action in (("move-to", page.board_actions.move_to), ("merge", page.board_actions.merge),
                         ("focus-areas", page.board_actions.focus_areas),
                         ("synthesis", page.board_actions.synthesis),
                         ("new-theme", page.board_actions.new_theme)):
        action.trigger()
        settle(app)
        dialog: QWidget = page.board_actions.dialog
        save(dialog, out, f"board-dialog-{name}", scale)
        dialog.close()
    close_all(ctx, window, store)


if __name__ == "__main__":
    sys.exit(run(sys.argv, __doc__ or "", shoot))
