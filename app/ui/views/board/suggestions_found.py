"""What the suggestions dialog shows, read off the window's thread: the suggestions for a
session's tray with the text of their notes, and a note's text with the shared words marked."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from app.services.capture.note_query import note_ids, notes_by_ids
from app.services.sensemaking.suggestions import Suggestion, suggest_themes
from app.services.sensemaking.suggestions import words as telling_words
from app.services.sensemaking.theme_query import list_themes
from app.store.engine import Store

# A word as the suggestions service reads one: letters first, then letters, apostrophes, hyphens.
_WORD = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)


@dataclass(frozen=True)
class Found:
    """What one computation found: the suggestions, the text of each of their notes, and how
    many notes the tray held."""

    suggestions: list[Suggestion]
    texts: dict[str, str]
    tray: int


def find_suggestions(store: Store, session_id: str) -> Found:
    """The suggestions for the session's tray with their notes' text (run on a worker)."""
    found = suggest_themes(store, session_id)
    in_themes = sum(len(t.note_ids) for t in list_themes(store, session_id))
    tray = len(note_ids(store, session_id)) - in_themes
    wanted = [n for s in found for n in s.note_ids]
    texts = {note.id: note.text for note in notes_by_ids(store, wanted)}
    return Found(found, texts, tray)


def marked_html(text: str, shared: set[str]) -> str:
    """The note's text as HTML, each word that is one of `shared` (in the service's one form:
    "ferries" is "ferry") in bold and underlined, so never by colour alone."""
    out, at = [], 0
    for match in _WORD.finditer(text):
        if telling_words(match.group()) & shared:
            out.append(html.escape(text[at:match.start()]))
            out.append(f"<b><u>{html.escape(match.group())}</u></b>")
            at = match.end()
    out.append(html.escape(text[at:]))
    return "".join(out).replace("\n", "<br>")
