"""Screenshots of the theme suggestions dialog and the presenter view, at 100% and 200% text.

    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/ui/board_window_screenshots.py OUTDIR

Loads the sample into a throwaway store and takes its first workshop. All but two of its
themes are deleted, so their notes go back to the tray and there is something to suggest.
Saves the suggestions dialog (one suggestion chosen, one with an edited title), the dialog
saying nothing in a tray is alike enough, and the presenter view in normal and high contrast,
then in larger type paged down, as PNG files named like `presenter-high-contrast-200.png`.
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
from app.services.sensemaking import theme_query, themes  # noqa: E402
from app.store.engine import Store, open_store  # noqa: E402
from app.ui.context import AppContext, ChangeBus  # noqa: E402
from app.ui.style import apply_preferences  # noqa: E402
from tests.ui import session_screenshots as shots  # noqa: E402  (sizes the offscreen screen)


def sample_workshop(folder: Path) -> tuple[Store, str, str]:
    """The sample's first workshop with all but two themes deleted (their notes back in the
    tray); and a session whose tray holds no notes alike enough to suggest a theme."""
    store = open_store(folder, author="Morven Tait")
    system, _ = demo.load_demo(store, now=datetime(2026, 12, 1, 9, 0).astimezone())
    found = sessions.list_sessions(store, system.id)
    workshop = next(s for s in found if "workshop 1" in s.title)
    for theme in theme_query.list_themes(store, workshop.id)[2:]:
        themes.delete_theme(store, theme.id)
    housing = next(s for s in found if "housing" in s.title)
    return store, workshop.id, housing.id


def wait_ready(app: QApplication, dialog) -> None:  # noqa: ANN001
    while not dialog.ready:
        app.processEvents()


def shoot(app: QApplication, folder: Path, out: Path, scale: int) -> None:
    from app.ui.views.board.presenter import PresenterWindow
    from app.ui.views.board.suggestions_dialog import SuggestionsDialog

    prefs = Preferences(text_scale=scale)
    apply_preferences(app, prefs)
    store, session_id, unlike_id = sample_workshop(folder / f"store-{scale}")
    ctx = AppContext(store, prefs, folder / "preferences.json", QUndoStack(), ChangeBus())
    owner = QWidget()
    owner.resize(*shots.SIZE)
    dialog = SuggestionsDialog(ctx, session_id, owner)
    dialog.show()
    wait_ready(app, dialog)
    shots.save(dialog, out, "suggestions", scale)
    dialog.list.setCurrentRow(1)
    dialog.title_edit.setFocus()
    dialog.title_edit.selectAll()
    from PySide6.QtTest import QTest

    QTest.keyClicks(dialog.title_edit, "Relationships built before the crisis")
    shots.save(dialog, out, "suggestions-edited-title", scale)
    dialog.close()
    nothing = SuggestionsDialog(ctx, unlike_id, owner)
    nothing.show()
    wait_ready(app, nothing)
    shots.save(nothing, out, "suggestions-nothing-alike", scale)
    nothing.close()

    settings = QSettings(str(folder / f"settings-{scale}.ini"), QSettings.Format.IniFormat)
    presenter = PresenterWindow(ctx, session_id, owner, settings=settings)
    presenter.show()
    presenter.activateWindow()
    presenter.area.setFocus()  # the focus drawn around the themes
    shots.save(presenter, out, "presenter", scale)
    presenter.set_high_contrast(True)
    shots.save(presenter, out, "presenter-high-contrast", scale)
    presenter.set_high_contrast(False)
    presenter.close()
    # A session with more themes than fit, in larger type, paged down once.
    busy = next(s for s in sessions.list_sessions(store, store_system(store))
                if "workshop 2" in s.title)
    presenter = PresenterWindow(ctx, busy.id, owner, settings=settings)
    presenter.set_zoom(130)
    presenter.show()
    app.processEvents()
    presenter.pager.page_down()
    app.processEvents()
    shots.save(presenter, out, "presenter-paged", scale)
    presenter.set_high_contrast(True)
    shots.save(presenter, out, "presenter-paged-high-contrast", scale)
    presenter.close()
    ctx.tasks.shutdown()
    shots.close_all(ctx, owner, store)


def store_system(store: Store) -> str:
    from app.services.planning import systems

    return systems.list_systems(store)[0].id


if __name__ == "__main__":
    sys.exit(shots.run(sys.argv, __doc__ or "", shoot))
