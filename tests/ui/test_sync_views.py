"""The sync windows fed with real sync models: the status bar's part, the conflicts view and its
editor, the sync log, the Preferences Sync page, and the sentences they say."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

from app.models.sync import (
    Conflict,
    SharedDevice,
    SharedFolderInfo,
    SharedSystem,
    SyncLogEntry,
    SyncRound,
    SyncStatus,
)
from app.ui.dialogs.preferences import PreferencesDialog
from app.ui.views.sync.conflict_editor import ConflictEditor
from app.ui.views.sync.conflicts_view import EMPTY, ConflictsView
from app.ui.views.sync.log_view import SyncLogView
from app.ui.views.sync.status_part import SyncStatusPart
from app.ui.views.sync.wording import (
    SyncState,
    ago,
    edited_text,
    round_sentence,
    shared_sentence,
    status_parts,
)
from tests.ui.accessibility import accessible_problems, clashing_mnemonics, unnamed_widgets

NOW = datetime(2026, 11, 30, 14, 0, tzinfo=UTC)
ALT = Qt.KeyboardModifier.AltModifier


def show_active(qtbot, widget: QWidget) -> None:
    """Keys and Alt+letters reach a window only once it is the active one."""
    qtbot.addWidget(widget)
    widget.show()
    widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget)


def conflict(n: int, *, kind: str = "edit", device: str = "Orkney office") -> Conflict:
    return Conflict(id=f"c{n}", entity="note", entity_id=f"n{n}",
                    field="text" if kind == "edit" else None, kind=kind,
                    label=f'Note "Buses stop at six {n}…"', mine=f"Buses stop at six ({n})",
                    theirs=f"The last bus leaves at 18:00 ({n})", their_device=device,
                    detected_at=NOW - timedelta(minutes=n))


def status(**fields: object) -> SyncStatus:
    base = {"device_id": "d1", "device_name": "Lewis laptop", "shared_folder": "/mnt/share",
            "reachable": True, "last_sync_at": NOW - timedelta(minutes=2)}
    return SyncStatus(**{**base, **fields})


# --- the sentences ---------------------------------------------------------------------------

def test_how_long_ago_reads_as_a_person_says_it():
    assert ago(NOW - timedelta(seconds=20), NOW) == "just now"
    assert ago(NOW - timedelta(minutes=2, seconds=30), NOW) == "2 min ago"
    assert ago(NOW - timedelta(hours=3), NOW) == "3 h ago"
    assert ago(NOW - timedelta(days=3), NOW).startswith("on 2")  # on 27 Nov, local time
    assert ago(NOW - timedelta(days=400), NOW).endswith("2025")


def test_the_status_says_last_sync_pending_offline_and_syncing():
    assert status_parts(SyncState(status(pending_changes=3)), NOW) == (
        "Synced 2 min ago · 3 to send",
        "Last synced 2 min ago, 3 changes to send.")
    assert status_parts(SyncState(status()), NOW)[1] == "Last synced 2 min ago, nothing to send."
    assert status_parts(SyncState(status(pending_changes=1), offline=True), NOW)[0] == \
        "Offline · 1 to send"
    assert status_parts(SyncState(status(last_sync_at=None)), NOW)[0] == "Not synced yet"
    text, sentence = status_parts(SyncState(status(), running=True, progress="Reading files"))
    assert (text, sentence) == ("Syncing…", "Syncing with the shared folder: Reading files.")


def test_a_round_in_one_sentence():
    assert round_sentence(SyncRound()) == "Synced: nothing new."
    assert round_sentence(SyncRound(received=42, sent=1, conflicts=2)) == (
        "Synced: received 42 changes, sent 1 change and 2 conflicts to look at.")
    assert round_sentence(SyncRound(set_aside=1)) == "Synced: 1 file set aside."


def test_what_a_shared_folder_holds_in_words():
    gone = SharedFolderInfo(path="/mnt/share", reachable=False,
                            message="The shared folder /mnt/share cannot be found.")
    assert shared_sentence(gone) == "The shared folder /mnt/share cannot be found."
    empty = SharedFolderInfo(path="/mnt/share", reachable=True)
    assert shared_sentence(empty).startswith("No Cairn data there yet")
    held = SharedFolderInfo(path="/mnt/share", reachable=True,
                            systems=[SharedSystem(id="s1", name="Highland care")],
                            devices=[SharedDevice(id="d2", name="Orkney office", files=3)])
    assert shared_sentence(held) == ("Learning systems: “Highland care”.\n"
                                     "1 laptop syncs there: “Orkney office”.")


def test_the_editor_starts_from_both_versions():
    assert edited_text(conflict(1)) == "Buses stop at six (1)\n\nThe last bus leaves at 18:00 (1)"


# --- the status bar's part -----------------------------------------------------------------

def test_the_status_part_shows_the_state_and_opens_log_and_conflicts(ctx, qtbot):
    holder = QWidget()
    part = SyncStatusPart(holder)
    qtbot.addWidget(holder)
    holder.show()
    assert not part.isVisible()  # this laptop does not sync yet: nothing to show
    part.show_state(SyncState(status(pending_changes=2, open_conflicts=3)))
    assert part.isVisible()
    name = part.state_button.accessibleName()
    assert name.startswith("Sync: Synced") and name.endswith("· 2 to send")
    part.state_button.resize(part.state_button.sizeHint())
    assert part.state_button.text() == name.removeprefix("Sync: ")
    part.state_button.resize(part.state_button.minimumSizeHint())  # a crowded status bar
    assert part.state_button.text() == name.removeprefix("Sync: ").split(" · ")[0]
    assert part.conflicts_button.isVisible()
    assert part.conflicts_button.accessibleName() == "3 conflicts to resolve"
    assert unnamed_widgets(part) == [] and accessible_problems(part) == []
    with qtbot.waitSignal(part.conflicts_requested):
        part.conflicts_button.click()
    with qtbot.waitSignal(part.log_requested):
        part.state_button.click()
    part.show_state(SyncState(status(open_conflicts=0), offline=True))
    assert part.state_button.text() == "Offline"
    assert not part.conflicts_button.isVisible()
    part.show_state(SyncState(status(), running=True))
    assert part.state_button.text() == "Syncing…"


# --- the conflicts view ------------------------------------------------------------------------

class Resolutions:
    """Stands in for the store: records what was asked and refuses when told to."""

    def __init__(self) -> None:
        self.asked: list[tuple[str, str, str | None]] = []
        self.refuse = False

    def __call__(self, conflict_id: str, keep: str, edited: str | None) -> bool:
        if self.refuse:
            return False
        self.asked.append((conflict_id, keep, edited))
        return True


@pytest.fixture
def conflicts_view(ctx, qtbot):
    resolutions = Resolutions()
    view = ConflictsView(resolutions)
    qtbot.addWidget(view)
    view.show_conflicts([conflict(1), conflict(2, device="Skye van"), conflict(3)])
    show_active(qtbot, view)
    return view, resolutions


def test_the_conflicts_view_shows_both_versions_of_the_selected_one(conflicts_view):
    view, _ = conflicts_view
    assert unnamed_widgets(view) == [] and clashing_mnemonics(view) == {}
    assert accessible_problems(view) == []
    assert view.list.topLevelItemCount() == 3
    assert [view.list.topLevelItem(0).text(c) for c in range(3)] == [
        'Note "Buses stop at six 1…"', "text", "Orkney office"]
    assert view.mine.toPlainText() == "Buses stop at six (1)"
    assert view.theirs.toPlainText() == "The last bus leaves at 18:00 (1)"
    assert view.mine.isReadOnly() and view.theirs.isReadOnly()
    view.list.setCurrentItem(view.list.topLevelItem(1))
    assert view.theirs_label.text() == "T&heirs (“Skye van”):"
    assert view.theirs.accessibleName() == "The version from Skye van"


def test_keyboard_alone_resolves_and_moves_to_the_next(conflicts_view, qtbot):
    view, resolutions = conflicts_view
    view.list.setFocus()
    qtbot.keyClick(view.list, Qt.Key.Key_Down)
    assert view.selected().id == "c2"
    qtbot.keyClick(view, Qt.Key.Key_T, ALT)  # Keep theirs (a button's Alt+letter clicks it)
    qtbot.waitUntil(lambda: resolutions.asked == [("c2", "theirs", None)])
    assert [c.id for c in view.conflicts] == ["c1", "c3"]
    assert view.selected().id == "c3"
    qtbot.keyClick(view, Qt.Key.Key_M, ALT)
    qtbot.waitUntil(lambda: len(resolutions.asked) == 2)
    qtbot.keyClick(view, Qt.Key.Key_B, ALT)
    qtbot.waitUntil(lambda: len(resolutions.asked) == 3)
    assert resolutions.asked[1:] == [("c3", "mine", None), ("c1", "both", None)]
    assert view.summary.text() == EMPTY
    assert not view.keep_mine.isEnabled() and not view.edit.isEnabled()


def test_a_refused_resolution_leaves_the_list_as_it_was(conflicts_view):
    view, resolutions = conflicts_view
    resolutions.refuse = True
    assert not view.choose("mine")
    assert len(view.conflicts) == 3 and view.selected().id == "c1"


def test_edit_keeps_the_text_written_from_both(conflicts_view, qtbot):
    view, resolutions = conflicts_view

    seen: list[str] = []

    def write() -> None:
        editor = QApplication.activeModalWidget()
        assert isinstance(editor, ConflictEditor)
        try:
            seen.append(editor.editor.toPlainText())
            seen.extend(unnamed_widgets(editor) + list(clashing_mnemonics(editor)))
            editor.editor.setPlainText("The last bus leaves at six (18:00)")
            editor.ok.click()
        finally:
            if editor.isVisible():
                editor.reject()

    QTimer.singleShot(0, write)
    assert view.edit_both()
    assert seen == [edited_text(conflict(1))]
    assert resolutions.asked == [("c1", "both", "The last bus leaves at six (18:00)")]


def test_a_deleted_conflict_offers_no_edit(ctx, qtbot):
    view = ConflictsView(Resolutions())
    qtbot.addWidget(view)
    view.show_conflicts([conflict(1, kind="deleted")])
    assert view.list.topLevelItem(0).text(1) == "deleted on one laptop, edited on another"
    assert view.keep_mine.isEnabled() and not view.edit.isEnabled()


# --- the sync log ---------------------------------------------------------------------------

def test_the_sync_log_is_newest_first_and_copies(ctx, qtbot):
    view = SyncLogView()
    show_active(qtbot, view)
    assert not view.copy_button.isEnabled()
    view.show_entries([
        SyncLogEntry(at=NOW - timedelta(hours=1), kind="sent", text="Sent 3 changes."),
        SyncLogEntry(at=NOW, kind="received",
                     text="Received 42 notes from the laptop “Orkney office”."),
        SyncLogEntry(at=NOW - timedelta(minutes=5), kind="problem",
                     text="A file from “Skye van” was damaged; it was set aside."),
    ])
    assert unnamed_widgets(view) == [] and clashing_mnemonics(view) == {}
    assert accessible_problems(view) == []
    lines = [view.list.item(r).text() for r in range(view.list.count())]
    assert [line.split("  ", 1)[1] for line in lines] == [
        "Received 42 notes from the laptop “Orkney office”.",
        "A file from “Skye van” was damaged; it was set aside.", "Sent 3 changes."]
    qtbot.keyClick(view, Qt.Key.Key_C, ALT)
    qtbot.waitUntil(lambda: QGuiApplication.clipboard().text() == "\n".join(lines) + "\n")


# --- the Preferences Sync page ------------------------------------------------------------------

def test_the_sync_page_saves_folder_name_and_interval(ctx, qtbot, tmp_path):
    dialog = PreferencesDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.tabs.setCurrentWidget(dialog.sync)
    page = dialog.sync
    assert unnamed_widgets(dialog) == [] and clashing_mnemonics(dialog) == {}
    assert accessible_problems(dialog) == []
    assert not page.join.isEnabled()  # no folder yet
    share = tmp_path / "share"
    share.mkdir()
    page.folder.setText(str(share))
    assert page.join.isEnabled()
    page.device_name.setText("Lewis laptop")
    page.every.setValue(0)
    assert page.every.text() == "Only when I ask (F9)"
    dialog.accept()
    saved = json.loads(ctx.prefs_path.read_text())
    assert (saved["shared_folder"], saved["device_name"], saved["sync_every_minutes"]) == (
        str(share), "Lewis laptop", 0)


def test_the_sync_page_shows_what_the_folder_holds(ctx, qtbot, tmp_path):
    dialog = PreferencesDialog(ctx)
    qtbot.addWidget(dialog)
    page = dialog.sync
    page.folder.setText(str(tmp_path))
    page.show_info(SharedFolderInfo(path=str(tmp_path / "elsewhere"), reachable=True))
    assert page.info is None  # about another folder than the one typed: not shown
    info = SharedFolderInfo(path=str(tmp_path), reachable=True,
                            systems=[SharedSystem(id="s1", name="Highland care")],
                            devices=[SharedDevice(id="d2", name="Orkney office")])
    page.show_info(info)
    assert "“Highland care”" in page.holds.text() and "“Orkney office”" in page.holds.text()
    page.folder.setText("")
    assert page.holds.text().startswith("Not syncing")


def test_tab_walks_the_conflicts_view_in_reading_order(conflicts_view, qtbot):
    view, _ = conflicts_view
    view.list.setFocus()
    order = [view.list, view.mine, view.theirs, view.keep_mine, view.keep_theirs,
             view.keep_both, view.edit, view.close_button]
    seen = [QApplication.focusWidget()]
    for _ in order[1:]:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
    assert seen == order
