"""Sessions, their timed agendas, and the templates sessions are planned from."""

from __future__ import annotations

from datetime import datetime, timedelta

from pydantic import Field, field_validator

from app.models.base import Model
from app.models.enums import SessionFormat, SessionKind, SessionStatus

MAX_SESSION_MINUTES = 12 * 60
MAX_BLOCK_MINUTES = 8 * 60
# Years a session can start in. Beyond them a date is a typing slip, and near datetime's own
# limits (year 9999) the session's end and every capture's clock arithmetic would overflow.
FIRST_YEAR = 1900
LAST_YEAR = 2200


def _aware(v: datetime) -> datetime:
    if v.tzinfo is None:
        # A time typed without a zone is the facilitator's local wall-clock time.
        return v.astimezone()
    return v


class Session(Model):
    id: str
    system_id: str
    title: str = Field(min_length=1, max_length=200)
    kind: SessionKind = SessionKind.SENSEMAKING
    starts: datetime
    minutes: int = Field(default=90, ge=5, le=MAX_SESSION_MINUTES)
    format: SessionFormat = SessionFormat.ONLINE
    platform: str = ""
    join_link: str = ""
    location: str = ""
    purpose: str = ""
    facilitators: str = ""
    status: SessionStatus = SessionStatus.PLANNED

    @field_validator("starts")
    @classmethod
    def _starts(cls, v: datetime) -> datetime:
        # Checked before the zone is attached: that conversion itself overflows near year 9999.
        if not FIRST_YEAR <= v.year <= LAST_YEAR:
            raise ValueError(f"a session must start between the years {FIRST_YEAR} and "
                             f"{LAST_YEAR}, not in {v.year}")
        return _aware(v)

    @property
    def ends(self) -> datetime:
        return self.starts + timedelta(minutes=self.minutes)


class AgendaItem(Model):
    id: str
    session_id: str
    position: int = 0  # 0-based place in the ordered list, filled when read
    rank: str = ""  # the stored order key; siblings sort by (rank, id)
    title: str = Field(min_length=1, max_length=200)
    minutes: int = Field(default=10, ge=1, le=MAX_BLOCK_MINUTES)
    method: str = ""
    prompt: str = ""
    focus_area_ids: tuple[str, ...] = ()


class TemplateItem(Model):
    title: str = Field(min_length=1, max_length=200)
    minutes: int = Field(ge=1, le=MAX_BLOCK_MINUTES)
    method: str = ""
    prompt: str = ""
    focus_area_slugs: tuple[str, ...] = ()


class SessionTemplate(Model):
    id: str
    name: str = Field(min_length=1, max_length=200)
    kind: SessionKind = SessionKind.SENSEMAKING
    minutes: int = Field(default=90, ge=5, le=MAX_SESSION_MINUTES)
    format: SessionFormat = SessionFormat.ONLINE
    purpose: str = ""
    items: tuple[TemplateItem, ...] = ()
    builtin: bool = False


class ScheduledItem(Model):
    item: AgendaItem
    starts: datetime
    ends: datetime
    overruns: bool


class Schedule(Model):
    """An agenda laid against the clock: start times follow from order and lengths."""

    items: tuple[ScheduledItem, ...]
    planned_minutes: int
    session_minutes: int

    def block_at(self, at: datetime) -> AgendaItem | None:
        """The block whose planned clock window holds `at`, else None (before, after, between)."""
        at = _aware(at)
        return next((laid.item for laid in self.items if laid.starts <= at < laid.ends), None)

    @property
    def overrun_minutes(self) -> int:
        return max(0, self.planned_minutes - self.session_minutes)

    @property
    def warning(self) -> str:
        if not self.overrun_minutes:
            return ""
        return (
            f"The agenda runs {self.overrun_minutes} min over the session's "
            f"{self.session_minutes} min."
        )


def schedule(session: Session, items: list[AgendaItem] | tuple[AgendaItem, ...]) -> Schedule:
    clock = session.starts
    end_of_session = session.ends
    laid: list[ScheduledItem] = []
    for item in sorted(items, key=lambda i: i.position):
        ends = clock + timedelta(minutes=item.minutes)
        laid.append(ScheduledItem(item=item, starts=clock, ends=ends, overruns=ends > end_of_session))
        clock = ends
    return Schedule(
        items=tuple(laid),
        planned_minutes=sum(i.minutes for i in items),
        session_minutes=session.minutes,
    )
