"""The windows the theme board opens for suggestions and for presenting, for the fit check
(tests/ui/fit_check.py): the suggestions dialog with suggestions shown, the same dialog with
nothing to suggest, and the presenter view in normal and high contrast."""

from __future__ import annotations

import time

NAMES = ("board-suggestions", "board-suggestions-empty", "board-presenter",
         "board-presenter-high-contrast")


def _ready(fit, dialog):  # noqa: ANN001, ANN202
    """The dialog once its suggestions have been computed (within a deadline)."""
    deadline = time.monotonic() + 10
    while not dialog.ready and time.monotonic() < deadline:
        fit.app.processEvents()
        time.sleep(0.01)
    return dialog


def check_windows(fit) -> None:  # noqa: ANN001
    from PySide6.QtCore import QSettings

    from app.services.planning import sessions
    from app.services.sensemaking import theme_query, themes
    from app.ui.views.board.presenter import PresenterWindow
    from app.ui.views.board.suggestions_dialog import SuggestionsDialog

    found = sessions.list_sessions(fit.ctx.store, fit.system_id)
    workshop = max(found, key=lambda s: len(theme_query.list_themes(fit.ctx.store, s.id)))
    # Two of its themes back in the tray, so that there is something to suggest.
    for theme in theme_query.list_themes(fit.ctx.store, workshop.id)[3:]:
        themes.delete_theme(fit.ctx.store, theme.id)
    empty = min(found, key=lambda s: len(theme_query.list_themes(fit.ctx.store, s.id)))
    fit.dialog("board-suggestions",
               lambda: _ready(fit, SuggestionsDialog(fit.ctx, workshop.id, fit.window)))
    fit.dialog("board-suggestions-empty",
               lambda: _ready(fit, SuggestionsDialog(fit.ctx, empty.id, fit.window)))
    settings = QSettings(str(fit.work / "presenter.ini"), QSettings.Format.IniFormat)
    fit.dialog("board-presenter",
               lambda: PresenterWindow(fit.ctx, workshop.id, fit.window, settings=settings))

    def high_contrast() -> PresenterWindow:
        window = PresenterWindow(fit.ctx, workshop.id, fit.window, settings=settings)
        window.set_high_contrast(True)
        return window

    fit.dialog("board-presenter-high-contrast", high_contrast)
