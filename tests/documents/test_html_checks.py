"""The HTML accessibility check itself: it passes a good page and catches each kind of bad one,
so a pack that passes it has been checked for something."""

from __future__ import annotations

import pytest

from tests.documents.html_checks import problems

GOOD = """<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>Pack</title>
<style>body { color: #111; } .x { background: url(data:image/png;base64,AAAA); }</style></head>
<body><header><h1>Pack</h1></header>
<nav aria-labelledby="c"><h2 id="c">Contents</h2><a href="#t">Themes</a></nav>
<main><section aria-labelledby="t"><h2 id="t">Themes</h2><h3>Area</h3><h4>Theme</h4>
<h2>Charts</h2><figure><img src="data:image/png;base64,AAAA" alt="A chart of notes">
<figcaption>Notes</figcaption></figure>
<svg role="img" aria-labelledby="s"><title id="s">Votes by theme</title></svg>
<svg aria-hidden="true"></svg>
<table><caption>Actions</caption><thead><tr><th scope="col">What</th></tr></thead>
<tbody><tr><td>Do it</td></tr></tbody></table>
<a href="https://example.org/"><img src="data:image/png;base64,AAAA" alt="Example"></a>
</section></main></body></html>"""


def _bad(old: str, new: str) -> list[str]:
    assert old in GOOD
    return problems(GOOD.replace(old, new, 1))


def test_a_good_page_passes() -> None:
    assert problems(GOOD) == []


@pytest.mark.parametrize(("old", "new", "expected"), [
    ('<html lang="en-GB">', "<html>", "no lang"),
    ("<title>Pack</title>", "<title> </title>", "empty <title>"),
    ("<main>", "<div>", "<main> elements"),
    ("<header><h1>Pack</h1></header>", "<header><p>Pack</p></header>", "first heading is h2"),
    ("<h2 id=\"c\">Contents</h2>", "<h1 id=\"c\">Contents</h1>", "2 <h1> headings"),
    ("<h4>Theme</h4>", "<h5>Theme</h5>", "h5 follows h3"),
    ("<h3>Area</h3>", "<h3>  </h3>", "a heading (<h3>"),
    ('alt="A chart of notes"', "", "<img> without a text alternative"),
    ('alt="A chart of notes"', 'alt=""', "<img> without a text alternative"),
    ('<svg role="img" aria-labelledby="s"><title id="s">Votes by theme</title></svg>',
     "<svg></svg>", "<svg> without role"),
    ('<svg role="img" aria-labelledby="s"><title id="s">Votes by theme</title></svg>',
     '<svg role="img"></svg>', "<svg> (line"),
    ("<caption>Actions</caption>", "", "has no <caption>"),
    ("<caption>Actions</caption>", "<caption></caption>", "a table caption"),
    ('<th scope="col">What</th>', "<td>What</td>", "has no header cells"),
    ('<th scope="col">What</th>', "<th>What</th>", "<th> without scope"),
    ('<a href="#t">Themes</a>', '<a href="#t"></a>', "a link (<a>"),
    ('<a href="#t">Themes</a>', '<a href="#nowhere">Themes</a>', "'#nowhere'"),
    ('aria-labelledby="c"', 'aria-labelledby="gone"', "names 'gone'"),
    ('<h2 id="t">', '<h2 id="c">', "id 'c' is used twice"),
    ("</main>", "</main><script>alert(1)</script>", "<script> element"),
    ('<img src="data:image/png;base64,AAAA" alt="A chart of notes">',
     '<img src="https://example.org/chart.png" alt="A chart of notes">', "fetches"),
    ("url(data:image/png;base64,AAAA)", "url(https://example.org/font.woff)", "style sheet fetches"),
    ("<style>", '<link rel="stylesheet" href="https://example.org/a.css"><style>', "fetches"),
])
def test_each_kind_of_problem_is_caught(old: str, new: str, expected: str) -> None:
    found = _bad(old, new)
    assert any(expected in problem for problem in found), found
