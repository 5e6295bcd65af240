"""Fixtures for the recurring themes screens: three finished sessions of one learning system a
week apart, each with a ferry theme (as many notes and votes as its number) and a second
theme, on the real store."""

from __future__ import annotations

from datetime import datetime

import pytest

from app.services import capture
from app.services.planning import sessions
from app.services.sensemaking import themes, votes

FERRY_NOTES = ("The ferry timetable cut people off from the clinic",
               "Ferry crossings cancelled in winter storms",
               "The ferry changed times and nobody told the islands")


@pytest.fixture
def workshops(store, system) -> dict[int, dict[str, str]]:
    made: dict[int, dict[str, str]] = {}
    for n in (2, 3, 1):  # made out of date order on purpose
        session, _ = sessions.create_session(store, system.id, f"Workshop {n}",
                                             datetime(2026, 11, 7 * n, 10).astimezone())
        notes = [capture.add_note(store, session.id, text)[0].id for text in FERRY_NOTES[:n]]
        ferry, _ = themes.create_theme(store, session.id, f"Ferry timetables {n}", notes)
        helper = capture.add_note(store, session.id, "Volunteers knocked on every door")[0]
        other, _ = themes.create_theme(store, session.id, "Street volunteers", [helper.id])
        assert ferry.theme and other.theme
        votes.add_votes(store, ferry.theme.id, n)
        made[n] = {"session": session.id, "ferry": ferry.theme.id, "other": other.theme.id}
    return made
