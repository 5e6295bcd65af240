"""What the DOCX and HTML packs both say, in the same order and the same words: the parts of a
pack that an export shows, and the short sentences around the content (counts, empty parts,
how consent was applied). Keeping them here means the two accessible forms cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.models.pack import Pack, PackAction, PackNote, PackSection, PackTheme

CONSENT_NOTE = ("Nobody is named in this pack unless they agreed to be named, and a note is "
                "quoted word for word only when its speaker agreed to be quoted. Other speakers "
                "appear by their role or sector, or as \u201ca participant\u201d.")


@dataclass(frozen=True)
class Part:
    """One top-level part of the pack: its anchor (also a bookmark name) and its heading."""

    key: str
    title: str


def parts(pack: Pack) -> list[Part]:
    """The parts this pack shows, in reading order; the cover and contents always come first
    and are not listed here."""
    wanted = pack.options.sections
    system = pack.kind == "system"
    shown: list[Part] = []
    if PackSection.PURPOSE in wanted and not system:
        shown.append(Part("purpose", "Purpose and agenda"))
    elif PackSection.PURPOSE in wanted and pack.purpose:
        shown.append(Part("purpose", "Purpose"))
    if PackSection.PEOPLE in wanted:
        shown.append(Part("people", "Who took part"))
    if PackSection.THEMES in wanted:
        shown.append(Part("themes", "Themes by focus area"))
    if PackSection.CHARTS in wanted and pack.options.charts:
        shown.append(Part("charts", "Charts"))
    if PackSection.RECURRING in wanted and system:
        shown.append(Part("recurring", "Recurring themes"))
    if PackSection.COVERAGE in wanted and (system or pack.coverage is not None):
        shown.append(Part("coverage", "Coverage of the focus areas"))
    if PackSection.ACTIONS in wanted:
        shown.append(Part("actions", "Actions"))
    if PackSection.EVIDENCE in wanted:
        shown.append(Part("evidence", "Evidence"))
    if PackSection.NEXT_STEPS in wanted:
        shown.append(Part("next_steps", "Next steps"))
    shown.append(Part("about", "About this pack"))
    return shown


def subject(pack: Pack) -> str:
    return "Learning system summary pack" if pack.kind == "system" else "Session summary pack"


def cover_lines(pack: Pack) -> list[str]:
    """The lines under the title on the cover, blank ones left out."""
    lines = [pack.date]
    if pack.facilitators:
        lines.append(f"Facilitated by {pack.facilitators}")
    return [line for line in lines if line]


def plural(count: int, word: str) -> str:
    return f"{count:,} {word}" if count == 1 else f"{count:,} {word}s"


def theme_facts(theme: PackTheme) -> str:
    """'9 votes · 6 notes · From Workshop 1': the line under a theme's title."""
    facts = [plural(theme.votes, "vote"), plural(theme.note_count, "note")]
    if theme.session:
        facts.append(f"From {theme.session}")
    if len(theme.focus_areas) > 1:
        facts.append("Also: " + ", ".join(theme.focus_areas[1:]))
    return " \u00b7 ".join(facts)


def attribution(note: PackNote) -> str:
    """Who said it, as the pack may show it ("" when nobody is given)."""
    return note.speaker.strip()


def note_label(note: PackNote) -> str:
    """The supporting note's lead-in: its kind, and its speaker when one is given."""
    who = attribution(note)
    return f"{note.kind} ({who})" if who and note.kind else (note.kind or who)


def people_summary(pack: Pack) -> str:
    people = pack.people
    if people is None or (people.invited == 0 and people.attended == 0):
        return "No attendance was recorded."
    invited = "1 person was" if people.invited == 1 else f"{people.invited:,} people were"
    return (f"{invited} invited and {people.attended:,} took part. The tables give counts by "
            "sector and by locality; nobody is named in them.")


def action_status(action: PackAction) -> str:
    """The status in words, overdue said outright rather than by colour."""
    status = action.status or "Open"
    return f"{status} (overdue)" if action.overdue else status


def empty_sentence(key: str, pack: Pack) -> str:
    """What a part says when it has nothing to show."""
    where = "this learning system" if pack.kind == "system" else "this session"
    return {
        "purpose": "No purpose or agenda was recorded.",
        "themes": f"No themes were recorded for {where}.",
        "charts": "There is nothing to chart yet.",
        "recurring": "No theme has recurred across sessions yet.",
        "coverage": "No coverage was recorded.",
        "actions": "No actions were agreed.",
        "evidence": "No evidence was linked.",
        "next_steps": "No next steps were recorded.",
    }.get(key, "Nothing to show.")


def joined(pieces: list[str]) -> str:
    """Pieces as one line of sentences: '. ' between them, unless one already ends a sentence."""
    out = ""
    for piece in (p.strip() for p in pieces):
        if not piece:
            continue
        if out:
            out += " " if out.endswith((".", "!", "?", ":")) else ". "
        out += piece
    return out


def is_web_address(text: str) -> bool:
    """Only ordinary web addresses become links: a typed 'javascript:' must stay text."""
    lowered = text.strip().lower()
    return lowered.startswith(("https://", "http://")) and " " not in lowered
