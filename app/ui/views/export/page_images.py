"""A PDF's pages as images, drawn by PDFium (pypdfium2), for the export preview.

Safe to call from a worker thread: each call opens its own document from the bytes, and one
lock keeps PDFium (which is not thread-safe) to one page at a time.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

import pypdfium2 as pdfium
from PySide6.QtGui import QImage

_PDFIUM = threading.Lock()


def page_count(pdf: bytes) -> int:
    with _PDFIUM:
        document = pdfium.PdfDocument(pdf)
        try:
            return len(document)
        finally:
            document.close()


def render_pages(pdf: bytes, width: int, *, first: int = 0, count: int | None = None,
                 each: Callable[[int, int], object] = lambda done, total: None) -> list[QImage]:
    """Pages `first`.. (all by default) drawn `width` pixels wide on white; `each(done, total)`
    after every page (a caller's Cancel may raise from it)."""
    images: list[QImage] = []
    with _PDFIUM:
        document = pdfium.PdfDocument(pdf)
    try:
        total = len(document)
        last = total if count is None else min(total, first + count)
        for index in range(first, last):
            with _PDFIUM:
                images.append(_render(document, index, width))
            each(index + 1 - first, last - first)
    finally:
        with _PDFIUM:
            document.close()
    return images


def render_page(pdf: bytes, index: int, width: int) -> QImage:
    """One page, `width` pixels wide."""
    return render_pages(pdf, width, first=index, count=1)[0]


def _render(document: pdfium.PdfDocument, index: int, width: int) -> QImage:
    page = document[index]
    try:
        page_width, _ = page.get_size()
        bitmap = page.render(scale=max(0.05, width / page_width))
        try:
            # BGR, three bytes a pixel; copied so the image outlives PDFium's buffer.
            image = QImage(bytes(bitmap.buffer), bitmap.width, bitmap.height, bitmap.stride,
                           QImage.Format.Format_BGR888).copy()
        finally:
            bitmap.close()
    finally:
        page.close()
    return image
