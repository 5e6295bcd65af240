"""The facilitator's printed run sheet for one session: when, where, the timed agenda, who comes.

Pure: takes domain models and returns the PDF's bytes; the planning service writes them. The
app imports this module lazily, so start-up does not pay for reportlab.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from functools import cache
from io import BytesIO
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import registerFont, registerFontFamily, stringWidth
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from app.config import resources_dir
from app.models.people import SessionParticipant
from app.models.planning import AgendaItem, Session, schedule
from app.models.system import FocusArea

MARGIN = 18 * mm
FRAME_PAD = 6  # points: platypus frames inset their content this much on every side
WIDTH = A4[0] - 2 * (MARGIN + FRAME_PAD)
FOOTER_SIZE = 8
CELL_SIZE = 8.5
CELL_PAD = 4  # points, left and right of each table cell
ROW_SPLIT_MIN = 160  # points
INK = colors.HexColor("#1A1A1A")
MUTED = colors.HexColor("#555555")
RULE = colors.HexColor("#B8B8B8")
HEAD_FILL = colors.HexColor("#E8ECF2")
WARN_FILL = colors.HexColor("#FFF1D6")
WARN_EDGE = colors.HexColor("#B35C00")

# Regular and bold TrueType pairs with wide Latin coverage, first found wins: Helvetica has no
# 'Ł' or 'ż', and a run sheet must print every participant's name as it was typed.
# Lato (OFL) ships in resources/fonts, so every laptop prints the same, with all Latin letters.
_FONT_DIR = resources_dir() / "fonts"

# Fixed English names: Qt sets the C locale from the environment, and a run sheet in English
# should not read "Dienstag 8 December" on a German-configured laptop.
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


def run_sheet_pdf(
    session: Session,
    agenda: Sequence[AgendaItem],
    participants: Sequence[SessionParticipant],
    focus_areas: Sequence[FocusArea],
    *,
    system_name: str = "",
) -> bytes:
    """The run sheet as PDF bytes."""
    styles = _styles()
    story: list[Any] = []
    story += _heading(session, system_name, styles)
    story += _access_needs(participants, styles)
    story += _agenda(session, agenda, focus_areas, styles)
    story += _participants(participants, styles)

    buffer = BytesIO()
    doc = SimpleDocTemplate(
        buffer, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
        bottomMargin=MARGIN + 6 * mm, title=f"Run sheet: {session.title}",
        author=system_name or "Cairn", subject="Facilitator run sheet", creator="Cairn",
    )
    doc.build(story, canvasmaker=_footer_canvas(session.title))
    return buffer.getvalue()


def when_text(session: Session) -> str:
    """'Tuesday 8 December 2026, 10:00–11:30' in the laptop's local time."""
    starts, ends = session.starts.astimezone(), session.ends.astimezone()
    text = f"{_date(starts)}, {starts:%H:%M}–"
    return text + (f"{ends:%H:%M}" if ends.date() == starts.date() else f"{_date(ends)}, {ends:%H:%M}")


def consent_text(may_name: bool, may_email: bool, may_quote: bool) -> str:
    """The three consents as words a facilitator cannot misread."""
    return "; ".join((
        "may be named" if may_name else "not to be named",
        "may be emailed" if may_email else "not to be emailed",
        "may be quoted" if may_quote else "not to be quoted",
    ))


@cache
def fonts() -> tuple[str, str]:
    """Names of the regular and bold fonts: the shipped Lato, or Helvetica if it is missing."""
    try:
        registerFont(TTFont("Lato", str(_FONT_DIR / "Lato-Regular.ttf")))
        registerFont(TTFont("Lato-Bold", str(_FONT_DIR / "Lato-Bold.ttf")))
        registerFont(TTFont("Lato-Italic", str(_FONT_DIR / "Lato-Italic.ttf")))
    except Exception:  # a damaged install must still print, in reportlab's own font
        return "Helvetica", "Helvetica-Bold"
    registerFontFamily("Lato", normal="Lato", bold="Lato-Bold", italic="Lato-Italic",
                       boldItalic="Lato-Bold")
    return "Lato", "Lato-Bold"


def _date(moment: datetime) -> str:
    return f"{_DAYS[moment.weekday()]} {moment.day} {_MONTHS[moment.month - 1]} {moment.year}"


def _text(value: str) -> str:
    """User text made safe for Paragraph markup, keeping its line breaks."""
    return escape(value.strip()).replace("\n", "<br/>")


def _styles() -> dict[str, ParagraphStyle]:
    base = getSampleStyleSheet()["Normal"]
    regular, bold = fonts()

    def style(name: str, **kw: Any) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, **{"fontName": regular, "textColor": INK, **kw})

    return {
        "title": style("title", fontName=bold, fontSize=18, leading=22, spaceAfter=2),
        "subtitle": style("subtitle", fontSize=10, leading=13, textColor=MUTED, spaceAfter=8),
        "h2": style("h2", fontName=bold, fontSize=12.5, leading=16, spaceBefore=12,
                    spaceAfter=5, keepWithNext=1),
        "body": style("body", fontSize=9.5, leading=12.5),
        "label": style("label", fontName=bold, fontSize=9.5, leading=12.5),
        "cell": style("cell", fontSize=CELL_SIZE, leading=10.8),
        "small": style("small", fontSize=7.8, leading=10, textColor=MUTED),
        "head": style("head", fontName=bold, fontSize=CELL_SIZE, leading=10.8),
        "num": style("num", fontSize=CELL_SIZE, leading=10.8, alignment=TA_RIGHT),
        "warn": style("warn", fontName=bold, fontSize=10, leading=13),
    }


