"""The session screen: header, details form, planning outputs, template and delete, all undoable."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from app.models import NotFound
from app.services.planning import participants, sessions, templates
from app.ui.views.session import session_view as session_view_module
from tests.ui.accessibility import clashing_mnemonics, unnamed_widgets


def stored(ctx, session_id):
    return sessions.get_session(ctx.store, session_id)


def type_into(qtbot, field, text: str) -> None:
    """Replace a line's text and leave it with Tab, as a person does."""
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key.Key_Tab)


# --- the header and the tabs -----------------------------------------------------------------

def test_the_header_says_what_when_and_how(view):
    assert view.title.text() == "Winter pressures"
    assert view.summary.text() == ("Sensemaking workshop · Tue 8 Dec 2026, 10:00–11:30 (90 min) "
                                   "· Online · Planned")
    assert [view.tabs.tabText(i) for i in range(3)] == ["&Details", "&Agenda (8)",
                                                       "&Participants (0)"]


@pytest.mark.parametrize("tab", [0, 1, 2])
def test_every_control_on_every_tab_is_named(view, tab):
    view.tabs.setCurrentIndex(tab)
    assert unnamed_widgets(view) == []
    assert clashing_mnemonics(view) == {}


def test_an_unrelated_change_does_not_reload_the_session(ctx, system, view, monkeypatch):
    other, changes = sessions.create_session(ctx.store, system.id, "Another",
                                             datetime(2027, 1, 5, 10, 0).astimezone())
    reads: list[str] = []
    real = sessions.get_session
    monkeypatch.setattr(sessions, "get_session", lambda store, sid: reads.append(sid) or
                        real(store, sid))
    ctx.announce(changes)
    ctx.announce(sessions.update_session(ctx.store, other.id, title="Another one")[1])
    assert reads == []


# --- the details form ------------------------------------------------------------------------

def test_a_title_is_saved_on_leaving_the_field_and_undone(ctx, planned, view, qtbot):
    type_into(qtbot, view.details.title, "Winter pressures: what helped")
    assert stored(ctx, planned.id).title == "Winter pressures: what helped"
    assert view.title.text() == "Winter pressures: what helped"
    ctx.undo_stack.undo()
    assert stored(ctx, planned.id).title == "Winter pressures"
    assert view.details.title.text() == "Winter pressures"


def test_an_empty_title_is_refused_in_one_sentence_and_the_field_reverts(ctx, planned, view,
                                                                         qtbot, refusals):
    type_into(qtbot, view.details.title, " ")
    assert refusals == ["Title cannot be empty."]
    assert view.details.title.text() == "Winter pressures"
    assert stored(ctx, planned.id).title == "Winter pressures"
    assert ctx.undo_stack.count() == 0


def test_a_shorter_session_shows_the_agenda_overrun(ctx, planned, view, qtbot):
    minutes = view.details.minutes
    minutes.setFocus()
    minutes.lineEdit().selectAll()
    qtbot.keyClicks(minutes.lineEdit(), "60")
    qtbot.keyClick(minutes, Qt.Key.Key_Return)
    assert stored(ctx, planned.id).minutes == 60
    assert view.details.ends.text() == "Ends at 11:00"
    assert "10:00–11:00 (60 min)" in view.summary.text()
    assert view.tabs.tabText(1) == "&Agenda (8) — over time"
    assert "Over time by 30 min" in view.agenda.total.text()


def test_choices_are_saved_when_made(ctx, planned, view):
    form = view.details
    form.format.setCurrentIndex(form.format.findData("hybrid"))
    form.format.activated.emit(form.format.currentIndex())
    form.status.setCurrentIndex(form.status.findData("live"))
    form.status.activated.emit(form.status.currentIndex())
    session = stored(ctx, planned.id)
    assert (session.format.value, session.status.value) == ("hybrid", "live")
    assert view.summary.text().endswith("Hybrid · Live")


def test_the_platform_can_be_chosen_or_typed(ctx, planned, view, qtbot):
    platform = view.details.platform
    assert [platform.itemText(i) for i in range(3)] == ["Microsoft Teams", "Near Me", "Zoom"]
    platform.setCurrentIndex(1)
    platform.activated.emit(1)
    assert stored(ctx, planned.id).platform == "Near Me"
    type_into(qtbot, platform.lineEdit(), "Attend Anywhere")
    assert stored(ctx, planned.id).platform == "Attend Anywhere"
    assert "Online on Attend Anywhere" in view.summary.text()


def test_the_start_is_a_date_and_time_with_a_calendar(ctx, planned, view, qtbot):
    starts = view.details.starts
    assert starts.calendarPopup()
    starts.setFocus()
    starts.setDateTime(QDateTime(datetime(2026, 12, 15, 13, 30)))
    qtbot.keyClick(starts, Qt.Key.Key_Return)
    assert stored(ctx, planned.id).starts == datetime(2026, 12, 15, 13, 30).astimezone()
    assert view.agenda.model.index(0, 0).data() == "13:30–13:40"


def test_every_field_has_a_mnemonic_label(view):
    from PySide6.QtWidgets import QLabel

    labels = {label.buddy(): label.text() for label in view.details.findChildren(QLabel)
              if label.buddy() is not None}
    form = view.details
    for field in (form.title, form.kind, form.starts, form.minutes, form.format, form.platform,
                  form.join_link, form.location, form.purpose, form.facilitators, form.status):
        assert "&" in labels[field]


# --- the outputs of planning -----------------------------------------------------------------

