"""Word features python-docx has no call for, written as OOXML: the contents field, bookmarks
and links, alt text on pictures, repeating header rows and table descriptions, the language.

Each function changes one thing and says which part of WordprocessingML it writes, so the pack
renderer reads as a list of what the document contains.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shape import InlineShape
from docx.shared import Pt
from docx.table import Table, _Cell, _Row
from docx.text.paragraph import Paragraph

TOC_FIELD = 'TOC \\o "1-3" \\h \\z \\u'


def set_language(document: Document, language: str) -> None:
    """`w:lang` on the document defaults, so spelling and screen readers use en-GB."""
    styles = document.styles.element
    doc_defaults = styles.find(qn("w:docDefaults"))
    if doc_defaults is None:
        doc_defaults = OxmlElement("w:docDefaults")
        styles.insert(0, doc_defaults)
    rpr_default = _child(doc_defaults, "w:rPrDefault")
    rpr = _child(rpr_default, "w:rPr")
    lang = _child(rpr, "w:lang")
    for attribute in ("w:val", "w:eastAsia", "w:bidi"):
        lang.set(qn(attribute), language)
    for style in document.styles:
        element = style.element.find(qn("w:rPr"))
        if element is not None and element.find(qn("w:lang")) is not None:
            element.find(qn("w:lang")).set(qn("w:val"), language)


def update_fields_on_open(document: Document) -> None:
    """`w:updateFields` in the settings: Word offers to fill in the contents when opened."""
    settings = document.settings.element
    update = _child(settings, "w:updateFields")
    update.set(qn("w:val"), "true")


def add_toc_field(paragraph: Paragraph, entries: list[tuple[int, str, str]],
                  document: Document) -> None:
    """A `TOC` field whose current result lists `entries` (level, text, bookmark) as links, so
    the contents read well before the field is updated; updating adds page numbers."""
    run = paragraph.add_run()
    run._r.append(_field_char("begin", dirty=True))
    paragraph.add_run()._r.append(_instruction(TOC_FIELD))
    paragraph.add_run()._r.append(_field_char("separate"))
    target = paragraph
    for level, text, bookmark in entries:
        line = _paragraph_after(target, document, f"TOC {level}")
        add_internal_link(line, text, bookmark)
        target = line
    end = _paragraph_after(target, document, "Normal") if entries else paragraph
    end.add_run()._r.append(_field_char("end"))


def _paragraph_after(paragraph: Paragraph, document: Document, style: str) -> Paragraph:
    new = OxmlElement("w:p")
    paragraph._p.addnext(new)
    created = Paragraph(new, paragraph._parent)
    created.style = _toc_style(document, style)
    return created


def _toc_style(document: Document, name: str) -> str:
    """The 'TOC n' styles are latent in the default template: make them real, indented."""
    if name == "Normal" or name in [s.name for s in document.styles]:
        return name
    style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = document.styles["Normal"]
    level = int(name.split()[-1])
    style.paragraph_format.left_indent = Pt(14 * (level - 1))
    style.paragraph_format.space_after = Pt(3)
    return name


def add_page_number(paragraph: Paragraph) -> None:
    """A `PAGE` field: the number of the page it is printed on."""
    paragraph.add_run()._r.append(_field_char("begin"))
    paragraph.add_run()._r.append(_instruction("PAGE"))
    paragraph.add_run()._r.append(_field_char("separate"))
    paragraph.add_run("1")
    paragraph.add_run()._r.append(_field_char("end"))


_bookmark_ids: Iterator[int] = itertools.count(1)


def add_bookmark(paragraph: Paragraph, name: str) -> None:
    """A bookmark around the paragraph's text, the target of a contents link."""
    number = str(next(_bookmark_ids))
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), number)
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), number)
    paragraph._p.insert(1 if paragraph._p.pPr is not None else 0, start)
    paragraph._p.append(end)


def add_internal_link(paragraph: Paragraph, text: str, bookmark: str) -> None:
    link = OxmlElement("w:hyperlink")
    link.set(qn("w:anchor"), bookmark)
    link.set(qn("w:history"), "1")
    link.append(_link_run(text, underline=False))
    paragraph._p.append(link)


def add_external_link(paragraph: Paragraph, text: str, url: str) -> None:
    """A web link, underlined and blue as readers expect."""
    rel = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel)
    link.set(qn("w:history"), "1")
    link.append(_link_run(text, underline=True))
    paragraph._p.append(link)


def _link_run(text: str, *, underline: bool) -> BaseOxmlElement:
    run = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    if underline:
        colour = OxmlElement("w:color")
        colour.set(qn("w:val"), "1F4E99")
        rpr.append(colour)
        line = OxmlElement("w:u")
        line.set(qn("w:val"), "single")
        rpr.append(line)
    run.append(rpr)
    content = OxmlElement("w:t")
    content.text = text
    content.set(qn("xml:space"), "preserve")
    run.append(content)
    return run


def set_alt_text(picture: InlineShape, title: str, description: str) -> None:
    """`wp:docPr` `title` and `descr`: what Word's Alt Text pane and screen readers read."""
    doc_pr = picture._inline.docPr
    doc_pr.set("title", title)
    doc_pr.set("descr", description)


def mark_header_row(table: Table) -> None:
    """`w:tblHeader` on the first row: repeated at the top of every page, and announced by
    screen readers as the column headers."""
    trpr = table.rows[0]._tr.get_or_add_trPr()
    element = OxmlElement("w:tblHeader")
    element.set(qn("w:val"), "true")
    trpr.append(element)


def keep_row_whole(row: _Row) -> None:
    """`w:cantSplit`: a row moves to the next page whole rather than breaking across two."""
    trpr = row._tr.get_or_add_trPr()
    if trpr.find(qn("w:cantSplit")) is None:
        element = OxmlElement("w:cantSplit")
        element.set(qn("w:val"), "true")
        trpr.append(element)


def describe_table(table: Table, title: str, description: str) -> None:
    """`w:tblCaption` and `w:tblDescription`: the table's alt text in Word."""
    tblpr = table._tbl.tblPr
    for tag, value in (("w:tblCaption", title), ("w:tblDescription", description)):
        element = OxmlElement(tag)
        element.set(qn("w:val"), value)
        tblpr.append(element)


def shade(cell: _Cell, fill: str) -> None:
    """`w:shd` on a cell: a pale fill that sets the header row apart (bold text says it too)."""
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def keep_with_next(paragraph: Paragraph) -> None:
    paragraph.paragraph_format.keep_with_next = True


def _field_char(kind: str, *, dirty: bool = False) -> BaseOxmlElement:
    element = OxmlElement("w:fldChar")
    element.set(qn("w:fldCharType"), kind)
    if dirty:
        element.set(qn("w:dirty"), "true")
    return element


def _instruction(text: str) -> BaseOxmlElement:
    element = OxmlElement("w:instrText")
    element.set(qn("xml:space"), "preserve")
    element.text = f" {text} "
    return element


def _child(parent: BaseOxmlElement, tag: str) -> BaseOxmlElement:
    found = parent.find(qn(tag))
    if found is None:
        found = OxmlElement(tag)
        parent.append(found)
    return found
