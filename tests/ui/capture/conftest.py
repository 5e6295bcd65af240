"""Fixtures for the capture screens: a session with an agenda and participants, a fake clock,
and the capture view on the real store.

Every test module in this folder has them.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

import pytest
from PySide6.QtCore import QSettings

from app.models import AgendaItem, Participant
from app.services.planning import agenda, participants
from app.ui.views.capture.capture_view import CaptureView
from tests.ui.capture_helpers import close_view, open_view

SESSION_STARTS = datetime(2026, 12, 8, 10, 0)


class FakeClock:
    """Wall-clock seconds that move only when a test says so."""

    def __init__(self, start: float) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock() -> FakeClock:
    # An hour before the session: the plan puts no block at "now" until the clock chooses one.
    return FakeClock(SESSION_STARTS.astimezone().timestamp() - 3600)


@pytest.fixture
def blocks(store, session) -> list[AgendaItem]:
    return [agenda.add_item(store, session.id, title, minutes)[0] for title, minutes in (
        ("Welcome and check-in", 10), ("What worked", 20), ("What got in the way", 30))]


@pytest.fixture
def people(store, session) -> list[Participant]:
    return [participants.add_to_session(store, session.id, name)[0].participant
            for name in ("Iona Fictional", "Ruairi Madeup")]


@pytest.fixture
def settings(tmp_path) -> QSettings:
    return QSettings(str(tmp_path / "capture.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def view(ctx, session, blocks, people, clock, settings, qtbot) -> Iterator[CaptureView]:
    made = open_view(ctx, session.id, clock, settings, qtbot)
    yield made
    close_view(qtbot, made)
