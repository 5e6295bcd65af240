"""Dot votes as records: who entered them, on which laptop, when; they add up, including
votes entered on two laptops, and themes sort by them."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.models import InvalidInput, NotFound
from app.services.sensemaking import themes, votes
from app.services.sensemaking.board_undo import revert
from app.services.sensemaking.theme_query import get_theme, list_themes
from app.store.replay import replay
from app.store.tables import ChangeLogRow, ThemeVoteRow


@pytest.fixture
def theme(store, session):
    made, _ = themes.create_theme(store, session.id, "Trusting relationships")
    assert made.theme
    return made.theme


def test_each_entry_is_a_record_and_the_votes_are_their_sum(store, theme):
    votes.add_votes(store, theme.id, 3)
    done, changes = votes.add_votes(store, theme.id, -1, entered_by="Rory Examplewood")
    assert done.theme is not None and done.theme.votes == 2
    assert set(changes.inserted) == {"theme_vote"}
    entries = votes.list_votes(store, theme.id)
    assert [(v.count, v.entered_by, v.device_id) for v in entries] == [
        (3, "Test Facilitator", store.device_id), (-1, "Rory Examplewood", store.device_id)]
    assert all(v.created_at.tzinfo is not None for v in entries)
    with store.read() as s:
        logged = s.scalars(select(ChangeLogRow.entity).where(ChangeLogRow.op == "insert"))
        assert list(logged).count("theme_vote") == 2


def test_refusals_change_nothing(store, theme):
    votes.add_votes(store, theme.id, 1)
    with pytest.raises(InvalidInput, match="has 1 vote; 2 cannot be taken away"):
        votes.add_votes(store, theme.id, -2)
    with pytest.raises(InvalidInput, match="other than 0"):
        votes.add_votes(store, theme.id, 0)
    with pytest.raises(InvalidInput, match="at most 1000"):
        votes.add_votes(store, theme.id, 5000)
    with pytest.raises(NotFound, match="no theme"):
        votes.add_votes(store, "no-such-theme", 1)
    assert get_theme(store, theme.id).votes == 1 and len(votes.list_votes(store, theme.id)) == 1


def test_undo_removes_the_entry_and_redo_puts_the_same_one_back(store, theme):
    done, _ = votes.add_votes(store, theme.id, 4)
    [vote] = votes.list_votes(store, theme.id)
    redo, _ = revert(store, done.undo)
    assert get_theme(store, theme.id).votes == 0
    revert(store, redo)
    assert votes.list_votes(store, theme.id) == [vote]


def test_themes_sort_by_votes(store, session):
    made = {t: themes.create_theme(store, session.id, t)[0].theme for t in ("A", "B", "C")}
    for title, count in (("A", 1), ("B", 5), ("C", 3)):
        theme = made[title]
        assert theme
        votes.add_votes(store, theme.id, count)
    assert [t.title for t in list_themes(store, session.id, by_votes=True)] == ["B", "C", "A"]
    assert [t.title for t in list_themes(store, session.id)] == ["A", "B", "C"]


def test_a_vote_record_from_another_laptop_adds_up(store, theme):
    """Another laptop's vote record, inserted as sync applies a record's insert, adds to this
    laptop's votes: a counter would have kept only one of the two."""
    votes.add_votes(store, theme.id, 2)
    [mine] = votes.list_votes(store, theme.id)
    theirs = {**mine.model_dump(), "id": "01a00000-0000-7000-8000-00000000beef", "count": 3,
              "entered_by": "Rory Examplewood", "device_id": "01a00000-0000-7000-8000-0000000000d2"}
    with store.unit() as s:
        s.add(ThemeVoteRow(**theirs))
    assert get_theme(store, theme.id).votes == 5
    assert {v.device_id for v in votes.list_votes(store, theme.id)} == {
        store.device_id, theirs["device_id"]}
    assert replay(store).ok
