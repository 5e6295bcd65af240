"""`cairn demo`: load the sample learning system, once, so a new user sees the product at work.

The sample's text is data, in `resources/sample/*.json`, read and checked by `sample_content`.
It is found by its fixed name, `SAMPLE_NAME`: while a learning system of that name exists,
loading again adds nothing. Everything is written in one unit of work (all or nothing), each
record validated through its domain model first; the change log records it. Its records
have fixed ids (`stable_ids.sample_id`), so two laptops that load it hold it once after sync.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from functools import cache
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError
from sqlalchemy import select

from app.config import resources_dir
from app.models import (
    DEFAULT_FOCUS_AREAS,
    Action,
    CairnError,
    Changes,
    Evidence,
    FreeTag,
    Invitation,
    LearningSystem,
    Note,
    Participant,
    RecurringTheme,
    Theme,
    ThemeVote,
    schedule,
    utcnow,
)
from app.models.errors import sentence_from
from app.services.core.ranks import reranked
from app.services.core.records import validated, write_fields
from app.services.planning.agenda import insert_items
from app.services.planning.sessions import insert_session, new_session
from app.services.planning.stable_ids import free_tag_id, sample_id
from app.services.planning.systems import insert_system
from app.services.planning.templates import builtin_templates
from app.store import repos
from app.store.changelog import collected
from app.store.engine import CairnSession, Store
from app.store.tables import (
    ActionRow,
    ActionThemeRow,
    Base,
    EvidenceRow,
    EvidenceThemeRow,
    FreeTagRow,
    InvitationRow,
    LearningSystemRow,
    NoteFocusAreaRow,
    NoteRow,
    NoteTagRow,
    ParticipantRow,
    RecurringThemeRow,
    ThemeFocusAreaRow,
    ThemeRow,
    ThemeVoteRow,
)

SAMPLE_FILES = ("system", "sessions", "actions", "evidence")
# Reports how far loading has got: (steps done, steps in all, what is being written). It may
# raise to stop the load; nothing is then written.
Report = Callable[[int, int, str], None]


class _Spec(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class PersonSpec(_Spec):
    key: str
    name: str
    organisation: str
    sector: str
    locality: str
    consent: str  # N may be named, E may be emailed, Q may be quoted (in every session)


class ThemeSpec(_Spec):
    key: str  # unique across the sample: notes, actions and evidence refer to it
    title: str
    areas: str  # quick keys: "13" is focus areas 1 and 3
    votes: int
    synthesis: str


class NoteSpec(_Spec):
    block: int  # position of the agenda block in the session's template
    minute: int  # minutes into that block
    kind: str
    areas: str
    tags: str
    speaker: str  # "@person-key", a role such as "Housing officer", "anonymous", or ""
    theme: str
    text: str
    starred: bool = False


class SessionSpec(_Spec):
    title: str
    template: str  # a built-in template id: the session's kind, length and agenda
    day: int  # days from the day the sample is loaded
    at: str  # local start time, HH:MM
    status: str
    platform: str
    join_link: str
    scribe: str
    invited: tuple[str, ...]  # "key" attended, "-key" sent apologies; planned: not yet known
    notes: tuple[NoteSpec, ...] = ()
    themes: tuple[ThemeSpec, ...] = ()
    format: str = "online"
    location: str = ""


class ActionSpec(_Spec):
    session: int  # position in `sessions` of the session that agreed it
    what: str
    owner: str
    due_day: int
    status: str
    themes: tuple[str, ...]


class EvidenceSpec(_Spec):
    kind: str
    slug: str  # the link is https://example.org/cairn-sample/<kind>/<slug>
    themes: tuple[str, ...]
    title: str
    citation: str
    summary: str


class RecurringSpec(_Spec):
    title: str
    themes: tuple[str, ...]  # theme keys, each of a different session


class SampleContent(_Spec):
    """Everything the sample holds, as read from its files."""

    name: str
    purpose: str
    principles: str
    facilitators: tuple[str, ...]
    tags: tuple[str, ...]
    people: tuple[PersonSpec, ...]
    access_needs: dict[str, str]  # by person key, recorded on each of their invitations
    sessions: tuple[SessionSpec, ...]
    actions: tuple[ActionSpec, ...]
    evidence: tuple[EvidenceSpec, ...]
    recurring: tuple[RecurringSpec, ...] = ()  # themes seen again across sessions


@cache
def sample_content() -> SampleContent:
    """The sample's text, read once from `resources/sample`; CairnError if it is damaged."""
    merged: dict[str, Any] = {}
    for name in SAMPLE_FILES:
        path = resources_dir() / "sample" / f"{name}.json"
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as err:
            raise CairnError(f"The sample learning system's file {path.name} could not be read "
                             f"({err}).") from None
        merged.update({k: v for k, v in data.items() if not k.startswith("_")})
    try:
        return SampleContent.model_validate(merged)
    except ValidationError as err:
        reason = sentence_from(err).rstrip(".")
        raise CairnError(f"The sample learning system's files are damaged ({reason}).") from None


