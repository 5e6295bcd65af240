"""Chart PNGs: twice the size they are shown at, bars in the pack's colours and as long as
their numbers say, pale colours outlined, long labels wrapped, nothing crashing on odd input."""

from __future__ import annotations

from io import BytesIO

from PIL import Image

from app.documents.chart_images import INK, SCALE, WIDTH, chart_png
from app.models.pack import PackBar, PackChart


def _image(chart: PackChart) -> Image.Image:
    drawn = chart_png(chart)
    image = Image.open(BytesIO(drawn.png)).convert("RGB")
    assert image.size == (drawn.width * SCALE, drawn.height * SCALE)
    return image


def _count(image: Image.Image, colour: tuple[int, int, int]) -> int:
    return _colours(image).get(colour, 0)


def _colours(image: Image.Image) -> dict[tuple[int, int, int], int]:
    found = image.getcolors(maxcolors=image.width * image.height) or []
    return {colour: count for count, colour in found}


def _chart(*bars: PackBar) -> PackChart:
    return PackChart(title="Notes", caption="Notes per area.", unit="notes", bars=bars)


def test_bars_take_the_packs_colours_in_proportion_to_their_values() -> None:
    image = _image(_chart(PackBar(label="Community", value=10, colour="#1B7A5A"),
                          PackBar(label="Planning", value=5, colour="#2457A5")))
    assert image.width == WIDTH * SCALE
    green, blue = _count(image, (0x1B, 0x7A, 0x5A)), _count(image, (0x24, 0x57, 0xA5))
    assert green > 0 and blue > 0
    assert 1.7 < green / blue < 2.3


def test_a_pale_colour_is_outlined_in_ink_and_a_bar_without_colour_gets_one() -> None:
    pale = _image(_chart(PackBar(label="Pale", value=4, colour="#FFF8E0")))
    assert _count(pale, INK) > _count(_image(_chart(PackBar(label="Pale", value=0))), INK)
    plain = _image(_chart(PackBar(label="No colour", value=4), PackBar(label="Bad", value=2,
                                                                      colour="nonsense")))
    assert len(_colours(plain)) > 3


def test_long_labels_wrap_and_the_chart_grows_to_hold_them() -> None:
    short = chart_png(_chart(PackBar(label="Short", value=3)))
    long = chart_png(_chart(PackBar(label="Emerging Community Service Needs in Integration "
                                          "and a good deal more besides " * 3, value=3)))
    assert long.height > short.height + 40
    assert long.width == short.width


def test_odd_charts_still_draw() -> None:
    for chart in (_chart(), _chart(PackBar(label="", value=0)),
                  _chart(PackBar(label="中文 العربية 😀 Ōtautahi", value=1_000_000)),
                  _chart(PackBar(label="x" * 400, value=-3))):
        assert _image(chart).width == WIDTH * SCALE
