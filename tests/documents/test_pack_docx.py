"""The Word pack read back with python-docx: headings in order, the contents field, alt text on
every chart, repeating header rows, document properties and language, and the consent the pack
carries (nobody named who should not be)."""

from __future__ import annotations

import zipfile
from io import BytesIO

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from PIL import Image

from app.documents.chart_images import SCALE
from app.documents.docx_parts import TOC_FIELD
from app.documents.pack_docx import pack_docx
from app.documents.pack_outline import parts
from app.models.pack import (
    Pack,
    PackArea,
    PackEvidence,
    PackNote,
    PackOptions,
    PackSection,
    PackTheme,
)
from tests.sample_pack import HIDDEN, NAMED, large_pack, session_pack, system_pack

W_HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"


def _open(pack: Pack) -> docx.document.Document:
    return docx.Document(BytesIO(pack_docx(pack)))


def _headings(document: docx.document.Document) -> list[tuple[int, str]]:
    return [(int(p.style.name.split()[-1]), p.text) for p in document.paragraphs
            if p.style is not None and p.style.name.startswith("Heading ")]


def _all_xml(data: bytes) -> str:
    """Every XML part of the package as text: names hidden anywhere would show here."""
    with zipfile.ZipFile(BytesIO(data)) as package:
        return "".join(package.read(name).decode("utf-8") for name in package.namelist()
                       if name.endswith((".xml", ".rels")))


def _text(document: docx.document.Document) -> str:
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        lines += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(lines)


def test_headings_are_real_styles_in_order_one_heading_1_per_part() -> None:
    pack = session_pack()
    headings = _headings(_open(pack))
    assert [text for level, text in headings if level == 1] == [p.title for p in parts(pack)]
    assert headings[0][0] == 1
    for (before, _), (after, text) in zip(headings, headings[1:], strict=False):
        assert after <= before + 1, f"{text!r} skips from Heading {before} to {after}"
    area_names = [a.name for a in pack.areas]
    assert [t for lv, t in headings if lv == 2 and t in area_names] == area_names
    theme_titles = [t.title for a in pack.areas for t in a.themes]
    assert [t for lv, t in headings if lv == 3] == theme_titles


def test_contents_field_with_a_line_saying_to_update_it_and_links_to_each_part() -> None:
    pack = session_pack()
    document = _open(pack)
    body = document.element.body
    instructions = [e.text.strip() for e in body.iter(qn("w:instrText"))]
    assert instructions == [TOC_FIELD]
    kinds = [e.get(qn("w:fldCharType")) for e in body.iter(qn("w:fldChar"))]
    assert kinds == ["begin", "separate", "end"]
    assert any("Update Field" in p.text for p in document.paragraphs)
    anchors = [e.get(qn("w:anchor")) for e in body.iter(qn("w:hyperlink"))
               if e.get(qn("w:anchor"))]
    bookmarks = {e.get(qn("w:name")) for e in body.iter(qn("w:bookmarkStart"))}
    assert anchors == [p.key for p in parts(pack)]
    assert set(anchors) <= bookmarks
    settings = document.settings.element.find(qn("w:updateFields"))
    assert settings is not None and settings.get(qn("w:val")) == "true"


def test_every_chart_is_a_crisp_picture_whose_alt_text_is_its_caption() -> None:
    pack = session_pack()
    document = _open(pack)
    pictures = document.inline_shapes
    assert len(pictures) == len(pack.charts)
    for picture, chart in zip(pictures, pack.charts, strict=True):
        doc_pr = picture._inline.docPr
        assert doc_pr.get("descr") == chart.caption
        assert doc_pr.get("title") == chart.title
        blip = picture._inline.graphic.graphicData.pic.blipFill.blip
        image = Image.open(BytesIO(document.part.related_parts[blip.embed].blob))
        shown_px = picture.width.pt * 96 / 72
        assert image.width >= shown_px * SCALE * 0.7  # about twice the pixels shown
    text = _text(document)
    for chart in pack.charts:
        assert chart.caption in text


