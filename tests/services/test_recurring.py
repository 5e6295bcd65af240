"""Recurring themes on a real store: linking themes of different sessions, joining and merging
recurring themes, unlinking, renaming and deleting, each undone and redone by
`board_undo.revert` with the same ids; refusals change nothing; timelines in date order with
their counts; suggested links from the words themes share."""

from __future__ import annotations

from datetime import datetime

import pytest

from app.models import InvalidInput, NotFound
from app.services import capture
from app.services.planning import sessions, systems
from app.services.sensemaking import recurring, themes, votes
from app.services.sensemaking.board_undo import revert
from app.services.sensemaking.recurring_query import get_recurring, list_recurring
from app.services.sensemaking.recurring_suggest import candidates_for, suggest_links
from app.services.sensemaking.theme_query import get_theme, list_themes, theme_records
from tests.services.test_themes import _log_size, _replays

WORKSHOPS = [  # (title, day in December 2026), made out of date order on purpose
    ("Workshop 3", 22), ("Workshop 1", 8), ("Workshop 2", 15)]


@pytest.fixture
def three(store, system):
    """Three sessions (by date: 1, 2, 3), each with a ferry theme and a volunteers theme."""
    made = {}
    for title, day in WORKSHOPS:
        session, _ = sessions.create_session(store, system.id, title,
                                             datetime(2026, 12, day, 10).astimezone())
        n = int(title[-1])
        ferry_notes = [capture.add_note(store, session.id, text)[0].id for text in (
            "The ferry timetable cut people off", f"Ferry crossings missed clinic {n}",
            "Ferry times changed")[:n]]
        ferry, _ = themes.create_theme(store, session.id, f"Ferry timetables {n}", ferry_notes)
        help_note = capture.add_note(store, session.id, "Volunteers knocked on every door")[0]
        helpers, _ = themes.create_theme(store, session.id, "Street volunteers", [help_note.id])
        assert ferry.theme and helpers.theme
        votes.add_votes(store, ferry.theme.id, n)
        made[n] = {"session": session.id, "ferry": ferry.theme.id, "helpers": helpers.theme.id}
    return made


def _groups(store, system_id) -> list[tuple[str, tuple[str, ...]]]:
    return [(r.theme.title, r.theme.theme_ids) for r in list_recurring(store, system_id)]


def test_linking_two_themes_makes_a_recurring_theme_titled_after_the_first(
        store, system, three):
    done, changes = recurring.link_themes(store, [three[2]["ferry"], three[1]["ferry"]])
    assert done.recurring is not None
    rid = done.recurring.id
    assert done.recurring.theme.title == "Ferry timetables 2"
    # The timeline is in date order whatever order the themes were given in.
    assert done.recurring.theme.theme_ids == (three[1]["ferry"], three[2]["ferry"])
    assert changes.inserted == {"recurring_theme": frozenset({rid})}
    assert changes.updated == {"theme": frozenset({three[1]["ferry"], three[2]["ferry"]})}
    assert get_theme(store, three[1]["ferry"]).recurring_id == rid
    redo, _ = revert(store, done.undo)
    assert list_recurring(store, system.id) == []
    assert get_theme(store, three[1]["ferry"]).recurring_id is None
    revert(store, redo)
    assert get_recurring(store, rid).theme.theme_ids == (three[1]["ferry"], three[2]["ferry"])
    _replays(store)


def test_a_title_can_be_given_and_a_theme_joins_an_existing_recurring_theme(
        store, system, three):
    first, _ = recurring.link_themes(store, [three[1]["ferry"], three[2]["ferry"]],
                                     title="Ferries")
    assert first.recurring is not None and first.recurring.theme.title == "Ferries"
    rid = first.recurring.id
    joined, changes = recurring.link_themes(store, [three[3]["ferry"]], into=rid)
    assert joined.recurring is not None and joined.recurring.id == rid
    assert changes.updated == {"theme": frozenset({three[3]["ferry"]})}
    assert [a.session_id for a in joined.recurring.timeline] == [
        three[1]["session"], three[2]["session"], three[3]["session"]]
    # Linking a theme to one already in a recurring theme joins that one too.
    revert(store, joined.undo)
    again, _ = recurring.link_themes(store, [three[3]["ferry"], three[2]["ferry"]])
    assert again.recurring is not None and again.recurring.id == rid
    assert again.recurring.theme.title == "Ferries" and again.recurring.sessions == 3
    _replays(store)


