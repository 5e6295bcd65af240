"""The participants tab: consent and attendance by keyboard, adding, inviting, importing, undo."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from app.services.planning import participants
from app.services.planning.participant_file import read_participant_file
from app.ui.item_models.participants_model import (
    ACCESS,
    ATTENDED,
    HEADERS,
    MAY_EMAIL,
    MAY_NAME,
    MAY_QUOTE,
    NAME,
)
from app.ui.views.session.import_columns import ParticipantColumnsDialog
from app.ui.views.session.import_dialogs import (
    BACK,
    KEEP_FIRST,
    ImportPreviewDialog,
    ImportProblemsDialog,
)
from app.ui.views.session.person_dialogs import AddPersonDialog, InviteDialog
from app.ui.views.session.session_view import SessionView
from tests.sample_files import TEAMS_ATTENDANCE
from tests.ui.accessibility import clashing_mnemonics, unnamed_widgets
from tests.ui.session_helpers import delete_now, press, show_active

HEADER = "Name,Email,Organisation,Sector,Locality,May name,May email,May quote,Access needs\n"
GOOD = (HEADER
        + "Isla Munro,isla.munro@example.org,Sutherland Care Partnership,hscp,Brora,yes,yes,no,\n"
        + "Calum Mackay,calum@example.org,Assynt Foodbank,third sector,Lochinver,no,yes,no,"
          "Hearing loop\n")
TWO_BAD = (HEADER
           + "Isla Munro,isla.munro@example.org,Sutherland Care Partnership,hscp,Brora,yes,yes,"
             "no,\n"
           + ",calum@example.org,Assynt Foodbank,third sector,Lochinver,no,yes,no,\n"
           + "Hamish Ross,hamish@example,Lairg Community Council,other,Lairg,maybe,no,no,\n")


@pytest.fixture(autouse=True)
def column_steps(monkeypatch) -> list[ParticipantColumnsDialog]:
    """The columns step is taken as guessed (each dialog is kept to look at)."""
    shown: list[ParticipantColumnsDialog] = []

    def take(dialog: ParticipantColumnsDialog) -> int:
        shown.append(dialog)
        dialog.take()
        return dialog.result()

    monkeypatch.setattr(ParticipantColumnsDialog, "exec", take)
    return shown


@pytest.fixture
def tab(ctx, planned, qtbot):
    participants.add_to_session(ctx.store, planned.id, "Aileen Brodie",
                                email="aileen@example.org", organisation="Skye Care Trust",
                                consent={"may_email": True, "access_needs": "Captions on"})
    participants.add_to_session(ctx.store, planned.id, "Morag Fraser", sector="housing")
    view = show_active(qtbot, SessionView(ctx, planned.id))
    view.tabs.setCurrentWidget(view.participants)
    yield view.participants
    delete_now(view)


def invited(ctx, session_id) -> dict[str, object]:
    return {p.participant.name: p.invitation
            for p in participants.list_session_participants(ctx.store, session_id)}


def register_names(ctx, system_id) -> list[str]:
    return [p.name for p in participants.list_register(ctx.store, system_id)]


def test_the_table_says_who_came_and_what_they_agreed_to(tab):
    model = tab.model
    assert [HEADERS[c] for c in (MAY_NAME, MAY_EMAIL, MAY_QUOTE)] == [
        "May name", "May email", "May quote"]
    assert model.index(0, NAME).data() == "Aileen Brodie"
    assert model.index(0, ATTENDED).data() == "Not recorded"
    assert model.index(0, MAY_EMAIL).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert model.index(0, MAY_NAME).data(Qt.ItemDataRole.CheckStateRole) == (
        Qt.CheckState.Unchecked)
    assert model.index(0, MAY_NAME).data(Qt.ItemDataRole.AccessibleTextRole) == (
        "Aileen Brodie may be named: no")
    assert model.index(0, ACCESS).data() == "Captions on"
    assert tab.count.text() == "2 invited · 0 attended · 1 with access needs"


def test_space_ticks_a_consent_in_the_store_and_undo_unticks_it(ctx, planned, tab, qtbot):
    tab.table.setCurrentIndex(tab.model.index(1, MAY_QUOTE))
    press(qtbot, tab.table, Qt.Key.Key_Space)
    assert invited(ctx, planned.id)["Morag Fraser"].may_quote is True
    assert tab.model.index(1, MAY_QUOTE).data(Qt.ItemDataRole.CheckStateRole) == (
        Qt.CheckState.Checked)
    ctx.undo_stack.undo()
    assert invited(ctx, planned.id)["Morag Fraser"].may_quote is False


def test_attendance_cycles_not_recorded_yes_no(ctx, planned, tab, qtbot):
    tab.table.setCurrentIndex(tab.model.index(0, ATTENDED))
    seen = []
    for _ in range(3):
        press(qtbot, tab.table, Qt.Key.Key_Space)
        seen.append(invited(ctx, planned.id)["Aileen Brodie"].attended)
    assert seen == [True, False, None]
    assert tab.model.index(0, ATTENDED).data() == "Not recorded"


def test_access_needs_are_edited_in_place(ctx, planned, tab):
    tab.model.setData(tab.model.index(1, ACCESS), "Step-free access; parking near the door")
    assert invited(ctx, planned.id)["Morag Fraser"].access_needs.startswith("Step-free")
    assert tab.count.text().endswith("2 with access needs")


def test_a_file_with_two_bad_rows_imports_nothing_and_names_both_lines(
        ctx, system, planned, tab, tmp_path, monkeypatch, qtbot):
    path = tmp_path / "invitees.csv"
    path.write_text(TWO_BAD, encoding="utf-8")
    shown: list[ImportProblemsDialog] = []
    monkeypatch.setattr(ImportProblemsDialog, "exec", lambda self: shown.append(self) or 0)
    monkeypatch.setattr(ImportPreviewDialog, "exec",
                        lambda self: pytest.fail("a bad file must not reach the preview"))
    before = register_names(ctx, system.id)

    with qtbot.waitSignal(tab.imported, timeout=10_000) as ended:
        assert tab.import_file(path) is not None
    assert ended.args == [0]

    assert register_names(ctx, system.id) == before
    assert sorted(invited(ctx, planned.id)) == ["Aileen Brodie", "Morag Fraser"]
    assert ctx.undo_stack.count() == 0
    lines = shown[0].lines()
    assert any(line.startswith("Line 3:") for line in lines)
    assert any(line.startswith("Line 4:") for line in lines)
    assert not any(line.startswith("Line 2:") for line in lines)
    assert unnamed_widgets(shown[0]) == []
    assert clashing_mnemonics(shown[0]) == {}


def test_a_good_file_is_imported_whole_and_undone_in_one_step(ctx, system, planned, tab,
                                                             tmp_path, monkeypatch, qtbot):
    path = tmp_path / "invitees.csv"
    path.write_text(GOOD, encoding="utf-8")
    previews: list[ImportPreviewDialog] = []

    def accept(dialog):
        previews.append(dialog)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ImportPreviewDialog, "exec", accept)
    said: list[str] = []
    ctx.bus.status.connect(said.append)
    with qtbot.waitSignal(tab.imported, timeout=10_000) as ended:
        tab.import_file(path)
    assert ended.args == [2]
    assert said[-1] == "Imported 2 from invitees.csv."
    assert ctx.undo_stack.count() == 1

    assert previews[0].windowTitle() == "Import 2 people"
    assert previews[0].summary.text().startswith("2 will be added to the register and invited.")
    assert previews[0].people.rowCount() == 2
    people = invited(ctx, planned.id)
    assert people["Calum Mackay"].access_needs == "Hearing loop"
    assert people["Isla Munro"].may_name and not people["Isla Munro"].may_quote
    assert tab.model.rowCount() == 4
    ids = {name: inv.id for name, inv in people.items()}

    ctx.undo_stack.undo()
    assert sorted(invited(ctx, planned.id)) == ["Aileen Brodie", "Morag Fraser"]
    assert "Isla Munro" not in register_names(ctx, system.id)
    assert tab.model.rowCount() == 2

    ctx.undo_stack.redo()
    assert {n: i.id for n, i in invited(ctx, planned.id).items()} == ids


def test_a_teams_report_marks_who_came_and_undo_takes_it_all_back(
        ctx, system, planned, tab, tmp_path, monkeypatch, qtbot):
    participants.add_to_session(ctx.store, planned.id, "Iona Fictional",
                                email="iona.fictional@example.org")
    path = tmp_path / "meetingAttendanceReport.csv"
    path.write_bytes(TEAMS_ATTENDANCE)
    previews: list[ImportPreviewDialog] = []
    monkeypatch.setattr(ImportPreviewDialog, "exec",
                        lambda dialog: previews.append(dialog) or QDialog.DialogCode.Accepted)
    said: list[str] = []
    ctx.bus.status.connect(said.append)
    with qtbot.waitSignal(tab.imported, timeout=10_000):
        tab.import_file(path)
    preview = previews[0]
    assert preview.heading.text() == ("meetingAttendanceReport.csv (Teams attendance report): "
                                      "4 people ready to import")
    assert preview.summary.text().startswith(
        "3 will be added to the register and invited. 1 already invited will be marked as "
        "attended.")
    assert preview.people.item(0, 5).text() == "invited; will be marked as attended"
    assert preview.people.item(0, 3).text() == "not in a report"
    assert preview.back_button.isHidden()  # a report's columns are its own
    assert preview.left_out.toPlainText() == (
        "Line 11: Rhona Placeholder organised the meeting and is left out.")
    assert said[-1] == ("Imported 3 from meetingAttendanceReport.csv; 1 already invited marked "
                        "as attended.")
    came = {name: inv.attended for name, inv in invited(ctx, planned.id).items()}
    assert came["Iona Fictional"] is True and came["Carlos Farías"] is True
    assert ctx.undo_stack.count() == 1

    ctx.undo_stack.undo()
    came = {name: inv.attended for name, inv in invited(ctx, planned.id).items()}
    assert came == {"Aileen Brodie": None, "Morag Fraser": None, "Iona Fictional": None}
    ctx.undo_stack.redo()
    assert invited(ctx, planned.id)["Iona Fictional"].attended is True


def test_repeated_emails_can_be_imported_keeping_the_first(ctx, system, planned, tab, tmp_path,
                                                           monkeypatch, qtbot):
    path = tmp_path / "invitees.csv"
    path.write_text(GOOD + "Isla M.,ISLA.MUNRO@example.org,,,,,,,\n", encoding="utf-8")
    offered: list[ImportProblemsDialog] = []

    def keep_first(dialog):
        offered.append(dialog)
        return KEEP_FIRST

    monkeypatch.setattr(ImportProblemsDialog, "exec", keep_first)
    previews: list[ImportPreviewDialog] = []
    monkeypatch.setattr(ImportPreviewDialog, "exec",
                        lambda dialog: previews.append(dialog) or QDialog.DialogCode.Accepted)
    with qtbot.waitSignal(tab.imported, timeout=10_000) as ended:
        tab.import_file(path)
    assert ended.args == [2]
    assert not offered[0].keep_first_button.isHidden()
    assert offered[0].lines() == ["Line 4: ISLA.MUNRO@example.org is also on line 2."]
    assert previews[0].left_out.toPlainText() == (
        "Line 4: ISLA.MUNRO@example.org is also on line 2; the first was kept.")
    assert "Isla M." not in invited(ctx, planned.id)


def test_keep_first_is_not_offered_for_other_problems(ctx, tab, tmp_path, monkeypatch, qtbot):
    path = tmp_path / "invitees.csv"
    path.write_text(TWO_BAD, encoding="utf-8")
    shown: list[ImportProblemsDialog] = []
    monkeypatch.setattr(ImportProblemsDialog, "exec", lambda self: shown.append(self) or 0)
    with qtbot.waitSignal(tab.imported, timeout=10_000):
        tab.import_file(path)
    assert shown[0].keep_first_button.isHidden()


def test_adding_a_person_registers_and_invites_them_with_their_consent(ctx, system, planned, tab,
                                                                      qtbot):
    dialog = AddPersonDialog(ctx, planned.id, tab)
    qtbot.addWidget(dialog)
    assert unnamed_widgets(dialog) == []
    assert clashing_mnemonics(dialog) == {}
    qtbot.keyClicks(dialog.name, "Kwame Mensah")
    qtbot.keyClicks(dialog.email, "k.mensah@example.org")
    dialog.sector.setCurrentIndex(dialog.sector.findData("third-sector"))
    dialog.may_name.setChecked(True)
    dialog.access_needs.setPlainText("Screen reader user")
    dialog.submit()

    added = invited(ctx, planned.id)["Kwame Mensah"]
    assert (added.may_name, added.may_email, added.may_quote) == (True, False, False)
    assert added.access_needs == "Screen reader user"
    assert tab.model.rowCount() == 3

    ctx.undo_stack.undo()
    assert "Kwame Mensah" not in invited(ctx, planned.id)
    assert "Kwame Mensah" not in register_names(ctx, system.id)


def test_an_empty_name_is_refused_and_the_dialog_stays(ctx, planned, tab, qtbot, refusals):
    dialog = AddPersonDialog(ctx, planned.id, tab)
    qtbot.addWidget(dialog)
    dialog.submit()
    assert refusals == ["Name cannot be empty."]
    assert dialog.added is None and dialog.result() == 0


def test_inviting_two_from_the_register_is_one_undo_step(ctx, system, planned, tab, qtbot):
    for name in ("Lachlan Gunn", "Sìne NicLeòid"):
        participants.add_participant(ctx.store, system.id, name)
    said: list[str] = []
    ctx.bus.status.connect(said.append)
    dialog = InviteDialog(ctx, planned.id, system.id, tab)
    qtbot.addWidget(dialog)
    assert unnamed_widgets(dialog) == []
    assert clashing_mnemonics(dialog) == {}
    assert dialog.people.count() == 2  # those already invited are not offered
    dialog.people.selectAll()
    assert dialog.invite_button.text() == "&Invite 2"
    steps = ctx.undo_stack.count()
    dialog.submit()
    assert {"Lachlan Gunn", "Sìne NicLeòid"} <= set(invited(ctx, planned.id))
    assert invited(ctx, planned.id)["Lachlan Gunn"].may_name is False
    assert ctx.undo_stack.count() == steps + 1
    assert tab.model.rowCount() == 4
    assert said[-1] == "Invited 2 from the register."

    ctx.undo_stack.undo()
    assert sorted(invited(ctx, planned.id)) == ["Aileen Brodie", "Morag Fraser"]
    assert "Lachlan Gunn" in register_names(ctx, system.id)  # still in the register


def test_inviting_three_when_one_has_left_the_register_invites_none(ctx, system, planned, tab,
                                                                    qtbot, refusals):
    people = [participants.add_participant(ctx.store, system.id, name)[0]
              for name in ("Lachlan Gunn", "Sìne NicLeòid", "Eilidh Campbell")]
    dialog = InviteDialog(ctx, planned.id, system.id, tab)
    qtbot.addWidget(dialog)
    dialog.people.selectAll()
    participants.delete_participant(ctx.store, people[1].id)  # removed meanwhile
    steps = ctx.undo_stack.count()
    dialog.submit()
    assert sorted(invited(ctx, planned.id)) == ["Aileen Brodie", "Morag Fraser"]
    assert ctx.undo_stack.count() == steps
    assert tab.model.rowCount() == 2
    assert len(refusals) == 1 and dialog.invited == []
    assert dialog.result() != QDialog.DialogCode.Accepted


def test_the_filter_narrows_the_register(ctx, system, planned, tab, qtbot):
    for name in ("Lachlan Gunn", "Eilidh Campbell"):
        participants.add_participant(ctx.store, system.id, name)
    dialog = InviteDialog(ctx, planned.id, system.id, tab)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.filter, "eilidh")
    visible = [dialog.people.item(r).text() for r in range(dialog.people.count())
               if not dialog.people.item(r).isHidden()]
    assert visible == ["Eilidh Campbell — Other"]


def test_delete_takes_someone_off_the_session_but_not_the_register(ctx, system, planned, tab,
                                                                   qtbot):
    tab.table.setCurrentIndex(tab.model.index(1, NAME))
    press(qtbot, tab.table, Qt.Key.Key_Delete)
    assert "Morag Fraser" not in invited(ctx, planned.id)
    assert "Morag Fraser" in register_names(ctx, system.id)
    ctx.undo_stack.undo()
    assert "Morag Fraser" in invited(ctx, planned.id)


def test_every_control_of_the_tab_is_named(tab):
    assert unnamed_widgets(tab) == []
    assert clashing_mnemonics(tab) == {}


def test_the_preview_dialog_is_named(qtbot, tmp_path: Path):
    path = tmp_path / "good.csv"
    path.write_text(GOOD, encoding="utf-8")
    preview = ImportPreviewDialog(path.name, read_participant_file(path), ["add", "attend"])
    qtbot.addWidget(preview)
    assert unnamed_widgets(preview) == []
    assert clashing_mnemonics(preview) == {}
    assert preview.import_button.text() == "&Import 2"


def test_the_preview_shows_the_consent_and_access_needs_it_will_import(
        ctx, tab, tmp_path, monkeypatch, qtbot, column_steps):
    path = tmp_path / "invitees.csv"
    path.write_text(GOOD, encoding="utf-8")
    previews: list[ImportPreviewDialog] = []
    monkeypatch.setattr(ImportPreviewDialog, "exec", lambda d: previews.append(d) or 0)
    with qtbot.waitSignal(tab.imported, timeout=10_000):
        tab.import_file(path)
    assert column_steps[0].mapping()["access_needs"] == 8  # guessed from the headings
    table = previews[0].people
    headings = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    assert headings == ["Name", "Email", "Organisation", "Consent", "Access needs", "On import"]
    rows = [[table.item(r, c).text() for c in range(table.columnCount())]
            for r in range(table.rowCount())]
    assert rows == [
        ["Isla Munro", "isla.munro@example.org", "Sutherland Care Partnership", "named, emailed",
         "—", "new to the register"],
        ["Calum Mackay", "calum@example.org", "Assynt Foodbank", "emailed", "Hearing loop",
         "new to the register"]]
    assert previews[0].summary.text().count("Consent and access needs are taken from the file")


def test_a_list_with_headings_cairn_does_not_know_imports_once_its_columns_are_chosen(
        ctx, planned, tab, tmp_path, monkeypatch, qtbot):
    path = tmp_path / "clàr.csv"
    path.write_text("Ainm,Post-d,Cead ainm,Feumalachdan\n"
                    "Mòrag Nic a' Phì,morag@example.org,yes,Captions\n", encoding="utf-8")
    chosen: list[ParticipantColumnsDialog] = []

    def choose(dialog: ParticipantColumnsDialog) -> int:
        chosen.append(dialog)
        assert not dialog.take()  # no Name column guessed: said in the dialog, which stays
        assert "Choose the column that holds the names" in dialog.problem.text()
        for field, heading in (("name", "Ainm"), ("email", "Post-d"), ("may_name", "Cead ainm"),
                               ("access_needs", "Feumalachdan")):
            combo = dialog.columns[field]
            combo.setCurrentIndex(combo.findText(heading))
        assert "Mòrag Nic a' Phì — morag@example.org" in dialog.preview.text()
        assert dialog.take()
        return dialog.result()

    monkeypatch.setattr(ParticipantColumnsDialog, "exec", choose)
    monkeypatch.setattr(ImportPreviewDialog, "exec", lambda d: QDialog.DialogCode.Accepted)
    with qtbot.waitSignal(tab.imported, timeout=10_000) as ended:
        tab.import_file(path)
    assert ended.args == [1]
    morag = invited(ctx, planned.id)["Mòrag Nic a' Phì"]
    assert morag.may_name and not morag.may_email and morag.access_needs == "Captions"
    assert unnamed_widgets(chosen[0]) == []
    assert clashing_mnemonics(chosen[0]) == {}


def test_back_from_the_preview_offers_the_columns_again_as_they_were_chosen(
        ctx, planned, tab, tmp_path, monkeypatch, qtbot, column_steps):
    path = tmp_path / "invitees.csv"
    path.write_text(GOOD, encoding="utf-8")
    answers = iter([BACK, 0])
    previews: list[ImportPreviewDialog] = []
    monkeypatch.setattr(ImportPreviewDialog, "exec",
                        lambda d: previews.append(d) or next(answers))
    with qtbot.waitSignal(tab.imported, timeout=10_000) as ended:
        tab.import_file(path)
    assert ended.args == [0]
    assert len(column_steps) == 2 and len(previews) == 2
    assert not previews[0].back_button.isHidden()
    assert column_steps[1].mapping() == column_steps[0].mapping()
    assert sorted(invited(ctx, planned.id)) == ["Aileen Brodie", "Morag Fraser"]



def test_the_selected_person_is_readable_in_full_under_the_table(ctx, planned, qtbot):
    long_needs = ("BSL interpreter booked for the whole session; please share slides two days "
                  "ahead and describe any images aloud")
    participants.add_to_session(
        ctx.store, planned.id, "Kwame Mensah", email="kwame.mensah.carers.centre@example.org",
        organisation="Caithness and North Sutherland Carers Centre (Wick office)",
        sector="third-sector", locality="Wick",
        consent={"may_name": True, "may_quote": True, "access_needs": long_needs})
    view = show_active(qtbot, SessionView(ctx, planned.id), (1366, 700))
    try:
        view.tabs.setCurrentWidget(view.participants)
        tab = view.participants
        assert tab.detail_scroll.isHidden()  # nobody selected yet
        tab.table.setCurrentIndex(tab.model.index(0, NAME))
        text = tab.detail.text()
        assert text == ("Kwame Mensah · kwame.mensah.carers.centre@example.org · Caithness and "
                        "North Sutherland Carers Centre (Wick office) (Third sector, Wick) · "
                        "attendance not recorded · may be named, quoted · access needs: "
                        + long_needs)
        assert tab.detail.wordWrap() and tab.detail.isVisible()
        qtbot.waitUntil(lambda: tab.detail_scroll.height() >= tab.detail.heightForWidth(
            tab.detail_scroll.viewport().width()))
        assert tab.detail.accessibleName() == text
        # Wrapped within the tab, not cut: the label is as wide as the tab at most.
        assert tab.detail.width() <= tab.width()
        assert tab.detail.heightForWidth(tab.detail.width()) <= tab.detail.height() + 1
        # An edit shows at once.
        first = participants.list_session_participants(ctx.store, planned.id)[0]
        changes = participants.update_invitation(ctx.store, first.invitation.id,
                                                 access_needs="Captions")[1]
        ctx.announce(changes)
        assert tab.detail.text().endswith("access needs: Captions")
    finally:
        view.close()
