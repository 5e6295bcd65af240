"""The tabular parts of the PDF summary pack: charts, recurring themes over time, coverage of
focus areas by session, actions and evidence.

Tables repeat their header row on every page they run onto; states that matter (overdue,
little evidence) are written in words, never shown by colour alone.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, KeepTogether, Paragraph, Spacer

from app.documents.pack_charts import chart_flowables
from app.documents.pack_pdf_parts import Keys
from app.documents.pack_style import (
    WIDTH,
    Bullet,
    Heading,
    attr,
    cells,
    fonts,
    grid,
    plain,
    styles,
    text,
)
from app.models.pack import Pack, PackCoverage, PackRecurring

AREA_COLUMN = 62 * mm  # the focus areas' column of the coverage table, at least


def charts(pack: Pack, key: Keys) -> list[Any]:
    st = styles()
    flow: list[Any] = [CondPageBreak(90 * mm), Heading("Charts", st["h1"], level=0, key=key())]
    if not pack.charts:
        return [*flow, Paragraph("There is nothing to chart yet.", st["body"])]
    for chart in pack.charts:
        flow += [CondPageBreak(60 * mm), *chart_flowables(chart, key())]
    return flow


def recurring(pack: Pack, key: Keys) -> list[Any]:
    """Each recurring theme with the sessions it appeared in, in order."""
    st = styles()
    flow: list[Any] = [CondPageBreak(80 * mm),
                       Heading("Recurring themes", st["h1"], level=0, key=key())]
    if not pack.recurring:
        return [*flow, Paragraph("No theme has come up in more than one session yet.",
                                 st["body"])]
    flow.append(Paragraph("Themes that came up again across sessions, and how they grew.",
                          st["body"]))
    for theme in pack.recurring:
        flow += _recurring(theme, key)
    return flow


def _recurring(theme: PackRecurring, key: Keys) -> list[Any]:
    st = styles()
    count = len(theme.appearances)
    flow: list[Any] = [Heading(theme.title, st["h3"], level=1, key=key(), toc=False),
                       Paragraph(f"Came up in {count} session{'s' if count != 1 else ''}.",
                                 st["meta"])]
    rows: list[list[Any]] = [[*cells(("Session", "Theme there"), st["cell_head"]),
                              *(Paragraph(f"<b>{h}</b>", st["cell_num"])
                                for h in ("Notes", "Votes"))]]
    for a in theme.appearances:
        rows.append([Paragraph(f"{text(a.session)}<br/><font color='#4D4D4D'>{text(a.date)}"
                               "</font>", st["cell"]),
                     Paragraph(text(a.title), st["cell"]),
                     Paragraph(str(a.notes), st["cell_num"]),
                     Paragraph(str(a.votes), st["cell_num"])])
    flow += [grid(rows, (None, None, 20 * mm, 20 * mm)), Spacer(1, 8)]
    # A short timeline stays whole on one page; a long one splits with its header repeated.
    return [KeepTogether(flow)] if count <= 8 else flow


def coverage(pack: Pack, key: Keys) -> list[Any]:
    """Notes per focus area per session; areas with little evidence marked in words."""
    st = styles()
    flow: list[Any] = [CondPageBreak(80 * mm),
                       Heading("Coverage", st["h1"], level=0, key=key())]
    cov = pack.coverage
    if cov is None or not cov.rows or not cov.columns:
        return [*flow, Paragraph("No notes were tagged with a focus area yet.", st["body"])]
    flow.append(Paragraph("How many notes each session gathered for each focus area.",
                          st["body"]))
    if cov.thin:
        flow.append(Paragraph("Marked “little evidence”: " + text(", ".join(cov.thin)) +
                              ". These areas may need more attention.", st["body"]))
    for columns in _column_groups(cov.columns):
        flow += [_coverage_table(cov, columns), Spacer(1, 10)]
    return flow


def _column_widths(titles: tuple[str, ...]) -> list[float]:
    """Each session's column wide enough for its title on one line when that is short
    ("Workshop 1"), otherwise for the longest word of it."""
    bold = fonts()[1]

    def width(title: str) -> float:
        whole = stringWidth(plain(title), bold, 10.5) + 12
        word = max((stringWidth(w, bold, 10.5) + 12 for w in plain(title).split()), default=0)
        return max(20 * mm, min(whole, max(word, 36 * mm)))

    return [width(t) for t in titles]


def _column_groups(titles: tuple[str, ...]) -> list[list[int]]:
    """The sessions in as few tables as fit beside the focus areas' column."""
    groups: list[list[int]] = [[]]
    used = AREA_COLUMN
    for c, width in enumerate(_column_widths(titles)):
        if groups[-1] and used + width > WIDTH:
            groups.append([])
            used = AREA_COLUMN
        groups[-1].append(c)
        used += width
    return groups


