"""A calendar invitation (.ics) for one session, to attach to the invitation email.

Pure: takes domain models and returns bytes. Only the classic `icalendar` API is used, so
any icalendar from 5.0 on will do.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from icalendar import Calendar, Event, vCalAddress, vText

from app.models.base import utcnow
from app.models.enums import SessionFormat
from app.models.errors import InvalidInput
from app.models.people import EMAIL_RE
from app.models.planning import AgendaItem, Session, schedule

PRODID = "-//Cairn//Cairn session invitation//EN"


def session_ics(
    session: Session,
    agenda: Sequence[AgendaItem],
    *,
    organiser_name: str = "",
    organiser_email: str = "",
    sequence: int = 0,
) -> bytes:
    """One VEVENT, in UTC, whose UID stays the same for the session so a re-sent invite updates it.

    Raise `sequence` each time a changed session is sent again: calendars keep the highest.
    """
    organiser_email = organiser_email.strip()
    if organiser_email and not EMAIL_RE.match(organiser_email):
        raise InvalidInput(f"'{organiser_email}' is not an email address.")
    if sequence < 0:
        raise InvalidInput("The invitation's sequence number cannot be negative.")

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")

    event = Event()
    event.add("uid", f"{session.id}@cairn")
    event.add("dtstamp", utcnow())
    event.add("dtstart", session.starts.astimezone(UTC))
    event.add("dtend", session.ends.astimezone(UTC))
    event.add("sequence", sequence)
    event.add("summary", session.title)
    event.add("status", "CONFIRMED")
    where = _where(session)
    if where:
        event.add("location", where)
    link = session.join_link.strip()
    if link:
        event.add("url", link)
    event.add("description", describe(session, agenda))
    if organiser_email:
        organiser = vCalAddress(f"mailto:{organiser_email}")
        if organiser_name.strip():
            organiser.params["cn"] = vText(organiser_name.strip())
        event.add("organizer", organiser, encode=False)
    cal.add_component(event)
    return cal.to_ical()


def describe(session: Session, agenda: Sequence[AgendaItem]) -> str:
    """The event's plain-text body: purpose, how to join, and the agenda against the clock."""
    parts: list[str] = []
    if session.purpose.strip():
        parts.append(session.purpose.strip())
    join = []
    if session.join_link.strip():
        via = f" ({session.platform.strip()})" if session.platform.strip() else ""
        join.append(f"Join online{via}: {session.join_link.strip()}")
    if session.location.strip() and session.format is not SessionFormat.ONLINE:
        join.append(f"In person: {session.location.strip()}")
    if join:
        parts.append("\n".join(join))
    plan = schedule(session, tuple(agenda))
    if plan.items:
        lines = [f"Agenda ({_zone_name(session.starts.astimezone())}):"]
        for laid in plan.items:
            starts, ends = laid.starts.astimezone(), laid.ends.astimezone()
            lines.append(f"{starts:%H:%M}–{ends:%H:%M}  {laid.item.title} ({laid.item.minutes} min)")
        parts.append("\n".join(lines))
    return "\n\n".join(parts)


def _where(session: Session) -> str:
    """What a calendar shows as the place: the room for in-person sessions, else the join link."""
    link, room = session.join_link.strip(), session.location.strip()
    if session.format is SessionFormat.IN_PERSON:
        return room or link
    return link or room


def _zone_name(moment: datetime) -> str:
    """'GMT' or 'BST' where the system gives a short name; else an offset such as 'UTC+01:00'."""
    name = moment.tzname() or ""
    if name and len(name) <= 5 and name.isalpha():
        return name
    offset = moment.utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset is not None else 0
    sign = "+" if minutes >= 0 else "-"
    return f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
