"""Fixtures for the session screens: a session planned from the 90-minute template, its view.

Every test module in this folder has them; `ctx` and
`refusals` come from tests/ui/conftest.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

import pytest
from PySide6.QtWidgets import QApplication

from app.models import Session
from app.services import templates
from app.ui.views.session.session_view import SessionView
from tests.ui.session_helpers import delete_now

SENSEMAKING = "builtin-sensemaking-90"
STARTS = datetime(2026, 12, 8, 10, 0)


@pytest.fixture
def planned(store, system) -> Session:
    """'Winter pressures' at 10:00 on 8 December: 90 minutes, eight blocks, ends on time."""
    session, _ = templates.plan_from_template(store, system.id, SENSEMAKING, "Winter pressures",
                                              STARTS.astimezone())
    return session


@pytest.fixture
def view(ctx, planned, qtbot) -> Iterator[SessionView]:
    made = SessionView(ctx, planned.id)
    qtbot.addWidget(made)
    made.resize(1280, 800)
    made.show()
    made.activateWindow()
    # Keys and shortcuts reach a widget only once its window is active.
    qtbot.waitUntil(lambda: QApplication.activeWindow() is made)
    yield made
    delete_now(made)
