"""The export dialog on the real store and main window: options -> what is written (read back
with pypdf), the pre-flight list of names and stopping there, names off by default, the
preview, the window staying live while the pack builds, refusals, names and mnemonics."""

from __future__ import annotations

import io
import threading
import zipfile

from pypdf import PdfReader
from PySide6.QtCore import Qt, QTimer

from app.models.pack import PackOptions, PackSection
from app.services.exports import packs
from app.services.exports.data_exports import data_names
from app.ui.views.export.export_dialog import ExportDialog
from app.ui.views.export.saved_notice import SavedNotice
from tests.services.exports.mixed_consent import EVERYONE, HAMISH, MORAG, PRIYA
from tests.ui.accessibility import accessible_problems, clashing_mnemonics, unnamed_widgets
from tests.ui.export.conftest import (
    BUILD_TIMEOUT_MS,
    open_from_session_page,
    pdf_text,
    save,
    wait_built,
)


def _files(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_names_are_off_by_default_and_the_pack_written_names_nobody(world, window, qtbot,
                                                                    tmp_path):
    dialog = open_from_session_page(window, qtbot, world.first.id)
    assert not dialog.options.names.isChecked()
    listed = {name for name, _, _ in dialog.preflight.names()}
    assert not listed & set(EVERYONE)  # only the staff on the cover, if anyone
    out = tmp_path / "out"
    out.mkdir()
    written = save(qtbot, dialog, out / "island.pdf")
    assert written == out / "island.pdf" and _files(out) == ["island.pdf"]
    text = pdf_text(written)
    assert "Island workshop" in text
    for name in EVERYONE:
        assert name not in text and name.split()[0] not in text, name
    notice = window.statusBar().findChild(SavedNotice)
    assert notice is not None and notice.path == written
    assert str(written) in notice.message.accessibleName()


def test_asking_for_names_lists_each_before_saving_and_the_file_says_the_same(
        world, window, qtbot, tmp_path):
    dialog = open_from_session_page(window, qtbot, world.first.id)
    dialog.options.names.setChecked(True)
    assert not dialog.save_button.isEnabled()  # the list shown no longer fits the options
    wait_built(qtbot, dialog)
    rows = dialog.preflight.names()
    listed = {name for name, _, _ in rows}
    assert MORAG in listed and not listed & {PRIYA, HAMISH}
    assert all(where and why for _, where, why in rows)
    # The list is the pack's, as the command line and the service build it.
    expected = packs.build_pack(window.ctx.store, PackOptions(names=True),
                                session_id=world.first.id).names
    assert rows == [(u.name, u.where, u.why) for u in expected]
    assert dialog.save_button.isEnabled()
    text = pdf_text(save(qtbot, dialog, tmp_path / "named.pdf"))
    assert MORAG in text and PRIYA not in text and HAMISH not in text


def test_stopping_at_the_preflight_list_writes_nothing(world, window, qtbot, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    dialog = open_from_session_page(window, qtbot, world.first.id)
    dialog.options.names.setChecked(True)
    wait_built(qtbot, dialog)
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.findChildren(ExportDialog))
    assert _files(out) == []
    assert not window.ctx.tasks.running()
    assert window.statusBar().findChild(SavedNotice) is None


def test_sections_and_charts_left_out_are_not_in_the_file(world, window, qtbot, tmp_path):
    dialog = open_from_session_page(window, qtbot, world.first.id)
    full = pdf_text(save(qtbot, dialog, tmp_path / "full.pdf"))
    dialog = open_from_session_page(window, qtbot, world.first.id)
    dialog.options.sections[PackSection.EVIDENCE].setChecked(False)
    dialog.options.charts.setChecked(False)
    wait_built(qtbot, dialog)
    assert dialog.current is not None
    options = dialog.current.pack.options
    assert PackSection.EVIDENCE not in options.sections and not options.charts
    short = pdf_text(save(qtbot, dialog, tmp_path / "short.pdf"))
    assert "Island larder case study" in full and "Island larder case study" not in short
    assert len(PdfReader(tmp_path / "short.pdf").pages) < len(PdfReader(tmp_path / "full.pdf").pages)


def test_the_preview_shows_every_page_of_the_pack_named_and_paged_by_keyboard(
        world, window, qtbot):
    dialog = open_from_session_page(window, qtbot, world.first.id)
    dialog.tabs.setCurrentWidget(dialog.preview)
    assert dialog.current is not None
    pages = len(PdfReader(io.BytesIO(dialog.current.pdf)).pages)
    assert pages > 1 and dialog.preview.total == pages
    qtbot.waitUntil(lambda: dialog.preview.shown == 0)
    assert dialog.preview.view.accessibleName() == f"Page 1 of {pages}"
    dialog.preview.view.setFocus()
    qtbot.keyClick(dialog.preview.view, Qt.Key.Key_PageDown)
    qtbot.waitUntil(lambda: dialog.preview.shown == 1)
    assert dialog.preview.view.accessibleName() == f"Page 2 of {pages}"


def test_the_pack_builds_in_the_background_and_cancel_stops_it(world, window, qtbot,
                                                                 monkeypatch, tmp_path):
    release = threading.Event()
    real = packs.build_pack

    def held(*args, **kwargs):
        release.wait(BUILD_TIMEOUT_MS / 1000)
        return real(*args, **kwargs)

    monkeypatch.setattr(packs, "build_pack", held)
    assert window.select(world.first.id)
    window.page.export_button.click()
    [dialog] = window.findChildren(ExportDialog)
    try:
        qtbot.waitUntil(lambda: window.task_status.isVisible())
        assert "Checking the summary pack" in window.task_status.label.accessibleName()
        # The window answers while the pack is being built: a timer fires, a field takes text.
        fired: list[bool] = []
        QTimer.singleShot(0, lambda: fired.append(True))
        qtbot.waitUntil(lambda: bool(fired))
        location = window.page.details.location
        location.setFocus()
        qtbot.keyClicks(location, "Pier hall")
        assert location.text() == "Pier hall"
        assert dialog.building is not None and not dialog.save_button.isEnabled()
        qtbot.mouseClick(window.task_status.cancel_button, Qt.MouseButton.LeftButton)
    finally:
        release.set()
    qtbot.waitUntil(lambda: dialog.building is None, timeout=BUILD_TIMEOUT_MS)
    assert dialog.current is None and not dialog.save_button.isEnabled()
    assert dialog.state.text().startswith("Stopped")
    assert dialog.save(tmp_path / "never.pdf") is None
    assert not (tmp_path / "never.pdf").exists()


def test_a_folder_gone_is_refused_in_one_sentence_and_nothing_is_left(world, window, qtbot,
                                                                      tmp_path, refusals):
    dialog = open_from_session_page(window, qtbot, world.first.id)
    gone = tmp_path / "gone"
    assert save(qtbot, dialog, gone / "pack.pdf") is None
    [sentence] = refusals
    assert sentence.endswith(".") and str(gone) in sentence and "\n" not in sentence
    assert not gone.exists() and _files(tmp_path) == sorted(p.name for p in tmp_path.iterdir())
    assert dialog.isVisible() and dialog.save_button.isEnabled()


def test_file_export_and_ctrl_e_open_the_dialog_for_what_is_selected(world, window, qtbot):
    file_menu = window.menuBar().actions()[0].menu()
    [export] = [a for a in file_menu.actions() if a.text() == "&Export…"]
    assert export.shortcut().toString() == "Ctrl+E"
    assert window.select(world.second.id)
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(window.findChildren(ExportDialog)))
    [dialog] = window.findChildren(ExportDialog)
    assert dialog.session_id == world.second.id and dialog.system_id is None
    export.trigger()  # asked again: the same dialog comes forward
    assert window.findChildren(ExportDialog) == [dialog]
    wait_built(qtbot, dialog)
    dialog.close()
    qtbot.waitUntil(lambda: not window.findChildren(ExportDialog))
    assert window.select(world.system.id)
    window.page.export_button.click()
    [system_dialog] = window.findChildren(ExportDialog)
    assert system_dialog.system_id == world.system.id
    assert PackSection.RECURRING in system_dialog.options.sections
    wait_built(qtbot, system_dialog)


