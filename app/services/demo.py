"""`cairn demo`: load the sample learning system, once, so a new user sees the product at work.

The sample is found by its fixed name, `SAMPLE_NAME`: while a learning system of that name
exists, loading again adds nothing. Everything is written in one unit of work (all or
nothing), each record validated through its domain model first; the change log records it.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from pydantic import BaseModel
from sqlalchemy import select

from app.models import (
    DEFAULT_FOCUS_AREAS,
    Action,
    Changes,
    Evidence,
    FreeTag,
    Invitation,
    LearningSystem,
    Note,
    Participant,
    Theme,
    new_id,
    schedule,
    utcnow,
)
from app.services import demo_content as content
from app.services.core.ranks import reranked
from app.services.core.records import validated, write_fields
from app.services.planning.agenda import insert_items
from app.services.planning.sessions import insert_session, new_session
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
    ThemeFocusAreaRow,
    ThemeRow,
)

SAMPLE_NAME = content.SAMPLE_NAME


def load_demo(store: Store, *, now: datetime | None = None) -> tuple[LearningSystem, Changes]:
    """The sample learning system, created unless it is already there (then with no Changes).

    Session dates are relative to `now` (default: the current time), so the sample always has
    finished sessions with notes and themes, and planned ones ahead.
    """
    with store.unit() as s:
        existing = s.scalar(select(LearningSystemRow).where(LearningSystemRow.name == SAMPLE_NAME))
        if existing is not None:
            return LearningSystem.model_validate(existing), Changes()
        system = _SampleBuilder(s, (now or datetime.now().astimezone()).date()).build()
    return system, collected(s)


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

    def __init__(self, s: CairnSession, today: date) -> None:
        self.s = s
        self.today = today
        self.system_id = new_id()
        self.area_ids: dict[str, str] = {}  # quick key ("1".."4") -> focus area id
        self.tag_ids: dict[str, str] = {}
        self.person_ids: dict[str, str] = {}
        self.session_ids: list[str] = []
        self.theme_ids: dict[str, str] = {}
        self.links: list[Base] = []  # link rows wait until both their ends are flushed

    def build(self) -> LearningSystem:
        system = self._system()
        self._register()
        agendas = [self._session(spec) for spec in content.SESSIONS]
        self._themes()
        for spec, (session_id, blocks) in zip(content.SESSIONS, agendas, strict=True):
            self._notes(spec, session_id, blocks)
        self._actions()
        self._evidence()
        self.s.flush()  # every record is in, so all the queued links can follow
        self.s.add_all(self.links)
        return system

    def _system(self) -> LearningSystem:
        system = validated(LearningSystem, {**content.SYSTEM, "id": self.system_id,
                                            "created_at": utcnow()})
        for area in insert_system(self.s, system):
            self.area_ids[str(area.key)] = area.id
        return system

    def _register(self) -> None:
        """The free tags and the participants."""
        for name in content.TAGS:
            tag = validated(FreeTag, {"id": new_id(), "system_id": self.system_id, "name": name})
            _add(self.s, FreeTagRow(), tag)
            self.tag_ids[tag.name] = tag.id
        for p in content.PEOPLE:
            person = validated(Participant, {
                "id": new_id(), "system_id": self.system_id, "name": p.name,
                "email": p.name.lower().replace(" ", ".") + "@example.org",
                "organisation": p.organisation, "sector": p.sector, "locality": p.locality,
            })
            _add(self.s, ParticipantRow(), person)
            self.person_ids[p.key] = person.id
        self.s.flush()

    def _session(self, spec: content.SessionSpec) -> tuple[str, list[tuple[str, datetime]]]:
        """Plan one session from its template; return its id and each block's (id, start)."""
        template = {t.id: t for t in builtin_templates()}[spec.template]
        hour, minute = (int(x) for x in spec.at.split(":"))
        day = _working_day(self.today + timedelta(days=spec.day))
        session = new_session(
            self.system_id, spec.title, datetime.combine(day, time(hour, minute)).astimezone(),
            minutes=template.minutes, kind=template.kind, format=spec.format,
            platform=spec.platform, join_link=spec.join_link, location=spec.location,
            purpose=template.purpose, facilitators=content.FACILITATORS, status=spec.status,
        )
        insert_session(self.s, session)
        by_slug = {str(a["slug"]): self.area_ids[str(a["key"])] for a in DEFAULT_FOCUS_AREAS}
        insert_items(self.s, session.id, [
            {"title": i.title, "minutes": i.minutes, "method": i.method, "prompt": i.prompt,
             "focus_area_ids": tuple(by_slug[x] for x in i.focus_area_slugs if x in by_slug)}
            for i in template.items
        ])
        self.session_ids.append(session.id)
        finished = spec.status == "done"
        people = {p.key: p for p in content.PEOPLE}
        for entry in spec.invited:
            person = people[entry.lstrip("-")]
            invitation = validated(Invitation, {
                "id": new_id(), "session_id": session.id,
                "participant_id": self.person_ids[person.key],
                "attended": (not entry.startswith("-")) if finished else None,
                "may_name": "N" in person.consent, "may_email": "E" in person.consent,
                "may_quote": "Q" in person.consent,
                "access_needs": content.ACCESS_NEEDS.get(person.key, ""),
            })
            _add(self.s, InvitationRow(), invitation)
        laid = schedule(session, repos.agenda(self.s, session.id))
        return session.id, [(block.item.id, block.starts) for block in laid.items]

    def _themes(self) -> None:
        for session_id, spec in zip(self.session_ids, content.SESSIONS, strict=True):
            ids = [new_id() for _ in spec.themes]
            ranks = reranked([], ids)
            for position, (theme_id, t) in enumerate(zip(ids, spec.themes, strict=True)):
                theme = validated(Theme, {
                    "id": theme_id, "system_id": self.system_id, "session_id": session_id,
                    "title": t.title, "synthesis": t.synthesis, "votes": t.votes,
                    "position": position, "rank": ranks[theme_id],
                    "focus_area_ids": self._areas(t.areas),
                })
                _add(self.s, ThemeRow(), theme)
                self.theme_ids[t.key] = theme.id
                self._link_later(ThemeFocusAreaRow, "theme_id", theme.id, "focus_area_id",
                                 theme.focus_area_ids)
        self.s.flush()  # notes, actions and evidence refer to the themes

    def _notes(self, spec: content.SessionSpec, session_id: str,
               blocks: list[tuple[str, datetime]]) -> None:
        for index, n in enumerate(spec.notes):
            block_id, block_starts = blocks[n.block]
            by_participant = n.speaker.startswith("@")
            note = validated(Note, {
                "id": new_id(), "session_id": session_id, "text": n.text, "kind": n.kind,
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
        for a in content.ACTIONS:
            action = validated(Action, {
                "id": new_id(), "system_id": self.system_id,
                "session_id": self.session_ids[a.session], "what": a.what, "owner": a.owner,
                "due": _working_day(self.today + timedelta(days=a.due_day)), "status": a.status,
                "theme_ids": tuple(self.theme_ids[k] for k in a.themes),
            })
            _add(self.s, ActionRow(), action)
            self._link_later(ActionThemeRow, "action_id", action.id, "theme_id", action.theme_ids)

    def _evidence(self) -> None:
        for e in content.EVIDENCE:
            evidence = validated(Evidence, {
                "id": new_id(), "system_id": self.system_id, "kind": e.kind, "title": e.title,
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
