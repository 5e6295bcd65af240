"""Capture never looks like it lost a note: what was saved stays in sight and is said aloud.

A note saved while the search or a filter leaves it out is pinned and marked; what imports and
bulk actions did is said in the status bar and selected; older notes show their date; a
session marked done asks once to be reopened. All through the real view on a real store.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from app.models import SessionStatus
from app.services import capture
from app.services.planning import sessions
from app.ui.item_models.note_cards import card_for, local_when
from app.ui.item_models.note_model import PINNED_NOTE, PINNED_ROLE
from app.ui.views.capture.capture_view import EMPTY, NONE_MATCH
from tests.ui.capture_helpers import bulk_notes, fill, open_view, rows, select_rows, type_note

WAIT = 10_000


def status_messages(ctx) -> list[str]:
    said: list[str] = []
    ctx.bus.status.connect(said.append)
    return said


def settled(qtbot, view) -> None:
    """Until the filter on screen has been applied (its query runs on a worker)."""
    qtbot.waitUntil(lambda: view.model.where == view.filters.current() and not view.busy(),
                    timeout=WAIT)


def search(qtbot, view, words: str) -> None:
    view.focus_search()
    qtbot.keyClicks(view.filters.search, words)
    view.filters.search_now()
    settled(qtbot, view)


# --- the just-saved note -----------------------------------------------------------------------

def test_a_note_the_search_leaves_out_is_pinned_marked_and_counted(ctx, session, view, qtbot):
    said = status_messages(ctx)
    fill(qtbot, view, "Ferry times changed", "Ferry crews were kind")
    search(qtbot, view, "ferry")
    assert view.filters.count.text() == "2 notes match"
    assert view.filters.show_all_button.isHidden()

    type_note(qtbot, view, "Broadband drops out in the glens")
    # Saved, not vanished: on top, marked in words, counted apart from the matches.
    assert rows(view) == ["Broadband drops out in the glens", "Ferry crews were kind",
                          "Ferry times changed"]
    top = view.model.index(0)
    assert top.data(PINNED_ROLE) is True and view.model.index(1).data(PINNED_ROLE) is False
    assert top.data(Qt.ItemDataRole.AccessibleTextRole).startswith(PINNED_NOTE)
    assert view.filters.count.text() == ("2 notes match, and 1 saved note hidden by the "
                                         "filter, pinned on top")
    assert view.filters.show_all_button.isVisibleTo(view)
    assert said[-1] == "Saved; hidden by the current filter, so pinned on top."
    assert len(capture.list_notes(ctx.store, session.id)) == 3

    # A second one pins above the first; deleting a pinned note takes it out of the count.
    type_note(qtbot, view, "Nobody owns the rota")
    assert view.model.pinned() == [capture.list_notes(ctx.store, session.id)[0].id,
                                   view.model.pinned()[1]]
    assert view.filters.count.text().startswith("2 notes match, and 2 saved notes hidden")
    select_rows(view, 0)
    qtbot.keyClick(view.notes, Qt.Key.Key_Delete)
    assert rows(view)[0] == "Broadband drops out in the glens"
    assert view.filters.count.text().endswith("1 saved note hidden by the filter, pinned on top")

    # Show all (by keyboard, Alt+A) clears the search: every note in its place, none pinned.
    view.filters.show_all_button.setFocus()
    qtbot.keyClick(view.filters.show_all_button, Qt.Key.Key_Space)
    settled(qtbot, view)
    assert view.filters.search.text() == ""
    assert rows(view) == ["Broadband drops out in the glens", "Ferry crews were kind",
                          "Ferry times changed"]
    assert view.model.pinned() == [] and view.filters.show_all_button.isHidden()
    assert view.filters.count.text() == "3 notes"


def test_the_pin_lasts_until_the_filter_changes(ctx, session, view, qtbot):
    type_note(qtbot, view, "Ferry times", enter=False)
    qtbot.keyClick(view.composer.entry, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(view.composer.entry, Qt.Key.Key_Return)
    view.filters.filters_button.click()
    view.filters.area.setCurrentIndex(1)
    settled(qtbot, view)
    type_note(qtbot, view, "Not tagged")
    assert rows(view) == ["Not tagged", "Ferry times"]
    # Starring the pinned note keeps it pinned; tagging it so it passes puts it in its place.
    select_rows(view, 0)
    qtbot.keyClick(view.notes, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert view.model.pinned() != [] and rows(view)[0] == "Not tagged"
    qtbot.keyClick(view.notes, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: view.model.pinned() == [], timeout=WAIT)
    assert rows(view) == ["Not tagged", "Ferry times"]
    type_note(qtbot, view, "Another untagged")
    assert view.model.pinned() != []
    view.filters.kind.setCurrentIndex(1)  # a new filter: what it leaves out is what was asked
    settled(qtbot, view)
    assert view.model.pinned() == []


def test_a_bulk_retag_that_leaves_the_filter_pins_instead_of_vanishing(ctx, session, view, qtbot):
    said = status_messages(ctx)
    fill(qtbot, view, "first", "second", "third")
    view.filters.filters_button.click()
    view.filters.untagged.setChecked(True)
    settled(qtbot, view)
    select_rows(view, 0, 2)
    qtbot.keyClick(view.notes, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert said[-1].startswith("Tagged 2 notes with 2 ")
    assert sorted(rows(view)[:2]) == ["first", "third"] and len(view.model.pinned()) == 2
    assert view.filters.count.text() == "1 note matches, and 2 saved notes hidden by the " \
                                        "filter, pinned on top"


def test_a_note_that_passes_is_never_pinned(ctx, session, view, qtbot):
    search(qtbot, view, "ferry")
    type_note(qtbot, view, "Ferry again")
    assert rows(view) == ["Ferry again"] and view.model.pinned() == []


# --- bulk actions and imports confirm and select ----------------------------------------------

def test_pasted_notes_are_confirmed_and_selected(ctx, session, view, qtbot):
    said = status_messages(ctx)
    type_note(qtbot, view, "Earlier note")
    QApplication.clipboard().setText("Ferries decide\nBroadband drops out\nWe knocked\n")
    view.composer.entry.paste()
    view.composer.paste_offer.split_button.click()
    assert said[-1] == "Added 3 notes."
    chosen = {view.model.index(r).data() for r in
              (i.row() for i in view.notes.selectionModel().selectedRows())}
    assert chosen == {"Ferries decide", "Broadband drops out", "We knocked"}


def test_an_import_is_confirmed_selected_and_pinned_when_filtered(ctx, session, view, qtbot,
                                                                   tmp_path: Path):
    said = status_messages(ctx)
    fill(qtbot, view, "Ferry times")
    search(qtbot, view, "ferry")
    wall = tmp_path / "wall.txt"
    wall.write_text("Ferry crews were kind\nNobody owns the rota\nLift sharing helps\n",
                    encoding="utf-8")
    view.import_dialog = None
    view.import_notes(wall)
    qtbot.waitUntil(lambda: view.import_dialog is not None and view.import_dialog.isVisible(),
                    timeout=WAIT)
    with qtbot.waitSignal(view.import_dialog.finished, timeout=WAIT):
        view.import_dialog.add_button.click()
    qtbot.waitUntil(lambda: len(view.notes.selected_ids()) == 3, timeout=WAIT)
    assert said[-1] == ("Added 3 notes; 2 of them are hidden by the current filter. Show all "
                        "(Alt+A) shows every note.")
    assert "Added 3 notes from wall.txt." in said
    assert len(view.model.pinned()) == 2
    assert set(rows(view)) == {"Ferry times", "Ferry crews were kind", "Nobody owns the rota",
                               "Lift sharing helps"}


# --- dates, chips and the status bar ------------------------------------------------------------

def test_notes_from_another_day_show_their_date(ctx, session, view, qtbot):
    bulk_notes(ctx.store, session.id, 1, words="Older")
    type_note(qtbot, view, "Today's note")
    view.model.refresh()
    today, older = view.model.card(0), view.model.card(1)
    assert today.meta.split(" · ")[0].count(":") == 1 and len(today.meta.split(" · ")[0]) == 5
    when = older.note.created_at.astimezone()
    assert older.meta.split(" · ")[0] == f"{when.day} {when.strftime('%b')} {when:%H:%M}" \
        or older.meta.split(" · ")[0].endswith(f"{when.year} {when:%H:%M}")
    assert f"Captured on {when.day} {when:%B %Y}" in older.spoken


def test_the_date_has_its_year_when_it_is_not_this_one():
    at = datetime(2025, 3, 4, 9, 30, tzinfo=UTC)
    local = at.astimezone()
    assert local_when(at, date(2026, 12, 8)) == f"{local.day} Mar 2025 {local:%H:%M}"
    assert local_when(at, local.date()) == f"{local:%H:%M}"
    assert local_when(at + timedelta(days=1), local.date()).startswith(f"{(local + timedelta(days=1)).day} ")


def test_tags_and_speaker_are_chips_alike_and_the_text_reads_naturally(ctx, session, people, view,
                                                                       qtbot):
    type_note(qtbot, view, "@Ruairi Madeup: People said #trust matters #transport")
    note = capture.list_notes(ctx.store, session.id)[0]
    assert note.text == "People said #trust matters #transport"  # stored as typed
    card = view.model.card(0)
    assert [c.text for c in card.chips] == ["#transport", "#trust", "@Ruairi Madeup"]
    assert card.parts == (("People said trust matters", False),)
    # The entry shows the same chips while typing.
    qtbot.keyClicks(view.composer.entry, "@Iona Fictional: Lifts #digital")
    assert view.composer.chips.texts() == ["#digital", "@Iona Fictional"]
    # A search mark survives the tidying.
    assert card_for(note, view.session.labels).parts == card.parts


def test_capture_events_reach_the_status_bar(ctx, session, view, qtbot):
    said = status_messages(ctx)
    type_note(qtbot, view, "Ferry times")
    assert said[-1] == "Saved: Ferry times"
    qtbot.keyClick(view.composer.entry, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert said[-1] == "The note being typed is tagged 1 Community Led Approaches."
    qtbot.keyClick(view.composer.entry, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert said[-1] == "Took 1 Community Led Approaches off the note being typed."
    alerts: list[str] = []
    ctx.bus.alert.connect(alerts.append)  # an error is announced at once, not queued
    qtbot.keyClick(view.composer.entry, Qt.Key.Key_8, Qt.KeyboardModifier.ControlModifier)
    assert alerts == ["No focus area has the quick key 8."]


def test_the_empty_list_says_how_to_start(ctx, session, view, qtbot):
    assert view.model.rowCount() == 0
    assert view.notes.accessibleDescription() == EMPTY
    assert "press Enter" in EMPTY
    type_note(qtbot, view, "Ferry times")
    search(qtbot, view, "nothing-like-this")
    assert view.notes.accessibleDescription() == NONE_MATCH


# --- a session marked done -----------------------------------------------------------------------

def test_capturing_into_a_done_session_asks_once_to_reopen_it(ctx, session, clock, settings,
                                                              qtbot):
    from tests.ui.capture_helpers import close_view

    sessions.update_session(ctx.store, session.id, status=SessionStatus.DONE)
    view = open_view(ctx, session.id, clock, settings, qtbot)
    try:
        offer = view.composer.reopen_offer
        assert offer.isHidden()
        type_note(qtbot, view, "A late thought")
        assert offer.isVisibleTo(view) and "marked done" in offer.label.text()
        assert len(capture.list_notes(ctx.store, session.id)) == 1  # saved whatever the answer
        steps = ctx.undo_stack.count()
        offer.yes_button.click()
        assert sessions.get_session(ctx.store, session.id).status == SessionStatus.LIVE
        assert ctx.undo_stack.count() == steps + 1 and offer.isHidden()
        ctx.undo_stack.undo()
        assert sessions.get_session(ctx.store, session.id).status == SessionStatus.DONE
        type_note(qtbot, view, "Another late thought")
        assert offer.isHidden()  # asked once
    finally:
        close_view(qtbot, view)


def test_keeping_a_done_session_done(ctx, session, clock, settings, qtbot):
    from tests.ui.capture_helpers import close_view

    sessions.update_session(ctx.store, session.id, status=SessionStatus.DONE)
    view = open_view(ctx, session.id, clock, settings, qtbot)
    try:
        type_note(qtbot, view, "A late thought")
        view.composer.reopen_offer.no_button.click()
        type_note(qtbot, view, "Another")
        assert view.composer.reopen_offer.isHidden()
        assert sessions.get_session(ctx.store, session.id).status == SessionStatus.DONE
    finally:
        close_view(qtbot, view)


def test_a_note_saved_while_the_filter_is_being_asked_for_is_pinned(ctx, session, view, qtbot):
    fill(qtbot, view, "Ferry times")
    view.filters.search.setText("ferry")
    view.filters.search_now()  # the query is on a worker now; the note is saved before it answers
    view.composer.set_text("Broadband drops out")
    assert view.composer.save() is not None
    settled(qtbot, view)
    assert rows(view) == ["Broadband drops out", "Ferry times"]
    assert len(view.model.pinned()) == 1


def test_the_shown_text_drops_closing_tags_and_the_hash_inside_a_sentence():
    from app.ui.item_models.note_cards import natural_parts

    def shown(*parts):
        return natural_parts(tuple(parts))

    assert shown(("Fuel cards helped #transport #rural", False)) == (("Fuel cards helped", False),)
    assert shown(("people said #trust matters", False)) == (("people said trust matters", False),)
    assert shown(("ranked #1 by the board", False)) == (("ranked #1 by the board", False),)
    assert shown(("#transport", False)) == (("transport", False),)  # a tag alone stays readable
    assert shown(("page#top and &#39; stay", False)) == (("page#top and &#39; stay", False),)
    # Search marks keep their places.
    assert shown(("the ", False), ("ferry", True), (" decides #transport", False)) == (
        ("the ", False), ("ferry", True), (" decides", False))


def test_show_all_on_the_pinned_note_itself_can_be_clicked(ctx, session, view, qtbot):
    fill(qtbot, view, "Ferry times")
    search(qtbot, view, "ferry")
    type_note(qtbot, view, "Broadband drops out")
    assert view.model.pinned() != []
    marker = view.notes.visualRect(view.model.index(0)).topLeft() + QPoint(20, 14)
    qtbot.mouseClick(view.notes.viewport(), Qt.MouseButton.LeftButton, pos=marker)
    settled(qtbot, view)
    assert view.filters.search.text() == "" and view.model.pinned() == []
    assert rows(view) == ["Broadband drops out", "Ferry times"]
