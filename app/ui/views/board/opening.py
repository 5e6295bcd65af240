"""Opening a session's theme board in the main window, in place of the session's page."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.ui.item_models.navigator import ID_ROLE, KIND_ROLE
from app.ui.style import name_scroll_parts
from app.ui.views.board.board_view import BoardView

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow


def open_board(window: MainWindow) -> BoardView | None:
    """Show the selected session's board (or focus it when it is shown already)."""
    current = window.navigator.currentIndex()
    if not current.isValid() or current.data(KIND_ROLE) != "session":
        window.ctx.bus.alert.emit("Choose a session first, then open its theme board.")
        return None
    if isinstance(window.page, BoardView):
        window.page.focus_view()
        return window.page
    page = BoardView(window.ctx, current.data(ID_ROLE), window)
    page.back_requested.connect(window._back_from_capture)
    name_scroll_parts(page)
    window._replace_page(page, current.data(ID_ROLE))
    page.focus_view()
    return page
