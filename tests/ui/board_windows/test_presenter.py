"""The presenter view: themes and votes in large type for the room, no personal data, following
the board live, sorted by votes or in board order, high contrast, paging, full screen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLabel, QWidget

from app.services.capture.note_query import list_notes
from app.services.planning import participants
from app.services.sensemaking import themes, votes
from app.ui import accessibility
from app.ui.views.board.presenter import PresenterWindow
from app.ui.views.board.presenter_rows import VoteMeter
from tests.ui.accessibility import accessible_problems, clashing_mnemonics, unnamed_widgets
from tests.ui.board_windows.conftest import activate

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def board(ctx, session, tray) -> list[str]:
    """Three themes in board order (Ferries, Streets, Grants) with 1, 4 and 2 votes; the
    ferry theme's synthesis written."""
    made = []
    for title, first, synthesis in (
            ("Ferries", "Ferry timetables cut people off from the mainland",
             "Timetables decide who can reach a clinic."),
            ("Streets", "Volunteers knew the door of each house in the street", ""),
            ("Grants", "Small grants were decided in a phone call", "")):
        change, _ = themes.create_theme(ctx.store, session.id, title, [tray[first]],
                                        synthesis=synthesis)
        made.append(change.theme.id)
    for theme_id, count in zip(made, (1, 4, 2), strict=True):
        votes.add_votes(ctx.store, theme_id, count)
    return made


@pytest.fixture
def presenter(ctx, session, board, settings, qtbot):
    made = PresenterWindow(ctx, session.id, settings=settings)
    qtbot.addWidget(made)
    activate(qtbot, made)
    return made


def titles(window: PresenterWindow) -> list[str]:
    return [row.title.text() for row in window.rows if not row.isHidden()]


def do(ctx, outcome) -> None:
    """Announce what an operation changed, as the board does after each one."""
    ctx.announce(outcome[1])


def every_text(window: QWidget) -> list[str]:
    """Every piece of text the window shows or gives a screen reader."""
    found = [window.windowTitle(), window.accessibleName(), window.accessibleDescription()]
    for widget in window.findChildren(QWidget):
        found += [widget.accessibleName(), widget.accessibleDescription(), widget.toolTip(),
                  widget.statusTip(), widget.windowTitle()]
        if isinstance(widget, QLabel | QAbstractButton):
            found.append(widget.text())
        if isinstance(widget, QComboBox):
            found += [widget.itemText(i) for i in range(widget.count())]
    return [t for t in found if t]


def test_it_shows_titles_votes_counts_and_synthesis(presenter):
    assert titles(presenter) == ["Streets", "Grants", "Ferries"]  # most votes first
    first = presenter.rows[0]
    assert (first.place.text(), first.votes.text(), first.notes.text()) == ("1.", "4 votes",
                                                                              "1 note")
    assert first.meter.votes == 4 and first.meter.dots()
    assert first.accessibleName() == "1. Streets: 4 votes, 1 note"
    ferries = presenter.rows[2]
    assert ferries.synthesis.text() == "Timetables decide who can reach a clinic."
    assert ferries.accessibleDescription() == "Timetables decide who can reach a clinic."
    assert presenter.totals.text() == "3 themes · 3 notes in them · 7 votes"
    # Large type: the titles are well over twice the size of the app's text.
    assert first.title.font().pointSizeF() >= 2 * presenter.close_button.font().pointSizeF()


def test_votes_are_dots_until_a_theme_has_many_then_bars_for_all(ctx, board, presenter,
                                                                  qtbot):
    assert all(row.meter.dots() for row in presenter.rows)
    do(ctx, votes.add_votes(ctx.store, board[2], 40))  # Grants: 42 votes
    qtbot.waitUntil(lambda: presenter.rows[0].votes.text() == "42 votes")
    assert not any(row.meter.dots() for row in presenter.rows)
    assert presenter.rows[1].meter.accessibleName() == "4 votes, drawn as a bar"
    assert [row.meter.most for row in presenter.rows] == [42, 42, 42]


