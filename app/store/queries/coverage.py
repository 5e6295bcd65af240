"""Counts for coverage and "who was heard": grouped in SQLite, so a system with 100,000 notes
answers in one statement per question. Nothing here reads a person's name or e-mail."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session as OrmSession

from app.store.queries.note_links import rows

_NOTES_OF_SYSTEM = "notes n JOIN sessions s ON s.id = n.session_id WHERE s.system_id = ?"


def notes_per_area(s: OrmSession, system_id: str) -> list[tuple[str, str, int]]:
    """(session id, focus area id, notes tagged with it) for every pair with a note."""
    return [(a, b, int(c)) for a, b, c in rows(s, (
        "SELECT n.session_id, f.focus_area_id, COUNT(*) FROM note_focus_areas f "
        "JOIN notes n ON n.id = f.note_id JOIN sessions s ON s.id = n.session_id "
        "WHERE s.system_id = ? GROUP BY n.session_id, f.focus_area_id"), [system_id])]


def themes_per_area(s: OrmSession, system_id: str) -> list[tuple[str, str, int]]:
    """(session id, focus area id, themes tagged with it) for every pair with a theme."""
    return [(a, b, int(c)) for a, b, c in rows(s, (
        "SELECT t.session_id, f.focus_area_id, COUNT(*) FROM theme_focus_areas f "
        "JOIN themes t ON t.id = f.theme_id WHERE t.system_id = ? AND t.session_id IS NOT NULL "
        "GROUP BY t.session_id, f.focus_area_id"), [system_id])]


def notes_per_session(s: OrmSession, system_id: str) -> dict[str, tuple[int, int]]:
    """Session id -> (notes, notes tagged with no focus area)."""
    found = rows(s, (
        "SELECT n.session_id, COUNT(*), SUM(NOT EXISTS (SELECT 1 FROM note_focus_areas f "
        f"WHERE f.note_id = n.id)) FROM {_NOTES_OF_SYSTEM} GROUP BY n.session_id"), [system_id])
    return {session_id: (int(total), int(untagged or 0)) for session_id, total, untagged in found}


def notes_per_kind(s: OrmSession, system_id: str) -> dict[str, int]:
    """Note kind -> notes of that kind across the system."""
    return {kind: int(count) for kind, count in rows(
        s, f"SELECT n.kind, COUNT(*) FROM {_NOTES_OF_SYSTEM} GROUP BY n.kind", [system_id])}


def unattributed_notes(s: OrmSession, system_id: str) -> tuple[int, int]:
    """(notes whose speaker is a role such as "Housing officer", notes with no speaker)."""
    found = rows(s, (
        "SELECT COALESCE(SUM(n.speaker_participant_id IS NULL AND n.speaker_label != ''), 0), "
        "COALESCE(SUM(n.speaker_participant_id IS NULL AND n.speaker_label = ''), 0) "
        f"FROM {_NOTES_OF_SYSTEM}"), [system_id])
    return int(found[0][0]), int(found[0][1])


def people(s: OrmSession, system_id: str) -> list[tuple[Any, ...]]:
    """Per participant of the system, without name or e-mail: (sector, organisation, locality,
    notes they spoke, invited to a session, attended one)."""
    return rows(s, (
        "SELECT p.sector, p.organisation, p.locality, "
        "(SELECT COUNT(*) FROM notes n WHERE n.speaker_participant_id = p.id), "
        "EXISTS (SELECT 1 FROM invitations i WHERE i.participant_id = p.id), "
        "EXISTS (SELECT 1 FROM invitations i WHERE i.participant_id = p.id AND i.attended = 1) "
        "FROM participants p WHERE p.system_id = ?"), [system_id])
