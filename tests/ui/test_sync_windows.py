"""Sync from the windows, through real stores and a real shared folder: two laptops (two data
folders, two main windows) meet in one folder in tmp_path. An edit made on one arrives in the
other's open views; a conflict is resolved from the conflicts view and the resolution reaches
the first laptop; an unreachable folder is "Offline"; Join runs the first round; a large delete
asks first; F9 gives way to the capture clock; an exported file is copied to the share."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from app.models import Preferences
from app.models.sync import SyncRound
from app.services import capture
from app.services.planning import systems
from app.services.planning.sessions import create_session
from app.services.sync import conflicts, sync_log
from app.store.engine import open_store
from app.ui.context import AppContext, ChangeBus
from app.ui.dialogs.preferences import PreferencesDialog
from app.ui.main_window import MainWindow
from app.ui.style import apply_preferences
from app.ui.views.sync import runner as runner_module
from tests.ui.accessibility import accessible_problems, clashing_mnemonics, unnamed_widgets
from tests.ui.export.conftest import open_from_session_page, save

HOUR_MS = 3_600_000
ROUND_S = 30_000  # a round's deadline in ms, on a busy two-core machine


@pytest.fixture
def shared(tmp_path: Path) -> Path:
    folder = tmp_path / "shared drive"
    folder.mkdir()
    return folder


@pytest.fixture
def laptops(tmp_path, shared, qapp, qtbot, monkeypatch):
    """Make main windows on laptops of their own, all syncing with `shared` (or `folder`).
    Their timers wait an hour, so that each round here is the one the test runs."""
    monkeypatch.setattr(runner_module, "FIRST_LOOK_MS", HOUR_MS)
    monkeypatch.setattr(runner_module, "WATCH_MS", HOUR_MS)
    made: list[tuple[AppContext, MainWindow]] = []

    def make(name: str, folder: Path | None = shared) -> MainWindow:
        data = tmp_path / name
        data.mkdir()
        store = open_store(data, author=f"Facilitator at {name}", device_name=name)
        prefs = Preferences(device_name=name, shared_folder=str(folder or ""),
                            sync_every_minutes=0)
        ctx = AppContext(store, prefs, data / "preferences.json", QUndoStack(), ChangeBus())
        apply_preferences(qapp, prefs)
        window = MainWindow(ctx, settings=QSettings(str(data / "settings.ini"),
                                                    QSettings.Format.IniFormat))
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        made.append((ctx, window))
        return window

    yield make
    for ctx, window in made:
        window.close()
        ctx.tasks.shutdown()
        ctx.undo_stack.clear()
        ctx.store.close()


def sync_round(qtbot, window: MainWindow, *, asked: bool = True) -> SyncRound:
    """Run one round from the window, as Sync now does; wait until the status bar shows it."""
    runner = window.sync.runner
    qtbot.waitUntil(lambda: not runner.running, timeout=ROUND_S)
    with qtbot.waitSignal(runner.round_finished, timeout=ROUND_S) as finished:
        runner.sync_now(asked=asked)
    result: SyncRound = finished.args[0]
    assert result.started_at is not None

    def shown() -> bool:
        status = runner.state.status
        return status is not None and status.last_sync_at is not None and \
            status.last_sync_at >= result.started_at
    qtbot.waitUntil(shown, timeout=ROUND_S)
    return result


def plan(window: MainWindow, title: str = "Workshop 1"):
    ctx = window.ctx
    system, changes = systems.create_system(ctx.store, "Island learning system")
    ctx.announce(changes)
    session, changes = create_session(ctx.store, system.id, title,
                                      datetime(2026, 12, 8, 10, 0).astimezone(), minutes=60)
    ctx.announce(changes)
    return system, session


def conflicted(laptops, qtbot, *, found_by: str):
    """Two laptops that changed one note's text at once, then synced: the one named
    `found_by` syncs last and so holds the conflict. (Orkney's window, Skye's, the note.)"""
    orkney, skye = laptops("Orkney office"), laptops("Skye van")
    _, session = plan(orkney)
    note, _ = capture.add_note(orkney.ctx.store, session.id, "Buses stop at six")
    sync_round(qtbot, orkney)
    sync_round(qtbot, skye)
    capture.edit_note(orkney.ctx.store, note.id, text="The last bus leaves at six")
    capture.edit_note(skye.ctx.store, note.id, text="No bus after six on Sundays")
    first, last = (orkney, skye) if found_by == "Skye van" else (skye, orkney)
    sync_round(qtbot, first)
    sync_round(qtbot, last)
    return orkney, skye, note


def test_an_edit_on_one_laptop_arrives_in_the_other_window(laptops, qtbot):
    orkney, skye = laptops("Orkney office"), laptops("Skye van")
    system, session = plan(orkney)
    qtbot.waitUntil(lambda: orkney.sync.runner.state.status is not None
                    and orkney.sync.runner.state.status.pending_changes > 0, timeout=ROUND_S)
    assert orkney.sync.status.state_button.accessibleName().endswith("to send")
    sync_round(qtbot, orkney)
    assert orkney.sync.status.state_button.accessibleName() == "Sync: Synced just now"
    sync_round(qtbot, skye)
    assert skye.navigator_model.index_of(session.id).isValid()  # the navigator followed
    skye.select(session.id)
    skye.open_capture()
    view = skye.page
    assert view.model.rowCount() == 0
    note, changes = capture.add_note(orkney.ctx.store, session.id, "Buses stop at six")
    orkney.ctx.announce(changes)
    sync_round(qtbot, orkney)
    sync_round(qtbot, skye)
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)  # the open capture view refreshed
    assert unnamed_widgets(skye) == [] and clashing_mnemonics(skye) == {}
    assert accessible_problems(skye) == []
    log = skye.sync.open_log()
    qtbot.addWidget(log)
    assert log.list.count() == len(sync_log(skye.ctx.store)) > 0
    assert any("Orkney office" in log.list.item(r).text() for r in range(log.list.count()))


def test_a_conflict_is_resolved_from_the_view_and_closes_on_the_other_laptop(laptops, qtbot):
    orkney, skye, note = conflicted(laptops, qtbot, found_by="Skye van")
    status = skye.sync.status
    assert status.conflicts_button.isVisible()
    assert status.conflicts_button.text() == "1 conflict"
    status.conflicts_button.click()
    view = skye.sync.conflicts_view
    assert view is not None and view.isVisible()
    qtbot.addWidget(view)
    assert unnamed_widgets(view) == [] and clashing_mnemonics(view) == {}
    assert view.list.topLevelItemCount() == 1
    assert {view.mine.toPlainText(), view.theirs.toPlainText()} == {
        "The last bus leaves at six", "No bus after six on Sundays"}
    assert view.list.topLevelItem(0).text(2) == "Orkney office"
    theirs = view.theirs.toPlainText()
    view.keep_theirs.click()
    assert view.list.topLevelItemCount() == 0
    assert capture.get_note(skye.ctx.store, note.id).text == theirs
    qtbot.waitUntil(lambda: not status.conflicts_button.isVisible())
    sync_round(qtbot, skye)
    sync_round(qtbot, orkney)
    assert [c for c in conflicts(orkney.ctx.store)] == []
    assert capture.get_note(orkney.ctx.store, note.id).text == theirs


def test_edit_keeps_the_written_text_everywhere(laptops, qtbot, monkeypatch):
    orkney, skye, note = conflicted(laptops, qtbot, found_by="Orkney office")
    view = orkney.sync.open_conflicts()
    qtbot.addWidget(view)
    from app.ui.views.sync.conflict_editor import ConflictEditor

    def write(editor: ConflictEditor) -> int:
        assert "The last bus leaves at six" in editor.text()
        assert "No bus after six on Sundays" in editor.text()
        editor.editor.setPlainText("The last bus leaves at six, and none on Sundays")
        return int(QDialog.DialogCode.Accepted)

    monkeypatch.setattr(ConflictEditor, "exec", write)
    assert view.edit_both()
    assert capture.get_note(orkney.ctx.store, note.id).text == \
        "The last bus leaves at six, and none on Sundays"
    sync_round(qtbot, orkney)
    sync_round(qtbot, skye)
    assert capture.get_note(skye.ctx.store, note.id).text == \
        "The last bus leaves at six, and none on Sundays"
    assert conflicts(skye.ctx.store) == []


def test_an_unreachable_folder_is_offline_and_syncs_when_it_is_back(
        laptops, qtbot, tmp_path, refusals):
    later = tmp_path / "usb stick"
    window = laptops("Orkney office", folder=later)
    runner, part = window.sync.runner, window.sync.status
    runner.sync_now(asked=False)  # on the timer: no dialog
    qtbot.waitUntil(lambda: runner.state.offline and not runner.running, timeout=ROUND_S)
    assert part.state_button.text().startswith("Offline")
    assert refusals == []
    runner.sync_now(asked=True)  # asked for: the reason in a dialog too
    qtbot.waitUntil(lambda: len(refusals) == 1, timeout=ROUND_S)
    assert refusals == [f"The shared folder {later} cannot be found: it may be unplugged, "
                        "offline or renamed."]
    later.mkdir()
    with qtbot.waitSignal(runner.round_finished, timeout=ROUND_S):
        runner.look_for_folder()  # what the timer does every 20 seconds
    assert not runner.state.offline
    assert (later / "Cairn sync").is_dir()


def test_a_round_that_deletes_many_records_asks_first(laptops, qtbot, monkeypatch):
    orkney, skye = laptops("Orkney office"), laptops("Skye van")
    _, session = plan(orkney)
    ids = [capture.add_note(orkney.ctx.store, session.id, f"Note {n}")[0].id for n in range(30)]
    sync_round(qtbot, orkney)
    sync_round(qtbot, skye)
    capture.delete_notes(orkney.ctx.store, ids)
    sync_round(qtbot, orkney)
    asked: list[str] = []
    left_when_asked: list[int] = []

    def answer(box: QMessageBox) -> int:
        asked.append(box.text())
        left_when_asked.append(len(capture.list_notes(skye.ctx.store, session.id)))
        return int(QMessageBox.StandardButton.Yes)

    monkeypatch.setattr(QMessageBox, "exec", answer)
    runner = skye.sync.runner
    runner.sync_now(asked=False)
    qtbot.waitUntil(lambda: len(asked) == 1, timeout=ROUND_S)
    assert left_when_asked == [30]  # the round stopped before deleting anything
    qtbot.waitUntil(lambda: not runner.running
                    and not capture.list_notes(skye.ctx.store, session.id), timeout=ROUND_S)


def test_join_runs_the_first_round_from_the_preferences(laptops, qtbot, shared):
    window = laptops("Orkney office", folder=None)
    assert not window.sync.status.isVisible()  # not syncing: nothing in the status bar
    plan(window)
    dialog = PreferencesDialog(window.ctx, window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.tabs.setCurrentWidget(dialog.sync)
    page = dialog.sync
    page.folder.setText(str(shared))
    qtbot.waitUntil(lambda: page.info is not None)  # what the folder holds, read on a worker
    assert page.holds.text().startswith("No Cairn data there yet")
    page.join.click()
    assert page.join_task is not None and page.progress.isVisible()
    qtbot.waitUntil(lambda: page.join_task is None, timeout=ROUND_S)
    assert page.outcome.text().startswith("Synced: sent")
    assert window.ctx.prefs.shared_folder == str(shared)
    qtbot.waitUntil(lambda: "Island learning system" in page.holds.text(), timeout=ROUND_S)
    qtbot.waitUntil(lambda: window.sync.status.isVisible())


def test_f9_syncs_but_gives_way_to_the_capture_clock(laptops, qtbot):
    window = laptops("Orkney office")
    _, session = plan(window)
    window.select(session.id)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    runner = window.sync.runner
    qtbot.waitUntil(lambda: not runner.running, timeout=ROUND_S)
    assert window.sync.sync_now.shortcut().toString() == "F9"
    with qtbot.waitSignal(runner.round_started):
        qtbot.keyClick(window.navigator, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: not runner.running, timeout=ROUND_S)
    window.open_capture()
    assert window.sync.sync_now.shortcut().isEmpty()
    view = window.page
    view.focus_entry()
    qtbot.waitUntil(view.composer.entry.hasFocus)
    qtbot.keyClick(view.composer.entry, Qt.Key.Key_F9)
    view.agenda.refresh()
    assert view.agenda.clock_label.text().endswith("(running)")  # the clock started; no round
    assert not runner.running
    view.back_requested.emit(session.id)
    assert window.sync.sync_now.shortcut().toString() == "F9"


def test_an_export_is_copied_to_the_shared_drive(laptops, qtbot, shared, tmp_path):
    window = laptops("Orkney office")
    _, session = plan(window)
    capture.add_note(window.ctx.store, session.id, "Buses stop at six")
    sync_round(qtbot, window)  # the first round makes "Cairn sync"
    dialog = open_from_session_page(window, qtbot, session.id)
    assert dialog.shared_copy.isVisible() and not dialog.shared_copy.isChecked()
    assert clashing_mnemonics(dialog) == {}
    dialog.shared_copy.setChecked(True)
    with qtbot.waitSignal(window.ctx.bus.status, timeout=ROUND_S,
                          check_params_cb=lambda text: text.startswith("A copy of")) as said:
        save(qtbot, dialog, tmp_path / "Workshop 1 summary pack.pdf")
    copies = list((shared / "Cairn sync" / "exports").rglob("*.pdf"))
    assert [c.name for c in copies] == ["Workshop 1 summary pack.pdf"]
    assert copies[0].read_bytes() == (tmp_path / "Workshop 1 summary pack.pdf").read_bytes()
    assert said.args[0].endswith(f"as Cairn sync/exports/Orkney office/{copies[0].parent.name}"
                                 "/Workshop 1 summary pack.pdf.")


def test_without_a_shared_folder_the_export_offers_no_copy(laptops, qtbot):
    window = laptops("Orkney office", folder=None)
    _, session = plan(window)
    dialog = open_from_session_page(window, qtbot, session.id)
    assert not dialog.shared_copy.isVisible()


def test_a_window_on_a_reachable_folder_syncs_at_its_first_look(laptops, qtbot, monkeypatch):
    orkney = laptops("Orkney office")
    plan(orkney)
    sync_round(qtbot, orkney)
    monkeypatch.setattr(runner_module, "FIRST_LOOK_MS", 10)
    skye = laptops("Skye van")  # opened with the folder there: it syncs without being asked
    qtbot.waitUntil(lambda: skye.navigator_model.system_ids() != [], timeout=ROUND_S)
    qtbot.waitUntil(lambda: skye.sync.status.state_button.accessibleName().startswith(
        "Sync: Synced"), timeout=ROUND_S)


def test_rounds_run_on_the_timer_set_in_the_preferences(laptops, qtbot, monkeypatch):
    window = laptops("Orkney office")
    plan(window)
    runner, ctx = window.sync.runner, window.ctx
    monkeypatch.setattr(runner_module, "MINUTE_MS", 300)  # a "minute" of 0.3 s
    assert not runner._every.isActive()  # 0: only on demand
    with qtbot.waitSignal(runner.round_finished, timeout=ROUND_S):
        ctx.save_preferences(ctx.prefs.model_copy(update={"sync_every_minutes": 1}))
    assert runner._every.interval() == 300
    ctx.save_preferences(ctx.prefs.model_copy(update={"sync_every_minutes": 0}))
    assert not runner._every.isActive()
