"""The look of the PDF summary pack: its font, colours, paragraph styles and a few flowables
shared by its parts (headings that carry bookmarks, ruled tables that split cleanly).

The pack is read on phones as often as on paper, so the type is large (12 pt body, one column)
and the font is Atkinson Hyperlegible, made for readers with low vision and shipped with Cairn.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from functools import cache
from typing import Any
from weakref import WeakKeyDictionary
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.rl_accel import fp_str
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import getFont, registerFont, registerFontFamily
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, Table, TableStyle
from reportlab.platypus.paragraph import cleanBlockQuotedText
from reportlab.platypus.paraparser import ParaFrag

from app.config import resources_dir
from app.documents.pack_pdf_font import PackFont

PAGE = A4
MARGIN = 20 * mm
TOP = 24 * mm  # room for the running header
BOTTOM = 22 * mm  # room for the footer
WIDTH = PAGE[0] - 2 * MARGIN  # the frame's width; frames have no padding here
INK = colors.HexColor("#1A1A1A")
MUTED = colors.HexColor("#4D4D4D")  # 8.6:1 on white
ACCENT = colors.HexColor("#1F4E79")  # headings, links, default bars: 8.9:1 on white
RULE = colors.HexColor("#B8B8B8")
HEAD_FILL = colors.HexColor("#E6ECF3")
QUOTE_FILL = colors.HexColor("#F3F5F8")
WARN_FILL = colors.HexColor("#FFF1D6")
FAMILY = "AtkinsonHyperlegible"
ROW_SPLIT_MIN = 120  # points: a table row taller than this may split between pages

# Symbols, format characters (joiners, variation selectors), private use and combining marks:
# left out when the font has no glyph for them.
_UNDRAWN = frozenset(("So", "Sk", "Cf", "Cs", "Co", "Cn", "Mn", "Me"))
_FALLBACK = ("Helvetica", "Helvetica-Bold", "Helvetica-Oblique", "Helvetica-BoldOblique")


@cache
def fonts() -> tuple[str, str, str, str]:
    """Names of the regular, bold, italic and bold italic fonts: the shipped Atkinson
    Hyperlegible, or reportlab's Helvetica if the files are missing (a damaged install)."""
    names = (FAMILY, f"{FAMILY}-Bold", f"{FAMILY}-Italic", f"{FAMILY}-BoldItalic")
    files = ("Regular", "Bold", "Italic", "BoldItalic")
    try:
        for name, file in zip(names, files, strict=True):
            path = resources_dir() / "fonts" / f"AtkinsonHyperlegible-{file}.ttf"
            registerFont(PackFont(name, str(path)))
    except Exception:  # any unreadable font file: the pack must still be made
        return _FALLBACK
    registerFontFamily(FAMILY, normal=names[0], bold=names[1], italic=names[2],
                       boldItalic=names[3])
    return names


@cache
def _drawable() -> frozenset[int]:
    """The code points the body font has glyphs for."""
    return _glyphs(fonts()[0])


@cache
def _fallback() -> tuple[str, frozenset[int]]:
    """The font for letters Atkinson Hyperlegible lacks ('Ō', 'İ', Welsh 'ŵ'): Lato, shipped
    for the run sheet, which covers far more of Latin; ("", nothing) if it is missing."""
    from app.documents.run_sheet import fonts as lato

    name = lato()[0]
    return (name, _glyphs(name)) if name == "Lato" else ("", frozenset())


def _glyphs(name: str) -> frozenset[int]:
    if name.startswith("Helvetica"):
        return frozenset(range(256))
    face = getFont(name).face
    return frozenset(face.charToGlyph)


def plain(value: str) -> str:
    """User text as the body font can draw it without markup (running header, charts): a
    letter the font lacks becomes its base letter ('Ō' → 'O'); emoji, pictographs and the
    joiners around them are dropped (they would print as empty boxes); letters of scripts no
    shipped font has are kept, so a reader sees that something stood there."""
    if value.isascii():
        return value
    return "".join(_char(ch, _drawable()) for ch in unicodedata.normalize("NFC", value))


def drawable(value: str, *, bold: bool = False) -> tuple[str, str]:
    """(font, text) for a line drawn without markup (running header, chart labels): the body
    font when it has every letter, else the fallback font when that has them all, else the
    body font with `plain` text."""
    font = fonts()[1 if bold else 0]
    if value.isascii():
        return font, value
    known = _drawable()
    other, extra = _fallback()
    # Emoji and symbols that neither font has are left out first, as `plain` does.
    value = " ".join("".join(
        ch for ch in unicodedata.normalize("NFC", value)
        if ord(ch) in known or ord(ch) in extra or unicodedata.category(ch) not in _UNDRAWN
    ).split())
    if all(ord(ch) in known for ch in value):
        return font, value
    if other and all(ord(ch) in extra for ch in value):
        return other + ("-Bold" if bold else ""), value
    return font, plain(value)


