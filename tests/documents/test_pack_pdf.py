"""The PDF summary pack, read back with pypdf: every section's text, metadata, language,
bookmarks, page numbers and size, and the names that must never appear."""

from __future__ import annotations

import re
from io import BytesIO

import pytest
from pypdf import PdfReader
from pypdf.generic import Destination

from app.documents.pack_pdf import pack_pdf
from app.models.pack import (
    Pack,
    PackAction,
    PackArea,
    PackBar,
    PackChart,
    PackCoverage,
    PackEvidence,
    PackNote,
    PackOptions,
    PackSection,
    PackTheme,
)
from tests.sample_pack import HIDDEN, NAMED, large_pack, session_pack, system_pack


def read(data: bytes) -> PdfReader:
    assert data.startswith(b"%PDF-")
    return PdfReader(BytesIO(data))


def words(reader: PdfReader) -> str:
    """All the text, with runs of white space as one space (lines wrap anywhere)."""
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def outline(reader: PdfReader) -> list[tuple[int, str, int]]:
    """(level, title, page number from 1) of every bookmark, in order."""
    found: list[tuple[int, str, int]] = []

    def walk(items: list[object], level: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            else:
                assert isinstance(item, Destination)
                found.append((level, str(item.title),
                              reader.get_destination_page_number(item) + 1))

    walk(reader.outline, 0)
    return found


@pytest.fixture(scope="module")
def session_pdf() -> bytes:
    return pack_pdf(session_pack())


@pytest.fixture(scope="module")
def system_pdf() -> bytes:
    return pack_pdf(system_pack())


def test_every_section_of_a_session_pack_is_there(session_pdf: bytes) -> None:
    text = words(read(session_pdf))
    for expected in (
        "Health and Social Care Learning System", "Session summary",
        "Date: Wednesday 11 November 2026", "Facilitators: Isla Brown, Tom Reid",
        "Contents", "Purpose and agenda", "To make sense of what we heard",
        "Welcome and check-in", "Breakout: what changed for whom",
        "Who took part", "11 of 14 people invited took part", "Third sector", "Islands",
        "Themes", "Community Led Approaches", "Trusting relationships enabled rapid change 1.1",
        "Knowing each other before the crisis", "9 votes", "Barrier (4)",
        "(Third sector)", "“If you were already struggling, the pandemic didn't pause that.”",
        "Other themes", "Digital as an addition, not a replacement",
        "Charts", "Notes per focus area", "17 notes", "How many notes were tagged",
        "Kinds of note", "Actions", "2 actions, 1 overdue.", "Overdue",
        "Agree who owns the tablet lending scheme", "Digital inclusion lead",
        "Evidence", "Digital exclusion during the pandemic", "https://doi.org/10.1234/example.5678",
        "Next steps", "Bring the carers' theme to the learning network",
        "About this pack", "2 quotes left out: their speakers did not consent to be quoted.",
    ):
        assert expected in text, expected
    assert "Recurring themes" not in text and "Coverage" not in text  # learning-system parts


def test_only_consented_names_appear(session_pdf: bytes) -> None:
    text = words(read(session_pdf))
    assert f"— {NAMED}" in text  # the quote is attributed as given
    assert HIDDEN not in text
    assert HIDDEN.split()[0] not in text


def test_metadata_language_and_title_display(session_pdf: bytes) -> None:
    reader = read(session_pdf)
    meta = reader.metadata
    assert meta is not None
    assert meta.title == "Sensemaking workshop 2: inequalities and digital inclusion"
    assert meta.author == "Isla Brown"
    assert meta.subject == ("Summary pack of the session Sensemaking workshop 2: inequalities "
                            "and digital inclusion")
    assert "Community Led Approaches" in str(meta.get("/Keywords"))
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en-GB"
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"]) is True
    assert root["/PageMode"] == "/UseOutlines"


def test_bookmarks_follow_the_sections_and_point_at_their_pages(session_pdf: bytes) -> None:
    reader = read(session_pdf)
    marks = outline(reader)
    top = [title for level, title, _ in marks if level == 0]
    assert top == ["Contents", "Purpose and agenda", "Who took part", "Themes", "Charts",
                   "Actions", "Evidence", "Next steps", "About this pack"]
    areas = [title for level, title, _ in marks if level == 1]
    assert areas[:5] == ["Community Led Approaches", "Strategic Planning",
                         "Emerging Community Service Needs in Integration",
                         "Synthesising Published Learning", "Other themes"]
    assert sum(1 for level, _, _ in marks if level == 2) == 9  # every theme
    pages = [page for _, _, page in marks]
    assert pages == sorted(pages) and pages[0] == 2  # the cover is page 1
    for _, title, page in marks:
        assert title.split(" ")[0] in (reader.pages[page - 1].extract_text() or ""), title


def test_contents_page_lists_sections_with_their_page_numbers(session_pdf: bytes) -> None:
    reader = read(session_pdf)
    contents = " ".join((reader.pages[1].extract_text() or "").split())
    listed, section = [], ""
    for level, title, page in outline(reader):
        section = title if level == 0 else section
        if (level == 0 and title != "Contents") or (level == 1 and section == "Themes"):
            assert title in contents
            listed.append(page)
    # Each entry ends in dot leaders and its page number, in the entries' order.
    assert [int(n) for n in re.findall(r"(?:\. )+(\d+)", contents)] == listed


def test_every_page_but_the_cover_is_numbered_and_headed(session_pdf: bytes) -> None:
    reader = read(session_pdf)
    total = len(reader.pages)
    assert 6 <= total <= 14
    assert "Page 1 of" not in (reader.pages[0].extract_text() or "")
    for number, page in enumerate(reader.pages[1:], start=2):
        text = page.extract_text() or ""
        assert f"Page {number} of {total}" in text
        assert "Session summary" in text


def test_a_session_pack_is_small_enough_to_email(session_pdf: bytes) -> None:
    assert len(session_pdf) < 2_000_000
    assert len(pack_pdf(large_pack())) < 2_000_000


def test_the_font_is_embedded_as_a_subset(session_pdf: bytes) -> None:
    reader = read(session_pdf)
    fonts = {str(f["/BaseFont"]) for page in reader.pages
             for f in (page["/Resources"].get("/Font") or {}).values()
             if "/BaseFont" in f.get_object()}
    assert any("AtkinsonHyperlegible" in name for name in fonts), fonts


def test_a_learning_system_pack_shows_recurring_themes_and_coverage(system_pdf: bytes) -> None:
    reader = read(system_pdf)
    text = words(reader)
    for expected in ("Learning system summary", "August – November 2026", "Recurring themes",
                     "Digital should add to in-person support, not replace it",
                     "Came up in 3 sessions", "Insight conversation: housing", "27 Aug 2026",
                     "Remote-only contact did not work", "Coverage", "Workshop 1", "Conversation",
                     "little evidence", "from Sensemaking workshop 1"):
        assert expected in text, expected
    assert "Who took part" not in text and "agenda" not in text.lower()
    top = [title for level, title, _ in outline(reader) if level == 0]
    assert top.index("Recurring themes") < top.index("Coverage") < top.index("Actions")
    marks = [(level, title) for level, title, _ in outline(reader)]
    assert (1, "Digital should add to in-person support, not replace it") in marks
    assert HIDDEN not in text


def test_sections_left_out_are_not_in_the_pack() -> None:
    kept = frozenset({PackSection.THEMES, PackSection.ACTIONS})
    pack = session_pack().model_copy(update={"options": PackOptions(sections=kept)})
    reader = read(pack_pdf(pack))
    top = [title for level, title, _ in outline(reader) if level == 0]
    assert top == ["Contents", "Themes", "Actions", "About this pack"]
    text = words(reader)
    assert "Who took part" not in text and "Digital exclusion during the pandemic" not in text
    assert "No participant is named" in text  # names were not asked for


def test_charts_can_be_left_out() -> None:
    pack = session_pack().model_copy(update={"options": PackOptions(charts=False)})
    text = words(read(pack_pdf(pack)))
    assert "Notes per focus area" not in text and "Themes" in text


def test_an_empty_pack_still_renders_with_sentences_saying_so() -> None:
    pack = Pack(title="Planning call", system_name="Islands learning system")
    reader = read(pack_pdf(pack))
    text = words(reader)
    for sentence in ("No purpose was written down.", "There was no timed agenda.",
                     "No attendance was recorded.", "No themes were recorded for this session.",
                     "There is nothing to chart yet.", "No actions were recorded.",
                     "No evidence was linked.", "No next steps were agreed."):
        assert sentence in text, sentence
    system = Pack(kind="system", title="Islands learning system", system_name="Islands")
    text = words(read(pack_pdf(system)))
    assert "No theme has come up in more than one session yet." in text
    assert "No notes were tagged with a focus area yet." in text


def test_very_long_titles_and_notes_split_instead_of_failing() -> None:
    long_word = "Unbreakable" * 60
    huge = " ".join(["Everything that was said about transport and ferries."] * 400)
    theme = PackTheme(title="A theme title that goes on " * 30, synthesis=huge, votes=2,
                      note_count=3,
                      notes=(PackNote(text=huge, kind="Insight", speaker="a participant"),
                             PackNote(text=huge, kind="Quote", speaker=NAMED, quote=True),
                             PackNote(text=long_word, kind="Idea")))
    pack = session_pack().model_copy(update={
        "title": "A title far longer than any cover expects " * 12,
        "areas": (PackArea(name="An area name that is very long indeed " * 8, colour="#1b7a5a",
                           themes=(theme,)),),
        "actions": (PackAction(what=huge, owner=long_word, due="Fri 4 Dec 2026"),),
        "evidence": (PackEvidence(title=long_word, kind="Publication",
                                  link="https://example.org/" + "a" * 700),),
        "charts": (PackChart(title="Many bars", caption="Forty bars.", unit="notes",
                             bars=tuple(PackBar(label=f"{long_word} {i}", value=i)
                                        for i in range(40))),),
        "next_steps": (huge,),
    })
    reader = read(pack_pdf(pack))
    assert len(reader.pages) > 10
    text = words(reader)
    assert "Everything that was said about transport" in text and "39 notes" in text


def test_characters_outside_latin_1_and_emoji_do_not_break_the_pack() -> None:
    note = PackNote(text="Tēnā koe — Łódź, İstanbul and Şanlıurfa 👋🏽 🙂 ❤️ together at Gŵyl",
                    kind="Insight", speaker="Małgorzata Ţepeş")
    pack = session_pack().model_copy(update={
        "title": "Ōtautahi 🌍 workshop", "areas": (PackArea(name="Āhua ✨", themes=(
            PackTheme(title="Whānau first 🏠", note_count=1, notes=(note,)),)),),
        "charts": (PackChart(title="Notes per focus area", caption="Āhua and Gŵyl.", unit="notes",
                             bars=(PackBar(label="Ōtautahi Āhua", value=3),)),),
        "coverage": PackCoverage()})
    reader = read(pack_pdf(pack))
    text = words(reader)
    # Letters Atkinson Hyperlegible lacks (İ, ŵ, Ō) come from the shipped Lato; emoji, which
    # no shipped font has, are left out rather than printed as empty boxes.
    assert "Tēnā koe — Łódź, İstanbul and Şanlıurfa together at Gŵyl" in text
    assert "Małgorzata Ţepeş" in text and "Whānau first" in text and "Ōtautahi" in text
    assert "👋" not in text and "\x00" not in text
    assert reader.metadata is not None and reader.metadata.title == "Ōtautahi 🌍 workshop"
    assert "Ōtautahi workshop" in (reader.pages[2].extract_text() or "")  # running header
    assert "Ōtautahi Āhua" in text  # a chart label
    assert "Whānau first 🏠" in [title for _, title, _ in outline(reader)]


def test_markup_characters_in_user_text_are_printed_as_typed() -> None:
    pack = session_pack().model_copy(update={
        "purpose": "Compare <b>before</b> & after; x < y > z", "next_steps": ("A & B <i>",)})
    text = words(read(pack_pdf(pack)))
    assert "Compare <b>before</b> & after; x < y > z" in text
    assert "A & B <i>" in text


def test_evidence_links_are_clickable(session_pdf: bytes) -> None:
    reader = read(session_pdf)
    uris = {str(a.get_object()["/A"]["/URI"]) for page in reader.pages
            for a in page.get("/Annots") or [] if "/URI" in a.get_object().get("/A", {})}
    assert "https://doi.org/10.1234/example.5678" in uris


def test_a_large_pack_has_every_theme_in_its_outline() -> None:
    pack = large_pack()
    reader = read(pack_pdf(pack))
    themes = [title for level, title, _ in outline(reader) if level == 2]
    assert len(themes) == sum(len(a.themes) for a in pack.areas) == 61
    assert HIDDEN not in words(reader)


def test_coverage_of_many_sessions_comes_in_tables_that_fit_the_page() -> None:
    columns = tuple(f"Sensemaking workshop {i}" for i in range(1, 13))
    cov = PackCoverage(columns=columns, rows=("Strategic Planning", "Community Led Approaches"),
                       cells=(tuple(range(100, 112)), tuple(range(200, 212))))
    reader = read(pack_pdf(system_pack().model_copy(update={"coverage": cov})))
    text = words(reader)
    assert all(str(n) in text for n in (*range(100, 112), *range(200, 212)))
    assert text.count("Focus area") >= 3  # one table per group of sessions


def test_contents_with_too_many_focus_areas_for_a_page_keeps_only_the_sections() -> None:
    theme = PackTheme(title="One theme", note_count=0)
    areas = tuple(PackArea(name=f"Focus area number {i} with a long descriptive name",
                           colour="#2457a5", themes=(theme,)) for i in range(60))
    reader = read(pack_pdf(session_pack().model_copy(update={"areas": areas})))
    contents = " ".join((reader.pages[1].extract_text() or "").split())
    assert "Themes" in contents and "About this pack" in contents
    assert "Focus area number 0" not in contents
    assert sum(1 for level, _, _ in outline(reader) if level == 1) >= 60  # still bookmarked
