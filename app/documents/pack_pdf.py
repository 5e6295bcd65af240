"""The summary pack as a PDF: what participants receive by e-mail, read on a phone or printed.

Pure: takes a `Pack` (content with every consent already applied) and returns the PDF's bytes;
the export service writes them. The parts are laid out by `pack_pdf_parts` and
`pack_pdf_tables`, in the look of `pack_style`.

Layout is one pass. Headings become bookmarks and contents entries as they are placed
(`afterFlowable`); the contents page keeps a fixed space, and the canvas holds every page back
until the end, so the contents' page numbers and each footer's "Page 3 of 12" are drawn once
all pages are known. `multiBuild` therefore finishes after its first pass, which keeps a pack of
a thousand notes quick to make.
"""

from __future__ import annotations

from collections.abc import Callable
from io import BytesIO
from itertools import count
from typing import Any

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageBreak,
    PageTemplate,
)
from reportlab.platypus.tableofcontents import TableOfContents

from app.documents import pack_pdf_parts as parts
from app.documents import pack_pdf_tables as tables
from app.documents.pack_style import (
    ACCENT,
    BOTTOM,
    MARGIN,
    MUTED,
    PAGE,
    RULE,
    TOP,
    WIDTH,
    Heading,
    drawable,
    fonts,
    styles,
    text,
)
from app.documents.run_sheet import fit_text
from app.models.pack import Pack, PackSection

HEADER_SIZE = 9.5
_S = PackSection
Mark = tuple[int, int, str, str]  # page, outline level, title, bookmark key


def pack_pdf(pack: Pack) -> bytes:
    """The pack as PDF bytes: cover, contents, then each section the pack was asked for."""
    keys = (f"k{n}" for n in count())

    def key() -> str:
        return next(keys)

    body = _sections(pack, key)
    entries = [f.mark for f in _headings(body) if f.mark[3]]
    contents = Contents([(level, title) for level, title, _, _ in entries])
    story: list[Any] = [*parts.cover(pack), Heading("Contents", styles()["h1"], level=0,
                                                    key=key(), toc=False),
                        contents, PageBreak(), *body]
    buffer = BytesIO()
    marks: list[Mark] = []
    doc = _Document(buffer, pack, marks)
    doc.multiBuild(story, canvasmaker=_held_canvas(pack, contents, marks))
    return buffer.getvalue()


def _sections(pack: Pack, key: Callable[[], str]) -> list[Any]:
    """The body in reading order: each asked-for section that fits this kind of pack."""
    asked = pack.options.sections
    system = pack.kind == "system"
    plan: list[tuple[bool, Callable[[Pack, Callable[[], str]], list[Any]]]] = [
        (_S.PURPOSE in asked, parts.purpose),
        (_S.PEOPLE in asked and not system, parts.people),
        (_S.THEMES in asked, parts.themes),
        (_S.CHARTS in asked and pack.options.charts, tables.charts),
        (_S.RECURRING in asked and system, tables.recurring),
        (_S.COVERAGE in asked and system, tables.coverage),
        (_S.ACTIONS in asked, tables.actions),
        (_S.EVIDENCE in asked, tables.evidence),
        (_S.NEXT_STEPS in asked, parts.next_steps),
    ]
    body: list[Any] = []
    for wanted, part in plan:
        if wanted:
            body += part(pack, key)
    return body + parts.about(pack, key)


def _headings(flow: list[Any]) -> list[Heading]:
    return [f for f in flow if isinstance(f, Heading)]


class Contents(TableOfContents):
    """The contents, drawn after layout into a space sized for its known entries, so the
    document needs no second pass to settle its page numbers."""

    def __init__(self, expected: list[tuple[int, str]]) -> None:
        st = styles()
        super().__init__(levelStyles=[st["toc0"], st["toc1"]], dotsMinLevel=0,
                         rightColumnWidth=40)
        self._expected = expected
        self._deepest = 1  # level 0 only when the focus areas would not fit on the page
        self.placed: tuple[int, float, float] | None = None  # page, x, y of the bottom left

    def isSatisfied(self) -> bool:
        return True  # entries are drawn after the pass in which they were collected

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        saved: list[Any] = self.__dict__["_lastEntries"]
        for deepest in (1, 0):
            self._deepest = deepest
            self._lastEntries = [(lvl, _toc_text(t), 999, None) for lvl, t in self._expected
                                 if lvl <= deepest] or [(0, "No sections", 999, None)]
            size: tuple[float, float] = super().wrap(availWidth, availHeight)
            if size[1] <= availHeight:
                break
        self._lastEntries = saved
        return size

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        return []  # sized to fit one page: a contents list never splits

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:
        self.placed = (canvas.getPageNumber(), x, y)

    def draw_entries(self, canvas: Canvas) -> None:
        """Draws the collected entries, with their pages, where the contents were placed."""
        if self.placed is None or not self._entries:
            return
        _, x, y = self.placed
        self._lastEntries = [(lvl, _toc_text(t), page, k) for lvl, t, page, k in self._entries
                             if lvl <= self._deepest]
        self.canv = canvas
        _, height = super().wrap(WIDTH, PAGE[1])
        top = y + self.height  # the reserved space's top; entries hang from it
        self._table.drawOn(canvas, x, top - height)


