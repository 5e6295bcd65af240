"""The Evidence tab on a real store and real files: add, edit and delete with undo and redo
checked in the store; RIS import through the preview (accepted, already there, refused); a file
attached, opened and removed; links and DOIs opened; filters; keyboard use and names."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QComboBox, QLineEdit

from app.models import EvidenceKind
from app.services.sensemaking import attachments, evidence
from app.ui.views.system.evidence_dialogs import EvidenceDialog, RisPreviewDialog
from app.ui.views.system.evidence_model import FILE, KIND, LINK, TITLE, link_target
from app.ui.views.system.evidence_tab import EvidenceTab, index_of
from tests.ui.accessibility import accessible_problems, clashing_mnemonics, unnamed_widgets
from tests.ui.actions_evidence.dialog_driver import drive, focused

RIS = Path(__file__).resolve().parents[2] / "fixtures" / "ris"


def add(ctx, system, title: str, **fields):
    made, changes = evidence.create_evidence(ctx.store, system.id, title, **fields)
    ctx.announce(changes)
    return made


@pytest.fixture
def opened(evidence_tab: EvidenceTab) -> list[str]:
    """What the tab asked the system to open (a browser, a PDF reader), recorded instead."""
    seen: list[str] = []
    evidence_tab.open_url = lambda url: seen.append(url.toString()) or True
    return seen


def titles(store, system) -> list[str]:
    return [e.title for e in evidence.list_evidence(store, system.id)]


def test_evidence_added_by_keyboard_edited_in_place_and_deleted_each_one_undo_step(
        ctx, system, evidence_tab, monkeypatch, qtbot):
    def steps(dialog: EvidenceDialog) -> None:
        assert focused() is dialog.title
        qtbot.keyClicks(dialog.title, "Neighbourhood care on the islands")
        qtbot.keyClick(dialog.title, Qt.Key.Key_Tab)
        assert focused() is dialog.kind
        qtbot.keyClick(dialog.kind, Qt.Key.Key_Tab)
        qtbot.keyClicks(dialog.citation, "Isles Community Transport (2021).")
        qtbot.keyClick(dialog.citation, Qt.Key.Key_Tab)
        assert focused() is dialog.link
        qtbot.keyClicks(dialog.link, "10.5555/islands.2021")
        qtbot.keyClick(dialog.link, Qt.Key.Key_Return)

    drive(monkeypatch, EvidenceDialog, qtbot, steps)
    evidence_tab.add_button.setFocus()
    qtbot.keyClick(evidence_tab.add_button, Qt.Key.Key_Space)
    [made] = evidence.list_evidence(ctx.store, system.id)
    assert (made.title, made.kind, made.citation, made.link) == (
        "Neighbourhood care on the islands", EvidenceKind.CASE_STUDY,
        "Isles Community Transport (2021).", "10.5555/islands.2021")
    assert evidence_tab.selected() == made

    table = evidence_tab.table
    table.setCurrentIndex(index_of(evidence_tab, made.id, TITLE))
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = focused()
    assert isinstance(editor, QLineEdit) and editor.accessibleName() == "Title"
    editor.selectAll()
    qtbot.keyClicks(editor, "Neighbourhood care in lockdown")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: titles(ctx.store, system) == ["Neighbourhood care in lockdown"])
    table.setCurrentIndex(index_of(evidence_tab, made.id, KIND))
    qtbot.keyClick(table, Qt.Key.Key_F2)
    kinds = focused()
    assert isinstance(kinds, QComboBox) and kinds.accessibleName() == "Type"
    kinds.setCurrentIndex(kinds.findData("podcast"))
    qtbot.keyClick(kinds, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: evidence.get_evidence(ctx.store, made.id).kind
                    is EvidenceKind.PODCAST)
    assert index_of(evidence_tab, made.id, KIND).data() == "Podcast"

    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    assert titles(ctx.store, system) == [] and evidence_tab.model.rowCount() == 0
    assert ctx.undo_stack.count() == 4
    ctx.undo_stack.undo()
    assert evidence.get_evidence(ctx.store, made.id).kind is EvidenceKind.PODCAST
    ctx.undo_stack.undo()
    ctx.undo_stack.undo()
    assert evidence.get_evidence(ctx.store, made.id) == made
    ctx.undo_stack.undo()
    assert titles(ctx.store, system) == []
    for _ in range(4):
        ctx.undo_stack.redo()
    assert titles(ctx.store, system) == []  # the delete is redone last
    ctx.undo_stack.undo()
    assert titles(ctx.store, system) == ["Neighbourhood care in lockdown"]


def test_ris_references_are_imported_through_the_preview_as_one_undo_step(
        ctx, system, evidence_tab, monkeypatch, qtbot):
    def accept(preview: RisPreviewDialog) -> None:
        assert preview.summary.text() == ("2 new references in zotero.ris; 0 already in the "
                                          "learning system")
        assert preview.new_list.toPlainText().splitlines()[0].startswith(
            "line 1: Insight from a publication: Trust and the speed")
        assert unnamed_widgets(preview) == [] and clashing_mnemonics(preview) == {}
        assert accessible_problems(preview) == []
        preview.import_button.click()

    drive(monkeypatch, RisPreviewDialog, qtbot, accept)
    with qtbot.waitSignal(evidence_tab.imported, timeout=10_000) as done:
        evidence_tab.import_file(RIS / "zotero.ris")
    assert done.args == [2]
    imported = evidence.list_evidence(ctx.store, system.id)
    assert len(imported) == 2 and evidence_tab.model.rowCount() == 2
    assert ctx.undo_stack.count() == 1
    ctx.undo_stack.undo()
    assert evidence.list_evidence(ctx.store, system.id) == []
    assert evidence_tab.model.rowCount() == 0
    ctx.undo_stack.redo()
    assert evidence.list_evidence(ctx.store, system.id) == imported  # the same ids


def test_a_file_already_imported_previews_nothing_new_and_adds_nothing(
        ctx, system, evidence_tab, monkeypatch, qtbot):
    from app.services.sensemaking import ris

    evidence.import_references(ctx.store, system.id, ris.read_ris(RIS / "zotero.ris"))
    seen = drive(monkeypatch, RisPreviewDialog, qtbot, lambda preview: preview.reject())
    with qtbot.waitSignal(evidence_tab.imported, timeout=10_000) as done:
        evidence_tab.import_file(RIS / "zotero.ris")
    assert done.args == [0]
    preview = seen[0]
    assert preview.summary.text() == ("0 new references in zotero.ris; 2 already in the "
                                      "learning system")
    assert not preview.import_button.isEnabled()
    assert ctx.undo_stack.count() == 0


def test_a_refused_ris_file_says_its_sentence_and_changes_nothing(ctx, system, evidence_tab,
                                                                  refusals, qtbot):
    with qtbot.waitSignal(evidence_tab.imported, timeout=10_000) as done:
        evidence_tab.import_file(RIS / "broken.ris")
    assert done.args == [0]
    assert refusals == ["broken.ris, line 5: the reference has no title (TI or T1) (and 1 "
                        "other problem); nothing was imported."]
    assert evidence.list_evidence(ctx.store, system.id) == []
    assert ctx.undo_stack.count() == 0


def test_a_file_is_attached_opened_and_removed_with_undo(ctx, system, evidence_tab, opened,
                                                         tmp_path, qtbot):
    made = add(ctx, system, "Tablet lending with a volunteer buddy")
    report = tmp_path / "tablet-lending-evaluation.pdf"
    report.write_bytes(b"%PDF-1.4 an evaluation of tablet lending")
    evidence_tab.table.setCurrentIndex(index_of(evidence_tab, made.id))
    assert not evidence_tab.open_file_action.isEnabled()
    with qtbot.waitSignal(evidence_tab.attached, timeout=10_000) as done:
        evidence_tab.attach(report)
    assert done.args == [made.id]
    attached = evidence.get_evidence(ctx.store, made.id)
    assert attached.file_name == "tablet-lending-evaluation.pdf"
    assert index_of(evidence_tab, made.id, FILE).data() == "tablet-lending-evaluation.pdf"
    assert evidence_tab.open_file_action.isEnabled() and evidence_tab.detach_action.isEnabled()

    path = evidence_tab.file_to_open()
    assert path.name == "tablet-lending-evaluation.pdf" and path.read_bytes() == \
        report.read_bytes()
    assert evidence_tab.open_file()
    assert opened == [QUrl.fromLocalFile(str(path)).toString()]

    assert evidence_tab.detach()
    assert evidence.get_evidence(ctx.store, made.id).file_name == ""
    assert not evidence_tab.open_file_action.isEnabled()
    ctx.undo_stack.undo()  # the removal: the file is back, its copy was kept
    assert evidence.get_evidence(ctx.store, made.id) == attached
    assert attachments.attached_path(ctx.store, made.id).read_bytes() == report.read_bytes()
    ctx.undo_stack.undo()  # the attachment
    assert evidence.get_evidence(ctx.store, made.id).file_name == ""
    ctx.undo_stack.redo()
    assert evidence.get_evidence(ctx.store, made.id) == attached


def test_a_file_that_cannot_be_attached_or_opened_says_why(ctx, system, evidence_tab, opened,
                                                           refusals, tmp_path, qtbot):
    made = add(ctx, system, "Carers are the hidden workforce")
    evidence_tab.table.setCurrentIndex(index_of(evidence_tab, made.id))
    with qtbot.waitSignal(evidence_tab.attached, timeout=10_000) as done:
        evidence_tab.attach(tmp_path / "gone.pdf")
    assert done.args == [""]
    assert refusals == ["gone.pdf was not found; nothing was attached."]
    assert ctx.undo_stack.count() == 0
    report = tmp_path / "blog.html"
    report.write_text("<p>Carers</p>", encoding="utf-8")
    with qtbot.waitSignal(evidence_tab.attached, timeout=10_000):
        evidence_tab.attach(report)
    attachments.attached_path(ctx.store, made.id).unlink()  # as on a laptop not synced yet
    assert not evidence_tab.open_file()
    assert opened == []
    assert refusals[-1] == ("The attached file blog.html is not on this laptop yet; it may not "
                            "have been synced here.")


def test_links_and_dois_open_in_the_browser(ctx, system, evidence_tab, opened):
    doi = add(ctx, system, "Trust and the speed of service change", link="doi:10.5555/jicp.42")
    bare = add(ctx, system, "Community first", link="example.org/reports/community-first")
    none = add(ctx, system, "A podcast with no link")
    for record in (doi, bare):
        evidence_tab.table.setCurrentIndex(index_of(evidence_tab, record.id))
        assert evidence_tab.open_link()
    assert opened == ["https://doi.org/10.5555/jicp.42",
                      "https://example.org/reports/community-first"]
    evidence_tab.table.setCurrentIndex(index_of(evidence_tab, none.id))
    assert not evidence_tab.link_button.isEnabled()
    assert index_of(evidence_tab, none.id, LINK).data() == "No link"
    assert link_target("https://doi.org/10.1/x") == "https://doi.org/10.1/x"
    assert link_target("10.1000/xyz123") == "https://doi.org/10.1000/xyz123"


def test_filter_by_type_and_text(ctx, system, themed, evidence_tab, qtbot):
    add(ctx, system, "Tablet lending with a volunteer buddy", kind="case-study",
        theme_ids=[themed.digital])
    add(ctx, system, "Carers are the hidden workforce", kind="opinion-piece")
    add(ctx, system, "Learning system conversations 1", kind="podcast",
        citation="Learning network podcast")
    shown = evidence_tab.shown

    def listed() -> list[str]:
        return [shown.index(r, TITLE).data() for r in range(shown.rowCount())]

    evidence_tab.kind_filter.setCurrentIndex(evidence_tab.kind_filter.findData("podcast"))
    assert listed() == ["Learning system conversations 1"]
    evidence_tab.kind_filter.setCurrentIndex(0)
    qtbot.keyClicks(evidence_tab.search, "digital enhanced")  # a linked theme's words
    assert listed() == ["Tablet lending with a volunteer buddy"]
    assert evidence_tab.count.text() == ("3 pieces of evidence · 0 with a file attached · 1 "
                                         "shown by the filters")
    evidence_tab.search.clear()
    assert len(listed()) == 3


def test_names_tab_order_and_no_clashing_alt_keys(ctx, system, window, evidence_tab, qtbot):
    add(ctx, system, "Joint morning visits to emergency accommodation", link="https://x.org")
    evidence_tab.table.setCurrentIndex(evidence_tab.shown.index(0, 0))
    assert unnamed_widgets(evidence_tab) == []
    assert accessible_problems(evidence_tab) == []
    dialog = EvidenceDialog(ctx, system.id, evidence_tab)
    assert unnamed_widgets(dialog) == [] and clashing_mnemonics(dialog) == {}
    dialog.close()
    tab = evidence_tab
    tab.kind_filter.setFocus()
    seen = []
    for _ in range(10):
        seen.append(focused())
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert seen == [tab.kind_filter, tab.search, tab.table, tab.add_button, tab.import_button,
                    tab.edit_button, tab.themes_button, tab.link_button, tab.file_button,
                    tab.delete_button]
    assert [a.isEnabled() for a in tab.file_button.menu().actions()] == [True, False, False]
    window.select(system.id)
    view = window.page
    index = next(i for i in range(view.tabs.count()) if view.tabs.tabText(i) == "Evidence")
    view.tabs.setCurrentIndex(index)
    assert isinstance(view.tab_page(index), EvidenceTab)
    assert clashing_mnemonics(window) == {}
