"""A large session for the pack: 1,000 notes in 60 themes, spoken by 30 invented people of mixed
consent and by a role, each note naming someone. Used by a test and by tests/bench/bench_pack.py."""

from __future__ import annotations

from app.models import NoteDraft, NoteKind
from app.services.capture.notes import add_notes
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
