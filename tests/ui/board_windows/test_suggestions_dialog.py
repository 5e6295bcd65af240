"""Suggest themes: suggestions shown with the words that made them, nothing applied until one
is accepted, each accept one undo step, titles editable, refusals said, keyboard throughout."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.services.sensemaking import themes
from app.ui.views.board.suggestions_dialog import SuggestionsDialog
from app.ui.views.board.suggestions_found import marked_html
from tests.ui.accessibility import accessible_problems, clashing_mnemonics, unnamed_widgets
from tests.ui.board_windows.conftest import activate, themes_of

FERRY = {"Ferry timetables cut people off from the mainland",
         "The ferry timetable changed and nobody told the islands"}
STREET = {"Volunteers knew the door of each house in the street",
          "Street volunteers checked on every door"}
GRANTS = {"Small grants were decided in a phone call",
          "Small grants came through a phone call, fast"}


@pytest.fixture
def dialog(ctx, session, tray, qtbot):
    made = SuggestionsDialog(ctx, session.id)
    qtbot.addWidget(made)
    activate(qtbot, made)
    qtbot.waitUntil(lambda: made.ready)
    return made


def refreshed(qtbot, dialog):
    """Wait, around a change, for the suggestions computed after it."""
    return qtbot.waitSignal(dialog.refreshed, timeout=5000)


def shown(dialog, tray) -> list[set[str]]:
    """Each suggestion listed, as the texts of its notes."""
    text_of = {note_id: text for text, note_id in tray.items()}
    return [{text_of[n] for n in s.note_ids} for s in dialog.found.suggestions]


def row_of(dialog, tray, texts: set[str]) -> int:
    return shown(dialog, tray).index(texts)


def marked_words(dialog) -> set[str]:
    """The words the notes view shows bold and underlined."""
    document = dialog.notes_view.document()
    found, block = set(), document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            form = fragment.charFormat()
            if form.fontUnderline() and form.fontWeight() >= 700:
                found.add(fragment.text().lower())
            it += 1
        block = block.next()
    return found


def test_each_suggestion_shows_its_title_words_and_notes(dialog, tray, ctx, session):
    assert sorted(map(sorted, shown(dialog, tray))) == sorted(map(sorted, [FERRY, STREET,
                                                                           GRANTS]))
    assert dialog.list.count() == 3
    assert "3 suggested themes for the 8 notes in the tray" in dialog.summary.text()
    dialog.list.setCurrentRow(row_of(dialog, tray, FERRY))
    item = dialog.list.currentItem()
    assert item.text() == "Ferry, timetable\n2 notes · sharing ferry, timetable"
    assert "sharing the words ferry, timetable" in item.data(Qt.ItemDataRole.AccessibleTextRole)
    assert dialog.title_edit.text() == "Ferry, timetable"
    assert dialog.words_label.accessibleName() == "Shared words: ferry, timetable"
    plain = dialog.notes_view.toPlainText()
    assert all(text in plain for text in FERRY)
    # "timetables" and "ferry" are marked in the notes: the words, as written, that made it.
    assert marked_words(dialog) == {"ferry", "timetables", "timetable"}
    assert themes_of(ctx, session.id) == {}  # nothing is applied by looking


def test_shared_words_are_marked_in_any_form_and_text_stays_text():
    assert marked_html("Ferries & <b>timetable</b>'s ferry-men", {"ferry", "timetable"}) == (
        "<b><u>Ferries</u></b> &amp; &lt;b&gt;<b><u>timetable</u></b>&lt;/b&gt;&#x27;s ferry-men")


def test_enter_accepts_one_suggestion_as_one_undo_step(dialog, tray, ctx, session, qtbot):
    dialog.list.setCurrentRow(row_of(dialog, tray, STREET))
    dialog.list.setFocus()
    with refreshed(qtbot, dialog):
        qtbot.keyClick(dialog.list, Qt.Key.Key_Return)
        street_ids = {tray[t] for t in STREET}
        assert themes_of(ctx, session.id) == {"Door, street, volunteer": street_ids}
        assert ctx.undo_stack.count() == 1
    assert STREET not in shown(dialog, tray) and len(shown(dialog, tray)) == 2
    made = next(iter(themes_of(ctx, session.id)))
    with refreshed(qtbot, dialog):
        ctx.undo_stack.undo()
        assert themes_of(ctx, session.id) == {}
    assert STREET in shown(dialog, tray)  # back in the tray, so suggested again
    ctx.undo_stack.redo()
    assert themes_of(ctx, session.id) == {made: street_ids}


def test_the_edited_title_is_the_theme_title_and_survives_a_refresh(dialog, tray, ctx, session,
                                                                      qtbot):
    dialog.list.setCurrentRow(row_of(dialog, tray, GRANTS))
    dialog.title_edit.setFocus()
    dialog.title_edit.selectAll()
    qtbot.keyClicks(dialog.title_edit, "Grants by phone")
    assert dialog.list.currentItem().text().startswith("Grants by phone\n")
    dialog.list.setCurrentRow(row_of(dialog, tray, FERRY))
    with refreshed(qtbot, dialog):
        dialog.accept_button.click()  # the ferry suggestion, under its own title
    dialog.list.setCurrentRow(row_of(dialog, tray, GRANTS))
    assert dialog.title_edit.text() == "Grants by phone"  # kept while it is suggested
    dialog.title_edit.setFocus()
    qtbot.keyClick(dialog.title_edit, Qt.Key.Key_Return)  # Enter accepts from the title too
    assert themes_of(ctx, session.id) == {"Ferry, timetable": {tray[t] for t in FERRY},
                                          "Grants by phone": {tray[t] for t in GRANTS}}
    assert ctx.undo_stack.count() == 2


def test_accept_all_shown_is_one_undo_step(dialog, tray, ctx, session, qtbot):
    with refreshed(qtbot, dialog):
        qtbot.mouseClick(dialog.accept_all_button, Qt.MouseButton.LeftButton)
    assert set(themes_of(ctx, session.id)) == {"Ferry, timetable", "Door, street, volunteer",
                                               "Call, grant, phone"}
    assert ctx.undo_stack.count() == 1
    assert ctx.undo_stack.undoText() == "Accept 3 suggested themes"
    # Left in the tray: two notes alike in nothing.
    assert dialog.stack.currentWidget() is dialog.empty
    assert "No notes in the tray are alike enough" in dialog.empty.text()
    assert "(2 notes compared)" in dialog.empty.text()
    assert not dialog.accept_button.isVisible()
    with refreshed(qtbot, dialog):
        ctx.undo_stack.undo()
    assert themes_of(ctx, session.id) == {}
    assert dialog.list.count() == 3 and dialog.accept_button.isEnabled()
    ctx.undo_stack.redo()
    assert len(themes_of(ctx, session.id)) == 3


def test_a_note_gone_from_the_tray_refuses_the_accept_and_refreshes(dialog, tray, ctx, session,
                                                                      qtbot, refusals):
    dialog.list.setCurrentRow(row_of(dialog, tray, FERRY))
    # Elsewhere (another laptop's sync, say), one of its notes went into a theme meanwhile.
    themes.create_theme(ctx.store, session.id, "Transport",
                        [tray["The ferry timetable changed and nobody told the islands"]])
    dialog.list.setFocus()
    with refreshed(qtbot, dialog):
        qtbot.keyClick(dialog.list, Qt.Key.Key_Return)
    assert refusals == ["A suggested note is no longer in the tray; ask for suggestions again."]
    assert set(themes_of(ctx, session.id)) == {"Transport"}
    assert ctx.undo_stack.count() == 0
    assert FERRY not in shown(dialog, tray) and len(shown(dialog, tray)) == 2


def test_a_session_with_no_notes_in_the_tray_says_so(ctx, system, qtbot):
    from datetime import datetime

    from app.services.planning.sessions import create_session

    empty, _ = create_session(ctx.store, system.id, "Learning network",
                              datetime(2026, 12, 9, 10, 0).astimezone())
    made = SuggestionsDialog(ctx, empty.id)
    qtbot.addWidget(made)
    activate(qtbot, made)
    qtbot.waitUntil(lambda: made.ready)
    assert made.stack.currentWidget() is made.empty
    assert made.empty.text().startswith("There are no notes in the tray")
    assert made.summary.text() == "Nothing to suggest."
    assert made.close_button.hasFocus()
    qtbot.keyClick(made.close_button, Qt.Key.Key_Escape)
    assert not made.isVisible()


def test_keyboard_alone(dialog, tray, qtbot):
    dialog.list.setFocus()
    dialog.list.setCurrentRow(0)
    first_title = dialog.title_edit.text()
    qtbot.keyClick(dialog.list, Qt.Key.Key_Down)
    assert dialog.list.currentRow() == 1 and dialog.title_edit.text() != first_title
    order = []
    for _ in range(6):
        order.append(QApplication.focusWidget())
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert order == [dialog.list, dialog.title_edit, dialog.notes_view, dialog.accept_button,
                     dialog.accept_all_button, dialog.close_button]
    assert dialog.accept_button.isDefault() or dialog.close_button.hasFocus()
    qtbot.keyClick(dialog.list, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_every_part_has_a_name_and_no_mnemonic_clashes(dialog):
    assert unnamed_widgets(dialog) == []
    assert accessible_problems(dialog) == []
    assert clashing_mnemonics(dialog) == {}
    assert dialog.notes_view.isReadOnly()


def test_changes_while_hidden_are_caught_up_when_shown_again(dialog, tray, ctx, session, qtbot):
    dialog.hide()
    ctx.announce(themes.create_theme(ctx.store, session.id, "Grants",
                                     [tray[t] for t in GRANTS])[1])
    QApplication.processEvents()  # what the change queued has run: nothing for a hidden one
    assert dialog.ready and not dialog._later.isActive()
    assert GRANTS in shown(dialog, tray)
    with refreshed(qtbot, dialog):
        dialog.show()
    assert GRANTS not in shown(dialog, tray) and len(shown(dialog, tray)) == 2
