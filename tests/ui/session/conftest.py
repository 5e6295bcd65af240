"""Fixtures for the session screens: a session planned from the 90-minute template, its view.

Every test module in this folder has them; `ctx` and
`refusals` come from tests/ui/conftest.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

import pytest

from app.models import Session
from app.services.planning import templates
from app.ui.views.session.session_view import SessionView
from tests.ui.session_helpers import delete_now, show_active

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
    made = show_active(qtbot, SessionView(ctx, planned.id))
    yield made
    delete_now(made)