def test_two_recurring_themes_linked_together_become_one_and_undo_splits_them(
        store, system, three):
    fourth, _ = sessions.create_session(store, system.id, "Workshop 4",
                                        datetime(2026, 12, 29, 10).astimezone())
    late, _ = themes.create_theme(store, fourth.id, "Ferries again")
    assert late.theme
    ferry, _ = recurring.link_themes(store, [three[1]["ferry"], three[2]["ferry"]])
    other, _ = recurring.link_themes(store, [three[3]["ferry"], late.theme.id])
    assert ferry.recurring and other.recurring
    before = _groups(store, system.id)
    merged, changes = recurring.link_themes(store, [three[2]["ferry"], three[3]["ferry"]])
    assert merged.recurring is not None and merged.recurring.id == ferry.recurring.id
    # All of both, the one of workshop 4 included: it was part of the other one.
    assert merged.recurring.theme.theme_ids == (
        three[1]["ferry"], three[2]["ferry"], three[3]["ferry"], late.theme.id)
    assert changes.deleted == {"recurring_theme": frozenset({other.recurring.id})}
    redo, _ = revert(store, merged.undo)
    assert _groups(store, system.id) == before
    revert(store, redo)
    assert [g.id for g in list_recurring(store, system.id)] == [ferry.recurring.id]
    _replays(store)


def test_merging_is_refused_when_a_session_would_appear_twice(store, system, three):
    recurring.link_themes(store, [three[1]["ferry"], three[2]["ferry"]])
    recurring.link_themes(store, [three[1]["helpers"], three[3]["helpers"]])
    size = _log_size(store)
    with pytest.raises(InvalidInput, match="both themes of 'Workshop 1'"):
        recurring.link_themes(store, [three[2]["ferry"], three[3]["helpers"]])
    assert _log_size(store) == size


def test_refusals_change_nothing(store, system, three):
    other_system, _ = systems.create_system(store, "Another learning system")
    elsewhere, _ = sessions.create_session(store, other_system.id, "Elsewhere",
                                           datetime(2026, 12, 1, 10).astimezone())
    foreign, _ = themes.create_theme(store, elsewhere.id, "Ferry timetables")
    gone, _ = themes.create_theme(store, three[3]["session"], "Gone soon")
    assert foreign.theme and gone.theme
    themes.delete_theme(store, gone.theme.id)
    size = _log_size(store)
    cases = [
        ([three[1]["ferry"], three[1]["helpers"]], InvalidInput, "both themes of 'Workshop 1'"),
        ([three[1]["ferry"], foreign.theme.id], InvalidInput, "different learning systems"),
        ([three[1]["ferry"], gone.theme.id], NotFound, "no longer there"),
        ([three[1]["ferry"]], InvalidInput, "at least two sessions"),
        ([], InvalidInput, "Choose the themes"),
    ]
    for ids, error, words in cases:
        with pytest.raises(error, match=words):
            recurring.link_themes(store, ids)
    with pytest.raises(InvalidInput, match="not linked"):
        recurring.unlink_theme(store, three[1]["ferry"])
    with pytest.raises(NotFound):
        recurring.link_themes(store, [three[1]["ferry"]], into="no-such-recurring-theme")
    with pytest.raises(NotFound):
        recurring.rename_recurring(store, "no-such-recurring-theme", "X")
    assert _log_size(store) == size and list_recurring(store, system.id) == []
    made, _ = recurring.link_themes(store, [three[1]["ferry"], three[2]["ferry"]])
    assert made.recurring
    size = _log_size(store)
    with pytest.raises(InvalidInput, match="cannot be empty"):
        recurring.rename_recurring(store, made.recurring.id, "  ")
    with pytest.raises(InvalidInput, match="different learning systems"):
        recurring.link_themes(store, [foreign.theme.id], into=made.recurring.id)
    assert _log_size(store) == size