def __getattr__(name: str) -> Any:
    # The sample's name is part of its data, read when first asked for.
    if name == "SAMPLE_NAME":
        return sample_content().name
    raise AttributeError(name)


def load_demo(store: Store, *, now: datetime | None = None,
              report: Report | None = None) -> tuple[LearningSystem, Changes]:
    """The sample learning system, created unless it is already there (then with no Changes).

    Session dates are relative to `now` (default: the current time), so the sample always has
    finished sessions with notes and themes, and planned ones ahead. `report` hears how far
    the load has got; if it raises, the load stops and nothing is written.
    """
    content = sample_content()
    with store.unit() as s:
        existing = s.scalar(select(LearningSystemRow)
                            .where(LearningSystemRow.name == content.name))
        if existing is not None:
            return LearningSystem.model_validate(existing), Changes()
        today = (now or datetime.now().astimezone()).date()
        system = _SampleBuilder(s, content, today, report or _quiet).build()
    return system, collected(s)


def _quiet(done: int, total: int, text: str) -> None:
    """No one is listening."""


def _working_day(day: date) -> date:
    """The day, or the next one off weekends and the festive break (24 December to 2 January)."""
    while day.weekday() >= 5 or (day.month, day.day) >= (12, 24) or (day.month, day.day) <= (1, 2):
        day += timedelta(days=1)
    return day


def _add(s: CairnSession, row: Base, model: BaseModel) -> None:
    write_fields(row, model)
    s.add(row)


