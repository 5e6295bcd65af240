"""Paragraphs of plain text made without the markup parser are the ones the parser makes."""

from __future__ import annotations

from io import BytesIO

import pytest
from reportlab.platypus import Paragraph, SimpleDocTemplate

from app.documents.pack_style import Bullet, para, styles, text

VALUES = [
    "The ferry leaves before school starts (Aroha)",
    "Runs of   spaces\tand  tabs inside a note",
    "  Spaces   around and\tinside, and a line\nbreak typed in a note  ",
    "Zoë said the café is the only place to meet — “every week”",
    "A no-break\u00a0space and a thin\u2009space",
    "Ōtautahi and Gŵyl",  # letters in the fallback font: markup, so parsed
    "Fish & chips < pies > nothing",  # escaped: parsed
    "",
]


def _frags(paragraph: Paragraph) -> list[dict[str, object]]:
    return [dict(vars(frag)) for frag in paragraph.frags]


@pytest.mark.parametrize("value", VALUES)
@pytest.mark.parametrize("role", ["bullet", "quote", "meta", "kind"])
def test_same_fragments_and_text_as_the_parser_gives(value: str, role: str) -> None:
    style = styles()[role]
    markup = text(value)
    quick, parsed = para(markup, style), Paragraph(markup, style)
    assert _frags(quick) == _frags(parsed)
    assert quick.text == parsed.text


def test_plain_fragments_are_not_shared() -> None:
    """Each paragraph has its own link and underline lists, as parsed ones do."""
    first, second = (para("Plain words", styles()["body"]) for _ in range(2))
    assert first.frags[0].link is not second.frags[0].link
    assert first.frags[0].us_lines is not second.frags[0].us_lines


def test_same_page_as_parsed_paragraphs() -> None:
    def pdf(quick: bool) -> bytes:
        st = styles()
        flow = [para(text(v), st["bullet"], Bullet) if quick else Bullet(text(v), st["bullet"])
                for v in VALUES * 3]
        buffer = BytesIO()
        SimpleDocTemplate(buffer, invariant=1).build(flow)
        return buffer.getvalue()

    assert pdf(True) == pdf(False)
