"""Fixtures for the coverage and who-was-heard tabs: a learning system with two sessions,
notes in three of its four focus areas, a theme, and invited people with invented names.

`ctx`, `window` and `refusals` come from tests/ui/conftest.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

import pytest

from app.models import LearningSystem, NoteKind, Session
from app.services import capture
from app.services.planning import focus_areas, participants, sessions
from app.services.sensemaking import themes
from app.ui.views.system.system_view import SystemView
from tests.ui.session_helpers import delete_now, show_active

# Invented people: none of these may ever be shown on the two tabs.
PEOPLE = (("Ailsa Example", "housing", "Island Homes", "Harris", True),
          ("Ruaridh Test", "housing", "Island Homes", "Lewis", True),
          ("Morag Sample", "hscp", "Western Isles HSCP", "Lewis", False),
          ("Calum Placeholder", "third-sector", "Uist Carers", "", True))


@dataclass
class Filled:
    system: LearningSystem
    first: Session
    second: Session
    areas: dict[str, str]  # slug -> id
    people: dict[str, str]  # name -> participant id
    theme_id: str


@pytest.fixture
def filled(store, system, session) -> Filled:
    """Workshop 1: four notes (two spoken by Ailsa, one by a role, one by nobody), a theme on
    community-led; Workshop 2: one note. Published learning has no notes: no evidence."""
    areas = {a.slug: a.id for a in focus_areas.list_focus_areas(store, system.id)}
    later, _ = sessions.create_session(store, system.id, "Workshop 2: housing and homelessness",
                                       datetime(2026, 12, 15, 10, 0).astimezone())
    people = {}
    for name, sector, organisation, locality, came in PEOPLE:
        joined, _ = participants.add_to_session(store, session.id, name, sector=sector,
                                                organisation=organisation, locality=locality)
        participants.update_invitation(store, joined.invitation.id, attended=came)
        people[name] = joined.participant.id
    ailsa = people["Ailsa Example"]
    a, _ = capture.add_note(store, session.id, "Ferries decide who comes", speaker=ailsa,
                            tags=["community-led"], kind=NoteKind.BARRIER)
    b, _ = capture.add_note(store, session.id, "Trust comes first", speaker=ailsa,
                            tags=["community-led", "emerging-needs"], kind=NoteKind.ENABLER)
    capture.add_note(store, session.id, "Waiting lists hide need", speaker="Housing officer",
                     tags=["emerging-needs"], kind=NoteKind.INEQUALITY)
    capture.add_note(store, session.id, "Nobody said this one", tags=["community-led"])
    capture.add_note(store, later.id, "Planning came late", tags=["strategic-planning"])
    made, _ = themes.create_theme(store, session.id, "Getting there", [a.id, b.id],
                                  focus_area_ids=[areas["community-led"]])
    return Filled(system, session, later, areas, people, made.theme.id)


@pytest.fixture
def view(ctx, filled, qtbot) -> Iterator[SystemView]:
    made = show_active(qtbot, SystemView(ctx, filled.system.id), (1200, 760))
    yield made
    delete_now(made)


def open_tab(view: SystemView, label: str):
    """Open the tab called `label` and return its page (made on first opening)."""
    index = next(i for i in range(view.tabs.count()) if view.tabs.tabText(i) == label)
    view.tabs.setCurrentIndex(index)
    return view.tab_page(index)
