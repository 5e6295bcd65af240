"""The pack's quicker bullets look exactly like reportlab's, on every page, split or not."""

from __future__ import annotations

from io import BytesIO

import pypdfium2 as pdfium
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

from app.documents.pack_style import BULLET, Bullet, styles, text

LINES = [
    "Short note (Aroha)",
    "A longer note that wraps over several lines of the page, as notes written by a "
    "participant at some length often do, with a speaker after it (Sione Tuilagi)",
    text("Ōtautahi and Gŵyl: letters set in the fallback font, a paragraph of several fonts"),
]


def _pdf(bulleted: bool) -> bytes:
    """A few pages of bulleted notes, one of them long enough to split across a page."""
    style = styles()["bullet"]
    long_note = " ".join(["A note long enough to run onto the next page."] * 60)
    flow: list[object] = [Spacer(1, 180 * mm)]
    for value in [*LINES, long_note, *LINES]:
        flow.append(Bullet(value, style) if bulleted
                    else Paragraph(value, style, bulletText=BULLET))
    buffer = BytesIO()
    SimpleDocTemplate(buffer, invariant=1).build(flow)
    return buffer.getvalue()


def _pages(pdf: bytes) -> list[bytes]:
    document = pdfium.PdfDocument(pdf)
    try:
        return [page.render(scale=2).to_pil().tobytes() for page in document]
    finally:
        document.close()


def test_bullets_are_drawn_where_reportlab_draws_them() -> None:
    ours, reportlabs = _pages(_pdf(True)), _pages(_pdf(False))
    assert len(ours) == len(reportlabs) >= 2
    assert ours == reportlabs


def test_the_part_of_a_note_on_the_next_page_has_no_bullet() -> None:
    style = styles()["bullet"]
    note = Bullet(" ".join(["Words that need several lines."] * 20), style)
    note.wrap(400, 1000)
    first, rest = note.split(400, 60)
    assert (first.marked, rest.marked) == (True, False)
    rest.wrap(400, 1000)
    assert [part.marked for part in rest.split(400, 60)] == [False, False]
