"""A pack's bar chart drawn as a PNG (Pillow), for the DOCX and HTML packs.

Each bar sits under its own full-width label, so long focus-area names wrap instead of being cut,
and the chart stays readable when a phone shrinks it. Drawn at twice its size so it stays crisp
on high-density screens and in print; `chart_png` says the size to show it at.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from io import BytesIO

from PIL import Image, ImageDraw, ImageFont

from app.config import resources_dir
from app.models.pack import PackChart

SCALE = 2  # pixels per point shown: crisp on high-density screens
WIDTH = 360  # points shown: a phone's width, so the text needs no shrinking there
PAD = 8
FONT_SIZE = 15
LINE = 20  # label line height
BAR = 22  # bar thickness
GAP = 12  # between one bar and the next label
INK = (26, 26, 26)
RULE = (184, 184, 184)
WHITE = (255, 255, 255)
# Used when a bar has no colour of its own; each at least 3:1 against white (WCAG 1.4.11).
PALETTE = ("#2457A5", "#1B7A5A", "#B04A2F", "#7A4AA5", "#8A6D00", "#3D6B7D", "#A33B72")
MIN_CONTRAST = 3.0


@dataclass(frozen=True)
class ChartImage:
    """The PNG's bytes, and the size to show it at in points (CSS pixels)."""

    png: bytes
    width: int
    height: int


def chart_png(chart: PackChart) -> ChartImage:
    """The chart as a white-backed PNG: each bar labelled with its name above and its number
    at its end, in the pack's colours."""
    regular, bold = _font(False), _font(True)
    labels = [_wrap(bar.label or "(no label)", bold, WIDTH - 2 * PAD) for bar in chart.bars]
    numbers = [_number(bar.value) for bar in chart.bars]
    widest_number = max((_text_width(n, regular) for n in numbers), default=0)
    bar_room = WIDTH - 2 * PAD - widest_number - 8
    top = max((bar.value for bar in chart.bars), default=0)

    height = PAD + sum(len(lines) * LINE + BAR + GAP for lines in labels) + PAD
    if not chart.bars:
        height = PAD * 2 + LINE
    image = Image.new("RGB", (WIDTH * SCALE, height * SCALE), WHITE)
    draw = ImageDraw.Draw(image)
    y = PAD
    if not chart.bars:
        draw.text((PAD * SCALE, y * SCALE), f"No {chart.unit or 'values'} to show.", font=regular,
                  fill=INK)
    for i, (bar, lines, number) in enumerate(zip(chart.bars, labels, numbers, strict=True)):
        for line in lines:
            draw.text((PAD * SCALE, y * SCALE), line, font=bold, fill=INK)
            y += LINE
        length = round(bar_room * bar.value / top) if top > 0 and bar.value > 0 else 0
        colour = _rgb(bar.colour) if bar.colour else _rgb(PALETTE[i % len(PALETTE)])
        box = (PAD * SCALE, (y + 2) * SCALE, (PAD + length) * SCALE, (y + BAR - 2) * SCALE)
        if length > 0:
            # A pale colour from the pack would vanish on white: outline it in ink.
            edge = INK if _contrast(colour, WHITE) < MIN_CONTRAST else colour
            draw.rectangle(box, fill=colour, outline=edge, width=SCALE)
        else:
            draw.line((box[0], box[1], box[0], box[3]), fill=RULE, width=SCALE)
        draw.text(((PAD + length + 6) * SCALE, (y + 2) * SCALE), number, font=regular, fill=INK)
        y += BAR + GAP
    out = BytesIO()
    image.save(out, format="PNG", optimize=True, dpi=(72 * SCALE, 72 * SCALE))
    return ChartImage(png=out.getvalue(), width=WIDTH, height=height)


@cache
def _font(bold: bool) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """Lato (shipped, OFL) at twice the size; Pillow's own font if the file is missing."""
    path = resources_dir() / "fonts" / ("Lato-Bold.ttf" if bold else "Lato-Regular.ttf")
    try:
        return ImageFont.truetype(str(path), FONT_SIZE * SCALE)
    except OSError:
        return ImageFont.load_default(FONT_SIZE * SCALE)


def _text_width(text: str, font: ImageFont.FreeTypeFont | ImageFont.ImageFont) -> int:
    """Width in points (the font is drawn at SCALE)."""
    return int(font.getlength(text) / SCALE + 0.999)


def _wrap(text: str, font: ImageFont.FreeTypeFont | ImageFont.ImageFont,
          width: int) -> list[str]:
    """Lines of at most `width` points, broken between words (inside a word too long)."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if _text_width(candidate, font) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        while _text_width(word, font) > width and len(word) > 1:
            cut = len(word) - 1
            while cut > 1 and _text_width(word[:cut], font) > width:
                cut -= 1
            lines.append(word[:cut])
            word = word[cut:]
        line = word
    if line or not lines:
        lines.append(line)
    return lines


def _number(value: int) -> str:
    return f"{value:,}"


def _rgb(colour: str) -> tuple[int, int, int]:
    """'#RRGGBB' as a triple; ink for anything else, so a bad colour never breaks a chart."""
    text = colour.strip().lstrip("#")
    if len(text) != 6:
        return INK
    try:
        return (int(text[0:2], 16), int(text[2:4], 16), int(text[4:6], 16))
    except ValueError:
        return INK


def _luminance(rgb: tuple[int, int, int]) -> float:
    def channel(c: int) -> float:
        v = c / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    """The WCAG contrast ratio of two colours."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)
