"""The "Who was heard" tab: counts by sector, organisation and locality as the service gives
them, the notes by a role and with no speaker, whose voices are missing said in words, live
refresh, and never a participant's name, on this tab or on Coverage."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from app.services import capture
from app.services.planning import participants
from app.services.sensemaking import coverage
from app.ui.views.system.heard_tab import group_label
from tests.ui.accessibility import accessible_problems, unnamed_widgets
from tests.ui.system_charts.conftest import PEOPLE, open_tab
from tests.ui.system_charts.test_coverage_tab import table_rows

ROLES = [r for r in range(Qt.ItemDataRole.UserRole.value)]


def test_the_table_holds_the_services_counts_for_each_grouping(view, ctx, filled, qtbot):
    tab = open_tab(view, "Who was heard")
    found = coverage.coverage(ctx.store, filled.system.id)
    for key, field in (("sector", "by_sector"), ("organisation", "by_organisation"),
                       ("locality", "by_locality")):
        qtbot.mouseClick(tab.findChild(QWidget, f"groupBy-{key}"), Qt.MouseButton.LeftButton)
        assert tab.grouping == key
        expected = [[group_label(key, r.value), str(r.invited), str(r.attended), str(r.speakers),
                     str(r.contributions)] for r in getattr(found, field)]
        assert [row[:5] for row in table_rows(tab.panel)] == expected
        assert [b.values for b in tab.chart.data.bars] == [
            (r.invited, r.attended, r.speakers, r.contributions) for r in getattr(found, field)]
        assert tab.panel.heading.text() == f"Heard by {key}"
    rows = {r[0]: r for r in table_rows(tab.panel)}
    assert rows["Harris"][1:] == ["1", "1", "1", "2", "100%"]
    assert rows["Not given"][1:5] == ["1", "1", "0", "0"]  # a blank locality


def test_notes_by_a_role_and_with_no_speaker(view, ctx, filled):
    tab = open_tab(view, "Who was heard")
    assert table_rows(tab.speakers_panel) == [
        ["Spoken by a participant", "2", "40%"],
        ["Spoken by a role, such as a housing officer", "1", "20%"],
        ["No speaker given", "2", "40%"]]
    assert tab.speakers.data.bars[0].values == (2, 1, 2)
    assert tab.speakers.data.stacked


def test_whose_voices_are_missing_is_said_in_words_and_marked(view, filled):
    tab = open_tab(view, "Who was heard")
    assert tab.words.text().splitlines() == [
        "Invited but not heard: HSCP (1 invited, 0 attended); Third sector (1 invited, "
        "1 attended).",
        "Nobody invited from: NHS board, Local authority, Community group, Independent sector, "
        "Other."]
    marked = [b.label for b in tab.chart.data.bars if b.marked]
    assert marked == ["HSCP", "Third sector"]
    assert "Invited but not heard: HSCP, Third sector." in tab.chart.accessibleDescription()


def test_a_note_spoken_by_someone_shows_at_once(view, ctx, filled, qtbot):
    tab = open_tab(view, "Who was heard")
    _, changes = capture.add_note(ctx.store, filled.first.id, "Carers need the bus",
                                  speaker=filled.people["Calum Placeholder"])
    ctx.announce(changes)
    qtbot.waitUntil(lambda: {r[0]: r[4] for r in table_rows(tab.panel)}["Third sector"] == "1")
    assert "Third sector" not in tab.words.text().splitlines()[0]
    joined, changes = participants.add_to_session(ctx.store, filled.second.id, "Isla Invented",
                                                  sector="nhs-board")
    ctx.announce(changes)
    qtbot.waitUntil(lambda: {r[0]: r[1] for r in table_rows(tab.panel)}["NHS board"] == "1")


def test_every_part_is_named(view, filled):
    tab = open_tab(view, "Who was heard")
    assert unnamed_widgets(tab) == []
    assert accessible_problems(tab) == []
    names = {b.accessibleName() for b in tab.buttons.buttons()}
    assert names == {"Group by sector", "Group by organisation", "Group by locality"}


def _everything_shown(root: QWidget) -> list[str]:
    """Every text a person or a screen reader could meet on `root`: widgets' texts, names,
    descriptions and tooltips, every bar's and cell's words, every table cell in every role."""
    found: list[str] = []
    for widget in [root, *root.findChildren(QWidget)]:
        found += [widget.accessibleName(), widget.accessibleDescription(), widget.toolTip()]
        if hasattr(widget, "text") and callable(widget.text):
            found.append(str(widget.text()))
        if hasattr(widget, "items") and hasattr(widget, "summary"):
            found += [item.sentence for item in widget.items()] + [widget.summary()]
        if hasattr(widget, "model") and callable(widget.model) and widget.model() is not None:
            model = widget.model()
            for r in range(model.rowCount()):
                for c in range(model.columnCount()):
                    found += [str(model.index(r, c).data(role)) for role in ROLES]
            for c in range(model.columnCount()):
                found += [str(model.headerData(c, Qt.Orientation.Horizontal, role))
                          for role in ROLES]
    return found


def test_no_participant_is_ever_named_on_either_tab(view, filled):
    for label in ("Coverage", "Who was heard"):
        tab = open_tab(view, label)
        panels = [p for p in tab.findChildren(QWidget) if hasattr(p, "show_table")]
        for on in (False, True):  # charts shown, then tables shown
            for panel in panels:
                panel.show_table(on)
            for grouping in ("sector", "organisation", "locality"):
                if hasattr(tab, "group_by"):
                    tab.group_by(grouping)
                shown = _everything_shown(tab)
                assert len(shown) > 50
                for name, *_ in PEOPLE:
                    for part in name.split():
                        assert not [t for t in shown if part in t], (label, part)
    # The check can fail: the organisations people belong to are shown, by design.
    tab.group_by("organisation")
    assert any("Island Homes" in t for t in _everything_shown(tab))
