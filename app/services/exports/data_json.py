"""The session as one JSON document: every record, ids kept, consent applied.

The shape is documented by `resources/schemas/session-export.schema.json` (JSON Schema
2020-12), and the tests validate every export against it. Times are UTC with `Z`, dates
`YYYY-MM-DD`. People: a participant's name, e-mail, organisation and locality appear only
when names were asked for and they consented to be named; otherwise only their id, sector and
attendance. Note texts, titles, syntheses and owners have other names replaced.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any

from app.models import Note, SessionParticipant, Theme, schedule
from app.models.pack import NameUse
from app.services.exports.consent import ConsentRules
from app.services.exports.session_data import SessionData

FORMAT = "cairn-session-export"
VERSION = 1
SCHEMA_NAME = "session-export.schema.json"


def session_json(data: SessionData, rules: ConsentRules, *, exported_at: datetime) -> bytes:
    """The document as UTF-8 JSON, indented for a person to read."""
    document = session_document(data, rules, exported_at=exported_at)
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def session_document(data: SessionData, rules: ConsentRules, *,
                     exported_at: datetime) -> dict[str, Any]:
    slugs = {a.id: a.slug for a in data.focus_areas}
    tag_names = {t.id: t.name for t in data.tags}
    s = data.session
    return {
        "format": FORMAT, "version": VERSION, "exported_at": _when(exported_at),
        "names": rules.names, "author": data.author,
        "system": {"id": data.system.id, "name": data.system.name,
                   "purpose": data.system.purpose, "principles": data.system.principles},
        "session": {"id": s.id, "system_id": s.system_id,
                    "title": rules.clean(s.title, "Session, title"),
                    "kind": s.kind.value, "starts": _when(s.starts), "minutes": s.minutes,
                    "format": s.format.value, "platform": s.platform,
                    "join_link": s.join_link, "location": s.location,
                    "purpose": rules.clean(s.purpose, "Session, purpose"),
                    "facilitators": s.facilitators, "status": s.status.value},
        "agenda": [{"id": laid.item.id, "position": laid.item.position,
                    "title": rules.clean(laid.item.title, "Agenda"), "minutes": laid.item.minutes,
                    "method": rules.clean(laid.item.method, "Agenda"),
                    "prompt": rules.clean(laid.item.prompt, "Agenda"),
                    "starts": _when(laid.starts), "focus_area_ids": list(laid.item.focus_area_ids)}
                   for laid in schedule(s, data.agenda).items],
        "focus_areas": [{"id": a.id, "key": a.key, "slug": a.slug, "name": a.name,
                         "description": a.description, "colour": a.colour,
                         "position": a.position, "retired": a.retired}
                        for a in data.focus_areas],
        "tags": [{"id": t.id, "name": t.name} for t in data.tags],
        # By id, not by name: the order of a name list would hint at the names left out.
        "participants": [_person(sp, rules) for sp in sorted(
            data.people, key=lambda sp: sp.participant.id)],
        "notes": [_note(n, number, rules, slugs, tag_names)
                  for number, n in enumerate(data.notes, start=1)],
        "themes": [_theme(t, number, rules, slugs) for number, t in enumerate(data.themes, 1)],
        "votes": [{"id": v.id, "theme_id": v.theme_id, "count": v.count,
                   "entered_by": v.entered_by, "device_id": v.device_id,
                   "created_at": _when(v.created_at)} for v in data.votes],
        "actions": [{"id": a.id, "session_id": a.session_id,
                     "what": rules.clean(a.what, f"Actions, action {n}"),
                     "owner": rules.clean(a.owner, f"Actions, action {n}"),
                     "due": _day(a.due), "status": a.status.value,
                     "theme_ids": list(a.theme_ids)} for n, a in enumerate(data.actions, 1)],
        "evidence": [{"id": e.id, "kind": e.kind.value,
                      "title": rules.clean(e.title, "Evidence"),
                      "citation": rules.clean(e.citation, "Evidence"), "link": e.link,
                      "summary": rules.clean(e.summary, "Evidence"),
                      "file_name": rules.clean(e.file_name, "Evidence"),
                      "file_sha256": e.file_sha256,
                      "theme_ids": list(e.theme_ids)} for e in data.evidence],
        "recurring": [{"id": r.id, "title": rules.clean(r.theme.title, "Recurring themes"),
                       "theme_ids": list(r.theme.theme_ids),
                       "timeline": [{"theme_id": a.theme_id, "session_id": a.session_id,
                                     "session_title": a.session_title,
                                     "starts": _when(a.starts),
                                     "title": rules.clean(a.title, "Recurring themes"),
                                     "notes": a.notes, "votes": a.votes}
                                    for a in r.timeline]} for r in data.recurring],
    }


def _person(sp: SessionParticipant, rules: ConsentRules) -> dict[str, Any]:
    p, inv = sp.participant, sp.invitation
    named = rules.may_name(p.id)
    if named:
        rules.uses.append(_use(p.name))
    return {"id": p.id, "named": named, "name": p.name if named else None,
            "email": (p.email or None) if named else None,
            "organisation": (p.organisation or None) if named else None,
            "locality": (p.locality or None) if named else None,
            "sector": p.sector.value, "attended": inv.attended,
            "may_name": inv.may_name, "may_quote": inv.may_quote, "may_email": inv.may_email}


def _note(n: Note, number: int, rules: ConsentRules, slugs: dict[str, str],
          tag_names: dict[str, str]) -> dict[str, Any]:
    where = f"Notes, note {number}"
    return {"id": n.id, "session_id": n.session_id, "text": rules.clean(n.text, where),
            "kind": n.kind.value, "speaker": rules.speaker(n, where) or None,
            "speaker_participant_id": n.speaker_participant_id,
            "quote": rules.may_quote(n),
            "focus_areas": sorted(slugs[a] for a in n.focus_area_ids if a in slugs),
            "focus_area_ids": list(n.focus_area_ids),
            "tags": sorted(tag_names[t] for t in n.tag_ids if t in tag_names),
            "tag_ids": list(n.tag_ids), "theme_id": n.theme_id,
            "agenda_item_id": n.agenda_item_id,
            "created_at": _when(n.created_at) if n.created_at else None,
            "starred": n.starred, "captured_by": n.captured_by}


def _theme(t: Theme, number: int, rules: ConsentRules, slugs: dict[str, str]) -> dict[str, Any]:
    where = f"Themes, theme {number}"
    return {"id": t.id, "session_id": t.session_id, "position": t.position,
            "title": rules.clean(t.title, where), "synthesis": rules.clean(t.synthesis, where),
            "focus_areas": [slugs[a] for a in t.focus_area_ids if a in slugs],
            "focus_area_ids": list(t.focus_area_ids), "votes": t.votes,
            "note_ids": list(t.note_ids), "recurring_id": t.recurring_id}


def _use(name: str) -> NameUse:
    return NameUse(name=name, where="Participants",
                   why="consented to be named; names were asked for")


def _when(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def _day(day: date | None) -> str | None:
    return day.isoformat() if day else None
