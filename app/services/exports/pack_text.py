"""Words a pack is written in: dates spelt out for en-GB readers (the same whatever locale the
laptop runs in), counts with their nouns, chart captions that say what a chart shows, web
addresses for DOIs, and next steps as sentences."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime

from app.models.pack import PackBar

# As the capture list shows a note (app.ui.item_models.note_cards): a run of `#tags` closing a
# note is dropped, its tags being shown elsewhere; a tag inside a sentence reads as its word.
_TRAILING_TAGS_RE = re.compile(r"(?:\s+#(?!\d+(?![\w-]))\w[\w-]*)+\s*$")
_TAG_MARK_RE = re.compile(r"(?<![\w#&/])#(?=\w)(?!\d+(?![\w-]))")

DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


def long_date(day: date) -> str:
    """"Wednesday 11 November 2026"."""
    return f"{DAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]} {day.year}"


def short_date(day: date) -> str:
    """"Fri 4 Dec 2026"."""
    return f"{DAYS[day.weekday()][:3]} {day.day} {MONTHS[day.month - 1][:3]} {day.year}"


def day_month(day: date) -> str:
    """"27 Aug 2026"."""
    return f"{day.day} {MONTHS[day.month - 1][:3]} {day.year}"


def local(moment: datetime) -> datetime:
    """A stored time on the facilitator's clock."""
    return moment.astimezone()


def span(days: Iterable[date]) -> str:
    """The months some days fall in: "August – November 2026", "November 2026",
    "November 2026 – January 2027", or "" for none."""
    found = sorted(days)
    if not found:
        return ""
    first, last = found[0], found[-1]
    if (first.year, first.month) == (last.year, last.month):
        return f"{MONTHS[first.month - 1]} {first.year}"
    if first.year == last.year:
        return f"{MONTHS[first.month - 1]} – {MONTHS[last.month - 1]} {last.year}"
    return f"{MONTHS[first.month - 1]} {first.year} – {MONTHS[last.month - 1]} {last.year}"


def counted(count: int, noun: str, plural: str = "") -> str:
    """"1 note", "3 notes", "no notes"."""
    many = plural or f"{noun}s"
    return f"no {many}" if count == 0 else f"{count} {noun if count == 1 else many}"


def bar_caption(what: str, bars: Sequence[PackBar], unit: str, about: str,
                name: Callable[[str], str] = str) -> str:
    """A caption that says in words what a bar chart shows: what it counts, then the largest
    and the smallest bar ("most about Strategic Planning (9 notes)"; `about` comes before a
    bar's label, as `name` writes it)."""
    one = unit[:-1]
    if not bars or sum(b.value for b in bars) == 0:
        return f"{what}: there are no {unit} to count yet."
    ordered = sorted(bars, key=lambda b: -b.value)
    top, bottom = ordered[0], ordered[-1]
    if len(bars) == 1:
        return f"{what}: all {counted(top.value, one, unit)} {about} {name(top.label)}."
    if top.value == bottom.value:
        return f"{what}: the same for each, {counted(top.value, one, unit)}."
    return (f"{what}: most {about} {name(top.label)} ({counted(top.value, one, unit)}), "
            f"fewest {about} {name(bottom.label)} ({counted(bottom.value, one, unit)}).")


def plural(label: str) -> str:
    """A kind's label as many of it are called: "Insight" -> "insights", "Inequality" ->
    "inequalities"."""
    word = label.lower()
    if word.endswith("y") and word[-2:-1] not in ("a", "e", "o", "u"):
        return word[:-1] + "ies"
    return word + "s"


def web_address(link: str) -> str:
    """A link as a reader can follow it: a DOI as https://doi.org/..., anything else as
    given."""
    link = link.strip()
    bare = link.removeprefix("doi:").removeprefix("DOI:").strip()
    return f"https://doi.org/{bare}" if bare.startswith("10.") else link


def next_step(what: str, owner: str, due: str, overdue: bool) -> str:
    """An open action as a sentence: "Co-design a respite offer (Carers centre; by Fri 29
    Jan 2027)."."""
    sentence = what.strip().rstrip(".")
    sentence = sentence[:1].upper() + sentence[1:]
    details = [owner] if owner else []
    if due:
        details.append(f"was due {due}" if overdue else f"by {due}")
    return f"{sentence} ({'; '.join(details)})." if details else f"{sentence}."


def unquoted(text: str) -> str:
    """A quote's words without the quotation marks typed around them (the pack adds its own)."""
    text = text.strip()
    pairs = {'"': '"', "“": "”", "'": "'", "‘": "’"}
    if len(text) > 2 and text[0] in pairs and text[-1] == pairs[text[0]]:
        return text[1:-1].strip()
    return text


def readable(text: str) -> str:
    """A note's text as a sentence: closing `#tags` dropped, a tag's `#` taken off inside a
    sentence (the stored text keeps what was typed)."""
    text = text.strip()
    trailing = _TRAILING_TAGS_RE.search(text)
    if trailing and trailing.start() > 0:
        text = text[:trailing.start()]
    return _TAG_MARK_RE.sub("", text)
