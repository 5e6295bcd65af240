"""What saving a note needs to know: its session's system, the focus areas, tags, people and
agenda blocks it may point at. Read inside the caller's unit of work, on the hot path of capture.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy.orm import Session as OrmSession

from app.store.logged_insert import driver
from app.store.sync_ids import free_tag_id

# SQLite's limit on bound parameters is 32,766 since 3.32; stay well under it per statement.
CHUNK = 900


def session_system(s: OrmSession, session_id: str) -> str | None:
    """The learning system of a session, or None when there is no such session."""
    found = rows(s, "SELECT system_id FROM sessions WHERE id = ?", [session_id])
    return str(found[0][0]) if found else None


def focus_areas(s: OrmSession, system_id: str) -> dict[str, tuple[str, str, bool]]:
    """Every focus area of a system, retired ones too: id -> (slug, name, retired)."""
    found = rows(s, "SELECT id, slug, name, retired FROM focus_areas WHERE system_id = ?",
                 [system_id])
    return {area_id: (slug, name, bool(retired)) for area_id, slug, name, retired in found}


def free_tags_named(s: OrmSession, system_id: str, names: Sequence[str]) -> dict[str, str]:
    """The system's free tags with these names: name -> id. Also, by their own names, tags
    holding the id that a new tag of one of these names would take (`stable_ids`: a tag
    renamed since), in the same statement, so that the caller gives that one a fresh id."""
    out: dict[str, str] = {}
    for chunk in _chunks(names, per_value=2):
        derived = [free_tag_id(system_id, n) for n in chunk]
        out.update(rows(s, f"SELECT name, id FROM free_tags WHERE system_id = ? AND "
                           f"(name IN ({_marks(chunk)}) OR id IN ({_marks(chunk)}))",
                        [system_id, *chunk, *derived]))
    return out


def participants_by_id(s: OrmSession, system_id: str, ids: Sequence[str]) -> dict[str, str]:
    """Those of `ids` that are participants of the system: id -> name."""
    return _pairs_in_system(s, "SELECT id, name FROM participants", "id", system_id, ids)


def _pairs_in_system(s: OrmSession, select: str, column: str, system_id: str,
                     values: Sequence[str]) -> dict[str, str]:
    """`select` (two columns) of the system's rows whose `column` is one of `values`, as a
    dict; as many statements as SQLite's variable limit needs."""
    out: dict[str, str] = {}
    for chunk in _chunks(values):
        out.update(rows(s, f"{select} WHERE system_id = ? AND {column} IN ({_marks(chunk)})",
                        [system_id, *chunk]))
    return out


def invited_people(s: OrmSession, session_id: str) -> list[tuple[str, str]]:
    """(participant id, name) of everyone invited to the session, by name."""
    return [(str(i), str(n)) for i, n in rows(
        s, "SELECT p.id, p.name FROM participants AS p JOIN invitations AS i "
           "ON i.participant_id = p.id WHERE i.session_id = ? ORDER BY p.name", [session_id])]


def agenda_item_ids(s: OrmSession, session_id: str) -> set[str]:
    """The ids of the session's agenda blocks."""
    return {r[0] for r in rows(s, "SELECT id FROM agenda_items WHERE session_id = ?",
                               [session_id])}


def rows(s: OrmSession, sql: str, params: Sequence[object]) -> list[tuple[Any, ...]]:
    """Plain SQL through the unit's own connection and transaction.

    Pending ORM changes are flushed first, so the answer includes them.
    """
    if s.new or s.dirty or s.deleted:
        s.flush()
    return driver(s).execute(sql, tuple(params)).fetchall()


def _chunks(values: Sequence[str], per_value: int = 1) -> Iterable[list[str]]:
    wanted = list(dict.fromkeys(values))
    size = CHUNK // per_value
    for start in range(0, len(wanted), size):
        yield wanted[start:start + size]


def _marks(values: Sequence[object]) -> str:
    return ", ".join("?" for _ in values)
