"""The session as a REFI-QDA project, consent applied, for QualCoder, NVivo, ATLAS.ti and MAXQDA.

What goes where, and why:
- The notes are one plain-text source, read like a transcript: each note a paragraph under a
  line with its time, kind and speaker (as the consent rules allow). Each note's text is one
  plain-text selection. One source keeps a researcher's document list to the session itself
  rather than hundreds of one-line documents, and every tool imports selections and codings.
- Codes, in four groups (groups are not codable): focus areas (their colours), free tags,
  kinds of note, and themes. Each note is coded by its focus areas, tags, kind and theme, so
  the board's clustering arrives as codings, which all four tools import.
- Each theme is also a set (the standard's grouping of codes and sources), its members the
  theme's code and its focus areas' codes, its description the synthesis and votes.
- The project's author is its one user. Codes keep Cairn's ids as guids (focus areas, tags,
  themes); the other guids are derived from ids, so exporting twice gives the same guids.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from app.documents.qdpx import QdaCode, QdaPassage, QdaProject, QdaSet, QdaSource
from app.models import FocusArea, NoteKind, Theme
from app.services.exports.consent import ConsentRules
from app.services.exports.session_data import SessionData

_NS = uuid.uuid5(uuid.NAMESPACE_URL, "urn:cairn:refi-qda")
# Colours for codes Cairn gives none: tags, kinds; distinct, dark enough on white.
PALETTE = ("#1B7F5B", "#B0452B", "#2F5C9E", "#7A4E9C", "#8A6D00", "#00727A", "#A1306B",
           "#4F6228", "#5A5A5A")


def guid(*parts: str) -> str:
    return str(uuid.uuid5(_NS, ":".join(parts)))


def session_project(data: SessionData, rules: ConsentRules, *, exported_at: datetime) -> QdaProject:
    author = data.author or "Cairn"
    user = guid("user", author)
    return QdaProject(
        name=_title(data, rules), user_guid=user, user_name=author, created=exported_at,
        description=_project_description(data, rules), codes=_codebook(data, rules),
        sources=(_notes_source(data, rules),), sets=_sets(data, rules))


def _codebook(data: SessionData, rules: ConsentRules) -> tuple[QdaCode, ...]:
    system = data.system.id
    used_areas = {a for n in data.notes for a in n.focus_area_ids}
    used_areas |= {a for t in data.themes for a in t.focus_area_ids}
    areas = tuple(_area_code(a) for a in data.focus_areas if not a.retired or a.id in used_areas)
    used_tags = {t for n in data.notes for t in n.tag_ids}
    tags = tuple(QdaCode(t.id, f"#{t.name}", PALETTE[n % len(PALETTE)])
                 for n, t in enumerate(x for x in data.tags if x.id in used_tags))
    kinds = tuple(QdaCode(guid("kind", system, k.value), k.label, PALETTE[n % len(PALETTE)])
                  for n, k in enumerate(NoteKind))
    themes = tuple(_theme_code(data, t, n, rules) for n, t in enumerate(data.themes, start=1))
    groups = (("focus-areas", "Focus areas", areas), ("tags", "Tags", tags),
              ("kinds", "Kinds of note", kinds), ("themes", f"Themes: {_title(data, rules)}",
                                                  themes))
    return tuple(QdaCode(guid("group", system if key != "themes" else data.session.id, key),
                         name, codable=False, children=children)
                 for key, name, children in groups if children)


def _area_code(area: FocusArea) -> QdaCode:
    return QdaCode(area.id, area.name, area.colour, area.description)


def _theme_code(data: SessionData, theme: Theme, number: int, rules: ConsentRules) -> QdaCode:
    first = data.area(theme.focus_area_ids[0]) if theme.focus_area_ids else None
    colour = first.colour if first else PALETTE[number % len(PALETTE)]
    return QdaCode(theme.id, rules.clean(theme.title, f"REFI-QDA codes, theme {number}"),
                   colour, _theme_description(theme, number, rules))


def _theme_description(theme: Theme, number: int, rules: ConsentRules) -> str:
    votes = f"{theme.votes} vote{'s' * (theme.votes != 1)}"
    synthesis = rules.clean(theme.synthesis, f"REFI-QDA codes, theme {number}")
    return f"{synthesis}\n\n{votes}" if synthesis else votes


def _notes_source(data: SessionData, rules: ConsentRules) -> QdaSource:
    s = data.session
    title = _title(data, rules)
    parts: list[str | QdaPassage] = [f"{title}\n{data.system.name} · {_day(s.starts)}\n"]
    for n, note in enumerate(data.notes, start=1):
        where = f"REFI-QDA source, note {n}"
        when = f"{note.created_at.astimezone():%H:%M}" if note.created_at else ""
        heading = [f"Note {n}", when, note.kind.label, rules.speaker(note, where)]
        parts.append("\n" + " · ".join(h for h in heading if h) + "\n")
        codes = [*_ordered_areas(data, note.focus_area_ids), *note.tag_ids,
                 guid("kind", data.system.id, note.kind.value)]
        if data.theme(note.theme_id):
            codes.append(note.theme_id or "")
        text = rules.clean(note.text, where).replace("\r\n", "\n").replace("\r", "\n")
        parts.append(QdaPassage(guid("note", note.id), text, f"Note {n}", tuple(codes),
                                created=note.created_at))
        parts.append("\n")
    return QdaSource(guid("source", s.id), f"{title}: notes", tuple(parts),
                     description=f"The notes of {title}, one paragraph each.",
                     created=s.starts)


def _ordered_areas(data: SessionData, ids: tuple[str, ...]) -> list[str]:
    return [a.id for a in data.focus_areas if a.id in ids]


def _sets(data: SessionData, rules: ConsentRules) -> tuple[QdaSet, ...]:
    return tuple(QdaSet(guid("set", t.id), rules.clean(t.title, f"REFI-QDA sets, theme {n}"),
                        _theme_description(t, n, rules),
                        codes=(t.id, *_ordered_areas(data, t.focus_area_ids)))
                 for n, t in enumerate(data.themes, start=1))


def _project_description(data: SessionData, rules: ConsentRules) -> str:
    s = data.session
    lines = [f"{_title(data, rules)}, a session of {data.system.name}, {_day(s.starts)}."]
    if s.purpose:
        lines.append(rules.clean(s.purpose, "REFI-QDA project description"))
    lines.append(f"{len(data.notes)} notes, {len(data.themes)} themes. Exported from Cairn; "
                 "participants are named only where they consented.")
    return "\n".join(lines)


def _day(moment: datetime) -> str:
    """"Tuesday 8 December 2026", in the facilitator's time zone (no %-d: Windows lacks it)."""
    local = moment.astimezone()
    return f"{local:%A} {local.day} {local:%B %Y}"


def _title(data: SessionData, rules: ConsentRules) -> str:
    """The session's title; a conversation may be named after a person who may not be named."""
    return rules.clean(data.session.title, "REFI-QDA project, the session's title")
