"""The narrative parts of the PDF summary pack: cover, purpose and agenda, who took part, the
themes by focus area with their notes and quotes, next steps, and how consent was applied.

Every part comes whenever its section was asked for, saying in a sentence when it has nothing
to show, so a reader never wonders whether something was lost.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    NextPageTemplate,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from app.documents.pack_style import (
    ACCENT,
    MUTED,
    QUOTE_FILL,
    WIDTH,
    Bullet,
    Heading,
    cells,
    colour,
    grid,
    para,
    styles,
    text,
)
from app.models.pack import Pack, PackArea, PackGroup, PackNote, PackTheme

Keys = Callable[[], str]  # gives a fresh bookmark key
THEME_ROOM = 48 * mm
KIND_ROOM = 24 * mm


def cover(pack: Pack) -> list[Any]:
    """The first page: learning system, title, what kind of pack, date, facilitators."""
    st = styles()
    kind = "Learning system summary" if pack.kind == "system" else "Session summary"
    flow: list[Any] = [Spacer(1, 40 * mm)]
    if pack.system_name and (pack.kind != "system" or pack.system_name != pack.title):
        flow.append(Paragraph(text(pack.system_name, bold=True), st["cover_system"]))
    flow += [Paragraph(text(pack.title, bold=True), st["cover_title"]),
             Paragraph(kind, st["cover_kind"])]
    facts = [("Date", pack.date), ("Facilitators", pack.facilitators),
             ("Prepared by", pack.author if pack.author != pack.facilitators else "")]
    flow += [Paragraph(f"<b>{label}:</b> {text(value)}", st["cover_fact"])
             for label, value in facts if value.strip()]
    return [*flow, NextPageTemplate("body"), PageBreak()]


def purpose(pack: Pack, key: Keys) -> list[Any]:
    """Why the session was held and its timed agenda (a learning-system pack has no agenda)."""
    st = styles()
    title = "Purpose" if pack.kind == "system" or not pack.agenda else "Purpose and agenda"
    flow: list[Any] = [Heading(title, st["h1"], level=0, key=key())]
    flow.append(Paragraph(text(pack.purpose) or "No purpose was written down.", st["body"]))
    if pack.kind == "system":
        return flow
    if not pack.agenda:
        return [*flow, Paragraph("There was no timed agenda.", st["body"])]
    rows: list[list[Any]] = [cells(("Time", "Item", "Minutes"), st["cell_head"])]
    for item in pack.agenda:
        what = f"<b>{text(item.title)}</b>"
        if item.focus_areas:
            what += "<br/>Focus: " + text(", ".join(item.focus_areas))
        rows.append([Paragraph(text(item.time), st["cell"]), Paragraph(what, st["cell"]),
                     Paragraph(str(item.minutes), st["cell_num"])])
    return [*flow, Paragraph("The agenda", st["lead"]), grid(rows, (22 * mm, None, 24 * mm)),
            Spacer(1, 6)]


def people(pack: Pack, key: Keys) -> list[Any]:
    """Who took part, as counts by sector and locality: never a list of names."""
    st = styles()
    flow: list[Any] = [CondPageBreak(60 * mm), Heading("Who took part", st["h1"], level=0,
                                                       key=key())]
    crowd = pack.people
    if crowd is None or (not crowd.invited and not crowd.attended):
        return [*flow, Paragraph("No attendance was recorded.", st["body"])]
    flow.append(Paragraph(f"{crowd.attended} of {crowd.invited} people invited took part. "
                          "The tables give numbers only: no one is named here.", st["body"]))
    for label, groups in (("By sector", crowd.by_sector), ("By locality", crowd.by_locality)):
        if groups:
            flow += [Paragraph(label, st["lead"]), _groups(label, groups), Spacer(1, 10)]
    return flow


def _groups(label: str, groups: tuple[PackGroup, ...]) -> Any:
    st = styles()
    head = label.removeprefix("By ").capitalize()
    rows: list[list[Any]] = [[Paragraph(head, st["cell_head"])]
                             + [Paragraph(h, st["cell_num"]) for h in
                                ("<b>Invited</b>", "<b>Took part</b>", "<b>Spoke</b>")]]
    for g in groups:
        rows.append([Paragraph(text(g.label), st["cell"])]
                    + [Paragraph(str(n), st["cell_num"]) for n in (g.invited, g.attended, g.spoke)])
    return grid(rows, (None, 26 * mm, 28 * mm, 24 * mm))


def themes(pack: Pack, key: Keys) -> list[Any]:
    """The themes under their focus areas, each area headed by its colour."""
    st = styles()
    flow: list[Any] = [CondPageBreak(100 * mm), Heading("Themes", st["h1"], level=0, key=key())]
    areas = [a for a in pack.areas if a.themes]
    if not areas:
        what = "this learning system" if pack.kind == "system" else "this session"
        return [*flow, Paragraph(f"No themes were recorded for {what}.", st["body"])]
    count = sum(len(a.themes) for a in areas)
    flow.append(Paragraph(
        f"{count} theme{'s' if count != 1 else ''} under {len(areas)} focus "
        f"area{'s' if len(areas) != 1 else ''}. Each theme gives its synthesis, the votes it "
        "received and what was said.", st["body"]))
    for area in areas:
        flow += _area(area, key)
    return flow


def _area(area: PackArea, key: Keys) -> list[Any]:
    st = styles()
    bar = colour(area.colour, ACCENT) if area.colour else MUTED
    flow: list[Any] = [CondPageBreak(70 * mm),
                       Heading(area.name, st["h2"], level=1, key=key(), bar=bar)]
    for theme in area.themes:
        flow += _theme(theme, key)
    return flow


def _theme(theme: PackTheme, key: Keys) -> list[Any]:
    st = styles()
    facts = [f"{theme.votes} vote{'s' if theme.votes != 1 else ''}",
             f"{theme.note_count} note{'s' if theme.note_count != 1 else ''}"]
    if theme.note_count > len(theme.notes):
        facts[-1] += f" ({len(theme.notes)} shown here)"
    if theme.session:
        facts.append(f"from {text(theme.session)}")
    # Room for the title, its facts and the start of what follows, or a new page.
    flow: list[Any] = [CondPageBreak(THEME_ROOM),
                       Heading(theme.title, st["h3"], level=2, key=key(), toc=False),
                       para(" · ".join(facts), st["meta"])]
    if theme.synthesis.strip():
        flow.append(para(text(theme.synthesis), st["synthesis"]))
    quotes = [n for n in theme.notes if n.quote]
    notes = [n for n in theme.notes if not n.quote]
    for kind, said in _by_kind(notes).items():
        flow += [CondPageBreak(KIND_ROOM),
                 para(f"{text(kind, bold=True) or 'Notes'} ({len(said)})", st["kind"])]
        flow += [para(_note(n), st["bullet"], Bullet) for n in said]
    flow += [_quote(n) for n in quotes]
    return flow


def _by_kind(notes: list[PackNote]) -> dict[str, list[PackNote]]:
    """Notes grouped by kind (barriers together, ideas together), kinds in order of first
    appearance."""
    groups: dict[str, list[PackNote]] = {}
    for note in notes:
        groups.setdefault(note.kind.strip(), []).append(note)
    return groups


def _note(note: PackNote) -> str:
    # One run of plain text: markup inside a note would make a large pack much slower to lay
    # out, and the kind is already given by the group's heading.
    who = f" ({note.speaker.strip()})" if note.speaker.strip() else ""
    return text(note.text + who)


def _quote(note: PackNote) -> Any:
    """A quote set apart in a tinted box with a rule, in quotation marks, attributed as given."""
    st = styles()
    lines = [para(f"“{text(note.text, italic=True)}”", st["quote"])]
    if note.speaker.strip():
        lines.append(para(f"— {text(note.speaker)}", st["quote_by"]))
    if len(note.text) < 600:
        # Kept whole; drawn directly, which lays out far faster than a table per quote.
        return _QuoteBox(lines)
    box = Table([[line] for line in lines], colWidths=[WIDTH - 16], hAlign="RIGHT",
                splitByRow=1, splitInRow=80)
    box.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, -1), QUOTE_FILL),
        ("LINEBEFORE", (0, 0), (0, -1), 3, ACCENT),
        ("LEFTPADDING", (0, 0), (-1, -1), 12),
        ("RIGHTPADDING", (0, 0), (-1, -1), 10),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("TOPPADDING", (0, 0), (-1, 0), 7),
        ("BOTTOMPADDING", (0, -1), (-1, -1), 8),
    ]))
    return box


class _QuoteBox(Flowable):
    """A short quote's lines on a tinted ground with an accent rule on the left, never split
    across pages (as a table kept together would be)."""

    LEFT, RIGHT, TOP, BOTTOM, BEFORE, AFTER = 12, 10, 7, 8, 4, 6

    def __init__(self, lines: list[Paragraph]) -> None:
        super().__init__()
        self.lines = lines
        self.inner: list[tuple[float, float]] = []

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.box_width = min(avail_width, WIDTH - 16)
        room = self.box_width - self.LEFT - self.RIGHT
        self.inner = [line.wrap(room, avail_height) for line in self.lines]
        self.box_height = self.TOP + sum(h for _, h in self.inner) + self.BOTTOM
        self.width = avail_width
        self.height = self.BEFORE + self.box_height + self.AFTER
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        left = self.width - self.box_width  # set to the right, as the quotes always were
        bottom = self.AFTER
        canvas.saveState()
        canvas.setFillColor(QUOTE_FILL)
        canvas.rect(left, bottom, self.box_width, self.box_height, stroke=0, fill=1)
        canvas.setStrokeColor(ACCENT)
        canvas.setLineWidth(3)
        canvas.line(left, bottom, left, bottom + self.box_height)
        canvas.restoreState()
        y = bottom + self.box_height - self.TOP
        for line, (_, height) in zip(self.lines, self.inner, strict=True):
            y -= height
            line.drawOn(canvas, left + self.LEFT, y)


def next_steps(pack: Pack, key: Keys) -> list[Any]:
    st = styles()
    flow: list[Any] = [CondPageBreak(50 * mm), Heading("Next steps", st["h1"], level=0,
                                                       key=key())]
    if not pack.next_steps:
        return [*flow, Paragraph("No next steps were agreed.", st["body"])]
    return flow + [Bullet(text(step), st["bullet"])
                   for step in pack.next_steps]


def about(pack: Pack, key: Keys) -> list[Any]:
    """How consent was applied, and what it left out."""
    st = styles()
    if pack.options.names:
        named = ("People are named only where they agreed to be named; everyone else appears "
                 "by role, by sector or as “a participant”.")
    else:
        named = ("No participant is named: speakers appear by role, by sector or as “a "
                 "participant”, and names typed in notes are replaced.")
    lines = [named, "A note is quoted word for word only when its speaker agreed to be quoted.",
             *pack.left_out]
    flow: list[Any] = [CondPageBreak(50 * mm),
                       Heading("About this pack", st["h1"], level=0, key=key())]
    return flow + [Bullet(text(line), st["bullet"]) for line in lines]
