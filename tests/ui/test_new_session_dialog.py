"""Planning a session from a template or blank, as one undoable step."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import QDialog

from app.models import NotFound
from app.services.planning import agenda, sessions
from app.ui.views.session.new_session_dialog import NewSessionDialog, next_working_morning
from tests.ui.accessibility import clashing_mnemonics, unnamed_widgets

SENSEMAKING = "builtin-sensemaking-90"


@pytest.fixture
def dialog(ctx, system, qtbot):
    made = NewSessionDialog(ctx, system.id)
    qtbot.addWidget(made)
    return made


def list_texts(dialog) -> list[str]:
    return [dialog.templates.item(r).text() for r in range(dialog.templates.count())]


def preview_rows(dialog) -> list[tuple[str, str]]:
    tree = dialog.preview
    return [(tree.topLevelItem(r).text(0), tree.topLevelItem(r).text(1))
            for r in range(tree.topLevelItemCount())]


def test_templates_are_listed_with_their_length_and_blocks(dialog):
    texts = list_texts(dialog)
    assert texts[0].startswith("Blank session")
    assert "Sensemaking workshop (90 min)\n90 min · 8 blocks" in texts
    assert any(t.startswith("Insight conversation with a partner\n") for t in texts)
    assert any(t.startswith("Learning network meeting\n") for t in texts)


def test_the_preview_lays_the_agenda_against_the_chosen_start(dialog):
    dialog.choose(SENSEMAKING)
    dialog.starts.setDateTime(QDateTime(datetime(2026, 12, 8, 14, 0)))
    rows = preview_rows(dialog)
    assert rows[0] == ("14:00–14:10", "Welcome, purpose and ways of working")
    assert rows[-1] == ("15:25–15:30", "Check-out and next steps")
    assert dialog.about.text().startswith("90 min of blocks in a 90 min session.")
    assert dialog.title.text() == "Sensemaking workshop (90 min)"
    assert not dialog.minutes.isEnabled()


def test_a_typed_title_survives_choosing_another_template(dialog, qtbot):
    dialog.choose(SENSEMAKING)
    dialog.title.clear()
    qtbot.keyClicks(dialog.title, "Winter pressures")
    dialog.choose("")
    assert dialog.title.text() == "Winter pressures"
    assert dialog.minutes.isEnabled()
    assert preview_rows(dialog) == []


def test_plan_creates_the_session_with_its_agenda_and_undo_removes_it(ctx, system, monkeypatch):
    def fill_in(dialog):
        dialog.choose(SENSEMAKING)
        dialog.title.setText("Winter pressures")
        dialog.starts.setDateTime(QDateTime(datetime(2026, 12, 8, 10, 0)))
        dialog.submit()
        return dialog.result()

    monkeypatch.setattr(NewSessionDialog, "exec", fill_in)
    planned = NewSessionDialog.plan(ctx, None, system.id)

    assert planned is not None and planned.title == "Winter pressures"
    assert planned.starts == datetime(2026, 12, 8, 10, 0).astimezone()
    items = agenda.list_agenda(ctx.store, planned.id)
    assert len(items) == 8 and items[3].focus_area_ids
    assert ctx.undo_stack.undoText() == "Plan session 'Winter pressures'"

    ctx.undo_stack.undo()
    with pytest.raises(NotFound):
        sessions.get_session(ctx.store, planned.id)
    ctx.undo_stack.redo()
    assert sessions.get_session(ctx.store, planned.id).title == "Winter pressures"
    assert len(agenda.list_agenda(ctx.store, planned.id)) == 8


def test_a_blank_session_takes_the_length_given(ctx, system, dialog):
    dialog.choose("")
    dialog.title.setText("Catch-up with Lochalsh HSCP")
    dialog.minutes.setValue(45)
    dialog.submit()
    assert dialog.result() == QDialog.DialogCode.Accepted
    created = dialog.created
    assert created.minutes == 45
    assert agenda.list_agenda(ctx.store, created.id) == []


def test_an_empty_title_is_refused_and_the_dialog_stays_open(ctx, system, dialog, refusals):
    dialog.choose("")
    dialog.title.clear()
    dialog.submit()
    assert refusals == ["Title cannot be empty."]
    assert dialog.created is None
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert sessions.list_sessions(ctx.store, system.id) == []


def test_cancel_plans_nothing(ctx, system, monkeypatch):
    monkeypatch.setattr(NewSessionDialog, "exec", lambda d: QDialog.DialogCode.Rejected)
    assert NewSessionDialog.plan(ctx, None, system.id) is None
    assert sessions.list_sessions(ctx.store, system.id) == []


def test_the_first_guess_is_ten_on_the_next_weekday():
    friday = datetime(2026, 12, 4, 15, 0)
    assert next_working_morning(friday).replace(tzinfo=None) == datetime(2026, 12, 7, 10, 0)


def test_every_control_is_named_and_keyboard_reachable(dialog):
    assert unnamed_widgets(dialog) == []
    assert clashing_mnemonics(dialog) == {}
    assert dialog.templates.focusPolicy() & Qt.FocusPolicy.TabFocus
    assert dialog.plan_button.text() == "&Plan session"