def test_unlink_rename_and_delete_each_undo_and_redo(store, system, three):
    made, _ = recurring.link_themes(store, [three[n]["ferry"] for n in (1, 2, 3)])
    assert made.recurring
    rid = made.recurring.id
    unlinked, changes = recurring.unlink_theme(store, three[2]["ferry"])
    assert changes.updated == {"theme": frozenset({three[2]["ferry"]})}
    assert unlinked.recurring and unlinked.recurring.theme.theme_ids == (
        three[1]["ferry"], three[3]["ferry"])
    assert get_theme(store, three[2]["ferry"]).title == "Ferry timetables 2"  # still there
    renamed, changes = recurring.rename_recurring(store, rid, "  Ferries  ")
    assert renamed.recurring and renamed.recurring.theme.title == "Ferries"
    assert changes.updated == {"recurring_theme": frozenset({rid})}
    deleted, changes = recurring.delete_recurring(store, rid)
    assert deleted.recurring and deleted.recurring.theme.title == "Ferries"
    assert changes.deleted == {"recurring_theme": frozenset({rid})}
    assert changes.updated == {"theme": frozenset({three[1]["ferry"], three[3]["ferry"]})}
    assert {t.recurring_id for t in list_themes(store, three[1]["session"])} == {None}
    assert len(list_themes(store, three[1]["session"])) == 2  # its themes stay
    redo_delete, _ = revert(store, deleted.undo)
    assert get_recurring(store, rid).theme.theme_ids == (three[1]["ferry"], three[3]["ferry"])
    undo_delete, _ = revert(store, redo_delete)  # deleted again
    assert list_recurring(store, system.id) == []
    revert(store, undo_delete)  # back again, then the rename and the unlink undone
    revert(store, renamed.undo)
    revert(store, unlinked.undo)
    assert get_recurring(store, rid).theme.title == "Ferry timetables 1"
    assert get_recurring(store, rid).sessions == 3
    _replays(store)


def test_undo_gives_back_the_same_recurring_theme_after_a_delete(store, system, three):
    made, _ = recurring.link_themes(store, [three[1]["ferry"], three[2]["ferry"]])
    assert made.recurring
    deleted, _ = recurring.delete_recurring(store, made.recurring.id)
    redo, _ = revert(store, deleted.undo)
    renamed, _ = recurring.rename_recurring(store, made.recurring.id, "Ferries")
    assert renamed.recurring and renamed.recurring.id == made.recurring.id
    revert(store, renamed.undo)
    again, _ = revert(store, redo)  # deleted again
    assert list_recurring(store, system.id) == []
    revert(store, again)
    assert get_recurring(store, made.recurring.id).theme.title == "Ferry timetables 1"
    _replays(store)


def test_a_deleted_session_theme_leaves_its_recurring_theme(store, system, three):
    made, _ = recurring.link_themes(store, [three[n]["ferry"] for n in (1, 2, 3)])
    assert made.recurring
    gone, _ = themes.delete_theme(store, three[2]["ferry"])
    assert get_recurring(store, made.recurring.id).sessions == 2
    revert(store, gone.undo)
    assert get_recurring(store, made.recurring.id).sessions == 3
    _replays(store)