def test_tables_have_a_repeating_header_row_and_alt_text() -> None:
    document = _open(system_pack())
    assert len(document.tables) >= 4  # people by sector and locality, recurring, coverage...
    for table in document.tables:
        trpr = table.rows[0]._tr.trPr
        assert trpr is not None and trpr.find(qn("w:tblHeader")) is not None
        assert all(run.bold for cell in table.rows[0].cells
                   for run in cell.paragraphs[0].runs)
        caption = table._tbl.tblPr.find(qn("w:tblCaption"))
        assert caption is not None and caption.get(qn("w:val"))
    headers = [[c.text for c in t.rows[0].cells] for t in document.tables]
    assert ["Action", "Who", "By when", "Status", "Themes"] in headers


def test_table_rows_never_split_text_columns_get_the_room_and_counts_align_right() -> None:
    document = _open(system_pack())
    for table in document.tables:
        for row in table.rows:
            assert row._tr.trPr.find(qn("w:cantSplit")) is not None
    actions = next(t for t in document.tables if t.rows[0].cells[0].text == "Action")
    grid = [column.width for column in actions.columns]
    assert grid[0] == max(grid) and grid[0] > 1.4 * min(grid)
    assert abs(sum(w.mm for w in grid) - 170) < 1  # the text width of an A4 page
    coverage = next(t for t in document.tables if t.rows[0].cells[0].text == "Focus area")
    assert coverage.rows[1].cells[0].paragraphs[0].alignment is None
    assert all(c.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
               for c in coverage.rows[1].cells[1:])


def test_document_properties_and_language() -> None:
    pack = session_pack()
    data = pack_docx(pack)
    props = docx.Document(BytesIO(data)).core_properties
    assert props.title == pack.title
    assert props.author == pack.author
    assert props.subject == "Session summary pack"
    assert props.language == "en-GB"
    with zipfile.ZipFile(BytesIO(data)) as package:
        styles = package.read("word/styles.xml").decode()
    assert 'w:lang w:val="en-GB"' in styles
    gaelic = pack_docx(pack.model_copy(update={"language": "gd-GB"}))
    with zipfile.ZipFile(BytesIO(gaelic)) as package:
        assert 'w:lang w:val="gd-GB"' in package.read("word/styles.xml").decode()


def test_every_page_has_a_footer_with_the_title_and_its_number() -> None:
    pack = session_pack()
    footer = _open(pack).sections[0].footer
    assert footer.paragraphs[0].text.startswith(f"{pack.title} · Page ")
    instructions = [e.text.strip() for e in footer._element.iter(qn("w:instrText"))]
    assert instructions == ["PAGE"]


def test_every_section_says_what_the_pack_says() -> None:
    pack = session_pack()
    text = _text(_open(pack))
    expected = [pack.system_name, pack.title, pack.date, pack.facilitators, pack.purpose,
                pack.agenda[1].title, "14 people were invited and 11 took part",
                "Third sector", "Islands", pack.areas[0].themes[0].synthesis,
                pack.actions[0].what, "In progress (overdue)", pack.evidence[0].title,
                pack.evidence[0].citation, *pack.next_steps, *pack.left_out]
    for piece in expected:
        assert piece in text, piece


def test_paragraphs_use_the_templates_own_styles() -> None:
    used = {p.style.name for p in _open(session_pack()).paragraphs}
    assert {"Title", "Subtitle", "TOC Heading", "TOC 1", "List Bullet", "List Number", "Quote",
            "Caption", "Heading 1", "Heading 2", "Heading 3", "Normal"} <= used


def test_quotes_name_only_who_the_pack_names_and_hidden_never_appears() -> None:
    data = pack_docx(session_pack())
    document = docx.Document(BytesIO(data))
    quotes = [p.text for p in document.paragraphs if p.style.name == "Quote"]
    assert quotes and all(NAMED in q for q in quotes)
    assert HIDDEN not in _all_xml(data)
    assert HIDDEN not in _all_xml(pack_docx(system_pack()))


