"""Coverage on a real store: notes and themes per focus area per session, thin focus areas,
the balance of kinds, and who was heard by sector, organisation and locality (no names)."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime

from app.models import NoteKind
from app.services import capture
from app.services.planning import focus_areas, participants, sessions
from app.services.sensemaking import coverage
from app.store.tables import ThemeFocusAreaRow, ThemeRow
from tests.services.test_actions_evidence import make_theme


def test_coverage_counts_per_focus_area_per_session_and_kinds(store, system, session):
    areas = {a.slug: a.id for a in focus_areas.list_focus_areas(store, system.id)}
    later, _ = sessions.create_session(store, system.id, "Workshop 2",
                                       datetime(2026, 12, 15, 10, 0).astimezone())
    capture.add_note(store, session.id, "Ferries decide", tags=["community-led"],
                     kind=NoteKind.BARRIER)
    capture.add_note(store, session.id, "Trust first", tags=["community-led", "emerging-needs"])
    capture.add_note(store, session.id, "No tag at all", kind=NoteKind.INEQUALITY)
    capture.add_note(store, later.id, "Planning late", tags=["strategic-planning"])
    theme = make_theme(store, system.id)
    with store.unit() as s:
        s.get(ThemeRow, theme).session_id = session.id
        s.add(ThemeFocusAreaRow(theme_id=theme, focus_area_id=areas["community-led"]))

    found = coverage.coverage(store, system.id)
    first, second = found.sessions
    assert (first.notes, first.untagged, second.notes) == (3, 1, 1)
    assert asdict(first.cells["community-led"]) == {"notes": 2, "themes": 1}
    assert asdict(first.cells["emerging-needs"]) == {"notes": 1, "themes": 0}
    assert asdict(second.cells["strategic-planning"]) == {"notes": 1, "themes": 0}
    totals = {a.slug: (a.notes, a.themes, a.thin) for a in found.areas}
    assert totals["community-led"] == (2, 1, True)
    assert totals["published-learning"] == (0, 0, True)
    assert found.kinds[NoteKind.BARRIER] == 1 and found.kinds[NoteKind.INEQUALITY] == 1
    assert found.kinds[NoteKind.INSIGHT] == 2 and found.kinds[NoteKind.QUOTE] == 0


def test_who_was_heard_counts_people_and_notes_by_sector_organisation_and_locality(
        store, system, session):
    spoke = participants.add_to_session(store, session.id, "Ailsa Example", sector="housing",
                                        organisation="Island Homes", locality="Harris")[0]
    quiet = participants.add_to_session(store, session.id, "Ruaridh Test", sector="housing",
                                        organisation="Island Homes", locality="Lewis")[0]
    absent = participants.add_to_session(store, session.id, "Morag Sample", sector="hscp",
                                         locality="Lewis")[0]
    for sp in (spoke, quiet):
        participants.update_invitation(store, sp.invitation.id, attended=True)
    participants.update_invitation(store, absent.invitation.id, attended=False)
    capture.add_note(store, session.id, "Homes first", speaker=spoke.participant.id)
    capture.add_note(store, session.id, "And repairs", speaker=spoke.participant.id)
    capture.add_note(store, session.id, "Role speaks", speaker="Housing officer")
    capture.add_note(store, session.id, "Nobody said")

    found = coverage.coverage(store, system.id)
    sectors = {r.value: (r.invited, r.attended, r.speakers, r.contributions)
               for r in found.by_sector}
    assert sectors["housing"] == (2, 2, 1, 2)
    assert sectors["hscp"] == (1, 0, 0, 0)
    assert sectors["third-sector"] == (0, 0, 0, 0)  # every sector shown, none heard included
    assert [(r.value, r.contributions) for r in found.by_organisation] == [
        ("Island Homes", 2), ("", 0)]
    assert {r.value: r.invited for r in found.by_locality} == {"Harris": 1, "Lewis": 2}
    assert (found.by_role, found.no_speaker) == (1, 1)
    shown = repr(found)
    assert "Ailsa" not in shown and "Morag" not in shown  # aggregates only
