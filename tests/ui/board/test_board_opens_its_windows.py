"""The board opened in the main window opens the windows it asks for: suggestions, one
presenter view per window (asked again, the same one comes back), and linking a theme to a
recurring theme."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from app.ui.views.board.board_view import BoardView
from app.ui.views.board.link_theme import LinkThemeDialog
from app.ui.views.board.presenter import PresenterWindow
from app.ui.views.board.suggestions_dialog import SuggestionsDialog
from tests.ui.board.conftest import themes_of


def _open(window, session_id, qtbot) -> BoardView:
    window.select(session_id)
    window.open_board()
    qtbot.waitUntil(lambda: isinstance(window.page, BoardView))
    return window.page


def _shown(kind):
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]


def test_the_board_opens_suggestions_presenter_and_link(sample_session, window, qtbot):
    page = _open(window, sample_session.id, qtbot)
    page.suggest_action.trigger()
    qtbot.waitUntil(lambda: len(_shown(SuggestionsDialog)) == 1)
    _shown(SuggestionsDialog)[0].close()
    qtbot.waitUntil(lambda: _shown(SuggestionsDialog) == [])

    page.present_action.trigger()
    qtbot.waitUntil(lambda: len(_shown(PresenterWindow)) == 1)
    first = _shown(PresenterWindow)[0]
    assert first.session_id == sample_session.id
    first.close()
    page.present_action.trigger()
    qtbot.waitUntil(lambda: _shown(PresenterWindow) == [first])  # the same window again

    theme = themes_of(page)[0]
    page.canvas.focus_card(theme.id)
    qtbot.waitUntil(lambda: page.target().current_theme() == theme.id)
    page.board_actions.link.trigger()
    qtbot.waitUntil(lambda: len(_shown(LinkThemeDialog)) == 1)
    _shown(LinkThemeDialog)[0].close()
    first.close()
