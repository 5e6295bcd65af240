"""The capture list: lazy paging, delete, retag, star and edit in place (all undoable), filters
and search with the matched words in bold."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication

from app.models import NoteKind
from app.services import capture
from app.services.planning import focus_areas
from app.ui.item_models.note_model import PAGE, NoteListModel
from app.ui.views.capture.note_delegate import NoteTextEditor
from tests.ui.capture_helpers import (
    bulk_notes,
    close_view,
    fill,
    open_view,
    rows,
    select_rows,
    stored,
    type_note,
)

CTRL = Qt.KeyboardModifier.ControlModifier


# --- lazy paging -----------------------------------------------------------------------------

def test_five_thousand_notes_are_fetched_a_page_at_a_time(ctx, session, qtbot, clock, settings,
                                                         monkeypatch):
    bulk_notes(ctx.store, session.id, 5_000)
    read: list[int] = []
    real = capture.notes_by_ids
    monkeypatch.setattr(capture, "notes_by_ids", lambda store, ids: read.append(len(ids)) or
                        real(store, ids))
    view = open_view(ctx, session.id, clock, settings, qtbot)
    try:
        model = view.model
        assert model.total() == 5_000
        assert model.rowCount() == PAGE  # not all at once
        assert sum(read) <= PAGE  # only the rows drawn were read
        assert rows(view)[0] == "note 4999"
        assert model.canFetchMore()
        model.fetchMore()
        assert model.rowCount() == 2 * PAGE
        view.notes.scrollToBottom()
        qtbot.waitUntil(lambda: model.rowCount() > 2 * PAGE)
        assert model.rowCount() < 5_000
        assert view.filters.count.text() == "5,000 notes"
        # A new note is one row on top, still without reading the whole session.
        before = model.rowCount()
        type_note(qtbot, view, "the newest")
        assert model.rowCount() == before + 1
        assert model.index(0).data() == "the newest"
    finally:
        close_view(qtbot, view)


def test_a_model_reads_the_notes_of_the_rows_it_shows(ctx, session):
    bulk_notes(ctx.store, session.id, 250)
    from app.services.planning import sessions
    from app.ui.item_models.note_cards import NoteLabels

    labels = NoteLabels.load(ctx.store, sessions.get_session(ctx.store, session.id))
    model = NoteListModel(ctx.store, session.id, labels, page=100)
    model.load()
    assert model.rowCount() == 100 and model.total() == 250
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == 250
    assert model.index(249).data() == "note 0"


# --- delete, retag, star, edit ---------------------------------------------------------------

def test_delete_is_undone_and_redone(ctx, session, view, qtbot):
    fill(qtbot, view, "first", "second", "third")
    select_rows(view, 1)
    qtbot.keyClick(view.notes, Qt.Key.Key_Delete)
    assert [n.text for n in stored(ctx, session.id)] == ["third", "first"]
    assert rows(view) == ["third", "first"]
    assert view.notes.currentIndex().row() == 1  # the next note is current, ready for more
    ctx.undo_stack.undo()
    assert rows(view) == ["third", "second", "first"]
    assert [n.text for n in stored(ctx, session.id)] == ["third", "second", "first"]
    ctx.undo_stack.redo()
    assert rows(view) == ["third", "first"]


def test_deleting_several_is_one_undo_step(ctx, session, view, qtbot):
    fill(qtbot, view, "first", "second", "third")
    select_rows(view, 0, 2)
    qtbot.keyClick(view.notes, Qt.Key.Key_Delete)
    assert rows(view) == ["second"]
    ctx.undo_stack.undo()
    assert rows(view) == ["third", "second", "first"]


def test_ctrl_digit_on_the_list_retags_the_selection_and_undo_restores(ctx, session, view,
                                                                        qtbot):
    areas = {a.key: a for a in focus_areas.list_focus_areas(ctx.store, session.system_id)}
    fill(qtbot, view, "first #strategic-planning", "second", "third")
    select_rows(view, 1, 2)  # "second" and "first"
    qtbot.keyClick(view.notes, Qt.Key.Key_1, CTRL)
    by_text = {n.text: n for n in stored(ctx, session.id)}
    assert by_text["second"].focus_area_ids == (areas[1].id,)
    assert set(by_text["first #strategic-planning"].focus_area_ids) == {areas[1].id, areas[3].id}
    assert by_text["third"].focus_area_ids == ()
    assert view.composer.chips.texts() == []  # the entry was left alone
    assert [c.text for c in view.model.card(1).chips] == ["1 Community Led Approaches"]
    # Pressed again on notes that all have it, it takes it off.
    qtbot.keyClick(view.notes, Qt.Key.Key_1, CTRL)
    assert stored(ctx, session.id)[1].focus_area_ids == ()
    ctx.undo_stack.undo()
    ctx.undo_stack.undo()
    by_text = {n.text: n for n in stored(ctx, session.id)}
    assert by_text["second"].focus_area_ids == ()
    assert by_text["first #strategic-planning"].focus_area_ids == (areas[3].id,)
    assert view.model.card(1).chips == ()


def test_star_with_ctrl_d_or_asterisk_and_undo(ctx, session, view, qtbot):
    fill(qtbot, view, "first", "second")
    select_rows(view, 0)
    qtbot.keyClick(view.notes, Qt.Key.Key_D, CTRL)
    assert [n.starred for n in stored(ctx, session.id)] == [True, False]
    assert view.model.card(0).meta.startswith("★ Starred")
    qtbot.keyClicks(view.notes, "*")
    assert [n.starred for n in stored(ctx, session.id)] == [False, False]
    ctx.undo_stack.undo()
    assert [n.starred for n in stored(ctx, session.id)] == [True, False]


def test_edit_in_place_saves_on_enter_and_undo_restores(ctx, session, view, qtbot):
    fill(qtbot, view, "Volunter drivers")
    select_rows(view, 0)
    qtbot.keyClick(view.notes, Qt.Key.Key_Return)
    editor = QApplication.focusWidget()
    assert isinstance(editor, NoteTextEditor)
    assert editor.toPlainText() == "Volunter drivers"
    editor.selectAll()
    qtbot.keyClicks(editor, "Volunteer drivers filled the gap #transport")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.notes.state() != QAbstractItemView.State.EditingState)
    note = stored(ctx, session.id)[0]
    assert note.text == "Volunteer drivers filled the gap #transport"
    assert capture.note_records(ctx.store, [note])[0]["tags"] == ["transport"]
    assert rows(view) == ["Volunteer drivers filled the gap #transport"]
    ctx.undo_stack.undo()
    note = stored(ctx, session.id)[0]
    assert (note.text, note.tag_ids) == ("Volunter drivers", ())
    assert rows(view) == ["Volunter drivers"]


def test_escape_in_the_editor_changes_nothing(ctx, session, view, qtbot):
    fill(qtbot, view, "Keep me")
    select_rows(view, 0)
    qtbot.keyClick(view.notes, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, NoteTextEditor)
    qtbot.keyClicks(editor, " and more")
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: view.notes.state() != QAbstractItemView.State.EditingState)
    assert stored(ctx, session.id)[0].text == "Keep me"
    assert ctx.undo_stack.undoText() == "Add note 'Keep me'"


def test_escape_on_the_list_goes_back_to_the_entry(view, qtbot):
    fill(qtbot, view, "one")
    select_rows(view, 0)
    qtbot.keyClick(view.notes, Qt.Key.Key_Escape)
    assert view.composer.entry.hasFocus()


# --- filters and search ----------------------------------------------------------------------

def wait_for_list(qtbot, view, expected: list[str]) -> None:
    """Until the filter on screen has been applied (its query runs on a worker)."""
    qtbot.waitUntil(lambda: view.model.where == view.filters.current()
                    and not view.busy(), timeout=3000)
    assert rows(view) == expected


def test_filters_narrow_the_list_and_clear_brings_it_back(ctx, session, blocks, view, qtbot):
    fill(qtbot, view, "/barrier No broadband #digital", "@Housing officer: We knocked",
         "Ferry times #community-led")
    select_rows(view, 0)
    qtbot.keyClick(view.notes, Qt.Key.Key_D, CTRL)
    bar = view.filters
    bar.filters_button.click()
    bar.kind.setCurrentIndex(bar.kind.findData(NoteKind.BARRIER.value))
    wait_for_list(qtbot, view, ["No broadband #digital"])
    assert bar.count.text() == "1 note matches"
    bar.clear_filters()
    wait_for_list(qtbot, view, ["Ferry times #community-led", "We knocked",
                                "No broadband #digital"])
    bar.speaker.setCurrentIndex(bar.speaker.findData("Housing officer"))
    wait_for_list(qtbot, view, ["We knocked"])
    bar.clear_filters()
    bar.starred.setChecked(True)
    wait_for_list(qtbot, view, ["Ferry times #community-led"])
    bar.clear_filters()
    bar.untagged.setChecked(True)
    wait_for_list(qtbot, view, ["We knocked"])
    bar.clear_filters()
    bar.area.setCurrentIndex(1)  # "1 Community Led Approaches"
    wait_for_list(qtbot, view, ["Ferry times #community-led"])
    bar.clear_filters()
    bar.tag.setCurrentIndex(bar.tag.findText("#digital"))
    wait_for_list(qtbot, view, ["No broadband #digital"])


def test_a_new_note_shows_only_when_it_passes_the_filter(ctx, session, view, qtbot):
    fill(qtbot, view, "Ferry times #community-led")
    view.filters.filters_button.click()
    view.filters.area.setCurrentIndex(1)
    wait_for_list(qtbot, view, ["Ferry times #community-led"])
    type_note(qtbot, view, "Tagged too #community-led")
    assert rows(view) == ["Tagged too #community-led", "Ferry times #community-led"]
    assert view.model.pinned() == []


def test_the_block_filter(ctx, session, blocks, view, qtbot):
    type_note(qtbot, view, "Before the clock")
    qtbot.keyClick(view.composer.entry, Qt.Key.Key_F9)  # starts the clock on block 1
    type_note(qtbot, view, "During the welcome")
    view.filters.filters_button.click()
    view.filters.block.setCurrentIndex(view.filters.block.findData(blocks[0].id))
    wait_for_list(qtbot, view, ["During the welcome"])


def test_search_waits_for_a_pause_and_bolds_the_matched_words(ctx, session, view, qtbot):
    fill(qtbot, view, "Housing officers knocked on doors", "The ferry decides the clinic",
         "Rehousing is not housing")
    view.focus_search()
    assert view.filters.search.hasFocus()
    qtbot.keyClicks(view.filters.search, "hous")
    assert len(rows(view)) == 3  # nothing asked yet: the search waits for a pause
    wait_for_list(qtbot, view, ["Rehousing is not housing", "Housing officers knocked on doors"])
    assert view.filters.count.text() == "2 notes match"
    card = view.model.card(1)
    assert card.parts == (("Housing", True), (" officers knocked on doors", False))
    # "Rehousing" does not start with "hous": only the whole word "housing" is bold.
    assert view.model.card(0).parts == (("Rehousing is not ", False), ("housing", True))
    # A new note that matches arrives bold too.
    type_note(qtbot, view, "Housing first")
    assert rows(view)[0] == "Housing first"
    assert view.model.card(0).parts == (("Housing", True), (" first", False))
    view.filters.search.clear()
    wait_for_list(qtbot, view, ["Housing first", "Rehousing is not housing",
                                "The ferry decides the clinic", "Housing officers knocked on doors"])
    assert view.model.card(0).parts == (("Housing first", False),)


def test_a_search_that_finds_nothing_says_so(ctx, session, view, qtbot):
    fill(qtbot, view, "one")
    qtbot.keyClicks(view.filters.search, "zebra")
    wait_for_list(qtbot, view, [])
    assert view.filters.count.text() == "0 notes match"


def test_escape_in_the_search_clears_it_then_goes_back_to_the_entry(view, qtbot):
    fill(qtbot, view, "Ferry times", "Broadband")
    view.focus_search()
    qtbot.keyClicks(view.filters.search, "ferry")
    wait_for_list(qtbot, view, ["Ferry times"])
    qtbot.keyClick(view.filters.search, Qt.Key.Key_Escape)
    assert view.filters.search.text() == "" and view.filters.search.hasFocus()
    wait_for_list(qtbot, view, ["Broadband", "Ferry times"])
    qtbot.keyClick(view.filters.search, Qt.Key.Key_Escape)
    assert view.composer.entry.hasFocus()