def _toc_text(title: str) -> str:
    """A contents entry as markup, cut short when a title is very long."""
    return text(title if len(title) <= 110 else title[:109].rstrip() + "…")


class _Document(BaseDocTemplate):
    """A4, one column; the cover page has no running header or footer."""

    def __init__(self, buffer: BytesIO, pack: Pack, marks: list[Mark]) -> None:
        what = "learning system" if pack.kind == "system" else "session"
        keywords = ["summary pack", pack.system_name,
                    *dict.fromkeys(a.name for a in pack.areas if a.themes)]
        super().__init__(
            buffer, pagesize=PAGE, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=TOP,
            bottomMargin=BOTTOM, title=pack.title.strip(),
            author=(pack.author or pack.facilitators or pack.system_name).strip(),
            subject=f"Summary pack of the {what} {pack.title.strip()}",
            keywords=[k.strip() for k in keywords if k.strip()], creator="Cairn",
            lang=pack.language,
            displayDocTitle=True, pageCompression=1,
        )
        frame = Frame(MARGIN, BOTTOM, WIDTH, PAGE[1] - TOP - BOTTOM, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([PageTemplate("cover", [frame], onPage=_cover_band),
                               PageTemplate("body", [frame])])
        self.marks = marks

    def beforeDocument(self) -> None:
        self.marks.clear()

    def afterFlowable(self, flowable: Flowable) -> None:
        mark = getattr(flowable, "mark", None)
        if mark is None:
            return
        level, title, key, toc = mark
        # Pages are held back until the end, so bookmarks are placed as each page is written.
        self.marks.append((self.page, level, title, key))
        if toc:
            self.notify("TOCEntry", (level, title, self.page, key))


def _cover_band(canvas: Canvas, doc: BaseDocTemplate) -> None:
    canvas.saveState()
    canvas.setFillColor(ACCENT)
    canvas.rect(0, PAGE[1] - 18 * mm, PAGE[0], 18 * mm, stroke=0, fill=1)
    canvas.restoreState()


def _held_canvas(pack: Pack, contents: Contents, marks: list[Mark]) -> type[Canvas]:
    """A canvas that keeps its pages until saving, then adds the contents' entries, the
    bookmarks and each page's header and footer, now that the number of pages is known."""
    header, footer = drawable(pack.title.strip()), drawable(pack.system_name.strip())
    side = "Learning system summary" if pack.kind == "system" else "Session summary"

    class HeldCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._held: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._held.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._held)
            by_page: dict[int, list[Mark]] = {}
            for mark in marks:
                by_page.setdefault(mark[0], []).append(mark)
            for number, state in enumerate(self._held, start=1):
                # Annotation names count up across the whole document: keep the count.
                annotations: int = self.__dict__["_annotationCount"]
                self.__dict__.update(state)
                self.__dict__["_annotationCount"] = max(annotations, state["_annotationCount"])
                for _, level, title, key in by_page.get(number, ()):
                    self.bookmarkPage(key)
                    self.addOutlineEntry(title, key, level=level, closed=level > 0)
                if contents.placed and contents.placed[0] == number:
                    contents.draw_entries(self)
                if number > 1:
                    self._frame_page(number, total)
                super().showPage()
            self.showOutline()
            super().save()

        def _frame_page(self, number: int, total: int) -> None:
            font, size = fonts()[0], HEADER_SIZE
            x0, x1 = MARGIN, PAGE[0] - MARGIN
            top, foot = PAGE[1] - TOP + 9 * mm, BOTTOM - 11 * mm
            right = f"Page {number} of {total}"
            self.saveState()
            self.setFont(font, size)
            self.setFillColor(MUTED)
            self.setStrokeColor(RULE)
            self.setLineWidth(0.5)
            room = WIDTH - stringWidth(side, font, size) - 10 * mm
            self.drawRightString(x1, top, side)
            self.drawRightString(x1, foot, right)
            self.line(x0, top - 5, x1, top - 5)
            self.line(x0, foot + 12, x1, foot + 12)
            for y, (face, value), width in ((top, header, room), (foot, footer, WIDTH / 2)):
                self.setFont(face, size)
                self.drawString(x0, y, fit_text(value, face, size, width))
            self.restoreState()

    return HeldCanvas
