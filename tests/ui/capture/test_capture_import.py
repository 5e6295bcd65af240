"""Importing notes: a review list for text, CSV and transcripts, accepted in one undoable step."""

from __future__ import annotations

import os
import threading

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from app.models import NoteKind
from app.services import capture
from app.ui.item_models.import_review import SPEAKER, TEXT
from tests.sample_files import TEAMS_TRANSCRIPT
from tests.ui.accessibility import clashing_mnemonics, unnamed_widgets
from tests.ui.capture_helpers import rows, stored

WAIT = 20_000


def review_texts(dialog) -> list[str]:
    return [dialog.model.text(r, TEXT) for r in range(dialog.model.rowCount())]


def opened(view, qtbot, path=None):
    """Import as a person does; the file is read on a worker, then the dialog opens."""
    view.import_dialog = None
    view.import_notes(path)
    qtbot.waitUntil(lambda: view.import_dialog is not None and view.import_dialog.isVisible(),
                    timeout=WAIT)
    return view.import_dialog


def add(dialog, qtbot) -> None:
    """Click Add and wait until the import has run its course (the dialog closes on success)."""
    with qtbot.waitSignal(dialog.session.ctx.tasks.finished, timeout=WAIT):
        dialog.add_button.click()


def test_a_text_file_is_reviewed_then_added_in_one_step(ctx, session, view, qtbot, tmp_path,
                                                       monkeypatch):
    path = tmp_path / "flipchart.txt"
    path.write_text("Ferries decide #community-led\n\nNot this one\nBroadband drops out\n",
                    encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    said: list[str] = []
    ctx.bus.status.connect(said.append)
    view.import_dialog = None
    view.import_button.click()
    qtbot.waitUntil(lambda: view.import_dialog is not None, timeout=WAIT)
    dialog = view.import_dialog
    assert dialog.isVisible() and dialog.pages.currentIndex() == 1
    assert not dialog.back_button.isVisible() and not dialog.next_button.isVisible()
    assert review_texts(dialog) == ["Ferries decide #community-led", "Not this one",
                                    "Broadband drops out"]
    assert dialog.add_button.text() == "&Add 3 notes"
    model = dialog.model
    model.setData(model.index(1, TEXT), Qt.CheckState.Unchecked, Qt.ItemDataRole.CheckStateRole)
    model.setData(model.index(2, TEXT), "Broadband drops out in the glens")
    assert dialog.add_button.text() == "&Add 2 notes"
    assert unnamed_widgets(dialog) == []
    assert clashing_mnemonics(dialog) == {}
    steps = ctx.undo_stack.count()
    add(dialog, qtbot)
    assert not dialog.isVisible()
    assert ctx.undo_stack.count() == steps + 1
    notes = stored(ctx, session.id)
    assert sorted(n.text for n in notes) == ["Broadband drops out in the glens",
                                             "Ferries decide #community-led"]
    assert all(n.agenda_item_id is None for n in notes)
    assert len(notes[-1].focus_area_ids) == 1 or len(notes[0].focus_area_ids) == 1
    assert said[-1] == "Added 2 notes from flipchart.txt."
    assert len(rows(view)) == 2
    ctx.undo_stack.undo()
    assert stored(ctx, session.id) == [] and rows(view) == []


def test_a_csv_goes_through_the_column_step(ctx, session, view, qtbot, tmp_path):
    path = tmp_path / "wall.csv"
    path.write_text("Who,Said,Type,Labels\nIona Fictional,Ferries decide,barrier,trust\n"
                    "Housing officer,We knocked,quote,\n", encoding="utf-8")
    dialog = opened(view, qtbot, path)
    assert dialog.pages.currentIndex() == 0
    assert unnamed_widgets(dialog) == []
    assert clashing_mnemonics(dialog) == {}
    # "Said" is not a heading it knows, so the text column starts on the first; choose it.
    columns = dialog.columns
    assert columns["speaker"].currentText() == "Who"
    assert columns["kind"].currentText() == "Type" and columns["tags"].currentText() == "Labels"
    columns["text"].setCurrentIndex(columns["text"].findText("Said"))
    assert "• Ferries decide" in dialog.preview.text()
    dialog.next_button.click()
    assert dialog.pages.currentIndex() == 1 and dialog.back_button.isVisible()
    assert review_texts(dialog) == ["Ferries decide", "We knocked"]
    add(dialog, qtbot)
    records = {r["text"]: r for r in capture.note_records(ctx.store, stored(ctx, session.id))}
    assert records["Ferries decide"]["speaker"] == "Iona Fictional"
    assert records["Ferries decide"]["kind"] == NoteKind.BARRIER.value
    assert records["Ferries decide"]["tags"] == ["trust"]
    assert records["We knocked"]["speaker"] == "Housing officer"


def test_a_bad_kind_column_stays_on_the_column_step_with_its_sentence(view, qtbot, tmp_path):
    path = tmp_path / "wall.csv"
    path.write_text("Note,Kind\nOne,blocker\n", encoding="utf-8")
    dialog = opened(view, qtbot, path)
    dialog.next_button.click()
    assert dialog.pages.currentIndex() == 0
    assert dialog.mapping_problem.text().startswith("Row 2: 'blocker' is not a kind of note")


def test_a_transcript_names_its_speakers(ctx, session, people, view, qtbot, tmp_path):
    path = tmp_path / "meeting.vtt"
    path.write_text(TEAMS_TRANSCRIPT, encoding="utf-8")
    dialog = opened(view, qtbot, path)
    assert review_texts(dialog) == ["The ferry decides when the clinic opens.",
                                    "We knocked on doors #trust"]
    assert [dialog.model.text(r, SPEAKER) for r in range(2)] == ["Iona Fictional",
                                                                 "Housing officer"]
    add(dialog, qtbot)
    by_text = {n.text: n for n in stored(ctx, session.id)}
    assert by_text["The ferry decides when the clinic opens."].speaker_participant_id == \
        people[0].id
    knocked = by_text["We knocked on doors #trust"]
    assert knocked.speaker_label == "Housing officer" and len(knocked.tag_ids) == 1


def test_a_malformed_file_is_one_sentence_and_imports_nothing(ctx, session, view, qtbot,
                                                              tmp_path, refusals):
    path = tmp_path / "meeting.vtt"
    path.write_text("00:00:01.000 --> 00:00:02.000\nHello\n", encoding="utf-8")
    with qtbot.waitSignal(ctx.tasks.finished, timeout=WAIT):
        view.import_notes(path)
    assert refusals == ["meeting.vtt is not a WebVTT transcript: it does not start with WEBVTT."]
    assert stored(ctx, session.id) == [] and ctx.undo_stack.count() == 0


def test_cancelling_the_file_dialog_does_nothing(ctx, session, view, monkeypatch):
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: ("", ""))
    view.import_notes()
    assert stored(ctx, session.id) == []


def test_cancel_while_the_file_is_read_shows_and_imports_nothing(ctx, session, view, qtbot,
                                                                  tmp_path, refusals):
    # A named pipe: reading it waits until the test writes, so Cancel lands mid-read.
    path = tmp_path / "slow.txt"
    os.mkfifo(path)
    view.import_dialog = None
    view.import_notes(path)
    [task] = ctx.tasks.shown()
    assert task.label == "Reading slow.txt" and task.cancellable
    task.cancel()
    writer = threading.Thread(target=path.write_text, args=("One note\n",), daemon=True)
    with qtbot.waitSignal(ctx.tasks.finished, timeout=WAIT):
        writer.start()
    writer.join(WAIT / 1000)
    assert task.outcome == "cancelled"
    assert view.import_dialog is None and refusals == []
    assert stored(ctx, session.id) == [] and ctx.undo_stack.count() == 0
