"""Fixtures for the Actions and Evidence tabs: a learning system with two sessions and their
themes (two share a title, as a theme that recurs does), each tab shown as the active window.

`ctx`, `refusals` and `window` come from tests/ui/conftest.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

import pytest

from app.services.planning.sessions import create_session
from app.services.sensemaking import themes
from app.ui.views.system.actions_tab import ActionsTab
from app.ui.views.system.evidence_tab import EvidenceTab
from tests.ui.session_helpers import delete_now, show_active


@dataclass(frozen=True)
class Themes:
    """Theme ids by a short name, and the two sessions they belong to."""

    first_session: str
    second_session: str
    transport: str  # first session
    trust: str  # first session
    digital: str  # second session
    trust_again: str  # second session, the same title as `trust`


@pytest.fixture
def themed(store, system) -> Themes:
    first, _ = create_session(store, system.id, "Sensemaking workshop 1: winter",
                              datetime(2026, 11, 3, 10, 0).astimezone())
    second, _ = create_session(store, system.id, "Sensemaking workshop 2: digital",
                               datetime(2026, 12, 1, 10, 0).astimezone())

    def theme(session_id: str, title: str) -> str:
        return themes.create_theme(store, session_id, title)[0].theme.id

    return Themes(first.id, second.id,
                  theme(first.id, "Community transport decides who can come"),
                  theme(first.id, "Trusting relationships"),
                  theme(second.id, "Digital enhanced rather than replaced support"),
                  theme(second.id, "Trusting relationships"))


@pytest.fixture
def actions_tab(ctx, system, themed, qtbot) -> Iterator[ActionsTab]:
    made = show_active(qtbot, ActionsTab(ctx, system.id))
    yield made
    delete_now(made)


@pytest.fixture
def evidence_tab(ctx, system, themed, qtbot) -> Iterator[EvidenceTab]:
    made = show_active(qtbot, EvidenceTab(ctx, system.id))
    yield made
    delete_now(made)

