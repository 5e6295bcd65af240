"""What a note points at, checked and written inside a caller's unit of work.

Focus areas, free tags, the speaker and the agenda block of a note. Every row written here is
logged: changed links go through the ORM (whose flush logs them), new free tags through
`insert_logged`, which writes the same log entries.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session as OrmSession

from app.models import FreeTag, InvalidInput, NotFound
from app.services.capture.note_text import speaker_for
from app.services.core.records import validated
from app.services.planning.stable_ids import free_tag_id
from app.store.logged_insert import insert_logged
from app.store.queries import note_links as q
from app.store.tables import FocusAreaRow, FreeTagRow, NoteFocusAreaRow, NoteTagRow

AGENDA_PROBLEM = "The agenda block given is not one of this session's."


def system_of(s: OrmSession, session_id: str) -> str:
    """The learning system of a session; NotFound when there is no such session."""
    system_id = q.session_system(s, session_id)
    if system_id is None:
        raise NotFound(f"There is no session with id {session_id}.")
    return system_id


def focus_area_problem(areas: dict[str, tuple[str, str, bool]], area_ids: Iterable[str]) -> str:
    """Why these focus areas cannot tag a note ("" when they can), given the system's areas."""
    for area_id in area_ids:
        if area_id not in areas:
            return "A focus area given is not one of this learning system's."
        _, name, retired = areas[area_id]
        if retired:
            return (f"The focus area '{name}' is retired; bring it back before tagging notes "
                    "with it.")
    return ""


def check_focus_areas(s: OrmSession, system_id: str, area_ids: Sequence[str]) -> None:
    """Refuse focus areas of another system, unknown ones, and retired ones (by name)."""
    if area_ids and (problem := focus_area_problem(q.focus_areas(s, system_id), area_ids)):
        raise InvalidInput(problem)


def resolve_tags(s: OrmSession, system_id: str, names: Iterable[str]) -> tuple[list[str], list[str]]:
    """Focus area ids and free tag ids for tag names; new free tags are created (and logged).

    A name that is a focus area's slug means that focus area, as `#slug` does when typed.
    """
    wanted = list(dict.fromkeys(tag_name(n) for n in names if n.strip().lstrip("#")))
    if not wanted:
        return [], []
    slugs = {slug: area_id for area_id, (slug, _, _) in q.focus_areas(s, system_id).items()}
    free = [n for n in wanted if n not in slugs]
    existing = q.free_tags_named(s, system_id, free)
    held = frozenset(existing.values())
    new = [{"id": free_tag_id(None, system_id, n, held), "system_id": system_id, "name": n}
           for n in free if n not in existing]
    insert_logged(s, FreeTagRow, new)
    existing |= {row["name"]: row["id"] for row in new}
    return [slugs[n] for n in wanted if n in slugs], [existing[n] for n in free]


def tag_ids_named(s: OrmSession, system_id: str, names_or_ids: Iterable[str]) -> list[str]:
    """Existing free tags by name or id (for removing); unknown names are no-ops."""
    given = [n.strip() for n in names_or_ids if n.strip()]
    if not given:
        return []
    names = [n.lstrip("#").lower() for n in given]
    return list(s.scalars(select(FreeTagRow.id).where(
        FreeTagRow.system_id == system_id,
        FreeTagRow.name.in_(names) | FreeTagRow.id.in_(given))))


def resolve_speaker(s: OrmSession, system_id: str, session_id: str,
                    speaker: str | None) -> tuple[str | None, str]:
    """(participant id, "") for a participant given by id or by a session participant's name;
    (None, label) for anything else ("Housing officer", "anonymous"); (None, "") for none."""
    given = " ".join((speaker or "").split())
    if not given:
        return None, ""
    if q.participants_by_id(s, system_id, [given]):
        return given, ""
    return speaker_for(given, q.invited_people(s, session_id))


def check_agenda_item(s: OrmSession, session_id: str, item_id: str) -> None:
    if item_id not in q.agenda_item_ids(s, session_id):
        raise InvalidInput(AGENDA_PROBLEM)


def retag(s: OrmSession, system_id: str, note_ids: Sequence[str], add_areas: Iterable[str],
          remove_areas: Iterable[str], add_tags: Iterable[str], remove_tags: Iterable[str]) -> None:
    """Add and remove focus areas and free tags on notes; links already so are left alone."""
    slug_areas, new_tags = resolve_tags(s, system_id, add_tags)
    adding_areas = set(add_areas) | set(slug_areas)
    check_focus_areas(s, system_id, sorted(adding_areas))
    dropping_areas = set(remove_areas) - adding_areas
    dropping_tags = set(tag_ids_named(s, system_id, remove_tags)) - set(new_tags)
    current_areas = _pairs(s, NoteFocusAreaRow, "focus_area_id", note_ids)
    current_tags = _pairs(s, NoteTagRow, "tag_id", note_ids)
    for note_id in note_ids:
        for area in sorted(adding_areas):
            if (note_id, area) not in current_areas:
                s.add(NoteFocusAreaRow(note_id=note_id, focus_area_id=area))
        for tag in new_tags:
            if (note_id, tag) not in current_tags:
                s.add(NoteTagRow(note_id=note_id, tag_id=tag))
    for (_, other), row in current_areas.items():
        if other in dropping_areas:
            s.delete(row)
    for (_, other), row in current_tags.items():
        if other in dropping_tags:
            s.delete(row)


def set_links(s: OrmSession, note_id: str, area_ids: Iterable[str], tag_ids: Iterable[str]) -> None:
    """Make a note's links exactly these, leaving out focus areas or tags deleted since."""
    areas = set(s.scalars(select(FocusAreaRow.id).where(FocusAreaRow.id.in_(list(area_ids)))))
    tags = set(s.scalars(select(FreeTagRow.id).where(FreeTagRow.id.in_(list(tag_ids)))))
    current_areas = _pairs(s, NoteFocusAreaRow, "focus_area_id", [note_id])
    current_tags = _pairs(s, NoteTagRow, "tag_id", [note_id])
    for (_, area), row in current_areas.items():
        if area not in areas:
            s.delete(row)
    for (_, tag), row in current_tags.items():
        if tag not in tags:
            s.delete(row)
    s.add_all([NoteFocusAreaRow(note_id=note_id, focus_area_id=a)
               for a in sorted(areas) if (note_id, a) not in current_areas])
    s.add_all([NoteTagRow(note_id=note_id, tag_id=t)
               for t in sorted(tags) if (note_id, t) not in current_tags])


def _pairs(s: OrmSession, link_row: type[NoteFocusAreaRow] | type[NoteTagRow], other: str,
           note_ids: Sequence[str]) -> dict[tuple[str, str], Any]:
    """The link rows of these notes, by (note id, other id)."""
    rows: Iterable[Any] = s.scalars(select(link_row).where(link_row.note_id.in_(list(note_ids))))
    return {(r.note_id, getattr(r, other)): r for r in rows}


def tag_name(name: str) -> str:
    """A free tag's name as stored (lower case, no '#'), refused in one sentence when unusable."""
    return validated(FreeTag, {"id": "-", "system_id": "-", "name": name}).name