def test_the_learning_system_pack_is_written_with_every_session(world, window, qtbot,
                                                                 tmp_path):
    assert window.select(world.system.id)
    window.page.export_button.click()
    [dialog] = window.findChildren(ExportDialog)
    wait_built(qtbot, dialog)
    text = pdf_text(save(qtbot, dialog, tmp_path / "system.pdf"))
    assert "Island workshop" in text and "Mainland workshop" in text
    assert "Trust comes first" in text
    for name in EVERYONE:
        assert name not in text, name


def test_every_control_is_named_and_no_alt_key_clashes(world, window, qtbot):
    dialog = open_from_session_page(window, qtbot, world.first.id)
    dialog.options.names.setChecked(True)
    wait_built(qtbot, dialog)
    for tab in (0, 1):
        dialog.tabs.setCurrentIndex(tab)
        assert unnamed_widgets(dialog) == []
        assert clashing_mnemonics(dialog) == {}
        assert accessible_problems(dialog) == []
    # Tab reads in order: the options, which tab, what it shows, then Save and Close.
    dialog.tabs.setCurrentIndex(0)
    dialog.options.names.setFocus()
    walked = []
    for _ in range(4):
        dialog.focusNextChild()
        walked.append(dialog.focusWidget())
    assert walked == [dialog.tabs.tabBar(), dialog.preflight.table, dialog.save_button,
                      dialog.close_button]
    dialog.close()  # a window of its own: its keys are its own, the main window's are checked
    qtbot.waitUntil(lambda: not window.findChildren(ExportDialog))
    assert clashing_mnemonics(window) == {}
    assert window.page.export_button.accessibleName() == "Export summary pack"
    assert unnamed_widgets(window) == []