def test_no_personal_data_reaches_the_window(ctx, session, presenter, people):
    private = [n.text for n in list_notes(ctx.store, session.id)]
    private += ["Harbour master"]
    for invited in participants.list_session_participants(ctx.store, session.id):
        person = invited.participant
        private += [person.name, person.email, person.organisation]
    shown = every_text(presenter)
    assert "Isla Munro" in private and "Harbour master" in private
    assert [(p, t) for p in private for t in shown if p and p.lower() in t.lower()] == []
    # The notes in themes are counted, never quoted.
    assert "1 note" in [row.notes.text() for row in presenter.rows]


def test_it_follows_a_vote_a_rename_a_new_and_a_deleted_theme_live(ctx, session, tray, board,
                                                                     presenter, qtbot):
    said: list[tuple[str, bool]] = []
    accessibility.announcer().announced.connect(
        lambda _target, message, assertive: said.append((message, assertive)))
    ferries, streets, _grants = board
    do(ctx, votes.add_votes(ctx.store, ferries, 5))
    qtbot.waitUntil(lambda: titles(presenter)[0] == "Ferries")
    assert presenter.rows[0].votes.text() == "6 votes"
    assert ("Ferries: 6 votes", False) in said  # announced politely
    do(ctx, themes.update_theme(ctx.store, streets, title="Street by street"))
    qtbot.waitUntil(lambda: "Street by street" in titles(presenter))
    do(ctx, themes.create_theme(ctx.store, session.id, "Tablets",
                                [tray["Tablets were lent with a buddy"]]))
    qtbot.waitUntil(lambda: "Tablets" in titles(presenter))
    assert presenter.rows[-1].votes.text() == "0 votes"
    do(ctx, themes.delete_theme(ctx.store, ferries))
    qtbot.waitUntil(lambda: "Ferries" not in titles(presenter))
    assert titles(presenter) == ["Street by street", "Grants", "Tablets"]
    assert presenter.totals.text() == "3 themes · 3 notes in them · 6 votes"
    assert not [m for m, _ in said if "Tablets" in m or "Street by" in m]  # votes only


def test_the_order_toggles_between_votes_and_the_board_and_is_remembered(ctx, session, board,
                                                                          presenter, settings,
                                                                          qtbot):
    assert presenter.order_box.isChecked()
    qtbot.mouseClick(presenter.order_box, Qt.MouseButton.LeftButton)
    assert titles(presenter) == ["Ferries", "Streets", "Grants"]
    assert presenter.heading.text() == "Themes, in board order"
    again = PresenterWindow(ctx, session.id, settings=settings)
    qtbot.addWidget(again)
    assert not again.order_box.isChecked()
    assert titles(again) == ["Ferries", "Streets", "Grants"]


