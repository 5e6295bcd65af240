"""`LinkThemeDialog`: a session's theme linked to themes of other sessions, or to a recurring
theme, as one undo step; grouped by session with likely matches first; searchable; refusals
shown in one sentence and nothing pushed; keyboard and names."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.services.sensemaking import recurring
from app.services.sensemaking.recurring_query import get_recurring, list_recurring
from app.services.sensemaking.theme_query import get_theme
from app.ui.views.board.link_theme import RECURRING_GROUP, LinkThemeDialog
from tests.ui.accessibility import accessible_problems, clashing_mnemonics, unnamed_widgets


def _dialog(ctx, theme_id, qtbot) -> LinkThemeDialog:
    made = LinkThemeDialog(ctx, theme_id)
    qtbot.addWidget(made)
    return made


def _groups(dialog) -> list[tuple[str, list[str]]]:
    tree = dialog.tree
    return [(tree.topLevelItem(n).text(0),
             [tree.topLevelItem(n).child(k).text(0) for k in range(tree.topLevelItem(n)
                                                                  .childCount())])
            for n in range(tree.topLevelItemCount())]


def test_themes_of_other_sessions_grouped_by_session_likely_first(ctx, workshops, qtbot):
    dialog = _dialog(ctx, workshops[1]["ferry"], qtbot)
    groups = _groups(dialog)
    assert [g[0].split(" (")[0] for g in groups] == ["Workshop 3", "Workshop 2"]
    assert groups[0][1][0].startswith("Ferry timetables 3 — likely: shares ")
    assert "ferry" in groups[0][1][0]
    assert all("Workshop 1" not in g[0] for g in groups)
    assert dialog.tree.currentItem().text(0) == groups[0][1][0]
    assert not dialog.link_button.isEnabled()


def test_linking_is_one_undo_step_and_gives_back_the_same_ids(ctx, system, workshops, qtbot):
    dialog = _dialog(ctx, workshops[1]["ferry"], qtbot)
    dialog.tick(workshops[2]["ferry"])
    dialog.tick(workshops[3]["ferry"])
    assert dialog.link_button.text() == "Lin&k 2"
    dialog.title.setText("Ferries")
    steps = ctx.undo_stack.count()
    dialog.link_button.click()
    assert dialog.result() == LinkThemeDialog.DialogCode.Accepted
    assert ctx.undo_stack.count() == steps + 1
    made = get_recurring(ctx.store, dialog.result_id or "")
    assert made.theme.title == "Ferries" and made.sessions == 3
    ctx.undo_stack.undo()
    assert list_recurring(ctx.store, system.id) == []
    ctx.undo_stack.redo()
    assert get_theme(ctx.store, workshops[3]["ferry"]).recurring_id == made.id


def test_joining_an_existing_recurring_theme(ctx, workshops, qtbot):
    made, _ = recurring.link_themes(ctx.store, [workshops[1]["ferry"], workshops[2]["ferry"]],
                                    title="Ferries")
    assert made.recurring
    dialog = _dialog(ctx, workshops[3]["ferry"], qtbot)
    groups = _groups(dialog)
    assert groups[0] == (RECURRING_GROUP, ["Ferries — in 2 sessions"])
    # Its themes are offered too, saying that their recurring theme comes with them.
    offered = [t for g in groups[1:] for t in g[1]]
    assert sum("(already recurring" in t for t in offered) == 2
    dialog.tick(made.recurring.id)
    dialog.submit()
    assert dialog.result_id == made.recurring.id
    assert get_recurring(ctx.store, made.recurring.id).sessions == 3


def test_a_theme_already_recurring_says_so_and_what_it_ticks_joins(ctx, workshops, qtbot):
    made, _ = recurring.link_themes(ctx.store, [workshops[1]["ferry"], workshops[2]["ferry"]])
    assert made.recurring
    dialog = _dialog(ctx, workshops[1]["ferry"], qtbot)
    assert [g[0].split(" (")[0] for g in _groups(dialog)] == ["Workshop 3"]
    dialog.tick(workshops[3]["ferry"])
    dialog.submit()
    assert dialog.result_id == made.recurring.id
    assert get_recurring(ctx.store, made.recurring.id).sessions == 3


def test_search_narrows_by_theme_or_session(ctx, workshops, qtbot):
    dialog = _dialog(ctx, workshops[1]["ferry"], qtbot)
    def shown() -> list[tuple[str, str]]:
        tree = dialog.tree
        return [(tree.topLevelItem(n).text(0).split(" (")[0], tree.topLevelItem(n).child(k)
                 .text(0).split(" — ")[0])
                for n in range(tree.topLevelItemCount())
                for k in range(tree.topLevelItem(n).childCount())
                if not tree.topLevelItem(n).isHidden()
                and not tree.topLevelItem(n).child(k).isHidden()]

    dialog.search.setText("volunteers")
    assert sorted(shown()) == [("Workshop 2", "Street volunteers"),
                               ("Workshop 3", "Street volunteers")]
    dialog.search.setText("Timetables WORKSHOP 3")
    assert shown() == [("Workshop 3", "Ferry timetables 3")]
    dialog.search.clear()
    assert not any(dialog.tree.topLevelItem(n).isHidden()
                   for n in range(dialog.tree.topLevelItemCount()))


def test_two_themes_of_one_session_are_refused_and_nothing_is_pushed(
        ctx, system, workshops, qtbot, refusals):
    dialog = _dialog(ctx, workshops[1]["ferry"], qtbot)
    dialog.tick(workshops[2]["ferry"])
    dialog.tick(workshops[2]["other"])
    steps = ctx.undo_stack.count()
    dialog.submit()
    assert refusals and "both themes of 'Workshop 2'" in refusals[0]
    assert ctx.undo_stack.count() == steps and dialog.result_id is None
    assert list_recurring(ctx.store, system.id) == []


def test_space_ticks_the_current_theme_and_everything_is_named(ctx, workshops, qtbot):
    dialog = _dialog(ctx, workshops[1]["ferry"], qtbot)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.tree.setFocus()
    qtbot.waitUntil(dialog.tree.hasFocus)
    qtbot.keyClick(dialog.tree, Qt.Key.Key_Space)
    assert dialog.checked() == ([workshops[3]["ferry"]], [])
    assert dialog.link_button.isEnabled()
    qtbot.keyClick(dialog.tree, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.tree, Qt.Key.Key_Space)
    assert len(dialog.checked()[0]) == 2
    assert unnamed_widgets(dialog) == []
    assert accessible_problems(dialog) == []
    assert clashing_mnemonics(dialog) == {}
