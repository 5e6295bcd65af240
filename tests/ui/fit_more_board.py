"""The theme board's windows for the fit check (tests/ui/fit_check.py): the board and its
outline in the main window, and the board's dialogs, on the sample session with most themes."""

from __future__ import annotations

from typing import Any

NAMES = ("board", "outline", "board-move-to", "board-merge", "board-title", "board-synthesis",
         "board-focus-areas", "board-votes")


def check_windows(fit: Any) -> None:
    from app.services.planning import sessions
    from app.services.sensemaking import theme_query, themes
    from app.ui.views.board.board_dialogs import (
        FocusAreasDialog,
        TextDialog,
        ThemePicker,
        VotesDialog,
    )

    store, window = fit.ctx.store, fit.window
    session = max(sessions.list_sessions(store, fit.system_id),
                  key=lambda s: len(theme_query.list_themes(store, s.id)))
    window.select(session.id)
    window.open_board()
    page = window.page
    page.show_view(0)
    page.filters.toggle.setChecked(True)  # the filters shown: the most the page can hold
    fit.check("board", window)
    page.show_view(1)
    fit.check("outline", window)
    page.show_view(0)
    model = page.model
    choices = [(t, model.themes[t].title) for t in model.board]
    first = model.themes[model.board[0]]
    fit.dialog("board-move-to", lambda: ThemePicker(
        "Move to theme", "Move 3 notes to which theme? Type to find it.", choices, window,
        with_tray=True))
    fit.dialog("board-merge", lambda: ThemePicker(
        "Merge themes", f"Merge which theme into “{first.title}”? Type to find it.",
        choices[1:], window, ok="Next"))
    fit.dialog("board-title", lambda: TextDialog("Rename theme", "&Title:", first.title,
                                                 window, ok="Rename"))
    fit.dialog("board-synthesis", lambda: TextDialog(
        "Synthesis", f"&Synthesis of “{first.title}”:", first.synthesis, window, lines=4))
    areas = sorted(model.labels.areas.values(), key=lambda a: (a.key or 99, a.name))
    suggested = {a.id: n for a, n in themes.suggest_focus_areas(store, first.id)}
    fit.dialog("board-focus-areas", lambda: FocusAreasDialog(
        first.title, areas, set(first.focus_area_ids), suggested, window))
    fit.dialog("board-votes", lambda: VotesDialog(first.title, first.votes, window))
    page.back_requested.emit(session.id)
