"""A session of 1,000 notes in 60 themes, with 30 people of mixed consent, builds its pack in
well under a second: every part is read once, with a few set-based queries."""

from __future__ import annotations

import time

from app.models import NoteDraft, NoteKind
from app.models.pack import PackOptions
from app.services.capture.notes import add_notes
from app.services.exports.pack_content import session_pack
from app.services.planning import focus_areas, participants
from app.services.sensemaking import themes
from app.store.engine import Store

NOTES, THEMES = 1000, 60


def large_session(store: Store, system_id: str, session_id: str) -> list[str]:
    """Invented people (every third may be named, every second quoted), notes spoken by them
    and by roles, each naming someone, clustered into themes; returns the people's names."""
    names = []
    for i in range(30):
        sp, _ = participants.add_to_session(
            store, session_id, f"Person{i:02d} Invented", sector="third-sector",
            consent={"may_name": i % 3 == 0, "may_quote": i % 2 == 0, "attended": True})
        names.append(sp.participant.name)
    areas = [a.id for a in focus_areas.list_focus_areas(store, system_id)]
    drafts = [NoteDraft(text=f"Note {n}: {names[n % 30]} said the ferry sets the clinic's "
                             f"hours, and the volunteers filled the gap in winter.",
                        kind=(NoteKind.QUOTE, NoteKind.INSIGHT, NoteKind.BARRIER,
                              NoteKind.ENABLER)[n % 4],
                        speaker=names[n % 30] if n % 5 else "Housing officer",
                        focus_area_ids=(areas[n % 4],)) for n in range(NOTES)]
    notes, _ = add_notes(store, session_id, drafts)
    per_theme = NOTES // THEMES
    for t in range(THEMES):
        themes.create_theme(store, session_id, f"Theme {t}",
                            [n.id for n in notes[t * per_theme:(t + 1) * per_theme]],
                            synthesis=f"What {names[t % 30]} and others said.",
                            focus_area_ids=[areas[t % 4]])
    return names


def test_a_session_of_1000_notes_and_60_themes_builds_its_pack_well_under_a_second(
        store, system, session):
    large_session(store, system.id, session.id)
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        pack = session_pack(store, session.id, PackOptions(names=True))
        best = min(best, time.perf_counter() - started)
    print(f"session pack of {NOTES} notes in {THEMES} themes: {best * 1000:.0f} ms")
    assert sum(len(a.themes) for a in pack.areas) == THEMES
    assert sum(t.note_count for a in pack.areas for t in a.themes) == NOTES - NOTES % THEMES
    assert best < 0.5
