"""The theme picker both tabs share: the system's themes grouped by session, narrowed by typing,
ticked with Space, taken with Ctrl+Enter; links and unlinks in one undo step."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.services.sensemaking import actions, evidence
from app.ui.views.system.actions_tab import index_of
from app.ui.views.system.evidence_tab import index_of as evidence_index
from app.ui.views.system.theme_picker import ThemePickerDialog
from tests.ui.accessibility import accessible_problems, clashing_mnemonics, unnamed_widgets
from tests.ui.actions_evidence.dialog_driver import drive, focused


def test_themes_are_grouped_by_session_and_narrowed_by_typing(ctx, system, themed, qtbot):
    picker = ThemePickerDialog(ctx, system.id, [themed.trust], "the action", None)
    qtbot.addWidget(picker)
    root = picker.tree.invisibleRootItem()
    groups = [root.child(g) for g in range(root.childCount())]
    assert [g.text(0) for g in groups] == ["Sensemaking workshop 1: winter (3 Nov 2026)",
                                           "Sensemaking workshop 2: digital (1 Dec 2026)"]
    assert [[g.child(t).text(0) for t in range(g.childCount())] for g in groups] == [
        ["Community transport decides who can come", "Trusting relationships"],
        ["Digital enhanced rather than replaced support", "Trusting relationships"]]
    assert picker.chosen() == [themed.trust]
    assert picker.count.text() == "4 themes · 1 ticked"
    qtbot.keyClicks(picker.search, "trust")
    assert picker.visible_titles() == ["Trusting relationships", "Trusting relationships"]
    assert picker.count.text() == "2 of 4 themes shown · 1 ticked"
    picker.search.clear()
    qtbot.keyClicks(picker.search, "digital")  # a session's title finds its themes too
    assert picker.visible_titles() == ["Digital enhanced rather than replaced support",
                                       "Trusting relationships"]
    assert unnamed_widgets(picker) == [] and clashing_mnemonics(picker) == {}
    picker.show()
    qtbot.waitExposed(picker)
    assert accessible_problems(picker) == []


def test_linking_and_unlinking_by_keyboard_is_one_undo_step(ctx, system, themed, actions_tab,
                                                            monkeypatch, qtbot):
    made, changes = actions.create_action(ctx.store, system.id, "Take trust to the HSCP",
                                          theme_ids=[themed.trust])
    ctx.announce(changes)

    def steps(picker: ThemePickerDialog) -> None:
        assert focused() is picker.search
        qtbot.keyClicks(picker.search, "digital enhanced")
        qtbot.keyClick(picker.search, Qt.Key.Key_Down)
        assert focused() is picker.tree
        assert picker.tree.currentItem().text(0).startswith("Digital enhanced")
        qtbot.keyClick(picker.tree, Qt.Key.Key_Space)
        picker.search.setFocus()
        picker.search.selectAll()
        qtbot.keyClicks(picker.search, "winter trust")
        qtbot.keyClick(picker.search, Qt.Key.Key_Return)
        assert focused() is picker.tree
        assert picker.visible_titles() == ["Trusting relationships"]
        qtbot.keyClick(picker.tree, Qt.Key.Key_Space)  # untick the one linked before
        qtbot.keyClick(picker.tree, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    drive(monkeypatch, ThemePickerDialog, qtbot, steps)
    actions_tab.table.setCurrentIndex(index_of(actions_tab, made.id))
    before = ctx.undo_stack.count()
    assert actions_tab.link_themes()
    assert actions.get_action(ctx.store, made.id).theme_ids == (themed.digital,)
    assert ctx.undo_stack.count() == before + 1
    assert "Digital enhanced" in actions_tab.detail.text()
    ctx.undo_stack.undo()
    assert actions.get_action(ctx.store, made.id).theme_ids == (themed.trust,)
    ctx.undo_stack.redo()
    assert actions.get_action(ctx.store, made.id).theme_ids == (themed.digital,)


def test_the_evidence_tab_links_through_the_same_picker(ctx, system, themed, evidence_tab,
                                                        monkeypatch, qtbot):
    made, changes = evidence.create_evidence(ctx.store, system.id, "Tablet lending case study")
    ctx.announce(changes)

    def steps(picker: ThemePickerDialog) -> None:
        picker.set_checked(themed.trust, True)
        picker.set_checked(themed.trust_again, True)
        picker.link_button.click()

    seen = drive(monkeypatch, ThemePickerDialog, qtbot, steps)
    evidence_tab.table.setCurrentIndex(evidence_index(evidence_tab, made.id))
    assert evidence_tab.link_themes()
    assert isinstance(seen[0], ThemePickerDialog)
    linked = evidence.get_evidence(ctx.store, made.id).theme_ids
    assert set(linked) == {themed.trust, themed.trust_again}
    # Two themes of one title are told apart by their sessions wherever they are listed.
    assert "Trusting relationships (Sensemaking workshop 1: winter (3 Nov 2026))" \
        in evidence_tab.detail.text()
    ctx.undo_stack.undo()
    assert evidence.get_evidence(ctx.store, made.id).theme_ids == ()


def test_cancelling_the_picker_changes_nothing(ctx, system, themed, actions_tab, monkeypatch,
                                               qtbot):
    made, changes = actions.create_action(ctx.store, system.id, "Nothing to change")
    ctx.announce(changes)

    def steps(picker: ThemePickerDialog) -> None:
        picker.set_checked(themed.transport, True)
        qtbot.keyClick(picker.tree, Qt.Key.Key_Escape)

    drive(monkeypatch, ThemePickerDialog, qtbot, steps)
    actions_tab.table.setCurrentIndex(index_of(actions_tab, made.id))
    before = ctx.undo_stack.count()
    assert not actions_tab.link_themes()
    assert actions.get_action(ctx.store, made.id).theme_ids == ()
    assert ctx.undo_stack.count() == before
