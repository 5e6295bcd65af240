"""The pack's quicker TrueType font gives exactly the codes reportlab's own would."""

from __future__ import annotations

from io import BytesIO

from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from app.config import resources_dir
from app.documents.pack_pdf_font import PackFont

FONT = str(resources_dir() / "fonts" / "AtkinsonHyperlegible-Regular.ttf")

LINES = [
    "Plain words, as most notes are.",
    "",
    "Café, naïve and São Tomé",  # letters outside ASCII, coded as they first appear
    "Café again, now from the quick path",
    "A no-break\u00a0space is set as a space",
    "A letter the font lacks: \u4e2d and \U0001f600",
    "Ōtautahi and Gŵyl",
    "Café, naïve and São Tomé",
]


def _doc() -> object:
    return Canvas(BytesIO())._doc


def test_splits_every_line_as_reportlab_does() -> None:
    quick, slow = PackFont("PackFontTest", FONT), TTFont("PackFontTestSlow", FONT)
    doc_quick, doc_slow = _doc(), _doc()
    for line in LINES * 2:
        assert quick.splitString(line, doc_quick) == slow.splitString(line, doc_slow), line
    assert quick.state[doc_quick].assignments == slow.state[doc_slow].assignments


def test_letters_past_the_first_subset_are_coded_as_reportlab_codes_them() -> None:
    """Over 256 letters fill the first subset; lines then mix subsets, and still match."""
    quick, slow = PackFont("PackFontTestMany", FONT), TTFont("PackFontTestManySlow", FONT)
    doc_quick, doc_slow = _doc(), _doc()
    letters = sorted(c for c in quick.face.charToGlyph if c > 0x7F)[:400]
    lines = ["".join(map(chr, letters[i:i + 40])) + " and words" for i in range(0, 400, 40)]
    for line in [*lines, *lines, "plain words again"]:
        assert quick.splitString(line, doc_quick) == slow.splitString(line, doc_slow), line
    assert len(quick.state[doc_quick].subsets) > 1


def test_each_document_keeps_its_own_codes() -> None:
    """Two packs made at once: the codes one gives its letters never leak into the other."""
    quick, slow = PackFont("PackFontTestDocs", FONT), TTFont("PackFontTestDocsSlow", FONT)
    docs = [(_doc(), _doc()), (_doc(), _doc())]
    for n, line in enumerate(["Zoë", "Ōtautahi", "Zoë Ō", "Ōtautahi Zoë", "Gŵyl Zoë"] * 2):
        doc_quick, doc_slow = docs[n % 2]
        assert quick.splitString(line, doc_quick) == slow.splitString(line, doc_slow), line
