"""The session model on its own: the years a session may start in, and its agenda's schedule
against the session's end (an agenda that ends exactly on time does not overrun)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from pydantic import ValidationError

from app.models import AgendaItem, Session
from app.models.planning import FIRST_YEAR, LAST_YEAR, schedule

STARTS = datetime(2026, 12, 8, 10, 0, tzinfo=UTC)


def _session(starts: datetime = STARTS, minutes: int = 60) -> Session:
    return Session(id="s1", system_id="y1", title="Workshop", starts=starts, minutes=minutes)


def _blocks(*minutes: int) -> list[AgendaItem]:
    return [AgendaItem(id=f"a{i}", session_id="s1", position=i, title=f"Block {i}", minutes=m)
            for i, m in enumerate(minutes)]


@pytest.mark.parametrize("starts", [
    datetime(9999, 12, 31, 23, 59), datetime(9999, 12, 31, 23, 59, tzinfo=UTC),
    datetime(1, 1, 1, 0, 0), datetime(1899, 12, 31, 23, 59), datetime(2201, 1, 1, 0, 0),
])
def test_a_start_outside_the_sane_years_is_refused(starts):
    with pytest.raises(ValidationError, match=f"between the years {FIRST_YEAR} and {LAST_YEAR}"):
        _session(starts)


@pytest.mark.parametrize("starts", [
    datetime(1900, 1, 1, 0, 0, tzinfo=UTC), datetime(2200, 12, 31, 10, 0, tzinfo=UTC),
])
def test_the_first_and_last_sane_years_are_accepted_and_their_end_computes(starts):
    session = _session(starts, minutes=720)
    assert session.ends == starts + timedelta(minutes=720)


def test_an_agenda_ending_exactly_at_the_session_end_does_not_overrun():
    plan = schedule(_session(minutes=60), _blocks(20, 40))
    assert [laid.ends for laid in plan.items] == [STARTS + timedelta(minutes=20),
                                                  STARTS + timedelta(minutes=60)]
    assert [laid.overruns for laid in plan.items] == [False, False]
    assert (plan.overrun_minutes, plan.warning) == (0, "")


def test_one_minute_past_the_session_end_overruns():
    plan = schedule(_session(minutes=60), _blocks(20, 41))
    assert [laid.overruns for laid in plan.items] == [False, True]
    assert plan.overrun_minutes == 1
    assert plan.warning == "The agenda runs 1 min over the session's 60 min."