def test_the_run_sheet_is_written_in_the_background_and_offered_to_open(
        ctx, planned, view, qtbot, tmp_path, monkeypatch):
    participants.add_to_session(ctx.store, planned.id, "Kwame Mensah",
                                consent={"access_needs": "Screen reader user"})
    out = tmp_path / "run sheet"  # without the ending, which is added
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    view.run_sheet_button.click()
    assert view.notice.message.text() == "Writing the run sheet…"
    qtbot.waitUntil(lambda: view.notice.path is not None, timeout=20_000)

    saved = tmp_path / "run sheet.pdf"
    assert view.notice.path == saved
    assert saved.read_bytes().startswith(b"%PDF")
    assert str(saved) in view.notice.message.text()
    assert view.notice.open_button.isVisible()
    assert unnamed_widgets(view) == []
    assert clashing_mnemonics(view) == {}
    # The notice's buttons have no Alt+letter; in reading order, Tab reaches them straight
    # after the header's last button.
    reached, widget = [], view.delete_button
    for _ in range(2):
        widget = widget.nextInFocusChain()
        while widget.focusPolicy() == Qt.FocusPolicy.NoFocus or not widget.isVisibleTo(view):
            widget = widget.nextInFocusChain()
        reached.append(widget)
    assert reached == [view.notice.open_button, view.notice.folder_button]


def test_the_calendar_invite_carries_the_join_link(ctx, planned, view, qtbot, tmp_path,
                                                   monkeypatch):
    ctx.announce(sessions.update_session(ctx.store, planned.id,
                                         join_link="https://meet.example.org/winter")[1])
    out = tmp_path / "invite.ics"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    view.invite_button.click()
    qtbot.waitUntil(lambda: view.notice.path == out, timeout=10_000)
    text = out.read_text(encoding="utf-8")
    assert "BEGIN:VCALENDAR" in text and "meet.example.org/winter" in text


def test_a_cancelled_save_writes_nothing(view, monkeypatch):
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: ("", ""))
    assert view.outputs.run_sheet() is False
    assert view.notice.isHidden()


def test_a_failed_export_is_said_in_one_sentence(view, qtbot, tmp_path, refusals):
    view.outputs.run_sheet(tmp_path / "no such folder" / "x.pdf")
    qtbot.waitUntil(lambda: bool(refusals), timeout=20_000)
    assert refusals[0].startswith("The run sheet cannot be saved")
    assert view.notice.path is None


# --- template and delete ---------------------------------------------------------------------

def test_save_as_template_is_undoable(ctx, planned, view, monkeypatch):
    def name_it(dialog):
        dialog.setTextValue("Winter sensemaking")
        return QInputDialog.DialogCode.Accepted

    monkeypatch.setattr(QInputDialog, "exec", name_it)
    assert view.save_as_template()
    saved = [t for t in templates.list_templates(ctx.store) if t.name == "Winter sensemaking"]
    assert len(saved) == 1 and len(saved[0].items) == 8
    ctx.undo_stack.undo()
    assert "Winter sensemaking" not in [t.name for t in templates.list_templates(ctx.store)]


def test_the_template_name_dialog_is_named(view, monkeypatch):
    seen = []
    monkeypatch.setattr(QInputDialog, "exec", lambda dialog: seen.append(
        unnamed_widgets(dialog)) or QInputDialog.DialogCode.Rejected)
    assert not view.save_as_template()
    assert seen == [[]]


def test_delete_asks_first_and_undo_brings_the_session_back(ctx, planned, view, monkeypatch):
    answers = [QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Yes]
    monkeypatch.setattr(QMessageBox, "exec", lambda box: answers.pop(0))
    assert not view.delete()
    assert stored(ctx, planned.id).title == "Winter pressures"

    assert view.delete()
    with pytest.raises(NotFound):
        stored(ctx, planned.id)
    assert not view.isEnabled()
    ctx.undo_stack.undo()
    assert stored(ctx, planned.id).title == "Winter pressures"


def test_the_summary_names_the_place_of_an_in_person_session(ctx, planned):
    session = sessions.update_session(ctx.store, planned.id, format="in-person",
                                      location="Aviemore Community Centre",
                                      platform="Zoom")[0]
    text = session_view_module.summary_text(session)
    assert text.endswith("In person at Aviemore Community Centre · Planned")



def test_on_a_short_screen_the_header_scrolls_and_the_agenda_keeps_its_buttons(
        ctx, qapp, planned, qtbot):
    from PySide6.QtCore import QPoint

    from app.models import Preferences
    from app.ui.style import apply_preferences
    from app.ui.views.session.session_view import HEADER_SHARE, SessionView
    from tests.ui.session_helpers import show_active

    apply_preferences(qapp, Preferences(text_scale=200))
    view = show_active(qtbot, SessionView(ctx, planned.id), (700, 560))
    try:
        view.tabs.setCurrentWidget(view.agenda)
        qtbot.waitUntil(lambda: view.header_scroll.height() <= view.height() * HEADER_SHARE + 1)
        # The header's last button is reached by scrolling the header, not lost under the tabs.
        view.header_scroll.ensureWidgetVisible(view.delete_button)
        qtbot.waitUntil(lambda: view.delete_button.visibleRegion().boundingRect().height()
                        == view.delete_button.height())
        # The agenda's buttons lie within the page.
        for button in (view.agenda.add_button, view.agenda.down_button):
            corner = button.mapTo(view, QPoint(button.width(), button.height()))
            assert view.rect().contains(corner), button.text()
    finally:
        view.close()
        apply_preferences(qapp, Preferences())
