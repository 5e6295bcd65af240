"""A learning system of invented people with mixed consent, built through the services, for
the tests of the pack's content and of every export built on it.

Session 1 ("Island workshop"): Morag may be named and quoted, Dougal only quoted, Ailsa only
named, Priya nothing, Iona nothing (she speaks in a Teams transcript), Rhona nothing (sector
"Other"). Hamish is in the register but not invited. Session 2 ("Mainland workshop"): Priya
may be named there, Morag may not. `TORMOD` speaks in a transcript but is in no register.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from app.models import ActionStatus, EvidenceKind, LearningSystem, Session
from app.services.capture import imports, note_import
from app.services.capture.notes import add_note
from app.services.planning import agenda, focus_areas, participants, sessions, systems
from app.services.sensemaking import actions, evidence, recurring, themes, votes
from app.store.engine import Store
from tests.sample_files import TEAMS_TRANSCRIPT

MORAG, PRIYA, DOUGAL = "Morag Testwell", "Priya Notnamed", "Dougal Quoteonly"
AILSA, IONA, RHONA, HAMISH = "Ailsa Nameonly", "Iona Fictional", "Rhona Othersector", \
    "Hamish Uninvited"
TORMOD = "Tormod Notreal"
EVERYONE = (MORAG, PRIYA, DOUGAL, AILSA, IONA, RHONA, HAMISH, TORMOD)
FACILITATORS = "Isla Brown, Tom Reid"
TODAY = date(2026, 12, 10)  # after action 1's due date, before action 2's

UNREGISTERED_TRANSCRIPT = """WEBVTT