def test_a_data_file_is_written_from_the_dialog_and_has_no_page_preview(world, window, qtbot,
                                                                        tmp_path):
    dialog = open_from_session_page(window, qtbot, world.first.id)
    dialog.options.set_fmt("csv")
    combo = dialog.options.table_combo
    combo.setCurrentIndex(combo.findData("themes"))
    wait_built(qtbot, dialog)
    assert dialog.preview.stack.currentIndex() == 0
    assert "no pages" in dialog.preview.message.text()
    written = save(qtbot, dialog, tmp_path / "themes.csv")
    text = written.read_text(encoding="utf-8-sig")
    assert "Trust came first" in text and PRIYA not in text and HAMISH not in text


def test_a_data_files_list_of_names_is_the_names_the_file_holds(world, window, qtbot,
                                                                tmp_path):
    dialog = open_from_session_page(window, qtbot, world.first.id)
    dialog.options.names.setChecked(True)
    dialog.options.set_fmt("json")
    wait_built(qtbot, dialog)
    rows = dialog.preflight.names()
    expected = data_names(window.ctx.store, world.first.id, "json", PackOptions(names=True))
    assert rows == [(u.name, u.where, u.why) for u in expected]
    text = save(qtbot, dialog, tmp_path / "session.json").read_text(encoding="utf-8")
    listed = {name for name, _, _ in rows}
    assert MORAG in listed
    for person in EVERYONE:
        assert (person in text) == (person in listed), person


def test_the_word_and_web_page_forms_use_the_pack_already_checked(world, window, qtbot,
                                                                  tmp_path):
    dialog = open_from_session_page(window, qtbot, world.first.id)
    checked = dialog.current
    dialog.options.set_fmt("docx")
    assert dialog.current is checked and dialog.save_button.isEnabled()  # the same content
    written = save(qtbot, dialog, tmp_path / "island.docx")
    with zipfile.ZipFile(written) as docx:
        body = docx.read("word/document.xml").decode("utf-8")
    assert "Island workshop" in body and MORAG not in body
    dialog = open_from_session_page(window, qtbot, world.first.id)
    dialog.options.set_fmt("html")
    page = save(qtbot, dialog, tmp_path / "island.html").read_text(encoding="utf-8")
    assert "Island workshop" in page and MORAG not in page
