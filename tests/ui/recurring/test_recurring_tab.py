"""The "Recurring themes" tab of the learning-system screen, on the real store and main window:
the list and its counts, the timeline table equal to the service's, rename, unlink and delete
as one undo step each, live refresh, "Find recurring themes…", keyboard and names."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.services.sensemaking import recurring
from app.services.sensemaking.recurring_query import get_recurring, list_recurring
from app.services.sensemaking.theme_query import get_theme
from app.ui.views.system.recurring_find import FindRecurringDialog
from app.ui.views.system.recurring_tab import RecurringThemesPage
from tests.ui.accessibility import accessible_problems, clashing_mnemonics, unnamed_widgets
from tests.ui.fit_more_recurring import open_tab


def _open(window, system_id) -> RecurringThemesPage:
    page = open_tab(window, system_id)
    assert isinstance(page, RecurringThemesPage)
    return page


def _table(page) -> list[tuple[str, ...]]:
    model = page.timeline
    return [tuple(str(model.index(r, c).data()) for c in range(model.columnCount()))
            for r in range(model.rowCount())]


def _link_all(ctx, workshops, title="Ferries"):
    done, changes = recurring.link_themes(ctx.store, [workshops[n]["ferry"] for n in (1, 2, 3)],
                                          title=title)
    ctx.announce(changes)
    assert done.recurring
    return done.recurring.id


def test_the_tab_lists_recurring_themes_and_the_timeline_equals_the_service(
        system, workshops, window, ctx, qtbot):
    rid = _link_all(ctx, workshops)
    recurring.link_themes(ctx.store, [workshops[1]["other"], workshops[3]["other"]])
    page = _open(window, system.id)
    assert page.model.rowCount() == 2
    assert page.model.index(0, 0).data().startswith("Ferries\n3 sessions · 6 notes · 6 votes")
    assert page.selected() is not None and page.selected().id == rid
    found = get_recurring(ctx.store, rid)
    assert [row[1:] for row in _table(page)] == [
        (a.session_title, a.title, str(a.notes), str(a.votes)) for a in found.timeline]
    assert [row[1] for row in _table(page)] == ["Workshop 1", "Workshop 2", "Workshop 3"]
    assert page.chart.accessibleName() == "Timeline chart of Ferries"
    assert "Workshop 2: Ferry timetables 2, 2 notes, 2 votes" in page.chart.accessibleDescription()
    assert page.figures.text() == "Appeared in 3 sessions · 6 notes · 6 votes."
    page.list.setCurrentIndex(page.model.index(1, 0))
    assert [row[1] for row in _table(page)] == ["Workshop 1", "Workshop 3"]


def test_rename_unlink_and_delete_are_one_undo_step_each(system, workshops, window, ctx, qtbot):
    rid = _link_all(ctx, workshops)
    page = _open(window, system.id)
    steps = ctx.undo_stack.count()
    page.rename_to("Getting to the mainland")
    assert page.title.text() == "Getting to the mainland"
    page.table.setCurrentIndex(page.timeline.index(1, 0))
    assert page.unlink_button.isEnabled()
    page.unlink_button.click()
    qtbot.waitUntil(lambda: page.timeline.rowCount() == 2)
    assert get_theme(ctx.store, workshops[2]["ferry"]).recurring_id is None
    page.delete_button.click()
    qtbot.waitUntil(lambda: page.model.rowCount() == 0)
    assert page.empty.isVisibleTo(page) and not page.detail.isVisibleTo(page)
    assert ctx.undo_stack.count() == steps + 3
    ctx.undo_stack.undo()  # the delete: the same recurring theme comes back
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert page.selected() is not None and page.selected().id == rid
    ctx.undo_stack.undo()  # the unlink
    qtbot.waitUntil(lambda: page.timeline.rowCount() == 3)
    ctx.undo_stack.undo()  # the rename
    qtbot.waitUntil(lambda: page.title.text() == "Ferries")
    ctx.undo_stack.redo()
    qtbot.waitUntil(lambda: page.title.text() == "Getting to the mainland")


def test_a_refused_rename_pushes_nothing(system, workshops, window, ctx, refusals):
    _link_all(ctx, workshops)
    page = _open(window, system.id)
    steps = ctx.undo_stack.count()
    page.rename_to("x" * 301)
    assert refusals and "too long" in refusals[0]
    assert ctx.undo_stack.count() == steps and page.title.text() == "Ferries"


def test_the_tab_follows_links_made_elsewhere(system, workshops, window, ctx, qtbot):
    page = _open(window, system.id)
    assert page.model.rowCount() == 0 and page.empty.isVisibleTo(page)
    assert not page.rename_button.isEnabled() and not page.delete_button.isEnabled()
    rid = _link_all(ctx, workshops)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert page.selected() is not None and page.selected().id == rid
    assert page.timeline.rowCount() == 3
    done, changes = recurring.unlink_theme(ctx.store, workshops[3]["ferry"])
    ctx.announce(changes)
    qtbot.waitUntil(lambda: page.timeline.rowCount() == 2)
    assert page.model.index(0, 0).data().startswith("Ferries\n2 sessions")


def test_find_recurring_themes_links_a_suggestion_as_one_step(
        system, workshops, window, ctx, qtbot):
    page = _open(window, system.id)
    dialog = FindRecurringDialog(ctx, system.id, page)
    qtbot.addWidget(dialog)
    assert dialog.suggestions and dialog.list.currentRow() == 0
    first = dialog.suggestions[0]
    assert "Shared words:" in dialog.list.item(0).text()
    assert unnamed_widgets(dialog) == []
    steps = ctx.undo_stack.count()
    with qtbot.waitSignal(dialog.linked) as linked:
        dialog.link_button.click()
    assert ctx.undo_stack.count() == steps + 1
    made = get_recurring(ctx.store, linked.args[0])
    assert set(first.theme_ids) <= set(made.theme.theme_ids)
    assert first.theme_ids not in [s.theme_ids for s in dialog.suggestions]
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    ctx.undo_stack.undo()
    qtbot.waitUntil(lambda: page.model.rowCount() == 0)
    assert list_recurring(ctx.store, system.id) == []


def test_keyboard_arrows_move_between_recurring_themes_and_tab_reaches_the_table(
        system, workshops, window, ctx, qtbot):
    _link_all(ctx, workshops)
    recurring.link_themes(ctx.store, [workshops[1]["other"], workshops[2]["other"]])
    page = _open(window, system.id)
    qtbot.waitUntil(page.find_button.isVisible)  # the page is shown once the loop turns
    page.list.setFocus()
    qtbot.waitUntil(page.list.hasFocus)
    qtbot.keyClick(page.list, Qt.Key.Key_Down)
    assert page.selected() == page.model.record(1)
    assert page.timeline.rowCount() == 2
    reached = []
    for _ in range(6):  # Tab walks the page in reading order, the timeline table included
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        reached.append(QApplication.focusWidget())
    assert reached[:5] == [page.find_button, page.rename_button, page.delete_button,
                           page.table, page.unlink_button]
    page.table.setFocus()
    page.table.setCurrentIndex(page.timeline.index(0, 0))
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)  # unlinks workshop 1's theme
    qtbot.waitUntil(lambda: page.timeline.rowCount() == 1)
    page.list.setFocus()
    qtbot.keyClick(page.list, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    ctx.undo_stack.undo()
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)


def test_every_control_is_named_and_no_mnemonic_clashes(system, workshops, window, ctx, qtbot):
    _link_all(ctx, workshops)
    page = _open(window, system.id)
    qtbot.waitUntil(page.chart.isVisible)
    assert unnamed_widgets(page) == []
    assert accessible_problems(page) == []
    assert clashing_mnemonics(window) == {}
    view = window.page
    assert all("&" not in view.tabs.tabText(i) for i in range(1, view.tabs.count()))
