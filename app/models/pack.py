"""A summary pack as plain content, with every consent already applied.

`app.services.exports.pack_content` builds a `Pack` from the store; the renderers in
`app.documents` (PDF, DOCX, HTML) only lay it out, so the three forms say the same and none of
them can name someone the content does not. Texts here are final: names already replaced where
there is no consent, dates already written out for en-GB readers.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field

from app.models.base import Model


class PackSection(StrEnum):
    """The parts of a pack an export may leave out (the cover and contents always come)."""

    PURPOSE = "purpose"  # purpose and agenda
    PEOPLE = "people"  # who took part, aggregated
    THEMES = "themes"  # themes by focus area, with their notes and quotes
    CHARTS = "charts"
    RECURRING = "recurring"  # learning-system pack: recurring themes over time
    COVERAGE = "coverage"  # learning-system pack: focus areas by session
    ACTIONS = "actions"
    EVIDENCE = "evidence"
    NEXT_STEPS = "next_steps"


class PackOptions(Model):
    """What an export was asked for. People are named only when `names` is set and they
    consented to be named for the session the text comes from."""

    names: bool = False
    sections: frozenset[PackSection] = frozenset(PackSection)
    charts: bool = True


class NameUse(Model):
    """One place a personal name will appear (the pre-flight list): whose, where, and why."""

    name: str
    where: str  # e.g. "Theme 'Trust came first', note 3" or "Cover: facilitators"
    why: str  # e.g. "consented to be named; names were asked for"


class PackNote(Model):
    """A note as the pack shows it. `quote`: shown verbatim in quotation marks (the speaker
    consented to be quoted); otherwise shown as a supporting note, unattributed to a person."""

    text: str
    kind: str  # the kind's label, e.g. "Barrier"
    speaker: str = ""  # a consenting name, a role, a sector ("Third sector"), "a participant", ""
    quote: bool = False


class PackTheme(Model):
    title: str
    synthesis: str = ""
    votes: int = 0
    note_count: int = 0  # all its notes, also those not shown
    notes: tuple[PackNote, ...] = ()
    session: str = ""  # the session's title, in a learning-system pack
    focus_areas: tuple[str, ...] = ()  # names


class PackArea(Model):
    """Themes under one focus area (a theme with several areas comes under its first;
    themes with none under "Other themes", whose `colour` is "")."""

    name: str
    colour: str = ""  # "#RRGGBB"
    themes: tuple[PackTheme, ...] = ()


class PackAgendaItem(Model):
    time: str  # "10:05"
    title: str
    minutes: int
    focus_areas: tuple[str, ...] = ()


class PackGroup(Model):
    """One sector or locality: how many were invited, attended and spoke (counts only)."""

    label: str
    invited: int = 0
    attended: int = 0
    spoke: int = 0


class PackPeople(Model):
    invited: int = 0
    attended: int = 0
    by_sector: tuple[PackGroup, ...] = ()
    by_locality: tuple[PackGroup, ...] = ()


class PackBar(Model):
    label: str
    value: int
    colour: str = ""  # "#RRGGBB", "" for the renderer's own


class PackChart(Model):
    """A bar chart with a caption that says what it shows (also its alt text)."""

    title: str
    caption: str
    unit: str  # "notes"
    bars: tuple[PackBar, ...] = ()


class PackAction(Model):
    what: str
    owner: str = ""  # a role or organisation as typed; a participant's name only with consent
    due: str = ""  # "Fri 4 Dec 2026", "" for none
    status: str = ""  # the status's label
    overdue: bool = False
    themes: tuple[str, ...] = ()  # titles


class PackEvidence(Model):
    title: str
    kind: str  # the kind's label
    citation: str = ""
    link: str = ""  # a web address (a DOI written as https://doi.org/...)
    themes: tuple[str, ...] = ()


class PackAppearance(Model):
    session: str
    date: str
    title: str  # the theme's title in that session
    notes: int = 0
    votes: int = 0


class PackRecurring(Model):
    title: str
    appearances: tuple[PackAppearance, ...] = ()


class PackCoverage(Model):
    """Focus areas by session: `cells[row][column]` = notes of area `rows[row]` in session
    `columns[column]`; `thin` names the areas with little or no evidence."""

    columns: tuple[str, ...] = ()
    rows: tuple[str, ...] = ()
    cells: tuple[tuple[int, ...], ...] = ()
    thin: tuple[str, ...] = ()


class Pack(Model):
    """Everything a pack says, in reading order, consent applied."""

    kind: str = "session"  # "session" or "system"
    title: str = Field(min_length=1)  # the session's title, or the learning system's
    system_name: str
    date: str = ""  # "Wednesday 11 November 2026", or "August – November 2026"
    facilitators: str = ""  # as typed on the session (staff, not participants)
    author: str = ""  # who made the pack (the store's author)
    language: str = "en-GB"
    purpose: str = ""
    agenda: tuple[PackAgendaItem, ...] = ()
    people: PackPeople | None = None
    areas: tuple[PackArea, ...] = ()
    charts: tuple[PackChart, ...] = ()
    recurring: tuple[PackRecurring, ...] = ()
    coverage: PackCoverage | None = None
    actions: tuple[PackAction, ...] = ()
    evidence: tuple[PackEvidence, ...] = ()
    next_steps: tuple[str, ...] = ()
    left_out: tuple[str, ...] = ()  # sentences: "2 quotes left out: no consent to quote."
    names: tuple[NameUse, ...] = ()  # every personal name the pack shows
    options: PackOptions = PackOptions()
