"""The capture view: type, tag, Enter; the note is in the store and on top of the list at once."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from app.models import NoteKind
from app.services import capture
from app.services.planning import focus_areas
from tests.ui.accessibility import clashing_mnemonics, unnamed_widgets
from tests.ui.capture_helpers import rows, stored, type_note

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def areas_by_slug(ctx, session):
    return {a.slug: a for a in focus_areas.list_focus_areas(ctx.store, session.system_id)}


def test_the_entry_has_focus_and_enter_saves_before_showing(ctx, session, view, qtbot):
    assert view.composer.entry.hasFocus()
    inserted: list[int] = []
    view.model.rowsInserted.connect(lambda _parent, first, last: inserted.append(
        len(stored(ctx, session.id))))
    resets: list[bool] = []
    view.model.modelReset.connect(lambda: resets.append(True))
    type_note(qtbot, view, "The ferry timetable decides when the clinic opens")
    notes = stored(ctx, session.id)
    assert [n.text for n in notes] == ["The ferry timetable decides when the clinic opens"]
    # The row appeared after the commit (the store already held the note), as one insert.
    assert inserted == [1] and resets == []
    assert rows(view)[0] == "The ferry timetable decides when the clinic opens"
    assert view.composer.entry.toPlainText() == ""
    assert view.composer.entry.hasFocus()
    type_note(qtbot, view, "Volunteer drivers filled the gap")
    assert rows(view) == ["Volunteer drivers filled the gap",
                          "The ferry timetable decides when the clinic opens"]
    assert view.filters.count.text() == "2 notes"
    assert ctx.undo_stack.count() == 2


def test_shift_enter_adds_a_line_and_enter_saves_both(ctx, session, view, qtbot):
    entry = view.composer.entry
    qtbot.keyClicks(entry, "First line")
    qtbot.keyClick(entry, Qt.Key.Key_Return, SHIFT)
    qtbot.keyClicks(entry, "second line")
    assert entry.toPlainText() == "First line\nsecond line"
    assert stored(ctx, session.id) == []
    qtbot.keyClick(entry, Qt.Key.Key_Return)
    assert [n.text for n in stored(ctx, session.id)] == ["First line\nsecond line"]


def test_an_empty_entry_saves_nothing(ctx, session, view, qtbot):
    type_note(qtbot, view, "   ")
    assert stored(ctx, session.id) == [] and ctx.undo_stack.count() == 0


def test_ctrl_digit_toggles_a_named_chip_and_the_note_keeps_it(ctx, session, view, qtbot):
    areas = areas_by_slug(ctx, session)
    entry = view.composer.entry
    qtbot.keyClicks(entry, "Tenancy sustainment worked")
    qtbot.keyClick(entry, Qt.Key.Key_2, CTRL)
    assert view.composer.chips.texts() == ["2 Emerging Community Service Needs in Integration"]
    qtbot.keyClick(entry, Qt.Key.Key_1, CTRL)
    qtbot.keyClick(entry, Qt.Key.Key_1, CTRL)  # and off again
    assert view.composer.chips.texts() == ["2 Emerging Community Service Needs in Integration"]
    assert "2 Emerging Community" in view.composer.chips.accessibleDescription()
    qtbot.keyClick(entry, Qt.Key.Key_Return)
    note = stored(ctx, session.id)[0]
    assert note.focus_area_ids == (areas["emerging-needs"].id,)
    # The next note starts without the chips of the last one.
    assert view.composer.chips.texts() == []
    card = view.model.card(0)
    assert [c.text for c in card.chips] == ["2 Emerging Community Service Needs in Integration"]


def test_hash_words_and_a_leading_speaker_are_read_from_the_text(ctx, session, people, view,
                                                                 qtbot):
    areas = areas_by_slug(ctx, session)
    type_note(qtbot, view, "@Iona Fictional: Broadband drops out in the glens #digital "
                           "#strategic-planning now")
    note = stored(ctx, session.id)[0]
    assert note.text == "Broadband drops out in the glens #digital #strategic-planning now"
    assert note.speaker_participant_id == people[0].id
    assert note.focus_area_ids == (areas["strategic-planning"].id,)
    assert capture.note_records(ctx.store, [note])[0]["tags"] == ["digital"]
    card = view.model.card(0)
    # The speaker and the tags are chips alike; the text reads as a sentence.
    assert [c.text for c in card.chips] == ["3 Strategic Planning", "#digital", "@Iona Fictional"]
    assert "".join(t for t, _ in card.parts) == ("Broadband drops out in the glens digital "
                                                 "strategic-planning now")
    assert "Said by Iona Fictional" in card.spoken


def test_a_role_speaker_and_a_kind_prefix(ctx, session, view, qtbot):
    qtbot.keyClicks(view.composer.entry, "@Housing officer: /quote We just knocked on doors")
    assert view.composer.chips.texts() == ["@Housing officer", "Kind: Quote"]
    qtbot.keyClick(view.composer.entry, Qt.Key.Key_Return)
    note = stored(ctx, session.id)[0]
    assert (note.text, note.speaker_label, note.kind) == ("We just knocked on doors",
                                                          "Housing officer", NoteKind.QUOTE)


def test_alt_digit_chooses_the_kind_and_an_unclear_prefix_is_explained(ctx, session, view, qtbot):
    entry = view.composer.entry
    qtbot.keyClicks(entry, "Nobody asked us")
    qtbot.keyClick(entry, Qt.Key.Key_3, ALT)
    assert view.composer.current_kind() == NoteKind.BARRIER
    assert "Kind: Barrier" in view.composer.chips.texts()
    qtbot.keyClick(entry, Qt.Key.Key_Return)
    assert stored(ctx, session.id)[0].kind == NoteKind.BARRIER
    assert view.composer.current_kind() == NoteKind.INSIGHT
    type_note(qtbot, view, "/i could be three kinds")
    assert stored(ctx, session.id)[0].text == "Nobody asked us"  # nothing new was saved
    assert view.composer.problem.isVisible()
    assert "could be" in view.composer.problem.text()
    assert view.composer.entry.toPlainText() == "/i could be three kinds"


def test_ctrl_d_stars_the_note_being_typed(ctx, session, view, qtbot):
    entry = view.composer.entry
    qtbot.keyClicks(entry, "A point worth coming back to")
    qtbot.keyClick(entry, Qt.Key.Key_D, CTRL)
    assert "★ Starred" in view.composer.chips.texts()
    qtbot.keyClick(entry, Qt.Key.Key_Return)
    assert stored(ctx, session.id)[0].starred
    assert view.model.card(0).meta.startswith("★ Starred")


def test_hash_completes_focus_area_slugs_and_existing_tags(ctx, session, view, qtbot):
    type_note(qtbot, view, "Earlier note #trust")
    entry = view.composer.entry
    qtbot.keyClicks(entry, "People said #str")
    popup = entry.completer.popup()
    assert popup.isVisible()
    model = entry.completer.completionModel()
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == [
        "#strategic-planning   3 Strategic Planning"]
    qtbot.keyClick(entry, Qt.Key.Key_Tab)
    assert entry.toPlainText() == "People said #strategic-planning "
    assert not popup.isVisible()
    qtbot.keyClicks(entry, "and #tr")
    assert popup.isVisible()
    qtbot.keyClick(entry, Qt.Key.Key_Return)  # takes the suggestion, does not save
    assert entry.toPlainText() == "People said #strategic-planning and #trust "
    assert len(stored(ctx, session.id)) == 1
    qtbot.keyClick(entry, Qt.Key.Key_Return)
    assert len(stored(ctx, session.id)) == 2


def test_enter_after_a_tag_typed_in_full_saves(ctx, session, view, qtbot):
    type_note(qtbot, view, "Earlier note #trust")
    type_note(qtbot, view, "It is about #trust")
    assert [n.text for n in stored(ctx, session.id)] == ["It is about #trust", "Earlier note #trust"]


def test_at_completes_participants_and_earlier_speakers(ctx, session, people, view, qtbot):
    type_note(qtbot, view, "@Housing officer: We knocked")
    entry = view.composer.entry
    qtbot.keyClicks(entry, "@")
    model = entry.completer.completionModel()
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == [
        "Housing officer", "Iona Fictional", "Ruairi Madeup"]
    qtbot.keyClicks(entry, "ru")
    assert entry.completer.completionCount() == 1
    qtbot.keyClick(entry, Qt.Key.Key_Tab)
    assert entry.toPlainText() == "@Ruairi Madeup: "
    qtbot.keyClicks(entry, "Transport is the barrier")
    qtbot.keyClick(entry, Qt.Key.Key_Return)
    assert stored(ctx, session.id)[0].speaker_participant_id == people[1].id


def test_saving_is_undone_and_redone_with_the_same_note(ctx, session, view, qtbot):
    # The main window's Undo, as it reaches the view from outside.
    undo = ctx.undo_stack.createUndoAction(view)
    undo.setShortcut(QKeySequence.StandardKey.Undo)
    view.addAction(undo)
    type_note(qtbot, view, "Undo me")
    note = stored(ctx, session.id)[0]
    assert ctx.undo_stack.undoText() == "Add note 'Undo me'"
    # The entry is empty, so Ctrl+Z reaches the undo stack rather than the entry.
    qtbot.keyClick(view.composer.entry, Qt.Key.Key_Z, CTRL)
    assert stored(ctx, session.id) == []
    assert rows(view) == []
    ctx.undo_stack.redo()
    assert [n.id for n in stored(ctx, session.id)] == [note.id]
    assert rows(view) == ["Undo me"]


def test_ctrl_z_while_typing_undoes_typing_only(ctx, session, view, qtbot):
    type_note(qtbot, view, "Saved first")
    entry = view.composer.entry
    qtbot.keyClicks(entry, "typing")
    qtbot.keyClick(entry, Qt.Key.Key_Z, CTRL)
    assert entry.toPlainText() != "typing"
    assert len(stored(ctx, session.id)) == 1


def test_a_refused_note_keeps_its_text(ctx, session, view, qtbot, refusals):
    areas = areas_by_slug(ctx, session)
    focus_areas.update_focus_area(ctx.store, areas["published-learning"].id, retired=True)
    type_note(qtbot, view, "From the grey literature #published-learning")
    assert refusals and "retired" in refusals[0]
    assert stored(ctx, session.id) == []
    assert view.composer.entry.toPlainText() == "From the grey literature #published-learning"


def test_every_control_is_named(view, qtbot):
    view.filters.filters_button.click()
    type_note(qtbot, view, "A note so the list has a row")
    assert unnamed_widgets(view) == []
    assert clashing_mnemonics(view) == {}
