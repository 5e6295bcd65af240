"""Screenshots of the recurring themes of a learning system at 1366x768, 100% and 200% text.

    QT_QPA_PLATFORM=xcb xvfb-run -a python tests/ui/recurring_screenshots.py OUTDIR

Loads the sample into a throwaway store, then saves the "Recurring themes" tab (the theme seen
in most sessions selected, its timeline drawn and as a table), "Find recurring themes…" and the
dialog that links a session's theme to other sessions, as PNG files named like
`recurring-tab-200.png`.
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
from app.services.planning.sessions import list_sessions  # noqa: E402
from app.services.sensemaking import recurring  # noqa: E402
from app.services.sensemaking.recurring_query import list_recurring  # noqa: E402
from app.services.sensemaking.theme_query import list_themes  # noqa: E402
from app.store.engine import open_store  # noqa: E402
from app.ui.context import AppContext, ChangeBus  # noqa: E402
from app.ui.style import apply_preferences  # noqa: E402
from tests.ui.fit_more_recurring import open_tab  # noqa: E402
from tests.ui.session_screenshots import SIZE, close_all, dialog_shot, run, save  # noqa: E402


def settled(app: QApplication, widget) -> None:
    """Let deferred layouts (wrapping button rows, the table fitted to its rows) finish."""
    from tests.ui.fit_check import settle

    settle(app, widget)


def shoot(app: QApplication, folder: Path, out: Path, scale: int) -> None:
    from app.ui.main_window import MainWindow
    from app.ui.views.board.link_theme import LinkThemeDialog
    from app.ui.views.system.recurring_find import FindRecurringDialog

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
    page = open_tab(window, system.id)
    page.table.setCurrentIndex(page.timeline.index(1, 0))
    settled(app, window)
    save(window, out, "recurring-tab", scale)
    page.list.setCurrentIndex(page.model.index(page.model.rowCount() - 1, 0))
    settled(app, window)
    save(window, out, "recurring-tab-two-sessions", scale)
    # Unlinked, the sample's pairs are what "Find recurring themes…" suggests.
    for item in list_recurring(store, system.id)[1:]:
        recurring.delete_recurring(store, item.id)
    dialog_shot(FindRecurringDialog(ctx, system.id, window), out, "recurring-find", scale)
    session = max((s for s in demo.sample_content().sessions if s.themes),
                  key=lambda s: len(s.themes))
    sessions = {s.title: s.id for s in list_sessions(store, system.id)}
    theme = list_themes(store, sessions[session.title])[0]
    made = LinkThemeDialog(ctx, theme.id, window)
    made.search.setText("")
    dialog_shot(made, out, "recurring-link-theme", scale)
    close_all(ctx, window, store)


if __name__ == "__main__":
    sys.exit(run(sys.argv, __doc__ or "", shoot, "recurring-*.png"))