def _char(ch: str, known: frozenset[int]) -> str:
    if ord(ch) in known:
        return ch
    base = unicodedata.normalize("NFD", ch)[0]
    if base != ch and ord(base) in known:
        return base
    return "" if unicodedata.category(ch) in _UNDRAWN else ch


def text(value: str, *, bold: bool = False, italic: bool = False) -> str:
    """User text as Paragraph markup, made safe and keeping its line breaks; letters the body
    font lacks are set in the fallback font (bold or italic as the text around them), so
    'Ōtautahi' and 'Gŵyl' print as typed."""
    value = value.strip()
    if value.isascii():
        return escape(value).replace("\n", "<br/>")
    known = _drawable()
    other, extra = _fallback()
    other += "-Bold" if bold else "-Italic" if italic else ""
    out: list[str] = []
    run: list[str] = []  # letters waiting to be set in the fallback font
    for ch in unicodedata.normalize("NFC", value):
        if ord(ch) not in known and ord(ch) in extra:
            run.append(ch)
            continue
        if run:
            out.append(f'<font name="{other}">{escape("".join(run))}</font>')
            run = []
        out.append(escape(_char(ch, known)))
    if run:
        out.append(f'<font name="{other}">{escape("".join(run))}</font>')
    return "".join(out).replace("\n", "<br/>")


def attr(value: str) -> str:
    """A value safe inside a double-quoted markup attribute (a link's address)."""
    return escape(plain(value).strip(), {'"': "&quot;"})


def colour(value: str, default: colors.Color = ACCENT) -> colors.Color:
    """A '#RRGGBB' colour, or `default` when there is none or it is malformed."""
    try:
        return colors.HexColor(value) if value else default
    except (ValueError, TypeError):
        return default


@cache
def styles() -> dict[str, ParagraphStyle]:
    """The paragraph styles by role. Headings keep with what follows them, so none is left
    alone at the foot of a page."""
    regular, bold, italic, _ = fonts()

    def style(name: str, **kw: Any) -> ParagraphStyle:
        values: dict[str, Any] = {"fontName": regular, "fontSize": 12, "leading": 17,
                                  "textColor": INK, **kw}
        return ParagraphStyle(name, **values)

    return {
        "cover_system": style("cover_system", fontName=bold, fontSize=13, leading=18,
                              textColor=ACCENT, spaceAfter=10),
        "cover_title": style("cover_title", fontName=bold, fontSize=28, leading=34,
                             spaceAfter=14),
        "cover_kind": style("cover_kind", fontSize=15, leading=20, textColor=MUTED,
                            spaceAfter=28),
        "cover_fact": style("cover_fact", fontSize=13, leading=19),
        "h1": style("h1", fontName=bold, fontSize=20, leading=25, textColor=ACCENT,
                    spaceBefore=18, spaceAfter=10, keepWithNext=1),
        "h2": style("h2", fontName=bold, fontSize=16, leading=21, spaceBefore=14, spaceAfter=8,
                    leftIndent=12, keepWithNext=1),
        "chart": style("chart", fontName=bold, fontSize=15, leading=20, spaceBefore=12,
                       spaceAfter=8, keepWithNext=1),
        # Themes are kept from breaking badly by room asked for before them (CondPageBreak),
        # which is cheaper to lay out than keep-with-next for a thousand notes.
        "h3": style("h3", fontName=bold, fontSize=13.5, leading=18, spaceBefore=12,
                    spaceAfter=2),
        "meta": style("meta", fontSize=10.5, leading=14, textColor=MUTED, spaceAfter=6),
        "body": style("body", spaceAfter=8),
        "synthesis": style("synthesis", spaceAfter=6),
        "lead": style("lead", spaceAfter=4, keepWithNext=1),
        "kind": style("kind", fontName=bold, fontSize=11, leading=15, spaceBefore=4,
                      spaceAfter=3),
        "bullet": style("bullet", leftIndent=16, bulletIndent=2, spaceAfter=5),
        "quote": style("quote", fontName=italic, fontSize=12.5, leading=18),
        "quote_by": style("quote_by", fontSize=10.5, leading=14, textColor=MUTED),
        "caption": style("caption", fontSize=10.5, leading=14.5, textColor=MUTED,
                         spaceBefore=4, spaceAfter=14),
        "cell": style("cell", fontSize=10.5, leading=14),
        "cell_head": style("cell_head", fontName=bold, fontSize=10.5, leading=14),
        "cell_num": style("cell_num", fontSize=10.5, leading=14, alignment=TA_RIGHT),
        "toc0": style("toc0", fontName=bold, fontSize=12.5, leading=20),
        "toc1": style("toc1", fontSize=11.5, leading=17, leftIndent=16, textColor=MUTED),
    }


