"""Fixtures for the theme board: the sample loaded into the real test store, and the board
page of its session with the most themes, shown.

Every test module in this folder has them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QWidget

from app.models import Session
from app.services import demo
from app.services.planning import sessions
from app.services.sensemaking import theme_query
from app.store.engine import Store
from app.ui.context import AppContext
from app.ui.views.board.board_view import BoardView


@pytest.fixture
def sample_session(store: Store) -> Session:
    """The sample's session with the most themes (themes with notes and votes, and a tray)."""
    system, _ = demo.load_demo(store, now=datetime(2026, 12, 1, 9, 0).astimezone())
    return max(sessions.list_sessions(store, system.id),
               key=lambda s: len(theme_query.list_themes(store, s.id)))


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def page(ctx: AppContext, sample_session: Session, settings: QSettings, qtbot,
         refusals: list[str]) -> Iterator[BoardView]:
    """The board page of the sample session, shown at a laptop's size, as cards."""
    made = BoardView(ctx, sample_session.id, settings=settings)
    qtbot.addWidget(made)
    made.resize(1366, 720)
    made.show()
    qtbot.waitExposed(made)
    made.show_view(0)
    yield made
    made.close()


def themes_of(page: BoardView) -> list:
    """The session's themes as the store has them, in board order."""
    return theme_query.list_themes(page.ctx.store, page.session_id)


def tray_of(page: BoardView) -> list[str]:
    store = page.ctx.store
    with store.read() as s:
        return theme_query.unclustered_note_ids(s, page.session_id)


def finish(page: BoardView, fill: Callable[[QWidget], None] | None = None) -> None:
    """Fill in the dialog the last action opened and accept it."""
    dialog = page.board_actions.dialog
    if fill is not None:
        fill(dialog)
    dialog.accept()  # type: ignore[attr-defined]
    QApplication.processEvents()
    # The window behind takes the keyboard back, as a window manager gives it back.
    page.activateWindow()
    QApplication.processEvents()
