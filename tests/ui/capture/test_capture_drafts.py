"""What is being typed is never lost (drafts), near-duplicate hints, and splitting a paste."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.services.capture import drafts
from tests.ui.capture_helpers import close_view, open_view, rows, stored, type_note

CTRL = Qt.KeyboardModifier.ControlModifier


def test_a_draft_is_kept_while_typing_and_restored_on_reopening(ctx, session, blocks, people,
                                                                clock, settings, qtbot):
    said: list[str] = []
    ctx.bus.status.connect(said.append)
    first = open_view(ctx, session.id, clock, settings, qtbot)
    qtbot.keyClicks(first.composer.entry, "Half way through a thought about ferries")
    qtbot.waitUntil(lambda: drafts.load_draft(ctx.store, session.id)
                    == "Half way through a thought about ferries", timeout=3000)
    close_view(qtbot, first)
    assert said == []
    second = open_view(ctx, session.id, clock, settings, qtbot)
    try:
        assert second.composer.entry.toPlainText() == "Half way through a thought about ferries"
        assert said == ["Restored the note you were typing"]
        qtbot.keyClick(second.composer.entry, Qt.Key.Key_Return)
        assert stored(ctx, session.id)[0].text == "Half way through a thought about ferries"
        qtbot.waitUntil(lambda: drafts.load_draft(ctx.store, session.id) == "", timeout=3000)
    finally:
        close_view(qtbot, second)


def test_a_draft_left_by_a_crash_just_after_saving_is_not_brought_back(ctx, session, blocks,
                                                                      people, clock, settings,
                                                                      qtbot):
    """Killed between committing a note and forgetting its draft: the note is not typed twice."""
    first = open_view(ctx, session.id, clock, settings, qtbot)
    type_note(qtbot, first, "@Iona Fictional: The ferry decides the clinic #transport")
    close_view(qtbot, first)
    drafts.save_draft(ctx.store, session.id, "@Iona Fictional: The ferry decides the clinic "
                                             "#transport")
    second = open_view(ctx, session.id, clock, settings, qtbot)
    try:
        assert second.composer.text() == ""
        qtbot.waitUntil(lambda: drafts.load_draft(ctx.store, session.id) == "", timeout=3000)
        assert len(stored(ctx, session.id)) == 1
    finally:
        close_view(qtbot, second)


def test_closing_the_view_keeps_what_was_just_typed(ctx, session, view, qtbot):
    qtbot.keyClicks(view.composer.entry, "typed a moment ago")
    view.hide()  # leaving capture: no waiting for the pause in typing
    assert drafts.load_draft(ctx.store, session.id) == "typed a moment ago"


def test_leaving_the_entry_writes_the_draft_at_once(ctx, session, view, qtbot):
    qtbot.keyClicks(view.composer.entry, "then I moved to the list")
    view.notes.setFocus()
    qtbot.waitUntil(lambda: drafts.load_draft(ctx.store, session.id)
                    == "then I moved to the list", timeout=1000)


def test_a_near_duplicate_is_hinted_and_linked_instead(ctx, session, view, qtbot):
    type_note(qtbot, view, "The ferry timetable decides when the clinic can open")
    earlier = stored(ctx, session.id)[0]
    entry = view.composer.entry
    qtbot.keyClicks(entry, "the ferry timetable decides when the clinic opens")
    qtbot.keyClick(entry, Qt.Key.Key_1, CTRL)
    hint = view.composer.hint
    qtbot.waitUntil(hint.isVisible, timeout=3000)
    assert hint.label.text() == ("Similar to an earlier note: “The ferry timetable decides "
                                 "when the clinic can open”")
    assert entry.hasFocus()  # the hint never takes the keyboard
    hint.link_button.click()
    notes = stored(ctx, session.id)
    assert [n.id for n in notes] == [earlier.id]  # no second note
    assert notes[0].starred and len(notes[0].focus_area_ids) == 1
    assert entry.toPlainText() == "" and not hint.isVisible()
    ctx.undo_stack.undo()
    restored = stored(ctx, session.id)[0]
    assert (restored.starred, restored.focus_area_ids) == (False, ())


def test_a_dismissed_hint_stays_away_for_that_note(ctx, session, view, qtbot):
    type_note(qtbot, view, "Volunteer drivers filled the gap when buses stopped")
    entry = view.composer.entry
    qtbot.keyClicks(entry, "volunteer drivers filled the gap when the buses stopped")
    hint = view.composer.hint
    qtbot.waitUntil(hint.isVisible, timeout=3000)
    hint.dismiss_button.click()
    qtbot.keyClicks(entry, " again")
    qtbot.waitUntil(lambda: not hint.busy(), timeout=3000)
    assert not hint.isVisible()
    qtbot.keyClick(entry, Qt.Key.Key_Return)
    assert len(stored(ctx, session.id)) == 2


def test_pasting_several_lines_offers_to_split_them(ctx, session, view, qtbot):
    QApplication.clipboard().setText("Ferries #community-led\n\n@Housing officer: We knocked\n"
                                     "Broadband drops out\n")
    entry = view.composer.entry
    entry.paste()
    offer = view.composer.paste_offer
    assert offer.isVisible()
    assert offer.label.text() == "You pasted 3 lines. Save each line as a note of its own?"
    assert offer.split_button.text() == "S&ave as 3 notes"
    assert stored(ctx, session.id) == []
    offer.split_button.click()
    assert rows(view) == ["Broadband drops out", "We knocked", "Ferries #community-led"]
    assert stored(ctx, session.id)[1].speaker_label == "Housing officer"
    assert entry.toPlainText() == "" and not offer.isVisible()
    ctx.undo_stack.undo()
    assert stored(ctx, session.id) == []


def test_a_paste_can_stay_one_note(ctx, session, view, qtbot):
    QApplication.clipboard().setText("line one\nline two")
    view.composer.entry.paste()
    view.composer.paste_offer.keep_button.click()
    assert not view.composer.paste_offer.isVisible()
    qtbot.keyClick(view.composer.entry, Qt.Key.Key_Return)
    assert [n.text for n in stored(ctx, session.id)] == ["line one\nline two"]
