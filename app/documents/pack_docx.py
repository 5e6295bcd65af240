"""The summary pack as a Word document: the accessible companion of the PDF.

reportlab cannot tag a PDF, so this is the form a screen reader user gets: real Heading 1-3
styles in order, a contents field, alt text on every chart, tables whose header rows repeat and
are announced, document properties and the en-GB language set. The content is the `Pack` as
given (consent already applied); the parts and their sentences come from `pack_outline`, shared
with the HTML pack.
"""

from __future__ import annotations

from collections.abc import Sequence
from io import BytesIO

import docx
from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph

from app.documents import docx_parts as ox
from app.documents.chart_images import chart_png
from app.documents.pack_outline import (
    CONSENT_NOTE,
    Part,
    action_status,
    cover_lines,
    empty_sentence,
    is_web_address,
    joined,
    note_label,
    parts,
    people_summary,
    plural,
    subject,
    theme_facts,
)
from app.models.pack import Pack, PackArea, PackGroup, PackTheme

MARGIN_MM = 20  # A4, as printed in the UK
TEXT_WIDTH_MM = 210 - 2 * MARGIN_MM
PROPERTY_MAX = 255
TABLE_SIZE = 11
FONT = "Arial"  # on every Windows and Mac, and mapped to Liberation Sans elsewhere
INK = RGBColor(0x1A, 0x1A, 0x1A)
HEADING = RGBColor(0x1F, 0x3A, 0x68)
MUTED = RGBColor(0x4A, 0x4A, 0x4A)
TOC_HINT = ("The contents list the parts of this pack with links. To add page numbers, update "
            "the contents: in Word, right-click them and choose Update Field.")


def pack_docx(pack: Pack) -> bytes:
    """The pack as the bytes of a .docx file."""
    document = docx.Document()
    _styles(document, pack.language or "en-GB")
    _running_footer(document, pack)
    _properties(document, pack)
    shown = parts(pack)
    _cover(document, pack, shown)
    for part in shown:
        heading = document.add_heading(part.title, level=1)
        ox.add_bookmark(heading, part.key)
        _PARTS[part.key](document, pack)
    out = BytesIO()
    document.save(out)
    return out.getvalue()


def _styles(document: Document, language: str) -> None:
    for section in document.sections:
        section.page_width, section.page_height = Mm(210), Mm(297)
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Mm(MARGIN_MM))
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(12)
    normal.font.color.rgb = INK
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15
    for name, size in (("Title", 26), ("Heading 1", 18), ("Heading 2", 15), ("Heading 3", 13),
                       ("Subtitle", 14), ("Quote", 12), ("Caption", 10.5)):
        style = document.styles[name]
        style.font.name = FONT
        style.font.size = Pt(size)
        style.font.color.rgb = HEADING if name.startswith(("Heading", "Title")) else MUTED
        # The template's theme fonts would win over the name set above in East Asian text.
        rfonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            rfonts.attrib.pop(qn(attribute), None)
        if name.startswith("Heading"):
            style.paragraph_format.space_before = Pt(18 if name == "Heading 1" else 12)
            style.paragraph_format.keep_with_next = True
    document.styles["Caption"].font.italic = False
    ox.set_language(document, language)
    ox.update_fields_on_open(document)


def _running_footer(document: Document, pack: Pack) -> None:
    """Every page says which pack it belongs to and its number, as the PDF's pages do."""
    footer = document.sections[0].footer.paragraphs[0]
    footer.add_run(f"{pack.title} \u00b7 Page ")
    ox.add_page_number(footer)
    for run in footer.runs:
        run.font.size = Pt(9)
        run.font.color.rgb = MUTED


def _properties(document: Document, pack: Pack) -> None:
    props = document.core_properties
    props.title = _fit(pack.title)
    props.subject = subject(pack)
    props.author = _fit(pack.author or pack.system_name)
    props.language = pack.language
    props.keywords = _fit(f"{pack.system_name}; summary pack")
    props.comments = _fit(f"{subject(pack)} of {pack.system_name}.")


def _fit(text: str) -> str:
    """Word's document properties hold at most 255 characters."""
    return text if len(text) <= PROPERTY_MAX else text[: PROPERTY_MAX - 1] + "\u2026"