def contrast(a: QColor, b: QColor) -> float:
    """WCAG 2's contrast ratio of two colours."""

    def luminance(colour: QColor) -> float:
        def channel(c: float) -> float:
            return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

        return (0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF())
                + 0.0722 * channel(colour.blueF()))

    lighter, darker = sorted((luminance(a), luminance(b)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def worst_contrast(window: PresenterWindow) -> tuple[float, float]:
    """The lowest contrast of any label's text, and of the vote dots, against the window."""
    back = window.palette().color(QPalette.ColorRole.Window)
    text = min(contrast(label.palette().color(QPalette.ColorRole.WindowText), back)
               for label in window.findChildren(QLabel) if label.isVisible())
    dots = min(contrast(meter.palette().color(QPalette.ColorRole.Highlight), back)
               for meter in window.findChildren(VoteMeter) if meter.isVisible())
    return text, dots


def test_high_contrast_meets_wcag_and_is_remembered(ctx, session, presenter, settings, qtbot):
    text, dots = worst_contrast(presenter)
    assert text >= 4.5 and dots >= 3  # AA in the app's own theme too
    qtbot.mouseClick(presenter.contrast_box, Qt.MouseButton.LeftButton)
    assert presenter.high_contrast
    assert presenter.palette().color(QPalette.ColorRole.Window) == QColor("#000000")
    text, dots = worst_contrast(presenter)
    assert text >= 7 and dots >= 7  # AAA: far beyond AA
    button = presenter.close_button.palette()
    assert contrast(button.color(QPalette.ColorRole.ButtonText),
                    button.color(QPalette.ColorRole.Button)) >= 7
    again = PresenterWindow(ctx, session.id, settings=settings)
    qtbot.addWidget(again)
    assert again.high_contrast and again.contrast_box.isChecked()
    assert again.palette().color(QPalette.ColorRole.Window) == QColor("#000000")


def test_page_down_and_up_move_by_whole_themes(ctx, session, settings, qtbot):
    for n in range(1, 16):
        themes.create_theme(ctx.store, session.id, f"Theme number {n}",
                            synthesis="What the notes of this theme say, in a sentence.")
    window = PresenterWindow(ctx, session.id, settings=settings)
    qtbot.addWidget(window)
    window.resize(1000, 600)
    activate(qtbot, window)
    bar = window.area.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    assert window.place.text().startswith("Themes 1–")
    assert "Page Down for more" in window.place.text()
    _first, last = window.pager.in_view()
    cut = window.rows[last - 1]
    top_before = bar.value()
    qtbot.keyClick(window, Qt.Key.Key_PageDown)
    # The theme cut off at the bottom is now whole, at the top.
    assert bar.value() > top_before
    assert bar.value() in (cut.y(), bar.maximum())
    assert window.pager.in_view()[0] in (last, last - 1)
    qtbot.waitUntil(lambda: "Page Up to go back" in window.place.text())
    qtbot.keyClick(window, Qt.Key.Key_PageUp)
    assert bar.value() == 0
    qtbot.keyClick(window, Qt.Key.Key_End)
    assert bar.value() == bar.maximum()
    qtbot.waitUntil(lambda: "Page Down" not in window.place.text())
    assert window.place.text().endswith(" of 15 · Page Up to go back")
    qtbot.keyClick(window, Qt.Key.Key_Home)
    assert bar.value() == 0


def test_f11_is_full_screen_and_escape_leaves_it_then_closes(presenter, qtbot):
    qtbot.keyClick(presenter, Qt.Key.Key_F11)
    assert presenter.isFullScreen()
    assert presenter.full_button.text() == "Leave &full screen"
    qtbot.keyClick(presenter, Qt.Key.Key_Escape)
    assert not presenter.isFullScreen() and presenter.isVisible()
    assert presenter.chosen_screen() is presenter.screen()
    qtbot.keyClick(presenter, Qt.Key.Key_Escape)
    assert not presenter.isVisible()


def test_its_text_size_is_its_own_and_remembered(ctx, session, presenter, settings, qtbot):
    size = presenter.rows[0].title.font().pointSizeF()
    app_size = presenter.close_button.font().pointSizeF()
    qtbot.keyClick(presenter, Qt.Key.Key_Equal, CTRL)
    assert presenter.zoom == 115
    assert presenter.rows[0].title.font().pointSizeF() > size
    qtbot.keyClick(presenter, Qt.Key.Key_Minus, CTRL)
    qtbot.keyClick(presenter, Qt.Key.Key_Minus, CTRL)
    assert presenter.zoom == 90
    assert presenter.rows[0].title.font().pointSizeF() < size
    assert presenter.close_button.font().pointSizeF() == app_size  # the app's text is as it was
    again = PresenterWindow(ctx, session.id, settings=settings)
    qtbot.addWidget(again)
    assert again.zoom == 90


def test_every_control_is_named_and_mnemonics_do_not_clash(presenter):
    assert unnamed_widgets(presenter) == []
    assert accessible_problems(presenter) == []
    assert clashing_mnemonics(presenter) == {}


def test_tab_goes_from_the_themes_through_the_controls(presenter, qtbot):
    from PySide6.QtWidgets import QApplication

    presenter.area.setFocus()
    order = []
    for _ in range(7):
        order.append(QApplication.focusWidget())
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert order == [presenter.area, presenter.order_box, presenter.contrast_box,
                     presenter.smaller_button, presenter.larger_button, presenter.full_button,
                     presenter.close_button]  # the screen list shows only with two screens
    assert QApplication.focusWidget() is presenter.area
