"""An accessibility and self-containment check for an HTML document, on the standard library's
parser: what a screen reader user and an offline reader need from Cairn's HTML pack.

`problems(text)` returns one sentence per problem found (empty when it passes):
- `<html lang>` set, a non-empty `<title>`, exactly one `<main>`;
- exactly one `<h1>`, no heading empty, heading levels never skip on the way down;
- every `<img>` has non-empty `alt` (or `aria-label`), every `<svg>` is `role="img"` with a
  `<title>`, `aria-label` or `aria-labelledby`, or is hidden with `aria-hidden="true"`;
- every `<table>` has a non-empty `<caption>` and header cells, each `<th>` with `scope`;
- every link has text (its own, an image's alt, or `aria-label`) and an in-page link's target
  exists; `id`s are unique and `aria-labelledby` names ids that exist;
- no `<script>`, and nothing fetched: no `src`, `srcset`, `<link href>` or CSS `url()` that
  is not a data: URI or an in-page reference.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

_FETCHING = {"img": "src", "script": "src", "iframe": "src", "source": "src", "audio": "src",
             "video": "src", "embed": "src", "object": "data", "link": "href"}
_CSS_URL = re.compile(r"url\(\s*['\"]?(?!data:|#)([^)'\"]+)", re.IGNORECASE)
_IMPORT = re.compile(r"@import", re.IGNORECASE)


@dataclass
class _Open:
    """An element whose text we are collecting (heading, link, caption, title, svg)."""

    tag: str
    text: list[str] = field(default_factory=list)
    labelled: bool = False  # has a text alternative besides its text
    line: int = 0


class _Checker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.lang = ""
        self.title = ""
        self.mains = 0
        self.h1s = 0
        self.last_level = 0
        self.ids: dict[str, int] = {}
        self.labelledby: list[tuple[str, int]] = []
        self.anchors: list[tuple[str, int]] = []
        self.open: list[_Open] = []
        self.tables: list[dict[str, int]] = []
        self.in_style = False

    def say(self, text: str) -> None:
        self.problems.append(f"line {self.getpos()[0]}: {text}")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: (v or "") for k, v in attrs}
        line = self.getpos()[0]
        if "id" in a:
            if a["id"] in self.ids:
                self.say(f"the id '{a['id']}' is used twice")
            self.ids[a["id"]] = line
        if "aria-labelledby" in a:
            self.labelledby += [(ref, line) for ref in a["aria-labelledby"].split()]
        self._fetches(tag, a)
        if tag == "html":
            self.lang = a.get("lang", "").strip()
        elif tag == "main":
            self.mains += 1
        elif tag == "style":
            self.in_style = True
        elif tag == "script":
            self.say("a <script> element: the pack must work without scripts")
        elif re.fullmatch(r"h[1-6]", tag):
            self._heading(int(tag[1]))
            self.open.append(_Open(tag, labelled=bool(a.get("aria-label")), line=line))
        elif tag in ("a", "caption", "title"):
            self.open.append(_Open(tag, labelled=bool(a.get("aria-label")), line=line))
            if tag == "a" and a.get("href", "").startswith("#"):
                self.anchors.append((a["href"][1:], line))
            if tag == "caption" and self.tables:
                self.tables[-1]["caption"] += 1
        elif tag == "img":
            alt = (a.get("alt") or a.get("aria-label") or "").strip()
            if not alt:
                self.say("an <img> without a text alternative (alt)")
            for item in self.open:
                item.text.append(alt)
        elif tag == "svg":
            self._svg(a, line)
        elif tag == "table":
            self.tables.append({"caption": 0, "th": 0, "line": line})
        elif tag == "th":
            if self.tables:
                self.tables[-1]["th"] += 1
            if a.get("scope") not in ("col", "row", "colgroup", "rowgroup"):
                self.say("a <th> without scope")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag in ("svg", "a", "caption", "title") or re.fullmatch(r"h[1-6]", tag):
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self.in_style = False
        if tag == "table" and self.tables:
            table = self.tables.pop()
            if not table["caption"]:
                self.say(f"the table opened on line {table['line']} has no <caption>")
            if not table["th"]:
                self.say(f"the table opened on line {table['line']} has no header cells")
        for i in range(len(self.open) - 1, -1, -1):
            if self.open[i].tag == tag:
                self._closed(self.open.pop(i))
                break

    def handle_data(self, data: str) -> None:
        if self.in_style:
            for match in _CSS_URL.finditer(data):
                self.say(f"the style sheet fetches {match.group(1)!r}")
            if _IMPORT.search(data):
                self.say("the style sheet imports another")
        for item in self.open:
            item.text.append(data)

    def _closed(self, item: _Open) -> None:
        text = " ".join("".join(item.text).split())
        if item.tag == "title" and not any(o.tag == "svg" for o in self.open):
            self.title = self.title or text
            if not text:
                self.say("an empty <title>")
        elif item.tag == "svg":
            if not (item.labelled or text):
                self.say(f"an <svg> (line {item.line}) without a text alternative")
        elif not text and not item.labelled:
            what = {"a": "a link", "caption": "a table caption"}.get(item.tag, "a heading")
            self.say(f"{what} (<{item.tag}>, line {item.line}) with no text")

    def _heading(self, level: int) -> None:
        if level == 1:
            self.h1s += 1
        if self.last_level == 0 and level != 1:
            self.say(f"the first heading is h{level}, not h1")
        elif level > self.last_level + 1 and self.last_level:
            self.say(f"h{level} follows h{self.last_level}: heading levels skip")
        self.last_level = level

    def _svg(self, a: dict[str, str], line: int) -> None:
        if a.get("aria-hidden") == "true":
            self.open.append(_Open("svg", labelled=True, line=line))
            return
        if a.get("role") != "img":
            self.say("an <svg> without role=\"img\"")
        labelled = bool(a.get("aria-label") or a.get("aria-labelledby"))
        # Its <title> child's text counts as the alternative: collected as the svg's text.
        self.open.append(_Open("svg", labelled=labelled, line=line))

    def _fetches(self, tag: str, a: dict[str, str]) -> None:
        attribute = _FETCHING.get(tag)
        value = a.get(attribute, "") if attribute else ""
        if value and not value.startswith(("data:", "#")):
            self.say(f"<{tag}> fetches {value!r}")
        if a.get("srcset"):
            self.say(f"<{tag}> has a srcset that fetches")
        if "url(" in a.get("style", ""):
            for match in _CSS_URL.finditer(a["style"]):
                self.say(f"an inline style fetches {match.group(1)!r}")


def problems(text: str) -> list[str]:
    """Every accessibility or self-containment problem in `text`, one sentence each."""
    checker = _Checker()
    checker.feed(text)
    checker.close()
    found = list(checker.problems)
    if not checker.lang:
        found.append("<html> has no lang")
    if not checker.title:
        found.append("the document has no <title>")
    if checker.mains != 1:
        found.append(f"{checker.mains} <main> elements, not one")
    if checker.h1s != 1:
        found.append(f"{checker.h1s} <h1> headings, not one")
    for ref, line in checker.labelledby:
        if ref not in checker.ids:
            found.append(f"line {line}: aria-labelledby names '{ref}', which no element has")
    for ref, line in checker.anchors:
        if ref not in checker.ids:
            found.append(f"line {line}: a link to '#{ref}', which no element has")
    return found
