"""A real session in a real store for the data export tests (invented people): notes with
speakers who did and did not consent, names typed in free text, cells a spreadsheet would take
for formulas, non-Latin text, themes with vote records, an action, evidence, and a theme that
recurs in a second session.

`NAMED` consented to be named and quoted; `HIDDEN` consented to nothing and must never appear
in any file; `ROLE` is a speaker recorded by role.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from app.models import LearningSystem, Note, Session, Theme
from app.services import capture
from app.services.planning import focus_areas, participants
from app.services.planning.sessions import create_session
from app.services.sensemaking import actions, evidence, recurring, theme_query, themes, votes
from app.store.engine import Store

NAMED = "Morag Testwell"
HIDDEN = "Priya Notnamed"
ROLE = "Housing officer"
NON_LATIN = "Gàidhlig: Tha an t-aiseag fadalach — 渡轮晚点 — паром опоздал — العبّارة"
FORMULAS = ('=HYPERLINK("http://example.invalid","click")', "+44 1856 000000 is the helpline",
            "-5 degrees on the pier at 7am", "@Priya Notnamed was not at the pier")


@dataclass(frozen=True)
class Sample:
    system: LearningSystem
    session: Session
    other_session: Session
    notes: tuple[Note, ...]
    themes: tuple[Theme, ...]


def build_sample(store: Store, system: LearningSystem, session: Session) -> Sample:
    areas = focus_areas.list_focus_areas(store, system.id)
    named, _ = participants.add_to_session(
        store, session.id, NAMED, email="morag@example.org", organisation="Isles Transport",
        sector="third-sector", locality="Orkney",
        consent={"may_name": True, "may_quote": True, "may_email": True, "attended": True})
    hidden, _ = participants.add_to_session(
        store, session.id, HIDDEN, email="priya@example.org", organisation="Harbour Homes",
        sector="housing", locality="Orkney", consent={"attended": True})
    made = [
        capture.add_note(store, session.id, f"{HIDDEN.split()[0]} said the ferry decides who "
                         "can come to the clinic", speaker=named.participant.id,
                         kind="quote", focus_area_ids=[areas[0].id], tags=["transport"],
                         created_at=datetime(2026, 12, 8, 10, 5).astimezone())[0],
        capture.add_note(store, session.id, FORMULAS[0], speaker=hidden.participant.id,
                         focus_area_ids=[areas[1].id, areas[0].id],
                         created_at=datetime(2026, 12, 8, 10, 7).astimezone())[0],
        capture.add_note(store, session.id, FORMULAS[1], speaker=ROLE, kind="enabler",
                         created_at=datetime(2026, 12, 8, 10, 9).astimezone(), starred=True)[0],
        capture.add_note(store, session.id, FORMULAS[2], kind="barrier", tags=["weather"],
                         focus_area_ids=[areas[2].id],
                         created_at=datetime(2026, 12, 8, 10, 11).astimezone())[0],
        capture.add_note(store, session.id, NON_LATIN, speaker=hidden.participant.id,
                         created_at=datetime(2026, 12, 8, 10, 13).astimezone())[0],
        capture.add_note(store, session.id, FORMULAS[3], kind="question",
                         created_at=datetime(2026, 12, 8, 10, 15).astimezone())[0],
    ]
    ferries, _ = themes.create_theme(
        store, session.id, "Ferries decide access", [made[0].id, made[1].id, made[4].id],
        synthesis=f"{HIDDEN}'s story and {NAMED}'s: the timetable decides who is seen.",
        focus_area_ids=[areas[0].id])
    weather, _ = themes.create_theme(store, session.id, "=Weather closes the pier",
                                     [made[3].id])
    votes.add_votes(store, ferries.theme.id, 3)
    votes.add_votes(store, ferries.theme.id, -1)
    votes.add_votes(store, weather.theme.id, 2)
    actions.create_action(store, system.id, "=SUM(A1:A9) the ferry costs", owner=HIDDEN,
                          due=date(2027, 1, 15), session_id=session.id,
                          theme_ids=[ferries.theme.id])
    evidence.create_evidence(store, system.id, "Island transport case study",
                             citation="Isles Transport (2026)", theme_ids=[ferries.theme.id])
    other, _ = create_session(store, system.id, "Sensemaking workshop 2",
                              datetime(2027, 1, 12, 10, 0).astimezone())
    again, _ = themes.create_theme(store, other.id, "Ferries still decide access")
    recurring.link_themes(store, [ferries.theme.id, again.theme.id], title="Ferries")
    return Sample(system, session, other, tuple(made),
                  tuple(theme_query.list_themes(store, session.id)))
