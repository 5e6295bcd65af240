"""The HTML pack: it passes the accessibility check, says what the pack says in every part,
fetches nothing, escapes every text, and names nobody the pack does not."""

from __future__ import annotations

import base64
import re
from html.parser import HTMLParser
from io import BytesIO

from PIL import Image

from app.documents.chart_images import SCALE
from app.documents.pack_html import pack_html
from app.documents.pack_outline import parts
from app.models.pack import (
    Pack,
    PackAction,
    PackArea,
    PackEvidence,
    PackNote,
    PackOptions,
    PackSection,
    PackTheme,
)
from tests.documents.html_checks import problems
from tests.sample_pack import HIDDEN, NAMED, large_pack, session_pack, system_pack


class _Reader(HTMLParser):
    """The headings (level, text), the visible text, and the images' sources and alt texts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.headings: list[tuple[int, str]] = []
        self.text: list[str] = []
        self.images: list[dict[str, str]] = []
        self._heading: list[str] | None = None
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("style", "title"):
            self._skip += 1
        if re.fullmatch(r"h[1-6]", tag):
            self._heading = []
        if tag == "img":
            self.images.append({k: v or "" for k, v in attrs})

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "title"):
            self._skip -= 1
        if re.fullmatch(r"h[1-6]", tag) and self._heading is not None:
            self.headings.append((int(tag[1]), "".join(self._heading).strip()))
            self._heading = None

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        self.text.append(data)
        if self._heading is not None:
            self._heading.append(data)


def _read(pack: Pack) -> tuple[str, _Reader]:
    html = pack_html(pack).decode("utf-8")
    reader = _Reader()
    reader.feed(html)
    return html, reader


def _text(reader: _Reader) -> str:
    return " ".join("".join(reader.text).split())


def test_session_and_system_packs_pass_the_accessibility_check() -> None:
    for pack in (session_pack(), system_pack(), Pack(title="Empty", system_name="System")):
        html = pack_html(pack).decode("utf-8")
        assert problems(html) == []
        assert html.startswith("<!DOCTYPE html>\n<html lang=\"en-GB\">")


def test_one_h1_then_contents_and_one_h2_per_part_with_links_to_each() -> None:
    pack = session_pack()
    html, reader = _read(pack)
    assert [t for lv, t in reader.headings if lv == 1] == [pack.title]
    assert [t for lv, t in reader.headings if lv == 2] == ["Contents"] + [
        p.title for p in parts(pack)]
    assert html.index('<a class="skip" href="#main">') < html.index("<nav")
    assert '<main id="main"' in html
    nav = html[html.index("<nav"):html.index("</nav>")]
    for part in parts(pack):
        assert f'href="#{part.key}"' in nav
    for number, area in enumerate(pack.areas, 1):
        assert f'<a href="#area-{number}">{area.name}</a>' in nav
    assert [t for lv, t in reader.headings if lv == 4] == [
        t.title for a in pack.areas for t in a.themes]


def test_every_part_says_what_the_pack_says() -> None:
    pack = session_pack()
    text = _text(_read(pack)[1])
    expected = [pack.system_name, pack.date, "Facilitated by Isla Brown, Tom Reid", pack.purpose,
                pack.agenda[1].title, "14 people were invited and 11 took part", "Local authority",
                "Mainland", pack.areas[0].themes[0].synthesis, pack.areas[0].themes[0].notes[0].text,
                "9 votes · 7 notes", pack.charts[1].caption, pack.actions[0].what,
                "In progress (overdue)", pack.evidence[0].title, pack.evidence[0].citation,
                *pack.next_steps, *pack.left_out, "Nobody is named in this pack unless"]
    for piece in expected:
        assert piece in text, piece


def test_charts_are_figures_with_crisp_pngs_whose_alt_is_the_caption() -> None:
    pack = session_pack()
    html, reader = _read(pack)
    assert len(reader.images) == len(pack.charts)
    for image, chart in zip(reader.images, pack.charts, strict=True):
        assert image["alt"] == chart.caption
        assert image["src"].startswith("data:image/png;base64,")
        png = Image.open(BytesIO(base64.b64decode(image["src"].split(",", 1)[1])))
        assert png.width == int(image["width"]) * SCALE
        assert png.height == int(image["height"]) * SCALE
    assert html.count("<figure>") == len(pack.charts)
    assert html.count("<figcaption>") == len(pack.charts)
    assert "The numbers behind" in html  # each chart's values as a table too


def test_quotes_name_the_consenting_speaker_and_hidden_never_appears() -> None:
    html = pack_html(session_pack()).decode("utf-8")
    quotes = re.findall(r"<blockquote>.*?</blockquote>", html)
    assert quotes and all(NAMED in q for q in quotes)
    assert HIDDEN not in html
    assert HIDDEN not in pack_html(system_pack()).decode("utf-8")


def test_learning_system_pack_has_recurring_themes_and_coverage() -> None:
    pack = system_pack()
    html, reader = _read(pack)
    level_2 = [t for lv, t in reader.headings if lv == 2]
    assert "Recurring themes" in level_2 and "Coverage of the focus areas" in level_2
    text = _text(reader)
    assert pack.recurring[0].title in text
    assert "Insight conversation: housing" in text
    assert f"{pack.coverage.thin[0]} (little evidence)" in text
    assert '<th scope="col" role="columnheader" class="number">Workshop 2</th>' in html
    assert '<td role="cell" data-label="Date">27 Aug 2026</td>' in html  # a date is not a count
    assert 'class="system"' not in html  # the system is the title: not said twice
    assert '<td role="cell" class="number" data-label="Votes">6</td>' in html


def test_wide_tables_stack_on_a_phone_and_narrow_ones_stay_tables() -> None:
    html = pack_html(session_pack()).decode("utf-8")
    tables = re.findall(r'<table role="table"( class="stack")?><caption id="([^"]+)"', html)
    stacked = {key for css, key in tables if css}
    assert {"agenda-table", "actions-table"} <= stacked
    assert not stacked & {"people-sector-table", "people-locality-table", "chart-1-table"}
    assert "@media (max-width: 30rem)" in html and "table.stack td::before" in html


def test_an_empty_pack_says_so_and_sections_left_out_are_gone() -> None:
    text = _text(_read(Pack(title="Planning call", system_name="A system"))[1])
    for sentence in ("No themes were recorded for this session.", "No actions were agreed.",
                     "No evidence was linked.", "There is nothing to chart yet."):
        assert sentence in text
    only_actions = session_pack().model_copy(update={"options": PackOptions(
        sections=frozenset({PackSection.ACTIONS}))})
    _, reader = _read(only_actions)
    assert [t for lv, t in reader.headings if lv == 2] == [
        "Contents", "Actions", "About this pack"]
    assert not reader.images


def test_every_text_is_escaped_and_nothing_unsafe_gets_through() -> None:
    attack = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    pack = Pack(
        title=attack, system_name=attack, author=attack,
        areas=(PackArea(name=attack, colour='red;}</style><script>alert(1)</script>',
                        themes=(PackTheme(title=attack, synthesis=attack, note_count=1,
                                          notes=(PackNote(text=attack, kind=attack,
                                                          speaker=attack, quote=True),)),)),),
        actions=(PackAction(what=attack, owner=attack),),
        evidence=(PackEvidence(title=attack, kind="Opinion", link="javascript:alert(1)"),
                  PackEvidence(title="Quoted", kind="Opinion",
                               link='https://example.org/"onmouseover="x')))
    html = pack_html(pack).decode("utf-8")
    assert "<script" not in html
    assert "<img src=x" not in html
    assert 'href="javascript' not in html
    assert 'onmouseover="' not in html  # the quote in the address stays inside the attribute
    assert "--area: red" not in html
    assert problems(html) == []
    assert attack in _text(_read(pack)[1])


def test_long_texts_and_characters_outside_latin_1() -> None:
    words = "Ōtautahi łódź İstanbul Şişli 中文 العربية ☕ 😀"
    long_note = ("A very long note that goes on and on. " * 150).strip()
    pack = Pack(title=f"{words} " + "long title " * 30, system_name="Système d’apprentissage",
                areas=(PackArea(name=words, colour="#123456", themes=(PackTheme(
                    title=words, synthesis=long_note, note_count=1, notes=(PackNote(
                        text=f"{words} {long_note}", kind="Insight"),)),)),))
    data = pack_html(pack)
    text = _text(_read(pack)[1])
    assert words in text and long_note in text
    assert data.decode("utf-8").count(words) >= 3
    assert '<meta charset="utf-8">' in data.decode("utf-8")


def test_self_contained_and_small() -> None:
    html = pack_html(large_pack()).decode("utf-8")
    assert problems(html) == []
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html.replace(
        'href="https://doi.org/10.1234/example.5678"', ""))
    assert len(html.encode("utf-8")) < 2_000_000
