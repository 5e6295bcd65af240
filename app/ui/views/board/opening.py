"""Opening a session's theme board in the main window, in place of the session's page, and the
windows the board asks for: suggestions, the presenter view and linking a recurring theme."""

from __future__ import annotations

from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from app.ui.item_models.navigator import ID_ROLE, KIND_ROLE
from app.ui.style import name_scroll_parts
from app.ui.views.board.board_view import BoardView

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow
    from app.ui.views.board.presenter import PresenterWindow


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
    page.suggest_requested.connect(lambda: _open_dialog(_suggestions(page)))
    page.present_requested.connect(lambda: show_presenter(window, page.session_id))
    page.link_theme_requested.connect(lambda theme_id: _open_dialog(_link(page, theme_id)))
    name_scroll_parts(page)
    window._replace_page(page, current.data(ID_ROLE))
    page.focus_view()
    return page


def show_presenter(window: MainWindow, session_id: str) -> PresenterWindow:
    """The session's presenter view, shown and raised: one per main window, so asking again
    brings back the same window (on the screen chosen for it) rather than a second one."""
    from app.ui.views.board.presenter import PresenterWindow

    shown = window.presenter
    if shown is None or not shiboken6.isValid(shown) or shown.session_id != session_id:
        if shown is not None and shiboken6.isValid(shown):
            shown.close()
            shown.deleteLater()
        shown = PresenterWindow(window.ctx, session_id, window)
        window.presenter = shown
    shown.show()
    shown.raise_()
    shown.activateWindow()
    return shown


def _suggestions(page: BoardView) -> QDialog:
    from app.ui.views.board.suggestions_dialog import SuggestionsDialog

    return SuggestionsDialog(page.ctx, page.session_id, page)


def _link(page: BoardView, theme_id: str) -> QDialog:
    from app.ui.views.board.link_theme import LinkThemeDialog

    return LinkThemeDialog(page.ctx, theme_id, page)


def _open_dialog(dialog: QDialog) -> QDialog:
    """Open a window-modal dialog that goes when closed (asked for again, a new one is made)."""
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
