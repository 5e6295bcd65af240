"""Actions and evidence on a real store: create, edit, link to themes, delete and undo; the
actions list marks overdue ones; a refused operation changes nothing."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from app.models import ActionStatus, CairnError, EvidenceKind, InvalidInput, NotFound, new_id
from app.services.core import history
from app.services.planning import systems
from app.services.sensemaking import actions, evidence
from app.services.sensemaking.ris import Reference
from app.store.tables import ChangeLogRow, ThemeRow


def make_theme(store, system_id: str, title: str = "Trusting relationships") -> str:
    """A theme written as any unit of work writes (logged), for links to point at."""
    theme_id = new_id()
    with store.unit() as s:
        s.add(ThemeRow(id=theme_id, system_id=system_id, title=title, synthesis="",
                       rank="a0"))
    return theme_id


def log_size(store) -> int:
    with store.read() as s:
        return int(s.scalar(select(func.count()).select_from(ChangeLogRow)) or 0)


def test_an_action_is_created_edited_linked_and_deleted_with_undo(store, system):
    theme = make_theme(store, system.id)
    action, changes = actions.create_action(store, system.id, "  Map the small grants  ",
                                            owner="Third sector interface",
                                            due=date(2026, 12, 1), theme_ids=[theme, theme])
    assert (action.what, action.theme_ids) == ("Map the small grants", (theme,))
    assert changes.ids("action") == {action.id} and changes.touches("action_theme")
    edited, _ = actions.update_action(store, action.id, status=ActionStatus.IN_PROGRESS)
    assert edited.status is ActionStatus.IN_PROGRESS and edited.theme_ids == (theme,)
    unlinked, _ = actions.unlink_themes(store, action.id, [theme])
    assert unlinked.theme_ids == ()
    assert actions.link_themes(store, action.id, [theme])[0].theme_ids == (theme,)
    snapshot, _ = actions.delete_action(store, action.id)
    assert actions.list_actions(store, system.id) == []
    history.restore(store, snapshot)
    assert actions.get_action(store, action.id).theme_ids == (theme,)


def test_overdue_actions_are_marked_and_listed_first(store, system):
    today = date(2026, 12, 10)
    late, _ = actions.create_action(store, system.id, "Late", due=date(2026, 12, 1))
    done, _ = actions.create_action(store, system.id, "Done late", due=date(2026, 11, 1),
                                    status="done")
    later, _ = actions.create_action(store, system.id, "Later", due=date(2027, 1, 1))
    undated, _ = actions.create_action(store, system.id, "Some day")
    listed = actions.list_actions(store, system.id, today=today)
    assert [(x.action.id, x.overdue) for x in listed] == [
        (late.id, True), (done.id, False), (later.id, False), (undated.id, False)]


def test_refused_action_operations_change_nothing(store, system):
    other, _ = systems.create_system(store, "Highland learning system")
    foreign = make_theme(store, other.id)
    action, _ = actions.create_action(store, system.id, "Agree an owner")
    before = log_size(store)
    with pytest.raises(InvalidInput, match="another learning system"):
        actions.link_themes(store, action.id, [foreign])
    with pytest.raises(NotFound, match="no theme"):
        actions.create_action(store, system.id, "x", theme_ids=["nope"])
    with pytest.raises(InvalidInput):
        actions.update_action(store, action.id, what="  ")
    with pytest.raises(InvalidInput, match="no field"):
        actions.update_action(store, action.id, colour="red")
    with pytest.raises(CairnError):
        actions.update_action(store, action.id, status="blocked")
    assert log_size(store) == before
    assert actions.get_action(store, action.id).what == "Agree an owner"


def test_evidence_is_created_edited_linked_and_deleted_with_undo(store, system):
    theme = make_theme(store, system.id)
    item, _ = evidence.create_evidence(store, system.id, "Small grants decided in a phone call",
                                       kind=EvidenceKind.CASE_STUDY, link="https://example.org",
                                       theme_ids=[theme])
    assert item.theme_ids == (theme,)
    edited, _ = evidence.update_evidence(store, item.id, kind="podcast", summary=" Heard. ")
    assert (edited.kind, edited.summary, edited.theme_ids) == (EvidenceKind.PODCAST, "Heard.",
                                                               (theme,))
    assert evidence.unlink_themes(store, item.id, [theme])[0].theme_ids == ()
    assert evidence.link_themes(store, item.id, [theme])[0].theme_ids == (theme,)
    snapshot, changes = evidence.delete_evidence(store, item.id)
    assert changes.ids("evidence") == {item.id}
    assert evidence.list_evidence(store, system.id) == []
    history.restore(store, snapshot)
    assert evidence.list_evidence(store, system.id) == [edited]


def test_an_import_adds_new_references_once_and_undoes_in_one_step(store, system):
    refs = [Reference(3, EvidenceKind.PUBLICATION, "Trust and speed", "A (2021).",
                      "https://doi.org/10.1000/1"),
            Reference(12, EvidenceKind.PODCAST, "Community first")]
    preview = evidence.preview_import(store, system.id, refs)
    assert (len(preview.new), preview.already_there) == (2, ())
    assert evidence.list_evidence(store, system.id) == []
    added, plan, _ = evidence.import_references(store, system.id, refs)
    assert [e.title for e in added] == ["Trust and speed", "Community first"]
    again = [Reference(1, EvidenceKind.OTHER, "trust  AND speed"),
             Reference(9, EvidenceKind.OTHER, "Other title", link="https://doi.org/10.1000/1"),
             Reference(20, EvidenceKind.OTHER, "New one")]
    added_again, plan, _ = evidence.import_references(store, system.id, again)
    assert [r.line for r in plan.already_there] == [1, 9]
    assert [e.title for e in added_again] == ["New one"]
    evidence.delete_many(store, [e.id for e in added])
    assert [e.title for e in evidence.list_evidence(store, system.id)] == ["New one"]