def _heading(session: Session, system_name: str, st: dict[str, ParagraphStyle]) -> list[Any]:
    subtitle = f"Facilitator run sheet · {session.kind.label}"
    if system_name:
        subtitle += f" · {system_name}"
    facts: list[tuple[str, str]] = [("When", escape(when_text(session))),
                                    ("Length", f"{session.minutes} min"),
                                    ("Format", escape(session.format.label))]
    if session.platform:
        facts.append(("Platform", _text(session.platform)))
    if session.join_link:
        link = session.join_link.strip()
        shown = escape(link)
        if link.lower().startswith(("https://", "http://")):
            shown = f'<link href="{escape(link, {chr(34): "&quot;"})}" color="#1F4E99">{shown}</link>'
        facts.append(("Join link", shown))
    if session.location:
        facts.append(("Location", _text(session.location)))
    if session.facilitators:
        facts.append(("Facilitators", _text(session.facilitators)))
    if session.purpose:
        facts.append(("Purpose", _text(session.purpose)))
    rows = [[Paragraph(label, st["label"]), Paragraph(value, st["body"])] for label, value in facts]
    table = Table(rows, colWidths=[28 * mm, None], hAlign="LEFT")
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
    ]))
    return [Paragraph(escape(session.title), st["title"]), Paragraph(escape(subtitle), st["subtitle"]),
            table]


def _access_needs(people: Sequence[SessionParticipant], st: dict[str, ParagraphStyle]) -> list[Any]:
    """A boxed list near the top: the one thing a facilitator must not miss."""
    needing = sorted((p for p in people if p.invitation.access_needs.strip()),
                     key=lambda p: p.participant.name.lower())
    lines = [Paragraph(f"ACCESS NEEDS ({len(needing)})" if needing else "ACCESS NEEDS", st["warn"])]
    lines += [Paragraph(f"<b>{escape(p.participant.name)}</b>: {_text(p.invitation.access_needs)}",
                        st["body"]) for p in needing]
    if not needing:
        lines.append(Paragraph("No participant has recorded an access need.", st["body"]))
    return [Spacer(1, 8), _callout(lines)]


def _agenda(session: Session, agenda: Sequence[AgendaItem], areas: Sequence[FocusArea],
            st: dict[str, ParagraphStyle]) -> list[Any]:
    plan = schedule(session, tuple(agenda))
    flow: list[Any] = [Paragraph("Agenda", st["h2"])]
    if not plan.items:
        return [*flow, Paragraph("No agenda yet.", st["body"])]
    summary = f"{len(plan.items)} items, {plan.planned_minutes} min planned of {plan.session_minutes} min."
    flow.append(Paragraph(summary, st["small"]))
    if plan.warning:
        warning = (f"WARNING: {plan.warning} Items marked OVERRUN end after the session's finish "
                   f"at {session.ends.astimezone():%H:%M}.")
        flow += [Spacer(1, 4), _callout([Paragraph(escape(warning), st["warn"])])]
    flow.append(Spacer(1, 5))

    by_id = {a.id: a for a in areas}
    rows: list[list[Any]] = [[Paragraph(h, st["head"]) for h in
                              ("Time", "Min", "Item and method", "Prompt / questions", "Focus areas")]]
    for laid in plan.items:
        item = laid.item
        clock = f"{laid.starts.astimezone():%H:%M}–{laid.ends.astimezone():%H:%M}"
        if laid.overruns:
            clock += "<br/><b>OVERRUN</b>"
        what = f"<b>{escape(item.title)}</b>"
        if item.method:
            what += f"<br/><font color='#555555'>Method: {_text(item.method)}</font>"
        rows.append([
            Paragraph(clock, st["cell"]),
            Paragraph(str(item.minutes), st["num"]),
            Paragraph(what, st["cell"]),
            Paragraph(_text(item.prompt) or "—", st["cell"]),
            Paragraph(_focus_text(item.focus_area_ids, by_id) or "—", st["cell"]),
        ])
    widths = [_fit_width(("00:00–00:00",), ("Time", "OVERRUN")), _fit_width(("000",), ("Min",)),
              40 * mm, None, 36 * mm]
    flow.append(_grid(rows, widths, overrun_rows=[i + 1 for i, s in enumerate(plan.items) if s.overruns]))
    return flow


def _focus_text(ids: Sequence[str], by_id: dict[str, FocusArea]) -> str:
    parts = []
    for fid in ids:
        area = by_id.get(fid)
        if area is None:
            parts.append("<i>(a removed focus area)</i>")
        else:
            key = f"[{area.key}] " if area.key is not None else ""
            parts.append(escape(key + area.name))
    return "<br/>".join(parts)