class Heading(Paragraph):
    """A heading that becomes a PDF bookmark (and, if `toc`, an entry in the contents);
    `bar` draws a block of colour beside it (a focus area's colour)."""

    def __init__(self, value: str, style: ParagraphStyle, *, level: int, key: str,
                 toc: bool = True, bar: colors.Color | None = None) -> None:
        super().__init__(text(value, bold="Bold" in style.fontName), style)
        self.mark = (level, " ".join(value.split()), key, toc)  # outlines take any letter
        self.bar = bar

    def draw(self) -> None:
        if self.bar is not None:
            self.canv.saveState()
            self.canv.setFillColor(self.bar)
            self.canv.rect(0, 0, 6, self.height, stroke=0, fill=1)
            self.canv.restoreState()
        super().draw()


def para(markup: str, style: ParagraphStyle, kind: type[Paragraph] = Paragraph,
         **kwargs: Any) -> Any:
    """`kind(markup, style)`; text without markup (most notes) skips reportlab's markup parser,
    which took nearly a tenth of a large pack's time, for the one fragment it would make."""
    if "<" in markup or "&" in markup or not markup.strip():
        return kind(markup, style, **kwargs)
    value = cleanBlockQuotedText(markup)
    frag = ParaFrag(**_plain_frag(style), text=value, link=[], us_lines=[])
    return kind(value, style, frags=[frag], **kwargs)


_plain_frags: dict[str, dict[str, Any]] = {}


def _plain_frag(style: ParagraphStyle) -> dict[str, Any]:
    """What reportlab's parser gives a run of plain text in this style, but its text."""
    if style.name not in _plain_frags:
        frag = Paragraph("x", style).frags[0]
        _plain_frags[style.name] = {k: v for k, v in frag.__dict__.items()
                                    if k not in ("text", "link", "us_lines")}
    return _plain_frags[style.name]


BULLET = "•"
_bullet_codes: WeakKeyDictionary[Canvas, dict[str, str]] = WeakKeyDictionary()


class Bullet(Paragraph):
    """A paragraph with a bullet in its left indent, drawn as `Paragraph(..., bulletText="•")`
    draws it, but as one prepared line of page code: reportlab sets up a text object, font
    and colour for each bullet, which took a tenth of the time a pack of a thousand notes
    took. The style's indent must leave room for the bullet (as "bullet" does), so the text
    lies exactly where reportlab would put it."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.marked = True  # the part of a split paragraph on the next page has no bullet

    def split(self, availWidth: float, availHeight: float) -> list[Any]:  # noqa: N803
        parts: list[Any] = super().split(availWidth, availHeight)
        for n, part in enumerate(parts):
            part.marked = self.marked and n == 0
        return parts

    def draw(self) -> None:
        para = self.blPara
        if self.marked and para.lines:
            # Where reportlab sets a bullet: on the first line's baseline.
            first = para if para.kind == 0 else para.lines[0]
            self.canv.addLiteral(f"q 1 0 0 1 0 {fp_str(self.height - first.fontSize)} cm "
                                 f"{_bullet_code(self.canv, self.style)} Q")
        super().draw()


def _bullet_code(canvas: Canvas, style: ParagraphStyle) -> str:
    """The page code of a bullet at the baseline, made once per document and style."""
    codes = _bullet_codes.setdefault(canvas, {})
    if style.name not in codes:
        line = canvas.beginText(style.bulletIndent, 0)
        line.setFont(style.bulletFontName, style.bulletFontSize)
        line.textOut(BULLET)
        ink = getattr(style, "bulletColor", style.textColor)
        codes[style.name] = f"{fp_str(ink.rgb())} rg {line.getCode()}"
    return codes[style.name]


def grid(rows: list[list[Any]], widths: Sequence[float | None], *,
         marked_rows: Sequence[int] = ()) -> Table:
    """A ruled table whose header row repeats on every page it runs onto; a long row may split
    only when both parts stay readable, so a huge cell cannot overflow the page."""
    free = WIDTH - sum(w for w in widths if w is not None)
    spare = sum(1 for w in widths if w is None) or 1
    col_widths = [w if w is not None else free / spare for w in widths]
    table = Table(rows, colWidths=col_widths, repeatRows=1, splitByRow=1,
                  splitInRow=ROW_SPLIT_MIN, hAlign="LEFT")
    commands: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL),
        ("LINEABOVE", (0, 0), (-1, 0), 0.8, INK),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, INK),
        ("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE),
        ("LEFTPADDING", (0, 0), (-1, -1), 5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 5),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
    ]
    commands += [("BACKGROUND", (0, r), (-1, r), WARN_FILL) for r in marked_rows]
    table.setStyle(TableStyle(commands))
    return table


def cells(values: Sequence[str], style: ParagraphStyle) -> list[Paragraph]:
    """A table row of user text, each cell a wrapping paragraph."""
    return [Paragraph(text(v), style) for v in values]
