"""The RIS reader on files shaped like real exports (Zotero, EndNote with a BOM, Ovid/PubMed
with a provider header, Mendeley in UTF-16): every record arrives, or the file is refused with
one sentence naming the line; and no input makes anything but Cairn's own error escape.
The fixtures are invented references in the shapes those tools write."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.models import CairnError, EvidenceKind, InvalidInput
from app.services.sensemaking import ris

FILES = Path(__file__).resolve().parent.parent / "fixtures" / "ris"


def test_a_zotero_export_maps_every_field():
    first, second = ris.read_ris(FILES / "zotero.ris")
    assert (first.line, first.kind) == (1, EvidenceKind.PUBLICATION)
    assert first.title == "Trust and the speed of service change in community health partnerships"
    assert first.citation == ("Example, Ailsa; Madeup, Ruaridh (2021). Journal of Integrated "
                              "Care Practice, 29(4), 301–315.")
    assert first.link == "https://doi.org/10.5555/jicp.2021.0042"  # the DOI before the UR
    assert first.summary.startswith("Partners who already trusted")
    assert (second.line, second.link) == (19, "https://example.org/reports/community-first")
    assert second.citation == "Sample, Morag (2022)."


def test_an_endnote_export_with_a_bom_and_t1_a1_y1_tags():
    (only,) = ris.read_ris(FILES / "endnote_bom.ris")
    assert only.title == "Digital exclusion in the pandemic: a rapid review"
    assert only.citation == "Fictional, Iona (2021). Health and Social Care Review, 8, 12-20."
    assert only.link == "https://doi.org/10.5555/hscr.8.12"
    assert only.summary == ("Older people without devices or data were left out of services "
                            "that moved online overnight.")


def test_a_provider_header_is_skipped_and_long_author_lists_are_shortened():
    (only,) = ris.read_ris(FILES / "ovid_pubmed.ris")
    assert only.line == 5
    assert only.citation.startswith("Testperson, A; Placeholder, B; Invented, C; et al. (2022). "
                                    "Int J Equity Health, 21(1), 88")


def test_utf16_podcasts_and_blogs_get_their_kinds():
    podcast, blog = ris.read_ris(FILES / "mendeley_utf16.ris")
    assert (podcast.kind, blog.kind) == (EvidenceKind.PODCAST, EvidenceKind.OPINION)
    assert podcast.link == "https://example.org/podcast/1"


def test_a_file_with_problems_is_refused_with_every_line():
    with pytest.raises(ris.ReferencesRefused) as refused:
        ris.read_ris(FILES / "broken.ris")
    assert [(p.line, p.problem) for p in refused.value.problems] == [
        (5, "the reference has no title (TI or T1)."),
        (10, "the reference has no ER line ending it.")]
    assert str(refused.value) == ("broken.ris, line 5: the reference has no title (TI or T1) "
                                  "(and 1 other problem); nothing was imported.")


@pytest.mark.parametrize("raw, says", [
    (b"", "has no references"),
    (b"Title,Author\nA,B\n", "has no references"),
    (b"\x00\x01binary", "not a text file"),
    (codecs.BOM_UTF16_LE + b"\x00\xd8", "not readable UTF-16"),
])
def test_what_is_not_a_ris_file_is_refused_in_a_sentence(raw, says):
    with pytest.raises(InvalidInput, match=says):
        ris.parse_ris(raw, "refs.ris")


def test_a_very_long_title_is_shortened_to_fit():
    raw = ("TY  - JOUR\nTI  - " + "word " * 100 + "\nER  - \n").encode()
    (only,) = ris.parse_ris(raw, "long.ris")
    assert len(only.title) == ris.TITLE_MAX and only.title.endswith("…")


TAGS = st.sampled_from(["TY", "TI", "T1", "AU", "A1", "PY", "DA", "T2", "VL", "IS", "SP", "EP",
                        "DO", "UR", "AB", "N2", "ER", "KW", "ZZ", "UK"])
LINES = st.one_of(
    st.builds(lambda tag, sep, value: f"{tag}{sep}{value}", TAGS,
              st.sampled_from(["  - ", "  -", " - ", "-"]), st.text(max_size=30)),
    st.text(max_size=40),
)


@given(st.lists(LINES, max_size=30), st.sampled_from(["\n", "\r\n", "\r"]),
       st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]))
def test_no_exception_but_cairns_own_escapes_the_reader(lines, newline, encoding):
    try:
        raw = newline.join(lines).encode(encoding)
    except UnicodeEncodeError:
        raw = newline.join(lines).encode("utf-8")
    try:
        found = ris.parse_ris(raw, "refs.ris")
    except CairnError:
        return
    assert found and all(r.title for r in found)


@given(st.binary(max_size=300))
def test_arbitrary_bytes_are_read_or_refused_in_a_sentence(raw):
    try:
        ris.parse_ris(raw, "refs.ris")
    except CairnError as err:
        assert str(err).endswith(".")


def test_scopus_and_web_of_science_shapes_with_extra_tags_and_a_closing_ef():
    article, paper = ris.read_ris(FILES / "scopus_wos.ris")
    assert article.citation == ("Invented, P.; Notreal, Q. (2020). Rural and Remote Health "
                                "Practice, 20(2).")
    assert article.link == "https://doi.org/10.5555/rrhp.20.5512"
    assert (paper.kind, paper.line) == (EvidenceKind.PUBLICATION, 18)
    assert paper.citation == ("Fictitious, R (2019). Proceedings of an invented integrated care "
                              "conference, 14–19.")
    assert paper.link == ""


def test_an_older_endnote_export_in_windows_1252_is_read():
    (only,) = ris.read_ris(FILES / "endnote_cp1252.ris")
    assert only.title == "Café culture and caring: a community group's own evaluation"
    assert only.citation == "Exemple, Zoë (2018)."