class _SampleBuilder:
    """Writes the sample inside one unit of work, parents flushed before their children."""

    def __init__(self, s: CairnSession, content: SampleContent, today: date,
                 report: Report) -> None:
        self.s, self.content, self.today, self._report = s, content, today, report
        sessions = len(content.sessions)
        self._steps, self._done = 2 * sessions + 4, 0
        self.system_id = sample_id("system")
        self.area_ids: dict[str, str] = {}  # quick key ("1".."4") -> focus area id
        self.tag_ids: dict[str, str] = {}
        self.person_ids: dict[str, str] = {}
        self.session_ids: list[str] = []
        self.session_ends: list[datetime] = []  # when each session's dot votes were entered
        self.theme_ids: dict[str, str] = {}
        self.links: list[Base] = []  # link rows wait until both their ends are flushed

    def build(self) -> LearningSystem:
        sessions = self.content.sessions
        self._step("Writing the learning system and its people")
        system = self._system()
        self._register()
        agendas = []
        for spec in sessions:
            self._step(f"Planning '{spec.title}'")
            agendas.append(self._session(spec))
        self._themes()
        for spec, (session_id, blocks) in zip(sessions, agendas, strict=True):
            self._step(f"Writing the notes of '{spec.title}'")
            self._notes(spec, session_id, blocks)
        self._step("Writing actions and evidence")
        self._actions()
        self._evidence()
        self._step("Linking notes, themes, actions and evidence")
        self.s.flush()  # every record is in, so all the queued links can follow
        self.s.add_all(self.links)
        self._step("Saving")
        return system

    def _step(self, text: str) -> None:
        self._report(self._done, self._steps, text)
        self._done += 1

    def _system(self) -> LearningSystem:
        c = self.content
        system = validated(LearningSystem, {
            "name": c.name, "purpose": c.purpose, "principles": c.principles,
            "id": self.system_id, "created_at": utcnow()})
        for area in insert_system(self.s, system):
            self.area_ids[str(area.key)] = area.id
        return system

    def _register(self) -> None:
        """The free tags and the participants."""
        for name in self.content.tags:
            tag = validated(FreeTag, {"id": free_tag_id(None, self.system_id, name),
                                      "system_id": self.system_id, "name": name})
            _add(self.s, FreeTagRow(), tag)
            self.tag_ids[tag.name] = tag.id
        for p in self.content.people:
            person = validated(Participant, {
                "id": sample_id("person", p.key), "system_id": self.system_id, "name": p.name,
                "email": p.name.lower().replace(" ", ".") + "@example.org",
                "organisation": p.organisation, "sector": p.sector, "locality": p.locality,
            })
            _add(self.s, ParticipantRow(), person)
            self.person_ids[p.key] = person.id
        self.s.flush()

    def _session(self, spec: SessionSpec) -> tuple[str, list[tuple[str, datetime]]]:
        """Plan one session from its template; return its id and each block's (id, start)."""
        template = {t.id: t for t in builtin_templates()}[spec.template]
        hour, minute = (int(x) for x in spec.at.split(":"))
        day = _working_day(self.today + timedelta(days=spec.day))
        session = new_session(
            self.system_id, spec.title, datetime.combine(day, time(hour, minute)).astimezone(),
            minutes=template.minutes, kind=template.kind, format=spec.format,
            platform=spec.platform, join_link=spec.join_link, location=spec.location,
            purpose=template.purpose, facilitators=", ".join(self.content.facilitators),
            status=spec.status,
        )
        number = len(self.session_ids)
        session = session.model_copy(update={"id": sample_id("session", number)})
        insert_session(self.s, session)
        by_slug = {str(a["slug"]): self.area_ids[str(a["key"])] for a in DEFAULT_FOCUS_AREAS}
        insert_items(self.s, session.id, [
            {"title": i.title, "minutes": i.minutes, "method": i.method, "prompt": i.prompt,
             "focus_area_ids": tuple(by_slug[x] for x in i.focus_area_slugs if x in by_slug)}
            for i in template.items
        ], ids=[sample_id("agenda", number, n) for n in range(len(template.items))])
        self.session_ids.append(session.id)
        self.session_ends.append(session.starts + timedelta(minutes=session.minutes))
        finished = spec.status == "done"
        people = {p.key: p for p in self.content.people}
        for entry in spec.invited:
            person = people[entry.lstrip("-")]
            invitation = validated(Invitation, {
                "id": sample_id("invitation", number, person.key), "session_id": session.id,
                "participant_id": self.person_ids[person.key],
                "attended": (not entry.startswith("-")) if finished else None,
                "may_name": "N" in person.consent, "may_email": "E" in person.consent,
                "may_quote": "Q" in person.consent,
                "access_needs": self.content.access_needs.get(person.key, ""),
            })
            _add(self.s, InvitationRow(), invitation)
        laid = schedule(session, repos.agenda(self.s, session.id))
        return session.id, [(block.item.id, block.starts) for block in laid.items]

    def _recurring(self) -> dict[str, str]:
        """The recurring themes, flushed before the themes that point to them; returns the
        recurring theme's id of each theme key that is one of its appearances."""
        of_theme: dict[str, str] = {}
        for n, spec in enumerate(self.content.recurring):
            recurring = validated(RecurringTheme, {
                "id": sample_id("recurring", n), "system_id": self.system_id, "title": spec.title,
                "created_at": utcnow()})
            _add(self.s, RecurringThemeRow(), recurring)
            of_theme.update((key, recurring.id) for key in spec.themes)
        self.s.flush()
        return of_theme

    def _themes(self) -> None:
        recurring = self._recurring()
        for session_id, ends, spec in zip(self.session_ids, self.session_ends,
                                          self.content.sessions, strict=True):
            ids = [sample_id("theme", t.key) for t in spec.themes]
            ranks = reranked([], ids)
            for position, (theme_id, t) in enumerate(zip(ids, spec.themes, strict=True)):
                theme = validated(Theme, {
                    "id": theme_id, "system_id": self.system_id, "session_id": session_id,
                    "title": t.title, "synthesis": t.synthesis, "votes": t.votes,
                    "position": position, "rank": ranks[theme_id],
                    "focus_area_ids": self._areas(t.areas),
                    "recurring_id": recurring.get(t.key),
                })
                _add(self.s, ThemeRow(), theme)
                self.theme_ids[t.key] = theme.id
                self._link_later(ThemeFocusAreaRow, "theme_id", theme.id, "focus_area_id",
                                 theme.focus_area_ids)
                if t.votes:
                    self._vote_later(theme.id, t.votes, spec.scribe, ends)
        self.s.flush()  # notes, actions and evidence refer to the themes

    def _vote_later(self, theme_id: str, count: int, scribe: str, at: datetime) -> None:
        """The dot votes of a theme as one vote record, entered by the scribe as it ended."""
        vote = ThemeVote(id=sample_id("vote", theme_id), theme_id=theme_id, count=count, entered_by=scribe,
                         device_id=str(self.s.info.get("device_id", "")), created_at=at)
        row = ThemeVoteRow()
        write_fields(row, vote)
        self.links.append(row)

    def _notes(self, spec: SessionSpec, session_id: str,
               blocks: list[tuple[str, datetime]]) -> None:
        for index, n in enumerate(spec.notes):
            block_id, block_starts = blocks[n.block]
            by_participant = n.speaker.startswith("@")
            note = validated(Note, {
                "id": sample_id("note", session_id, index), "session_id": session_id, "text": n.text, "kind": n.kind,
                "agenda_item_id": block_id, "captured_by": spec.scribe,
                "speaker_participant_id": self.person_ids[n.speaker[1:]] if by_participant
                else None,
                "speaker_label": "" if by_participant else n.speaker,
                "theme_id": self.theme_ids[n.theme] if n.theme else None,
                "starred": n.starred,
                # A scribe types a few seconds after hearing it: spread notes within the minute.
                "created_at": block_starts + timedelta(minutes=n.minute,
                                                       seconds=(index * 23) % 50 + 5),
                "focus_area_ids": self._areas(n.areas),
                "tag_ids": tuple(self.tag_ids[t] for t in n.tags.split()),
            })
            _add(self.s, NoteRow(), note)
            self._link_later(NoteFocusAreaRow, "note_id", note.id, "focus_area_id",
                             note.focus_area_ids)
            self._link_later(NoteTagRow, "note_id", note.id, "tag_id", note.tag_ids)

    def _actions(self) -> None:
        for n, a in enumerate(self.content.actions):
            action = validated(Action, {
                "id": sample_id("action", n), "system_id": self.system_id,
                "session_id": self.session_ids[a.session], "what": a.what, "owner": a.owner,
                "due": _working_day(self.today + timedelta(days=a.due_day)), "status": a.status,
                "theme_ids": tuple(self.theme_ids[k] for k in a.themes),
            })
            _add(self.s, ActionRow(), action)
            self._link_later(ActionThemeRow, "action_id", action.id, "theme_id", action.theme_ids)

    def _evidence(self) -> None:
        for e in self.content.evidence:
            evidence = validated(Evidence, {
                "id": sample_id("evidence", e.kind, e.slug), "system_id": self.system_id, "kind": e.kind, "title": e.title,
                "citation": e.citation,
                "link": f"https://example.org/cairn-sample/{e.kind}/{e.slug}",
                "summary": e.summary, "theme_ids": tuple(self.theme_ids[k] for k in e.themes),
            })
            _add(self.s, EvidenceRow(), evidence)
            self._link_later(EvidenceThemeRow, "evidence_id", evidence.id, "theme_id",
                             evidence.theme_ids)

    def _areas(self, keys: str) -> tuple[str, ...]:
        return tuple(self.area_ids[k] for k in keys)

    def _link_later(self, row_type: type[Base], own: str, own_id: str, other: str,
                    other_ids: tuple[str, ...]) -> None:
        """Queue link rows: they are added once both ends have been flushed."""
        self.links.extend(row_type(**{own: own_id, other: other_id}) for other_id in other_ids)