def _coverage_table(cov: PackCoverage, columns: list[int]) -> Any:
    st = styles()
    widths = _column_widths(cov.columns)
    rows: list[list[Any]] = [[Paragraph("Focus area", st["cell_head"])]
                             + [Paragraph(f"<b>{text(cov.columns[c])}</b>", st["cell_num"])
                                for c in columns]]
    thin = set(cov.thin)
    marked = []
    for r, area in enumerate(cov.rows):
        label = text(area)
        if area in thin:
            label += "<br/><b>little evidence</b>"
            marked.append(r + 1)
        counts = cov.cells[r] if r < len(cov.cells) else ()
        rows.append([Paragraph(label, st["cell"])]
                    + [Paragraph(str(counts[c]) if c < len(counts) else "0", st["cell_num"])
                       for c in columns])
    return grid(rows, [None] + [min(widths[c], WIDTH - AREA_COLUMN) for c in columns],
                marked_rows=marked)


def actions(pack: Pack, key: Keys) -> list[Any]:
    """What will be done, by whom and when; overdue actions say so in words."""
    st = styles()
    flow: list[Any] = [CondPageBreak(70 * mm), Heading("Actions", st["h1"], level=0, key=key())]
    if not pack.actions:
        return [*flow, Paragraph("No actions were recorded.", st["body"])]
    late = sum(1 for a in pack.actions if a.overdue)
    summary = f"{len(pack.actions)} action{'s' if len(pack.actions) != 1 else ''}"
    summary += f", {late} overdue." if late else "."
    flow.append(Paragraph(summary, st["body"]))
    rows: list[list[Any]] = [cells(("Action", "Who", "When", "Status"), st["cell_head"])]
    marked = []
    for i, a in enumerate(pack.actions, start=1):
        what = f"<b>{text(a.what)}</b>"
        if a.themes:
            what += "<br/><font color='#4D4D4D'>Answers: " + text("; ".join(a.themes)) + "</font>"
        status = text(a.status) or "—"
        if a.overdue:
            status = f"<b>Overdue</b><br/>{status}"
            marked.append(i)
        rows.append([Paragraph(what, st["cell"]), Paragraph(text(a.owner) or "—", st["cell"]),
                     Paragraph(text(a.due) or "No date", st["cell"]),
                     Paragraph(status, st["cell"])])
    return [*flow, grid(rows, (None, 36 * mm, 34 * mm, 27 * mm), marked_rows=marked)]


def evidence(pack: Pack, key: Keys) -> list[Any]:
    """The evidence linked to this work, with clickable links."""
    st = styles()
    flow: list[Any] = [CondPageBreak(60 * mm), Heading("Evidence", st["h1"], level=0, key=key())]
    if not pack.evidence:
        return [*flow, Paragraph("No evidence was linked.", st["body"])]
    for item in pack.evidence:
        lines = [f"<b>{text(item.title)}</b> <font color='#4D4D4D'>({text(item.kind)})</font>"]
        if item.citation.strip():
            lines.append(text(item.citation))
        link = item.link.strip()
        if link.lower().startswith(("https://", "http://")):
            lines.append(f'<link href="{attr(link)}" color="#1F4E79"><u>{text(link)}</u></link>')
        elif link:
            lines.append(text(link))
        if item.themes:
            lines.append("Supports: " + text("; ".join(item.themes)))
        flow.append(Bullet("<br/>".join(lines), st["bullet"]))
    return flow
