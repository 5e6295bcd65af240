"""The summary pack's content from a real store: every section, and consent applied to all of
it (names, speakers, quotes, names typed in text, transcripts), on the sample learning system
and on a store of invented people with mixed consent (`mixed_consent`)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from app.models import NotFound
from app.models.pack import PackOptions, PackSection
from app.services import demo
from app.services.exports.pack_content import session_pack, system_pack
from app.services.planning import focus_areas, participants, sessions
from app.services.sensemaking import actions, themes
from app.store.engine import Store
from tests.services.exports import mixed_consent as m
from tests.services.exports.pack_checks import assert_names_recorded, mentions, named_in, shown

NAMES = PackOptions(names=True)
NO_NAMES = PackOptions()


@pytest.fixture
def world(store: Store, tmp_path: Path) -> m.Mixed:
    return m.build(store, tmp_path)


def notes_by_text(pack):
    return {n.text: n for a in pack.areas for t in a.themes for n in t.notes}


def test_a_session_pack_has_a_cover_purpose_agenda_and_who_took_part(store, world):
    pack = session_pack(store, world.first.id, NO_NAMES, today=m.TODAY)
    assert (pack.kind, pack.title, pack.system_name) == ("session", "Island workshop",
                                                         "Islands learning system")
    assert pack.date == "Wednesday 11 November 2026"
    assert (pack.facilitators, pack.author) == (m.FACILITATORS, "Test Facilitator")
    assert pack.purpose == "Hear what changed for island communities."
    assert [(i.time, i.title, i.minutes) for i in pack.agenda] == [
        ("13:30", "Welcome", 10), ("13:40", "What changed for whom", 40)]
    assert pack.agenda[1].focus_areas == ("Emerging Community Service Needs in Integration",)
    people = pack.people
    assert people is not None and (people.invited, people.attended) == (6, 5)
    sectors = {g.label: (g.invited, g.attended, g.spoke) for g in people.by_sector}
    assert sectors["Other"] == (1, 0, 1) and sectors["NHS board"] == (1, 1, 1)
    assert [g.label for g in people.by_locality] == ["Orkney", "Highland", "Not given"]


def test_themes_come_under_their_first_focus_area_in_the_systems_order(store, world):
    pack = session_pack(store, world.first.id, NO_NAMES)
    assert [(a.name, [t.title for t in a.themes]) for a in pack.areas] == [
        ("Community Led Approaches", ["Trust came first", "Boats set the clock"]),
        ("Other themes", ["What the call said"])]
    assert pack.areas[0].colour == "#1B7F5B" and pack.areas[1].colour == ""
    trust = pack.areas[0].themes[0]
    assert (trust.votes, trust.note_count, len(trust.notes)) == (5, 4, 3)
    ordered = [world.areas[s] for s in ("strategic-planning", "community-led",
                                        "emerging-needs", "published-learning")]
    focus_areas.reorder_focus_areas(store, world.system.id, ordered)
    pack = session_pack(store, world.first.id, NO_NAMES)
    assert [(a.name, [t.title for t in a.themes]) for a in pack.areas] == [
        ("Strategic Planning", ["Boats set the clock"]),
        ("Community Led Approaches", ["Trust came first"]),
        ("Other themes", ["What the call said"])]


def test_notes_outside_themes_and_unconsented_quotes_are_left_out_and_said_so(store, world):
    pack = session_pack(store, world.first.id, NAMES)
    texts = notes_by_text(pack)
    assert "Still in the tray." not in shown(pack)
    assert "We were never asked." not in shown(pack) and "I said it twice." not in shown(pack)
    assert pack.left_out == ("2 quotes left out: their speakers did not consent to be quoted.",
                             "1 note in no theme is not in this pack.")
    quote = texts["Trust came from knowing the street."]  # typed with quotation marks
    assert (quote.quote, quote.kind, quote.speaker) == (True, "Quote", m.MORAG)
    assert all(not n.quote for n in texts.values() if n.kind != "Quote")


def test_a_quote_is_attributed_by_name_only_with_both_consents_and_names_asked_for(
        store, world):
    without = notes_by_text(session_pack(store, world.first.id, NO_NAMES))
    assert without["Trust came from knowing the street."].speaker == "Third sector"
    named = notes_by_text(session_pack(store, world.first.id, NAMES))
    # Dougal consented to be quoted, not named: his words, under his sector.
    dougal = named["The boat is the timetable."]
    assert (dougal.quote, dougal.speaker) == (True, "HSCP")
    # Morag's paraphrased note is not attributed to her, though she may be named.
    assert named["Ferries set the clinic times."].speaker == "Third sector"


def test_speakers_without_consent_show_as_their_role_sector_or_a_participant(store, world):
    texts = notes_by_text(session_pack(store, world.first.id, NAMES))
    assert texts["Rent arrears doubled."].speaker == "Housing officer"
    assert texts["Keep the phone line."].speaker == ""  # recorded as anonymous
    assert texts["Nobody checked on the crofts."].speaker == "a participant"  # sector "Other"
    assert texts["[a participant] and [a participant] ran the larder; [a participant] knew "
                 "everyone."].speaker == "Local authority"


def test_a_transcript_whose_speakers_did_not_consent_names_nobody(store, world):
    pack = session_pack(store, world.first.id, NAMES)
    texts = notes_by_text(pack)
    assert texts["The ferry decides when the clinic opens."].speaker == "Community group"
    assert texts["We knocked on doors"].speaker == "Housing officer"  # closing #tag: a chip
    # A voice the register does not know is a name, not a role.
    assert texts["The bus stops at the pier and nowhere else."].speaker == "a participant"
    assert named_in(pack, [m.IONA, m.TORMOD]) == set()


def test_names_typed_in_notes_syntheses_and_owners_are_replaced_unless_consented(
        store, world):
    without = session_pack(store, world.first.id, NO_NAMES, today=m.TODAY)
    trust = without.areas[0].themes[0]
    assert trust.synthesis == "[a participant] and [a participant] both said trust came first."
    assert "[a participant] helped everyone get online." in notes_by_text(without)
    assert [(a.what, a.owner) for a in without.actions] == [
        ("Ask [a participant] about the larder", "[a participant]"),
        ("Write up the ferry timetable", "[a participant]"),
        ("Book the hall", "Housing officer")]
    named = session_pack(store, world.first.id, NAMES, today=m.TODAY)
    assert named.areas[0].themes[0].synthesis == (f"{m.MORAG} and [a participant] both said "
                                                  f"trust came first.")
    assert [a.owner for a in named.actions] == ["[a participant]", m.MORAG, "Housing officer"]


def test_nobody_is_named_without_names_and_only_consenting_people_with_them(store, world):
    without = session_pack(store, world.first.id, NO_NAMES)
    assert named_in(without, m.EVERYONE) == set()
    assert {u.name for u in without.names} == {"Isla Brown", "Tom Reid", "Test Facilitator"}
    named = session_pack(store, world.first.id, NAMES)
    assert named_in(named, m.EVERYONE) == {m.MORAG}  # Ailsa may be named but says nothing
    assert_names_recorded(named, m.EVERYONE)
    assert_names_recorded(without, m.EVERYONE)
    whys = {(u.where, u.why) for u in named.names if u.name == m.MORAG}
    assert ("Theme 1 ('Trust came first'), note 1",
            "consented to be named; names were asked for") in whys
    assert ("Actions: owner of action 2",
            "named in the text; consented to be named; names were asked for") in whys


def test_actions_evidence_and_next_steps_of_the_session(store, world):
    pack = session_pack(store, world.first.id, NAMES, today=m.TODAY)
    assert [(a.due, a.status, a.overdue, a.themes) for a in pack.actions] == [
        ("Tue 1 Dec 2026", "Open", True, ()),
        ("Fri 8 Jan 2027", "In progress", False, ("Trust came first",)),
        ("", "Done", False, ())]
    assert [(e.title, e.kind, e.link, e.themes) for e in pack.evidence] == [
        ("Island larder case study", "Case study", "https://doi.org/10.1234/larder.5678",
         ("Trust came first",))]
    assert pack.next_steps == (
        "Ask [a participant] about the larder ([a participant]; was due Tue 1 Dec 2026).",
        f"Write up the ferry timetable ({m.MORAG}; by Fri 8 Jan 2027).")


def test_charts_count_notes_and_say_the_largest_and_smallest_in_words(store, world):
    pack = session_pack(store, world.first.id, NO_NAMES)
    areas, kinds = pack.charts
    assert [(b.label, b.value) for b in areas.bars] == [
        ("Community Led Approaches", 3), ("Emerging Community Service Needs in Integration", 2),
        ("Strategic Planning", 2), ("Synthesising Published Learning", 0)]
    assert areas.bars[0].colour == "#1B7F5B"
    assert areas.caption == ("Notes tagged with each focus area: most about Community Led "
                             "Approaches (3 notes), fewest about Synthesising Published "
                             "Learning (no notes).")
    assert kinds.bars[0].label == "Insight" and kinds.bars[0].value == 6
    assert kinds.caption.startswith("The kinds of note captured: most were insights (6 notes)")
    assert sum(b.value for b in kinds.bars) == 14


def test_sections_not_asked_for_are_left_empty(store, world):
    pack = session_pack(store, world.first.id,
                        PackOptions(names=True, sections=frozenset({PackSection.THEMES})))
    assert pack.areas and pack.left_out
    assert (pack.purpose, pack.agenda, pack.people, pack.charts, pack.actions, pack.evidence,
            pack.next_steps) == ("", (), None, (), (), (), ())
    assert session_pack(store, world.first.id, PackOptions(charts=False)).charts == ()
    bare = session_pack(store, world.first.id, PackOptions(sections=frozenset()))
    assert bare.title == "Island workshop" and bare.areas == () and bare.left_out == ()


def test_the_system_pack_has_every_session_recurring_themes_coverage_and_all_actions(
        store, world):
    pack = system_pack(store, world.system.id, NO_NAMES, today=m.TODAY)
    assert (pack.kind, pack.title) == ("system", "Islands learning system")
    assert pack.date == "November 2026 – January 2027"
    assert pack.facilitators == "Isla Brown, Tom Reid"
    themes = [(t.session, t.title) for a in pack.areas for t in a.themes]
    assert themes == [("Island workshop", "Trust came first"),
                      ("Island workshop", "Boats set the clock"),
                      ("Mainland workshop", "Trust still came first"),
                      ("Island workshop", "What the call said")]
    [trust] = pack.recurring
    assert trust.title == "Trust comes first"
    assert [(a.session, a.date, a.title, a.notes, a.votes) for a in trust.appearances] == [
        ("Island workshop", "11 Nov 2026", "Trust came first", 4, 5),
        ("Mainland workshop", "20 Jan 2027", "Trust still came first", 2, 3)]
    coverage = pack.coverage
    assert coverage is not None
    assert coverage.columns == ("Island workshop", "Mainland workshop")
    assert coverage.rows[0] == "Community Led Approaches" and coverage.cells[0] == (3, 2)
    assert coverage.thin == ("Emerging Community Service Needs in Integration",
                             "Strategic Planning", "Synthesising Published Learning")
    assert len(pack.actions) == 4 and len(pack.evidence) == 2
    assert pack.people is not None and pack.people.invited == 6


def test_in_a_system_pack_consent_is_per_session(store, world):
    pack = system_pack(store, world.system.id, NAMES, today=m.TODAY)
    first = [t for a in pack.areas for t in a.themes if t.session == "Island workshop"]
    second = [t for a in pack.areas for t in a.themes if t.session == "Mainland workshop"]
    first_text = " ".join(t.model_dump_json() for t in first)
    second_text = " ".join(t.model_dump_json() for t in second)
    assert mentions(first_text, m.MORAG) and not mentions(first_text, m.PRIYA)
    assert mentions(second_text, m.PRIYA) and not mentions(second_text, m.MORAG)
    assert second[0].notes[0].text == f"{m.PRIYA} asked about [a participant]'s ferry idea."
    # Morag consented to be quoted in the first session only.
    assert "Bring back the ferry." not in shown(pack)
    assert "Share the mainland notes" in [a.what for a in pack.actions]
    assert [a.owner for a in pack.actions if a.what == "Share the mainland notes"] == [m.PRIYA]
    assert [a.owner for a in pack.actions if a.what.startswith("Ask")] == ["[a participant]"]
    assert_names_recorded(pack, m.EVERYONE)
    assert any(u.name == m.PRIYA and u.where.startswith("Mainland workshop, theme 1")
               for u in pack.names)
    assert named_in(system_pack(store, world.system.id, NO_NAMES), m.EVERYONE) == set()


@pytest.fixture
def sample(store: Store):
    system, _ = demo.load_demo(store)
    return system


def test_the_samples_packs_have_every_section_and_name_only_those_who_consented(store, sample):
    register = participants.list_register(store, sample.id)
    everyone = [p.name for p in register]
    done = [x for x in sessions.list_sessions(store, sample.id) if x.status == "done"]
    assert len(done) >= 4
    for x in done:
        consented = {sp.participant.name for sp in participants.list_session_participants(
            store, x.id) if sp.invitation.may_name and sp.invitation.may_quote}
        for options in (NO_NAMES, NAMES):
            pack = session_pack(store, x.id, options)
            assert re.fullmatch(r"[A-Z][a-z]+day \d{1,2} [A-Z][a-z]+ \d{4}", pack.date)
            assert pack.purpose and pack.agenda and pack.people and pack.areas
            assert len(pack.charts) == 2 and pack.left_out
            assert all(re.fullmatch(r"\d\d:\d\d", i.time) for i in pack.agenda)
            shown_names = named_in(pack, everyone)
            assert shown_names <= (consented if options.names else set()), x.title
            assert_names_recorded(pack, everyone)
    workshop = next(x for x in done if x.title.startswith("Sensemaking workshop 2"))
    pack = session_pack(store, workshop.id, NAMES)
    assert pack.actions and pack.evidence and pack.next_steps
    whole = system_pack(store, sample.id, NAMES)
    assert whole.recurring and whole.coverage and whole.actions and whole.evidence
    assert_names_recorded(whole, everyone)
    assert named_in(system_pack(store, sample.id, NO_NAMES), everyone) == set()


def test_a_session_not_yet_held_has_its_plan_and_no_charts_themes_or_left_out(store, session):
    participants.add_to_session(store, session.id, "Morag Testwell", sector="housing")
    pack = session_pack(store, session.id, NAMES)
    assert pack.date == "Tuesday 8 December 2026" and pack.title == "Sensemaking workshop 1"
    assert (pack.areas, pack.charts, pack.left_out, pack.actions) == ((), (), (), ())
    assert pack.people is not None and pack.people.invited == 1
    assert [g.label for g in pack.people.by_sector] == ["Housing"]
    assert [u.name for u in pack.names] == ["Test Facilitator"]


def test_a_pack_of_a_session_or_system_that_is_not_there_is_refused_in_a_sentence(store):
    with pytest.raises(NotFound, match=r"^There is no session with id nope\.$"):
        session_pack(store, "nope", NO_NAMES)
    with pytest.raises(NotFound, match=r"^There is no learning system with id nope\.$"):
        system_pack(store, "nope", NO_NAMES)


def test_an_action_answering_a_recurring_theme_names_its_title_once(store, world):
    actions.create_action(store, world.system.id, "Keep trust", session_id=world.second.id,
                          theme_ids=[world.themes["trust"], world.themes["second trust"]])
    themes.update_theme(store, world.themes["second trust"], title="Trust came first")
    pack = session_pack(store, world.second.id, NO_NAMES)
    assert [a.themes for a in pack.actions if a.what == "Keep trust"] == [("Trust came first",)]