def _cover(document: Document, pack: Pack, shown: Sequence[Part]) -> None:
    if pack.system_name != pack.title:
        _styled(document, "Subtitle", pack.system_name)
    _styled(document, "Title", pack.title)
    for line in cover_lines(pack):
        document.add_paragraph(line)
    document.add_paragraph(subject(pack)).runs[0].italic = True
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    _styled(document, "TOC Heading", "Contents")
    document.add_paragraph(TOC_HINT).runs[0].font.color.rgb = MUTED
    entries = [(1, part.title, part.key) for part in shown]
    ox.add_toc_field(document.add_paragraph(), entries, document)
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _purpose(document: Document, pack: Pack) -> None:
    if not pack.purpose and not pack.agenda:
        document.add_paragraph(empty_sentence("purpose", pack))
        return
    if pack.purpose:
        document.add_paragraph(pack.purpose)
    if pack.agenda:
        document.add_heading("Agenda", level=2)
        rows = [(item.time, item.title, plural(item.minutes, "minute"),
                 ", ".join(item.focus_areas) or "\u2014") for item in pack.agenda]
        _table(document, "The parts of the session, with their start times", "Each part of the session: when it started, how long it "
               "took and the focus areas it explored.",
               ("Time", "Part", "Length", "Focus areas"), rows, (2, 5, 3, 5))


def _people(document: Document, pack: Pack) -> None:
    document.add_paragraph(people_summary(pack))
    if pack.people is None:
        return
    for title, groups in (("By sector", pack.people.by_sector),
                          ("By locality", pack.people.by_locality)):
        if groups:
            document.add_heading(title, level=2)
            _table(document, f"Who took part, {title.lower()}",
                   f"How many people were invited, took part and spoke, {title.lower()}.",
                   (title.removeprefix("By ").capitalize(), "Invited", "Took part", "Spoke"),
                   [_group_row(g) for g in groups], counts=(1, 2, 3))


def _group_row(group: PackGroup) -> tuple[str, ...]:
    return (group.label, f"{group.invited:,}", f"{group.attended:,}", f"{group.spoke:,}")


def _themes(document: Document, pack: Pack) -> None:
    areas = [area for area in pack.areas if area.themes]
    if not areas:
        document.add_paragraph(empty_sentence("themes", pack))
        return
    for area in areas:
        _area(document, area)


def _area(document: Document, area: PackArea) -> None:
    document.add_heading(area.name, level=2)
    count = len(area.themes)
    ox.keep_with_next(document.add_paragraph(f"{plural(count, 'theme')} under this focus area."))
    for theme in area.themes:
        _theme(document, theme)


def _theme(document: Document, theme: PackTheme) -> None:
    document.add_heading(theme.title, level=3)
    facts = document.add_paragraph(theme_facts(theme))
    facts.runs[0].font.color.rgb = MUTED
    ox.keep_with_next(facts)
    if theme.synthesis:
        document.add_paragraph(theme.synthesis)
    for note in theme.notes:
        if note.quote:
            quote = _styled(document, "Quote", f"\u201c{note.text}\u201d")
            if note.speaker:
                quote.add_run(f" \u2014 {note.speaker}").italic = False
            continue
        item = _styled(document, "List Bullet")
        label = note_label(note)
        if label:
            item.add_run(f"{label}: ").bold = True
        item.add_run(note.text)
    shown = len(theme.notes)
    if theme.note_count > shown:
        document.add_paragraph(f"{plural(theme.note_count - shown, 'more note')} not shown.")


def _charts(document: Document, pack: Pack) -> None:
    charts = [chart for chart in pack.charts if chart.bars]
    if not charts:
        document.add_paragraph(empty_sentence("charts", pack))
        return
    for chart in charts:
        ox.keep_with_next(document.add_heading(chart.title, level=2))
        image = chart_png(chart)
        holder = document.add_paragraph()
        ox.keep_with_next(holder)
        picture = holder.add_run().add_picture(BytesIO(image.png), width=Pt(image.width))
        ox.set_alt_text(picture, chart.title, chart.caption)
        _styled(document, "Caption", chart.caption)


def _recurring(document: Document, pack: Pack) -> None:
    if not pack.recurring:
        document.add_paragraph(empty_sentence("recurring", pack))
        return
    for theme in pack.recurring:
        document.add_heading(theme.title, level=2)
        rows = [(a.session, a.date, a.title, f"{a.notes:,}", f"{a.votes:,}")
                for a in theme.appearances]
        _table(document, f"Where \u201c{theme.title}\u201d came up",
               "Each session the theme came up in, with its title there, notes and votes.",
               ("Session", "Date", "Theme there", "Notes", "Votes"), rows, (4, 3, 4, 2, 2),
               counts=(3, 4))


