"""A session's start date outside the sane years is refused at entry, by planning and editing
alike, with one sentence and nothing written; inside them capture works to the last year."""

from __future__ import annotations

from datetime import datetime

import pytest

from app.models import InvalidInput
from app.services import capture
from app.services.planning import sessions


def _digest(store) -> str:
    conn = store.raw()
    try:
        return "\n".join(conn.iterdump())
    finally:
        conn.close()


@pytest.mark.parametrize("text", ["9999-12-31T23:59", "1899-12-31T23:59", "2201-01-01T00:00"])
def test_planning_a_session_in_an_insane_year_is_refused(store, system, text):
    before = _digest(store)
    with pytest.raises(InvalidInput, match="between the years 1900 and 2200") as refused:
        sessions.create_session(store, system.id, "Far future", sessions.parse_starts(text))
    assert str(refused.value).count(".") == 1
    assert _digest(store) == before


def test_moving_a_session_to_an_insane_year_is_refused(store, session):
    before = _digest(store)
    with pytest.raises(InvalidInput, match="between the years 1900 and 2200"):
        sessions.update_session(store, session.id, starts=datetime(9999, 12, 31, 23, 59))
    assert _digest(store) == before
    assert sessions.get_session(store, session.id) == session


def test_a_session_in_the_last_sane_year_takes_captures(store, system):
    planned, _ = sessions.create_session(store, system.id, "Late",
                                         sessions.parse_starts("2200-12-31T22:00"), minutes=720)
    note, _ = capture.add_note(store, planned.id, "Still works")
    assert capture.current_agenda_item(store, planned.id, planned.ends) is None
    assert [n.id for n in capture.list_notes(store, planned.id)] == [note.id]