def test_a_pack_that_names_nobody_shows_no_name() -> None:
    pack = session_pack()
    anonymous = pack.model_copy(update={"areas": tuple(
        a.model_copy(update={"themes": tuple(t.model_copy(update={"notes": tuple(
            n.model_copy(update={"speaker": "a participant"}) for n in t.notes)})
            for t in a.themes)}) for a in pack.areas), "names": ()})
    assert NAMED not in _all_xml(pack_docx(anonymous))


def test_learning_system_pack_has_recurring_themes_and_coverage() -> None:
    pack = system_pack()
    document = _open(pack)
    level_1 = [t for lv, t in _headings(document) if lv == 1]
    assert "Recurring themes" in level_1 and "Coverage of the focus areas" in level_1
    assert "Purpose and agenda" not in level_1
    text = _text(document)
    assert pack.recurring[0].title in text
    assert "Insight conversation: housing" in text
    assert f"{pack.coverage.thin[0]} (little evidence)" in text
    assert "From Sensemaking workshop 1" in text
    assert document.core_properties.subject == "Learning system summary pack"
    # The system is the pack's title: the cover does not say it twice.
    assert [p.text for p in document.paragraphs if p.style.name == "Subtitle"] == []
    assert [p.text for p in _open(session_pack()).paragraphs
            if p.style.name == "Subtitle"] == [pack.system_name]


def test_an_empty_pack_renders_with_sentences_saying_so() -> None:
    document = _open(Pack(title="Planning call", system_name="A learning system"))
    text = _text(document)
    for sentence in ("No themes were recorded for this session.", "No actions were agreed.",
                     "No evidence was linked.", "There is nothing to chart yet.",
                     "No attendance was recorded."):
        assert sentence in text
    assert not document.inline_shapes


def test_sections_left_out_are_not_there() -> None:
    pack = session_pack().model_copy(update={"options": PackOptions(
        sections=frozenset({PackSection.THEMES}), charts=False)})
    level_1 = [t for lv, t in _headings(_open(pack)) if lv == 1]
    assert level_1 == ["Themes by focus area", "About this pack"]


def test_long_texts_and_characters_outside_latin_1() -> None:
    words = "Ōtautahi łódź İstanbul Şişli 中文 العربية ☕ 😀"
    long_note = ("A very long note that goes on and on. " * 150).strip()
    pack = Pack(title=f"{words} " + "long title " * 30, system_name="Système d’apprentissage",
                areas=(PackArea(name=f"Focus {words}", colour="#123456", themes=(PackTheme(
                    title=words, synthesis=long_note, note_count=1, notes=(PackNote(
                        text=f"{words} {long_note}", kind="Insight", speaker="a participant"),
                    )),)),),
                evidence=(PackEvidence(title="Unsafe link", kind="Opinion",
                                       link="javascript:alert(1)"),))
    data = pack_docx(pack)
    text = _text(docx.Document(BytesIO(data)))
    assert words in text and long_note in text
    assert "javascript:alert(1)" in text  # shown as text...
    assert "javascript" not in "".join(  # ...never made a link
        rel.target_ref for rel in docx.Document(BytesIO(data)).part.rels.values()
        if rel.reltype == W_HYPERLINK)


def test_evidence_web_address_is_a_link() -> None:
    document = _open(session_pack())
    targets = [rel.target_ref for rel in document.part.rels.values()
               if rel.reltype == W_HYPERLINK]
    assert targets == ["https://doi.org/10.1234/example.5678"]


def test_a_large_pack_stays_small_and_quick() -> None:
    import time

    started = time.perf_counter()
    data = pack_docx(large_pack())
    assert time.perf_counter() - started < 5  # about 0.5 s here
    assert len(data) < 2_000_000
