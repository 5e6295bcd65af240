"""The learning system's "Recurring themes" tab, "Find recurring themes…" and the dialog that
links a session's theme to other sessions, in the fit check (tests/ui/fit_check.py): each
opened over the loaded sample on the 1366x768 laptop screen."""

from __future__ import annotations

from typing import Any

NAMES = ("system-recurring", "recurring-find", "recurring-link-theme")


def open_tab(window: Any, system_id: str) -> Any:
    """The learning system's "Recurring themes" page, opened in the main window."""
    window.select(system_id)
    view = window.page
    index = next(i for i in range(view.tabs.count())
                 if view.tabs.tabText(i) == "Recurring themes")
    view.tabs.setCurrentIndex(index)
    return view.tab_page(index)


def check_windows(fit: Any) -> None:
    from app.services.planning.sessions import list_sessions
    from app.services.sensemaking.theme_query import list_themes
    from app.ui.views.board.link_theme import LinkThemeDialog
    from app.ui.views.system.recurring_find import FindRecurringDialog

    window, ctx, system_id = fit.window, fit.ctx, fit.system_id
    page = open_tab(window, system_id)
    view = window.page
    page.table.setCurrentIndex(page.timeline.index(0, 0))
    fit.check("system-recurring", window)
    fit.dialog("recurring-find", lambda: FindRecurringDialog(ctx, system_id, window))
    theme = next(t for s in list_sessions(ctx.store, system_id)
                 for t in list_themes(ctx.store, s.id))
    fit.dialog("recurring-link-theme", lambda: LinkThemeDialog(ctx, theme.id, window))
    view.tabs.setCurrentIndex(0)
