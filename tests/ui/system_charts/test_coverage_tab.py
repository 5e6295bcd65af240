"""The "Coverage" tab: the same numbers as the coverage service in the grid, its table and the
kinds; thin focus areas said in words; refreshed live and cheaply; reachable by keyboard."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.models import NoteKind
from app.services import capture
from app.services.planning import focus_areas
from app.services.sensemaking import coverage, themes
from tests.ui.accessibility import accessible_problems, clashing_mnemonics, unnamed_widgets
from tests.ui.session_helpers import focused
from tests.ui.system_charts.conftest import open_tab


def table_rows(panel) -> list[list[str]]:
    model = panel.model
    return [[model.index(r, c).data() for c in range(model.columnCount())]
            for r in range(model.rowCount())]


def test_the_tabs_are_listed_after_the_overview_without_mnemonics(view):
    labels = [view.tabs.tabText(i) for i in range(view.tabs.count())]
    assert labels[0] == "Overv&iew"
    # Exactly these words: no "&", so no Alt key (Ctrl+Tab moves between the tabs).
    assert {"Coverage", "Who was heard"} <= set(labels[1:])


def test_the_grid_and_its_table_hold_the_services_numbers(view, ctx, filled):
    tab = open_tab(view, "Coverage")
    found = coverage.coverage(ctx.store, filled.system.id)
    rows = table_rows(tab.grid_panel)
    assert [r[0] for r in rows] == [a.name for a in found.areas]
    headings = [tab.grid_panel.model.headerData(c, Qt.Orientation.Horizontal)
                for c in range(tab.grid_panel.model.columnCount())]
    assert headings == ["Focus area", "1. Sensemaking workshop 1",
                        "2. Workshop 2: housing and homelessness", "All sessions", "Evidence"]
    for r, area in enumerate(found.areas):
        for c, session in enumerate(found.sessions):
            cell = session.cells[area.slug]
            assert rows[r][1 + c] == f"{cell.notes} · {cell.themes}"
            assert tab.grid.data.cells[r][c] == (cell.notes, cell.themes)
        assert rows[r][-2] == f"{area.notes} · {area.themes}"
    assert rows[0][1:] == ["3 · 1", "0 · 0", "3 · 1", "Enough"]
    assert rows[3][-1] == "None"  # published learning: no notes at all
    spoken = tab.grid_panel.model.index(0, 1).data(Qt.ItemDataRole.AccessibleTextRole)
    assert spoken == "3 notes, 1 theme"
    assert tab.grid.items()[0].sentence == ("Community Led Approaches in Sensemaking workshop 1 "
                                            "(session 1): 3 notes, 1 theme")
    kinds = {r[0]: r[1] for r in table_rows(tab.kinds_panel)}
    assert kinds == {NoteKind(k).label: str(n) for k, n in found.kinds.items()}
    assert [b.values[0] for b in tab.kinds.data.bars] == list(found.kinds.values())


def test_focus_areas_with_little_or_no_evidence_are_said_in_words(view, filled):
    tab = open_tab(view, "Coverage")
    words = tab.words.text()
    assert "Emerging Community Service Needs in Integration: 2 notes in 2 sessions — little " \
           "evidence" in words
    assert "Strategic Planning: 1 note in 2 sessions — little evidence" in words
    assert "Synthesising Published Learning: no notes in 2 sessions — no evidence" in words
    assert "Community Led Approaches" not in words  # three notes: enough
    assert tab.grid.data.marked == frozenset({1, 2, 3})
    summary = tab.grid.accessibleDescription()
    assert "Little or no evidence: Emerging Community Service Needs in Integration, " \
           "Strategic Planning, Synthesising Published Learning." in summary
    assert tab.words.accessibleName().startswith("Little or no evidence:")


def test_a_new_note_and_a_new_theme_show_at_once_in_one_read(view, ctx, filled, qtbot):
    tab = open_tab(view, "Coverage")
    reads = tab.reads
    note, changes = capture.add_note(ctx.store, filled.second.id, "Reading list shared",
                                     tags=["published-learning"], kind=NoteKind.INSIGHT)
    ctx.announce(changes)
    ctx.announce(changes)  # two changes in one turn of the event loop: one read
    qtbot.waitUntil(lambda: table_rows(tab.grid_panel)[3][2] == "1 · 0")
    assert tab.reads == reads + 1
    assert "Synthesising Published Learning: 1 note in 2 sessions — little evidence" \
        in tab.words.text()
    made, changes = themes.create_theme(ctx.store, filled.second.id, "Learning from others",
                                        [note.id], focus_area_ids=[filled.areas[
                                            "published-learning"]])
    ctx.announce(changes)
    qtbot.waitUntil(lambda: table_rows(tab.grid_panel)[3][2] == "1 · 1")
    assert tab.grid.data.cells[3][1] == (1, 1)


def test_a_hidden_tab_reads_nothing_until_it_is_shown(view, ctx, filled, qtbot):
    tab = open_tab(view, "Coverage")
    view.tabs.setCurrentIndex(0)
    reads = tab.reads
    area, changes = focus_areas.add_focus_area(ctx.store, filled.system.id, "Inequalities")
    ctx.announce(changes)
    QApplication.processEvents()
    assert tab.reads == reads
    open_tab(view, "Coverage")
    qtbot.waitUntil(lambda: table_rows(tab.grid_panel)[-1][0] == "Inequalities")
    assert tab.reads == reads + 1
    assert "Inequalities: no notes in 2 sessions — no evidence" in tab.words.text()


def test_changes_elsewhere_cost_no_read(view, ctx, filled, qtbot):
    tab = open_tab(view, "Coverage")
    reads = tab.reads
    from app.services.planning import systems

    _, changes = systems.update_system(ctx.store, filled.system.id, purpose="Learn more")
    ctx.announce(changes)
    QApplication.processEvents()
    assert tab.reads == reads


def test_every_part_is_named_and_the_tables_are_reached_by_keyboard(view, filled,
                                                                    qtbot):
    tab = open_tab(view, "Coverage")
    assert unnamed_widgets(tab) == []
    assert accessible_problems(tab) == []
    panel = tab.grid_panel
    qtbot.waitUntil(panel.chart_button.isVisible)
    panel.chart_button.setFocus()
    assert focused() is panel.chart_button
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is panel.table_button
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is tab.grid  # the chart itself takes the focus, then its cells the arrows
    qtbot.keyClick(tab.grid, Qt.Key.Key_Right)
    assert tab.grid.current == 0
    panel.table_button.setFocus()
    qtbot.keyClick(panel.table_button, Qt.Key.Key_Space)
    assert panel.table.isVisible()
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is panel.table
    panel.table.setCurrentIndex(panel.model.index(0, 0))
    qtbot.keyClick(panel.table, Qt.Key.Key_Right)
    assert panel.table.currentIndex().column() == 1
    qtbot.keyClick(panel.table, Qt.Key.Key_Tab)
    assert focused() is not panel.table  # Tab leaves the table; arrows walk it


def test_no_clash_of_alt_keys_with_the_window(filled, window, qtbot):
    window.select(filled.system.id)
    for label in ("Coverage", "Who was heard"):
        open_tab(window.page, label)
        qtbot.waitUntil(lambda: window.page.tabs.currentWidget().isVisible())
        assert clashing_mnemonics(window) == {}
