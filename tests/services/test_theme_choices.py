"""The themes an action or evidence can link to, by session; and setting its links to exactly
some themes in one operation (ticked and unticked at once), refused whole when one is not of
its learning system."""

from __future__ import annotations

from datetime import datetime

import pytest

from app.models import InvalidInput, NotFound
from app.services.planning import systems
from app.services.planning.sessions import create_session
from app.services.sensemaking import actions, evidence, themes
from app.services.sensemaking.theme_choices import (
    set_action_themes,
    set_evidence_themes,
    system_themes,
)
from tests.services.test_actions_evidence import make_theme


def _session(store, system_id: str, title: str, day: int) -> str:
    return create_session(store, system_id, title, datetime(2026, 11, day, 10).astimezone())[0].id


def test_themes_come_by_session_earliest_first_and_in_board_order(store, system):
    later = _session(store, system.id, "Workshop 2", 20)
    earlier = _session(store, system.id, "Workshop 1", 3)
    b = themes.create_theme(store, later, "Digital inclusion")[0].theme.id
    a2 = themes.create_theme(store, earlier, "Trust")[0].theme.id
    a1 = themes.create_theme(store, earlier, "Transport", index=0)[0].theme.id
    loose = make_theme(store, system.id, "A theme of no session")
    found = system_themes(store, system.id)
    assert [c.id for c in found] == [a1, a2, b, loose]
    assert [c.session_title for c in found] == ["Workshop 1", "Workshop 1", "Workshop 2", ""]
    assert found[-1].session_id is None


def test_links_are_set_to_exactly_the_themes_given_in_one_operation(store, system):
    trust, transport, digital = (make_theme(store, system.id, t)
                                 for t in ("Trust", "Transport", "Digital"))
    action, _ = actions.create_action(store, system.id, "Map the grants", theme_ids=[trust])
    linked, changes = set_action_themes(store, action.id, [digital, transport])
    assert linked.theme_ids == tuple(sorted([digital, transport]))
    assert changes.inserted["action_theme"] and changes.deleted["action_theme"]
    piece, _ = evidence.create_evidence(store, system.id, "Case study")
    assert set_evidence_themes(store, piece.id, [trust])[0].theme_ids == (trust,)
    assert set_evidence_themes(store, piece.id, [])[0].theme_ids == ()


def test_a_theme_of_another_system_or_gone_refuses_the_whole_change(store, system):
    other, _ = systems.create_system(store, "Another learning system")
    mine, theirs = make_theme(store, system.id, "Trust"), make_theme(store, other.id, "Trust")
    action, _ = actions.create_action(store, system.id, "Map the grants", theme_ids=[mine])
    with pytest.raises(InvalidInput, match="another learning system"):
        set_action_themes(store, action.id, [theirs])
    with pytest.raises(NotFound):
        set_action_themes(store, action.id, ["01a22aeb-0000-7000-8000-000000000000"])
    assert actions.get_action(store, action.id).theme_ids == (mine,)
