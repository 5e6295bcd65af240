"""The session's calendar invitation, parsed back with icalendar."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar

from app.documents.calendar_invite import describe, session_ics
from app.models import AgendaItem, CairnError, InvalidInput, Session
from app.models.enums import SessionFormat
from app.services.core.files import write_atomically

STARTS = datetime(2026, 12, 8, 10, 0).astimezone()


def make_session(**fields: object) -> Session:
    values: dict[str, object] = {
        "id": "0190aaaa-bbbb-7ccc-8ddd-eeeeffff0001", "system_id": "sys",
        "title": "Winter sensemaking workshop", "starts": STARTS, "minutes": 90,
        "format": SessionFormat.ONLINE, "platform": "Microsoft Teams",
        "join_link": "https://meet.example.org/join/abc123",
        "purpose": "Agree three themes to take to the learning network.",
    }
    return Session(**{**values, **fields})


AGENDA = [
    AgendaItem(id="a2", session_id="s", position=2, title="Dot voting", minutes=20),
    AgendaItem(id="a0", session_id="s", position=0, title="Welcome, check-in; intros", minutes=10),
    AgendaItem(id="a1", session_id="s", position=1, title="Breakouts", minutes=30),
]


def parse(data: bytes) -> tuple[Calendar, object]:
    cal = Calendar.from_ical(data)
    events = list(cal.walk("VEVENT"))
    assert len(events) == 1
    return cal, events[0]


def test_one_event_with_utc_times_uid_and_publish_method() -> None:
    before = datetime.now(UTC).replace(microsecond=0)
    data = session_ics(make_session(), AGENDA)
    cal, event = parse(data)
    assert str(cal["method"]) == "PUBLISH" and str(cal["version"]) == "2.0"
    assert "PRODID" in cal
    assert str(event["uid"]) == "0190aaaa-bbbb-7ccc-8ddd-eeeeffff0001@cairn"
    starts, ends = event.decoded("dtstart"), event.decoded("dtend")
    assert starts == STARTS and ends - starts == timedelta(minutes=90)
    assert starts.utcoffset() == timedelta(0)
    assert b"DTSTART:" in data and b"Z\r\n" in data  # written as UTC, no TZID needed
    assert event.decoded("dtstamp") >= before
    assert int(event["sequence"]) == 0
    assert str(event["summary"]) == "Winter sensemaking workshop"
    assert str(event["location"]) == "https://meet.example.org/join/abc123"
    assert str(event["url"]) == "https://meet.example.org/join/abc123"
    assert "ORGANIZER" not in event
    assert data.endswith(b"END:VCALENDAR\r\n")


def test_description_has_purpose_link_and_agenda_with_clock_times() -> None:
    _, event = parse(session_ics(make_session(), AGENDA))
    text = str(event["description"])
    assert text.startswith("Agree three themes to take to the learning network.")
    assert "Join online (Microsoft Teams): https://meet.example.org/join/abc123" in text
    assert "10:00–10:10  Welcome, check-in; intros (10 min)" in text  # commas survive escaping
    assert "10:10–10:40  Breakouts (30 min)" in text
    assert "10:40–11:00  Dot voting (20 min)" in text
    assert text.index("Welcome") < text.index("Breakouts") < text.index("Dot voting")


def test_organiser_and_sequence() -> None:
    data = session_ics(make_session(), [], organiser_name="Ada Placeholder",
                       organiser_email="ada@example.org", sequence=3)
    _, event = parse(data)
    assert str(event["organizer"]) == "mailto:ada@example.org"
    assert event["organizer"].params["CN"] == "Ada Placeholder"
    assert int(event["sequence"]) == 3
    with pytest.raises(InvalidInput, match="not an email address"):
        session_ics(make_session(), [], organiser_email="ada@")
    with pytest.raises(InvalidInput, match="cannot be negative"):
        session_ics(make_session(), [], sequence=-1)


def test_in_person_sessions_show_the_room_and_hybrid_shows_both() -> None:
    room = "Room 2, Example Community Hub, Testtown"
    _, event = parse(session_ics(make_session(format=SessionFormat.IN_PERSON, join_link="",
                                              location=room), []))
    assert str(event["location"]) == room and "URL" not in event
    hybrid = make_session(format=SessionFormat.HYBRID, location=room)
    _, event = parse(session_ics(hybrid, []))
    assert str(event["location"]) == "https://meet.example.org/join/abc123"
    assert f"In person: {room}" in str(event["description"])


def test_a_bare_session_still_makes_a_valid_invitation() -> None:
    bare = make_session(join_link="", purpose="", platform="")
    _, event = parse(session_ics(bare, []))
    assert "LOCATION" not in event and "URL" not in event
    assert describe(bare, []) == ""


def test_the_same_session_keeps_the_same_uid() -> None:
    _, first = parse(session_ics(make_session(), AGENDA))
    _, moved = parse(session_ics(make_session(starts=STARTS + timedelta(days=1)), AGENDA, sequence=1))
    assert first["uid"] == moved["uid"]
    assert moved.decoded("dtstart") - first.decoded("dtstart") == timedelta(days=1)


def write_session_ics(session: Session, agenda: list[AgendaItem], out: Path) -> Path:
    """Render, then save as the planning service does (atomically)."""
    return write_atomically(out, session_ics(session, agenda), what="invitation")


def test_write_session_ics_replaces_the_file_whole(tmp_path: Path) -> None:
    out = tmp_path / "invite.ics"
    out.write_text("old")
    assert write_session_ics(make_session(), AGENDA, out) == out
    assert out.read_bytes().startswith(b"BEGIN:VCALENDAR")
    assert list(tmp_path.iterdir()) == [out]
    assert os.name != "posix" or out.stat().st_mode & 0o044 == 0o044  # others may read it
    with pytest.raises(CairnError, match="cannot be saved"):
        write_session_ics(make_session(), AGENDA, tmp_path / "missing" / "invite.ics")


@pytest.fixture
def london_clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    if not hasattr(time, "tzset"):
        pytest.skip("needs time.tzset")
    monkeypatch.setenv("TZ", "Europe/London")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.usefixtures("london_clock")
def test_agenda_times_are_local_and_say_which_zone() -> None:
    summer = make_session(starts=datetime(2026, 6, 9, 8, 30, tzinfo=UTC), minutes=60)
    text = describe(summer, AGENDA[1:2])
    assert "Agenda (BST):\n09:30–09:40  Welcome, check-in; intros (10 min)" in text
    _, event = parse(session_ics(summer, AGENDA))
    assert event.decoded("dtstart") == datetime(2026, 6, 9, 8, 30, tzinfo=UTC)
