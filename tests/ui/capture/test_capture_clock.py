"""The session clock and the agenda, driven by a fake clock: no test here sleeps."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.ui.views.capture.session_clock import ClockState, SessionClock, mmss
from tests.ui.capture_helpers import close_view, open_view, stored, type_note

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def texts(view) -> tuple[str, str, str]:
    view.agenda.refresh()  # what the one-second ticker does
    status = view.agenda.status
    return view.agenda.clock_label.text(), status.block.text(), status.remaining.text()


def test_start_runs_the_first_block_and_counts_down(ctx, session, blocks, clock, view, qtbot):
    assert texts(view) == ("Session clock 0:00 (not started)",
                           "No agenda block: start the clock, or choose one with Ctrl+]", "")
    qtbot.keyClick(view.composer.entry, Qt.Key.Key_F9)
    assert texts(view) == ("Session clock 0:00 (running)", "Now: 1. Welcome and check-in",
                           "10:00 left")
    assert view.agenda.ticker.isActive()
    assert view.agenda.blocks.currentRow() == 0
    assert view.agenda.blocks.item(0).text().startswith("▶ Now · ")
    clock.advance(4 * 60 + 5)
    assert texts(view) == ("Session clock 4:05 (running)", "Now: 1. Welcome and check-in",
                           "5:55 left")
    type_note(qtbot, view, "Said during the welcome")
    assert stored(ctx, session.id)[0].agenda_item_id == blocks[0].id
    assert "1. Welcome and check-in" in view.model.card(0).meta


def test_next_and_previous_block_and_an_overrun_in_words(ctx, session, blocks, clock, view,
                                                        qtbot):
    entry = view.composer.entry
    qtbot.keyClick(entry, Qt.Key.Key_F9)
    clock.advance(60)
    qtbot.keyClick(entry, Qt.Key.Key_BracketRight, CTRL)
    assert texts(view)[1:] == ("Now: 2. What worked", "20:00 left")
    type_note(qtbot, view, "What helped was the ferry")
    assert stored(ctx, session.id)[0].agenda_item_id == blocks[1].id
    clock.advance(22 * 60 + 15)
    assert texts(view)[2] == "Over by 2:15"
    status = view.agenda.status
    assert status.icon.isVisible() and not status.icon.pixmap().isNull()
    assert status.remaining.font().bold()
    assert status.accessibleName() == "Now: 2. What worked · Over by 2:15"
    qtbot.keyClick(entry, Qt.Key.Key_F9)  # pause
    assert texts(view)[0] == "Session clock 23:15 (paused)"
    assert not view.agenda.ticker.isActive()
    clock.advance(600)
    assert texts(view)[2] == "Over by 2:15"
    qtbot.keyClick(entry, Qt.Key.Key_BracketLeft, CTRL)
    assert texts(view)[1:] == ("Now: 1. Welcome and check-in", "10:00 left")
    assert not status.icon.isVisible()
    qtbot.keyClick(entry, Qt.Key.Key_F9, SHIFT)  # stop
    assert texts(view)[0] == "Session clock 0:00 (not started)"


def test_the_clock_survives_closing_the_view(ctx, session, blocks, people, clock, settings,
                                             qtbot):
    first = open_view(ctx, session.id, clock, settings, qtbot)
    first.agenda.start_or_pause()
    first.session.step_block(+1)
    clock.advance(90)
    close_view(qtbot, first)
    clock.advance(30)  # the app was closed for half a minute
    second = open_view(ctx, session.id, clock, settings, qtbot)
    try:
        assert texts(second) == ("Session clock 2:00 (running)", "Now: 2. What worked",
                                 "18:00 left")
    finally:
        close_view(qtbot, second)


def test_before_the_clock_starts_notes_follow_the_planned_times(ctx, session, blocks, clock,
                                                               view, qtbot):
    clock.now = session.starts.timestamp() + 15 * 60
    assert texts(view)[1] == "By the plan: 2. What worked"
    type_note(qtbot, view, "Typed without starting the clock")
    assert stored(ctx, session.id)[0].agenda_item_id == blocks[1].id
    qtbot.keyClick(view.composer.entry, Qt.Key.Key_BracketRight, CTRL)
    assert texts(view)[1] == "Now: 3. What got in the way"


def test_choosing_a_block_in_the_agenda_list(ctx, session, blocks, view, qtbot):
    agenda_list = view.agenda.blocks
    agenda_list.setFocus()
    agenda_list.setCurrentRow(2)
    qtbot.keyClick(agenda_list, Qt.Key.Key_Return)
    assert texts(view)[1] == "Now: 3. What got in the way"


def test_the_clock_on_its_own():
    now = [1000.0]
    clock = SessionClock([10, 5], lambda: now[0])
    assert clock.block_remaining() is None and not clock.started
    clock.start()
    now[0] += 700
    assert clock.block_remaining() == -100
    assert clock.step(+1) and clock.block_remaining() == 300
    assert not clock.step(+1)  # there is no third block
    clock.pause()
    again = SessionClock([10, 5], lambda: now[0], SessionClock.state_from(clock.to_dict()))
    assert again.elapsed() == 700 and again.block_index == 1 and not again.running
    assert SessionClock.state_from({"nonsense": 1}) is None
    assert SessionClock([10], lambda: 0.0, ClockState(block_index=4)).block_index is None
    assert (mmss(59.9), mmss(135), mmss(3723)) == ("0:59", "2:15", "1:02:03")