def _participants(people: Sequence[SessionParticipant], st: dict[str, ParagraphStyle]) -> list[Any]:
    heading = Paragraph(f"Participants ({len(people)})", st["h2"])
    if not people:
        return [heading, Paragraph("No one invited yet.", st["body"])]
    rows: list[list[Any]] = [[Paragraph(h, st["head"]) for h in
                              ("Name", "Organisation, sector", "Attendance", "Consent",
                               "Access needs")]]
    for sp in sorted(people, key=lambda p: p.participant.name.lower()):
        person, inv = sp.participant, sp.invitation
        where = " · ".join(escape(x) for x in (person.sector.label, person.locality.strip()) if x)
        org = (_text(person.organisation) + "<br/>" if person.organisation else "")
        org += f"<font color='#555555'>{where}</font>"
        attended = {None: "Not recorded", True: "Attended", False: "Did not attend"}[inv.attended]
        needs = f"<b>{_text(inv.access_needs)}</b>" if inv.access_needs.strip() else "None recorded"
        rows.append([
            Paragraph(f"<b>{escape(person.name)}</b>", st["cell"]),
            Paragraph(org, st["cell"]),
            Paragraph(attended, st["cell"]),
            Paragraph(consent_text(inv.may_name, inv.may_email, inv.may_quote).replace("; ", "<br/>"),
                      st["cell"]),
            Paragraph(needs, st["cell"]),
        ])
    widths = [32 * mm, 38 * mm, _fit_width(("Not recorded", "Did not attend"), ("Attendance",)),
              _fit_width(("not to be emailed",), ("Consent",)), None]
    return [heading, _grid(rows, widths)]


def _fit_width(texts: Sequence[str], bold_texts: Sequence[str]) -> float:
    """A column just wide enough for its longest short entry, in whichever font is in use."""
    regular, bold = fonts()
    widest = max([stringWidth(t, regular, CELL_SIZE) for t in texts]
                 + [stringWidth(t, bold, CELL_SIZE) for t in bold_texts])
    return widest + 2 * CELL_PAD + 1


def _callout(lines: Sequence[Paragraph]) -> Table:
    """A boxed, tinted block whose first line is bold words, so it reads without colour too."""
    box = Table([[line] for line in lines], colWidths=[WIDTH])
    box.setStyle(TableStyle([
        ("BOX", (0, 0), (-1, -1), 1.2, WARN_EDGE),
        ("BACKGROUND", (0, 0), (-1, -1), WARN_FILL),
        ("LEFTPADDING", (0, 0), (-1, -1), 8),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("TOPPADDING", (0, 0), (-1, 0), 5),
        ("BOTTOMPADDING", (0, -1), (-1, -1), 6),
    ]))
    return box


def _grid(rows: list[list[Any]], widths: list[float | None], overrun_rows: Sequence[int] = ()) -> Table:
    """A ruled table whose header repeats on every page and whose long rows may split."""
    free = WIDTH - sum(w for w in widths if w is not None)
    col_widths = [w if w is not None else free for w in widths]
    # A row splits across pages only when both parts are at least ROW_SPLIT_MIN tall: a huge
    # prompt cannot overflow the page, and an ordinary row is never torn in two.
    table = Table(rows, colWidths=col_widths, repeatRows=1, splitByRow=0, splitInRow=ROW_SPLIT_MIN,
                  hAlign="LEFT")
    commands: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL),
        ("LINEABOVE", (0, 0), (-1, 0), 0.8, INK),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, INK),
        ("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PAD),
        ("TOPPADDING", (0, 0), (-1, -1), 3.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]
    commands += [("BACKGROUND", (0, r), (-1, r), WARN_FILL) for r in overrun_rows]
    table.setStyle(TableStyle(commands))
    return table


def _footer_canvas(title: str) -> type[Canvas]:
    """A canvas that holds its pages back until the end, so each footer can say 'of M'."""

    class FooterCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                self._draw_footer(number, total)
                super().showPage()
            super().save()

        def _draw_footer(self, number: int, total: int) -> None:
            font, size = fonts()[0], FOOTER_SIZE
            right = f"Page {number} of {total}"
            room = WIDTH - stringWidth(right, font, size) - 12 * mm
            left = fit_text(f"{title} · Run sheet · Confidential", font, size, room)
            x0, x1, y = MARGIN + FRAME_PAD, A4[0] - MARGIN - FRAME_PAD, MARGIN - 4 * mm
            self.saveState()
            self.setStrokeColor(RULE)
            self.setLineWidth(0.4)
            self.line(x0, y + 10, x1, y + 10)
            self.setFont(font, size)
            self.setFillColor(MUTED)
            self.drawString(x0, y, left)
            self.drawRightString(x1, y, right)
            self.restoreState()

    return FooterCanvas


def fit_text(text: str, font: str, size: float, room: float) -> str:
    """The text cut with an ellipsis to fit `room` points in this font and size."""
    if stringWidth(text, font, size) <= room:
        return text
    while text and stringWidth(text + "…", font, size) > room:
        text = text[:-1]
    return text.rstrip() + "…"
