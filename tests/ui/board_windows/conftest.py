"""Fixtures for the windows the theme board opens: a session whose tray holds notes alike in
threes and twos, people who spoke, and a way to open either window on the real store."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from app.models import NoteDraft
from app.services.capture import notes
from app.services.planning import participants
from app.services.sensemaking import theme_query

# Three groups of alike notes and two loners: three suggestions, two notes in none.
TRAY = (
    ("Ferry timetables cut people off from the mainland", "Isla Munro"),
    ("The ferry timetable changed and nobody told the islands", "Harbour master"),
    ("Volunteers knew the door of each house in the street", "Calum Mackay"),
    ("Street volunteers checked on every door", None),
    ("Small grants were decided in a phone call", "Isla Munro"),
    ("Small grants came through a phone call, fast", "Harbour master"),
    ("Tablets were lent with a buddy", None),
    ("The weather was kind", None),
)
PEOPLE = (("Isla Munro", "isla.munro@example.org", "Sutherland Care Partnership"),
          ("Calum Mackay", "calum.mackay@example.org", "Assynt Foodbank"))


@pytest.fixture
def people(ctx, session) -> list[str]:
    for name, email, organisation in PEOPLE:
        participants.add_to_session(ctx.store, session.id, name, email=email,
                                    organisation=organisation)
    return [name for name, _, _ in PEOPLE]


@pytest.fixture
def tray(ctx, session, people) -> dict[str, str]:
    """The tray's notes: text -> id."""
    made, _ = notes.add_notes(ctx.store, session.id,
                              [NoteDraft(text=text, speaker=speaker) for text, speaker in TRAY])
    return {n.text: n.id for n in made}


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


def themes_of(ctx, session_id: str) -> dict[str, set[str]]:
    """The session's themes in the store: title -> its notes."""
    return {t.title: set(t.note_ids) for t in theme_query.list_themes(ctx.store, session_id)}


def activate(qtbot, window) -> None:
    """Show `window` and wait until keys reach it."""
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