def test_timeline_is_in_date_order_with_note_counts_and_votes(store, system, three):
    made, _ = recurring.link_themes(store, [three[n]["ferry"] for n in (3, 1, 2)])
    assert made.recurring
    timeline = get_recurring(store, made.recurring.id).timeline
    assert [(a.session_title, a.title, a.notes, a.votes) for a in timeline] == [
        ("Workshop 1", "Ferry timetables 1", 1, 1),
        ("Workshop 2", "Ferry timetables 2", 2, 2),
        ("Workshop 3", "Ferry timetables 3", 3, 3)]
    assert [a.starts for a in timeline] == sorted(a.starts for a in timeline)
    found = get_recurring(store, made.recurring.id)
    assert (found.sessions, found.notes, found.votes) == (3, 6, 6)
    votes.add_votes(store, three[2]["ferry"], 4)
    assert get_recurring(store, made.recurring.id).timeline[1].votes == 6


def test_list_shows_those_seen_in_most_sessions_first(store, system, three):
    recurring.link_themes(store, [three[1]["helpers"], three[2]["helpers"]])
    recurring.link_themes(store, [three[n]["ferry"] for n in (1, 2, 3)])
    assert [(r.theme.title, r.sessions) for r in list_recurring(store, system.id)] == [
        ("Ferry timetables 1", 3), ("Street volunteers", 2)]


def test_theme_records_carry_the_recurring_theme(store, system, three):
    made, _ = recurring.link_themes(store, [three[1]["ferry"], three[2]["ferry"]])
    assert made.recurring
    records = theme_records(store, list_themes(store, three[1]["session"]))
    assert [r["recurring_id"] for r in records] == [made.recurring.id, None]
    assert {"id", "session_id", "title", "synthesis", "focus_areas", "votes",
            "note_ids"} <= set(records[0])


def test_candidates_put_likely_matches_first_and_leave_out_impossible_ones(
        store, system, three):
    found = candidates_for(store, three[1]["ferry"])
    assert [c.appearance.theme_id for c in found[:2]] == [three[3]["ferry"], three[2]["ferry"]]
    assert "ferry" in found[0].shared_words and found[0].score > found[-1].score
    assert all(c.appearance.session_id != three[1]["session"] for c in found)
    recurring.link_themes(store, [three[1]["ferry"], three[2]["ferry"]])
    ids = [c.appearance.theme_id for c in candidates_for(store, three[1]["ferry"])]
    # Workshop 2 already appears in its recurring theme: nothing of it is offered.
    assert three[2]["ferry"] not in ids and three[2]["helpers"] not in ids
    assert ids[0] == three[3]["ferry"]


def test_suggested_links_pair_alike_themes_of_different_sessions(store, system, three):
    found = suggest_links(store, system.id)
    pairs = {frozenset(p.theme_ids) for p in found}
    assert frozenset({three[1]["helpers"], three[2]["helpers"]}) in pairs
    assert frozenset({three[2]["ferry"], three[3]["ferry"]}) in pairs
    assert all(p.first.appearance.session_id != p.second.appearance.session_id for p in found)
    assert not any({three[1]["ferry"], three[1]["helpers"]} <= set(p) for p in pairs)
    assert found[0].first.shared_words and found[0].first.score >= found[-1].first.score
    # Accepting links them; a pair already linked is not suggested again.
    accepted = next(p for p in found if set(p.theme_ids) == {three[2]["ferry"],
                                                             three[3]["ferry"]})
    recurring.link_themes(store, list(accepted.theme_ids))
    again = {frozenset(p.theme_ids) for p in suggest_links(store, system.id)}
    assert frozenset(accepted.theme_ids) not in again
    assert any(three[1]["ferry"] in p for p in again)  # the third one can still join


def test_nothing_alike_suggests_nothing(store, system):
    made = []
    for n, title in enumerate(["Ferry timetables", "Grant applications"]):
        session, _ = sessions.create_session(store, system.id, f"W{n}",
                                             datetime(2026, 12, 1 + n, 10).astimezone())
        made.append(themes.create_theme(store, session.id, title)[0])
    assert suggest_links(store, system.id) == []
