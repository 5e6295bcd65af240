"""The summary pack's TrueType font, quicker to write text in than reportlab's own.

reportlab gives each letter of an embedded font a code in a subset of up to 256 letters, and
turns every line of text into those codes one letter at a time in Python: for a pack of a
thousand notes that was a sixth of the time spent making it. Once a line's letters all have
codes in the first subset (true of nearly every line after the first page), `PackFont` turns it
into the same bytes with one `str.translate`, and asks reportlab only about the rest.
"""

from __future__ import annotations

from typing import Any
from weakref import WeakKeyDictionary

from reportlab.pdfbase.ttfonts import TTFont

_NBSP, _SPACE = 0xA0, 0x20
Table = tuple[int, frozenset[str], dict[int, int]]  # codes known, their letters, the mapping


class PackFont(TTFont):
    """A `TTFont` whose `splitString` takes a quick path for text already coded in subset 0;
    the bytes, subsets and embedded glyphs are exactly those reportlab would give."""

    def __init__(self, name: str, filename: str) -> None:
        super().__init__(name, filename)
        self._tables: WeakKeyDictionary[Any, Table] = WeakKeyDictionary()

    def splitString(self, text: Any, doc: Any,  # noqa: N802 (reportlab's name)
                    encoding: str = "utf-8") -> list[tuple[int, bytes]]:
        state = self.state.get(doc)
        if state is not None and isinstance(text, str):
            table = self._tables.get(doc)
            if table is None or table[0] != len(state.assignments):
                table = self._tables[doc] = _table(state.assignments)
            if table[1].issuperset(text):
                return [(0, text.translate(table[2]).encode("latin-1"))] if text else []
        result: list[tuple[int, bytes]] = super().splitString(text, doc, encoding)
        return result


def _table(assignments: dict[int, int]) -> Table:
    """The letters coded in subset 0 and the mapping from each to its code, rebuilt only when
    a new letter has been given a code."""
    mapping = {char: code for char, code in assignments.items() if code < 256}
    if _SPACE in mapping:
        mapping[_NBSP] = mapping[_SPACE]  # reportlab sets a no-break space as a space
    return len(assignments), frozenset(map(chr, mapping)), mapping