def _coverage(document: Document, pack: Pack) -> None:
    coverage = pack.coverage
    if coverage is None or not coverage.rows:
        document.add_paragraph(empty_sentence("coverage", pack))
        return
    document.add_paragraph("How many notes each session gave each focus area. Focus areas "
                           "marked \u201clittle evidence\u201d need more attention.")
    rows = []
    for name, cells in zip(coverage.rows, coverage.cells, strict=False):
        label = f"{name} (little evidence)" if name in coverage.thin else name
        rows.append((label, *(f"{c:,}" for c in cells)))
    _table(document, "Notes per focus area and session",
           "Rows are focus areas, columns are sessions, cells count notes.",
           ("Focus area", *coverage.columns), rows, (2, *(1,) * len(coverage.columns)),
           counts=range(1, len(coverage.columns) + 1))


def _actions(document: Document, pack: Pack) -> None:
    if not pack.actions:
        document.add_paragraph(empty_sentence("actions", pack))
        return
    rows = [(a.what, a.owner or "\u2014", a.due or "No date", action_status(a),
             ", ".join(a.themes) or "\u2014") for a in pack.actions]
    _table(document, "Actions", "What will be done, by whom, by when, its status and the "
           "themes it answers.", ("Action", "Who", "By when", "Status", "Themes"), rows,
           (6, 4, 3, 4, 4))


def _evidence(document: Document, pack: Pack) -> None:
    if not pack.evidence:
        document.add_paragraph(empty_sentence("evidence", pack))
        return
    for item in pack.evidence:
        line = _styled(document, "List Bullet")
        line.add_run(item.title).bold = True
        line.add_run(f" ({item.kind})" if item.kind else "")
        web = is_web_address(item.link)
        rest = joined([item.citation, "" if web else item.link,
                       "Themes: " + ", ".join(item.themes) if item.themes else ""])
        if rest:
            line.add_run(f". {rest}")
        if web:
            line.add_run(" Online: " if rest.endswith(".") else ". Online: ")
            ox.add_external_link(line, item.link.strip(), item.link.strip())


def _next_steps(document: Document, pack: Pack) -> None:
    if not pack.next_steps:
        document.add_paragraph(empty_sentence("next_steps", pack))
    for step in pack.next_steps:
        _styled(document, "List Number", step)


def _about(document: Document, pack: Pack) -> None:
    document.add_paragraph(CONSENT_NOTE)
    for sentence in pack.left_out:
        _styled(document, "List Bullet", sentence)
    made = f"Made by {pack.author} with Cairn." if pack.author else "Made with Cairn."
    document.add_paragraph(made).runs[0].font.color.rgb = MUTED


def _styled(document: Document, style: str, text: str = "") -> Paragraph:
    """A paragraph in one of the template's built-in styles, named by its id: python-docx's
    look-up by name scans every style and took most of the time of a 1,000-note pack."""
    paragraph = document.add_paragraph(text)
    paragraph._p.style = style.replace(" ", "")
    return paragraph


def _table(document: Document, title: str, description: str, header: Sequence[str],
           rows: Sequence[Sequence[str]], weights: Sequence[int] = (), *,
           counts: Sequence[int] = ()) -> None:
    """A table with its caption above, a repeating header row and alt text; `weights` share
    the text width out between the columns (the first column gets twice the rest by default);
    `counts`: the columns holding numbers, aligned right."""
    caption = _styled(document, "Caption", title)
    caption.paragraph_format.space_before = Pt(6)
    ox.keep_with_next(caption)
    table = document.add_table(rows=1, cols=len(header))
    table.style = document.styles["Table Grid"]
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        run = cell.paragraphs[0].add_run(text)
        run.bold = True
        ox.keep_with_next(cell.paragraphs[0])  # never a header row alone at a page's foot
        ox.shade(cell, "E8ECF2")
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=False):
            cell.paragraphs[0].add_run(text)
    for cell in table._cells:
        for run in cell.paragraphs[0].runs:
            run.font.size = Pt(TABLE_SIZE)  # a size smaller than the text, so columns fit
    weights = weights or (2, *(1,) * (len(header) - 1))
    table.autofit = False
    widths = [Mm(TEXT_WIDTH_MM * weight / sum(weights)) for weight in weights]
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width  # the grid, which LibreOffice follows
    for row_cells in table.rows:
        ox.keep_row_whole(row_cells)
        for column, (cell, width) in enumerate(zip(row_cells.cells, widths, strict=True)):
            cell.width = width  # each cell, which Word follows
            if column in counts:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    ox.mark_header_row(table)
    ox.describe_table(table, title, description)


_PARTS = {
    "purpose": _purpose, "people": _people, "themes": _themes, "charts": _charts,
    "recurring": _recurring, "coverage": _coverage, "actions": _actions,
    "evidence": _evidence, "next_steps": _next_steps, "about": _about,
}