00:00:01.000 --> 00:00:04.000
<v Tormod Notreal>The bus stops at the pier and nowhere else.</v>
"""


@dataclass
class Mixed:
    system: LearningSystem
    first: Session
    second: Session
    people: dict[str, str] = field(default_factory=dict)  # name -> participant id
    areas: dict[str, str] = field(default_factory=dict)  # slug -> focus area id
    notes: dict[str, str] = field(default_factory=dict)  # label -> note id
    themes: dict[str, str] = field(default_factory=dict)  # label -> theme id


def build(store: Store, folder: Path) -> Mixed:
    system, _ = systems.create_system(store, "Islands learning system",
                                      purpose="Learn with the islands.")
    first, _ = sessions.create_session(
        store, system.id, "Island workshop", datetime(2026, 11, 11, 13, 30).astimezone(),
        minutes=120, purpose="Hear what changed for island communities.",
        facilitators=FACILITATORS)
    second, _ = sessions.create_session(
        store, system.id, "Mainland workshop", datetime(2027, 1, 20, 10, 0).astimezone(),
        facilitators="Tom Reid")
    world = Mixed(system, first, second)
    world.areas = {a.slug: a.id for a in focus_areas.list_focus_areas(store, system.id)}
    _people(store, world)
    _first_session(store, world, folder)
    _second_session(store, world)
    return world


def _people(store: Store, w: Mixed) -> None:
    invited = [(MORAG, "third-sector", "Orkney", dict(may_name=True, may_quote=True)),
               (PRIYA, "nhs-board", "Highland", {}),
               (DOUGAL, "hscp", "Highland", dict(may_quote=True)),
               (AILSA, "local-authority", "", dict(may_name=True)),
               (IONA, "community-group", "Orkney", {}),
               (RHONA, "other", "Orkney", {})]
    for name, sector, locality, consent in invited:
        sp, _ = participants.add_to_session(store, w.first.id, name, sector=sector,
                                            locality=locality,
                                            consent={"attended": name != RHONA, **consent})
        w.people[name] = sp.participant.id
    hamish, _ = participants.add_participant(store, w.system.id, HAMISH, sector="housing")
    w.people[HAMISH] = hamish.id
    participants.invite(store, w.second.id, w.people[PRIYA], may_name=True, attended=True)
    participants.invite(store, w.second.id, w.people[MORAG], attended=True)


def _note(store: Store, w: Mixed, label: str, session: Session, text: str, kind: str,
          speaker: str | None = None, areas: tuple[str, ...] = ()) -> str:
    note, _ = add_note(store, session.id, text, kind=kind,
                       speaker=w.people.get(speaker or "", speaker),
                       focus_area_ids=[w.areas[a] for a in areas])
    w.notes[label] = note.id
    return note.id


def _first_session(store: Store, w: Mixed, folder: Path) -> None:
    s = w.first
    agenda.add_item(store, s.id, "Welcome", 10)
    agenda.add_item(store, s.id, "What changed for whom", 40,
                    focus_area_ids=[w.areas["emerging-needs"]])
    n = {
        "morag quote": _note(store, w, "morag quote", s, '"Trust came from knowing the street."',
                             "quote", MORAG, ("community-led",)),
        "morag insight": _note(store, w, "morag insight", s, "Ferries set the clinic times.",
                               "insight", MORAG, ("community-led", "strategic-planning")),
        "priya quote": _note(store, w, "priya quote", s, "We were never asked.", "quote", PRIYA),
        "priya insight": _note(store, w, "priya insight", s,
                               f"{MORAG} helped everyone get online.", "insight", PRIYA,
                               ("emerging-needs",)),
        "dougal quote": _note(store, w, "dougal quote", s, "The boat is the timetable.",
                              "quote", DOUGAL, ("strategic-planning",)),
        "ailsa insight": _note(store, w, "ailsa insight", s,
                               f"{PRIYA} and {HAMISH} ran the larder; Priya knew everyone.",
                               "enabler", AILSA, ("community-led",)),
        "housing officer": _note(store, w, "housing officer", s, "Rent arrears doubled.",
                                 "barrier", "Housing officer", ("emerging-needs",)),
        "anonymous": _note(store, w, "anonymous", s, "Keep the phone line.", "idea",
                           "anonymous"),
        "rhona": _note(store, w, "rhona", s, "Nobody checked on the crofts.", "inequality",
                       RHONA),
        "ailsa quote": _note(store, w, "ailsa quote", s, "I said it twice.", "quote", AILSA),
        "tray": _note(store, w, "tray", s, "Still in the tray.", "insight"),
    }
    for name, text in (("teams.vtt", TEAMS_TRANSCRIPT), ("zoom.vtt", UNREGISTERED_TRANSCRIPT)):
        path = folder / name
        path.write_text(text, encoding="utf-8")
        saved, _ = imports.import_notes(store, s.id, note_import.read_transcript(path))
        for i, note in enumerate(saved):
            w.notes[f"{name} {i}"] = note.id
    transcript = [i for k, i in w.notes.items() if ".vtt" in k]
    t1 = _theme(store, w, "trust", s, "Trust came first",
                [n["morag quote"], n["morag insight"], n["priya quote"], n["priya insight"]],
                f"{MORAG} and {PRIYA} both said trust came first.", ("community-led",), 5)
    _theme(store, w, "boats", s, "Boats set the clock",
           [n["dougal quote"], n["ailsa insight"], n["housing officer"]],
           "The timetable decides.", ("strategic-planning", "community-led"), 2)
    _theme(store, w, "transcript", s, "What the call said",
           [n["anonymous"], n["rhona"], n["ailsa quote"], *transcript], "", (), 0)
    actions.create_action(store, w.system.id, f"Ask {HAMISH} about the larder", owner=PRIYA,
                          due=date(2026, 12, 1), session_id=s.id)
    actions.create_action(store, w.system.id, "Write up the ferry timetable", owner=MORAG,
                          due=date(2027, 1, 8), status=ActionStatus.IN_PROGRESS,
                          theme_ids=[t1])
    actions.create_action(store, w.system.id, "Book the hall", owner="Housing officer",
                          status=ActionStatus.DONE, session_id=s.id)
    evidence.create_evidence(store, w.system.id, "Island larder case study",
                             kind=EvidenceKind.CASE_STUDY, link="10.1234/larder.5678",
                             citation="Holmes H (2022). Larders.", theme_ids=[t1])
    evidence.create_evidence(store, w.system.id, "Mainland report",
                             kind=EvidenceKind.PUBLICATION)


def _second_session(store: Store, w: Mixed) -> None:
    s = w.second
    a = _note(store, w, "second priya", s, f"{PRIYA} asked about {MORAG}'s ferry idea.",
              "insight", PRIYA, ("community-led",))
    b = _note(store, w, "second morag", s, "Bring back the ferry.", "quote", MORAG,
              ("community-led",))
    second = _theme(store, w, "second trust", s, "Trust still came first", [a, b],
                    f"Led by {PRIYA}.", ("community-led",), 3)
    recurring.link_themes(store, [w.themes["trust"], second], title="Trust comes first")
    actions.create_action(store, w.system.id, "Share the mainland notes", owner=PRIYA,
                          session_id=s.id)


def _theme(store: Store, w: Mixed, label: str, session: Session, title: str,
           note_ids: list[str], synthesis: str, areas: tuple[str, ...], dots: int) -> str:
    change, _ = themes.create_theme(store, session.id, title, note_ids, synthesis=synthesis,
                                    focus_area_ids=[w.areas[a] for a in areas])
    if dots:
        votes.add_votes(store, change.theme.id, dots)
    w.themes[label] = change.theme.id
    return change.theme.id
