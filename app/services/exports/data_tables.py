"""The session as three tables (notes, themes, actions), consent applied, for CSV and XLSX.

Texts are cleaned of names that may not be shown and speakers are given as the consent rules
say; times are local (a spreadsheet has no time zones), dates stay dates.
"""

from __future__ import annotations

from app.documents.spreadsheet import Column, Sheet
from app.models import FocusArea
from app.services.exports.consent import ConsentRules
from app.services.exports.session_data import SessionData

TABLES = ("notes", "themes", "actions")
LIST_SEPARATOR = "; "


def note_sheet(data: SessionData, rules: ConsentRules) -> Sheet:
    columns = (Column("Note", 8), Column("Text", 60), Column("Kind", 14),
               Column("Focus areas", 30), Column("Tags", 20), Column("Speaker", 22),
               Column("Theme", 30), Column("Created at", 18), Column("Starred", 9),
               Column("Id", 38))
    rows = []
    for n, note in enumerate(data.notes, start=1):
        where = f"Notes table, note {n}"
        theme = data.theme(note.theme_id)
        rows.append((
            n, rules.clean(note.text, where), note.kind.label,
            LIST_SEPARATOR.join(a.name for a in _areas(data, note.focus_area_ids)),
            LIST_SEPARATOR.join(f"#{t.name}" for i in note.tag_ids if (t := data.tag(i))),
            rules.speaker(note, where),
            rules.clean(theme.title, where) if theme else "",
            note.created_at.astimezone() if note.created_at else None,
            note.starred, note.id,
        ))
    return Sheet("Notes", columns, tuple(rows))


def theme_sheet(data: SessionData, rules: ConsentRules) -> Sheet:
    columns = (Column("Theme", 8), Column("Title", 36), Column("Synthesis", 60),
               Column("Focus areas", 30), Column("Votes", 8), Column("Notes", 8),
               Column("Id", 38))
    rows = []
    for n, theme in enumerate(data.themes, start=1):
        where = f"Themes table, theme {n}"
        rows.append((
            n, rules.clean(theme.title, where), rules.clean(theme.synthesis, where),
            LIST_SEPARATOR.join(a.name for a in _areas(data, theme.focus_area_ids)),
            theme.votes, len(theme.note_ids), theme.id,
        ))
    return Sheet("Themes", columns, tuple(rows))


def action_sheet(data: SessionData, rules: ConsentRules) -> Sheet:
    columns = (Column("Action", 8), Column("What", 50), Column("Owner", 24), Column("Due", 12),
               Column("Status", 12), Column("Themes", 40), Column("Id", 38))
    rows = []
    for n, action in enumerate(data.actions, start=1):
        where = f"Actions table, action {n}"
        themes = [rules.clean(t.title, where) for i in action.theme_ids if (t := data.theme(i))]
        rows.append((
            n, rules.clean(action.what, where), rules.clean(action.owner, where), action.due,
            action.status.label, LIST_SEPARATOR.join(themes), action.id,
        ))
    return Sheet("Actions", columns, tuple(rows))


def sheets(data: SessionData, rules: ConsentRules) -> tuple[Sheet, ...]:
    return note_sheet(data, rules), theme_sheet(data, rules), action_sheet(data, rules)


def sheet(data: SessionData, rules: ConsentRules, table: str) -> Sheet:
    """One of `TABLES` (the caller has checked the name)."""
    builders = {"notes": note_sheet, "themes": theme_sheet, "actions": action_sheet}
    return builders[table](data, rules)


def _areas(data: SessionData, ids: tuple[str, ...]) -> list[FocusArea]:
    found = [a for i in ids if (a := data.area(i))]
    return sorted(found, key=lambda a: a.position)
