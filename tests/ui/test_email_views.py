"""Email in the desktop app, on the real store and main window: the menus and the outbox's
status part, the drafts dialog writing real .eml files, the template editor (refusal and undo),
SMTP settings with and without a keyring, and the outbox view sending to a real server on
loopback while the window stays live."""

from __future__ import annotations

from email import policy
from email.parser import BytesParser

import keyring
import pytest
from keyring.backends import fail
from keyrings.alt.file import PlaintextKeyring
from PySide6.QtCore import QObject, QTimer, QUrl, Slot
from PySide6.QtGui import QDesktopServices

from app.models.preferences import SmtpSecurity
from app.services.sharing import credentials, outbox, templates
from app.services.sharing.messages import Sender
from app.services.sharing.outbox import OutboxStatus
from app.ui.views.email.drafts_dialog import DraftsDialog
from app.ui.views.email.outbox_view import OutboxView
from app.ui.views.email.smtp_dialog import SmtpDialog
from app.ui.views.email.template_editor import TemplateEditor
from tests.services.sharing import people
from tests.services.sharing.people import EWAN, MAIRI, PRIYA, SENDER, TOM
from tests.services.sharing.smtp_server import HOST, Handler, Server
from tests.ui.accessibility import accessible_problems, clashing_mnemonics, unnamed_widgets


@pytest.fixture
def world(store):
    return people.build(store)


@pytest.fixture
def opened(qapp):
    """URLs Cairn asks the system to open, taken by a handler instead of a mail program."""

    class Catcher(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.urls: list[QUrl] = []

        @Slot(QUrl)
        def take(self, url: QUrl) -> None:
            self.urls.append(url)

    catcher = Catcher()
    QDesktopServices.setUrlHandler("file", catcher, "take")
    yield catcher.urls
    QDesktopServices.unsetUrlHandler("file")


@pytest.fixture
def no_keyring():
    before = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(before)


@pytest.fixture
def file_keyring(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "keyring"))
    monkeypatch.setenv(credentials.CHOSEN_ENV, "keyrings.alt.file.PlaintextKeyring")
    before = keyring.get_keyring()
    keyring.set_keyring(PlaintextKeyring())
    yield
    keyring.set_keyring(before)


def _server_prefs(ctx, port: int) -> None:
    ctx.save_preferences(ctx.prefs.model_copy(update={
        "smtp_host": HOST, "smtp_port": port, "smtp_security": SmtpSecurity.NONE,
        "smtp_from": SENDER, "your_name": "Isla Brown"}))


def test_the_menus_and_the_status_part(world, window, ctx, qtbot):
    wiring = window.email  # every main window has email
    file_items = [a.text() for a in window.menuBar().actions()[0].menu().actions()]
    assert file_items.index("E&mail the pack…") == file_items.index("&Export…") + 1
    assert file_items.index("SMTP settin&gs…") == file_items.index("&Preferences…") + 1
    view_items = [a.text() for a in window.menuBar().actions()[2].menu().actions()]
    assert "&Outbox" in view_items
    assert not clashing_mnemonics(window)
    assert not wiring.status.isVisible()
    window.select(world.session.id)
    assert wiring.email_pack.isEnabled()
    assert not clashing_mnemonics(window)
    outbox.queue_session(ctx.store, world.session.id, Sender("Isla", SENDER))
    ctx.announce(outbox.changed(["x"]))
    qtbot.waitUntil(wiring.status.isVisible)
    assert wiring.status.text() == "Outbox: 2 queued"
    assert wiring.status.accessibleName() == "Outbox: 2 queued. Open the outbox"
    wiring.status.click()
    assert isinstance(wiring.outbox_view, OutboxView) and wiring.outbox_view.isVisible()
    wiring.outbox_view.close()


def test_drafts_are_written_opened_and_the_folder_remembered(ctx, world, qtbot, tmp_path,
                                                             opened):
    folder = tmp_path / "drafts"
    folder.mkdir()
    dialog = DraftsDialog(ctx, world.session.id)
    qtbot.addWidget(dialog)
    dialog.show()
    listed = [dialog.people.item(i).text() for i in range(dialog.people.count())]
    assert f"{MAIRI[0]} — {MAIRI[1]}" in listed and f"{TOM[0]} — {TOM[1]}" in listed
    assert f"{PRIYA[0]} — no email: did not agree to be emailed the pack" in listed
    assert f"{EWAN[0]} — no email: has no email address" in listed
    assert not dialog.send.isEnabled()  # no SMTP server set: the drafts are the way
    assert not unnamed_widgets(dialog) and not clashing_mnemonics(dialog)
    assert not accessible_problems(dialog)
    dialog.folder.setText(str(folder))
    dialog.write.click()
    qtbot.waitUntil(lambda: dialog.written is not None, timeout=60_000)
    files = sorted(folder.glob("*.eml"))
    assert len(files) == 2
    for path in files:
        msg = BytesParser(policy=policy.default).parsebytes(path.read_bytes())
        assert msg["X-Unsent"] == "1"
    assert ctx.prefs.drafts_folder == str(folder)
    assert dialog.open_drafts.isEnabled()
    dialog.open_drafts.click()
    assert sorted(u.toLocalFile() for u in opened) == sorted(str(p) for p in files)
    again = DraftsDialog(ctx, world.session.id)
    qtbot.addWidget(again)
    assert again.folder.text() == str(folder)


def test_the_template_editor_refuses_an_unknown_placeholder_and_undoes(ctx, world, qtbot,
                                                                        refusals):
    system_id = world.session.system_id
    editor = TemplateEditor(ctx, system_id)
    qtbot.addWidget(editor)
    editor.show()
    assert not unnamed_widgets(editor) and not clashing_mnemonics(editor)
    editor.subject.setText("Pack for {firstname}")
    editor.accept()
    assert len(refusals) == 1 and refusals[0].startswith("The subject uses {firstname}")
    assert not templates.get_template(ctx.store, system_id).saved and editor.isVisible()
    editor.subject.setText("Pack for ")
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    editor.subject.setFocus()
    qtbot.waitUntil(editor.subject.hasFocus)
    editor.placeholders.setCurrentRow(0)
    editor.insert()
    assert editor.subject.text() == "Pack for {first_name}"
    editor.accept()
    assert templates.get_template(ctx.store, system_id).subject == "Pack for {first_name}"
    ctx.undo_stack.undo()
    assert not templates.get_template(ctx.store, system_id).saved
    ctx.undo_stack.redo()
    assert templates.get_template(ctx.store, system_id).subject == "Pack for {first_name}"


def test_without_a_keyring_the_password_is_off_and_drafts_offered(ctx, qtbot, no_keyring):
    dialog = SmtpDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.password.isEnabled()
    assert dialog.note.text() == credentials.NO_KEYRING
    assert not unnamed_widgets(dialog) and not clashing_mnemonics(dialog)


def test_the_password_goes_to_the_keyring_only(ctx, qtbot, file_keyring):
    dialog = SmtpDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.host.setText("smtp.example.org")
    dialog.user.setText("isla")
    dialog.sender.setText(SENDER)
    dialog.password.setText("s3cret")
    dialog.accept()
    assert credentials.stored_password("smtp.example.org", "isla") == "s3cret"
    assert ctx.prefs.smtp_host == "smtp.example.org" and ctx.prefs.smtp_from == SENDER
    assert b"s3cret" not in ctx.prefs_path.read_bytes()
    assert b"smtp.example.org" in ctx.prefs_path.read_bytes()


def test_the_outbox_sends_in_the_background_and_the_person_decides(ctx, world, qtbot):
    outbox.queue_session(ctx.store, world.session.id, Sender("Isla", SENDER))
    view = OutboxView(ctx)
    qtbot.addWidget(view)
    view.show()
    assert view.model.rowCount() == 2 and view.send_now.isEnabled()
    assert not unnamed_widgets(view) and not clashing_mnemonics(view)
    assert not accessible_problems(view)
    handler = Handler(drop=True)  # the first message may have been taken: the rest wait
    with Server(handler) as server:
        _server_prefs(ctx, server.port)
        view.send_now.click()
        qtbot.waitUntil(lambda: any(m.status == OutboxStatus.MAYBE_SENT
                                    for m in view.model.messages), timeout=30_000)
    assert view.counts.text() == "1 queued · 0 sent · 0 failed · 1 may have been sent"
    maybe = next(r for r, m in enumerate(view.model.messages)
                 if m.status == OutboxStatus.MAYBE_SENT)
    view.table.selectRow(maybe)
    assert view.send_again.isEnabled() and view.mark_sent.isEnabled()
    view.mark_sent.click()
    qtbot.waitUntil(lambda: view.counts.text().startswith("1 queued · 1 sent"))
    handler = Handler()
    with Server(handler) as server:
        _server_prefs(ctx, server.port)
        view.send_now.click()
        qtbot.waitUntil(lambda: all(m.status == OutboxStatus.SENT
                                    for m in view.model.messages), timeout=30_000)
    assert len(handler.received) == 1


def test_the_pack_dialog_queues_and_sends_through_the_outbox(ctx, world, qtbot):
    handler = Handler()
    with Server(handler) as server:
        _server_prefs(ctx, server.port)
        dialog = DraftsDialog(ctx, world.session.id)
        qtbot.addWidget(dialog)
        dialog.show()
        assert dialog.send.isEnabled()
        dialog.send.click()
        qtbot.waitUntil(lambda: outbox.outbox_counts(ctx.store).sent == 2, timeout=60_000)
        qtbot.waitUntil(dialog.send.isEnabled)
        dialog.send.click()  # again: everyone already has it, nothing goes twice
        qtbot.waitUntil(lambda: not ctx.tasks.busy(), timeout=60_000)
    assert sorted(r.recipients[0] for r in handler.received) == sorted([MAIRI[1], TOM[1]])


def test_the_window_stays_live_while_the_server_holds_a_message(ctx, world, qtbot):
    """The server sits on the first message; meanwhile the outbox view refreshes, answers
    and shows it as being sent: the work is on a worker, not the window's thread."""
    outbox.queue_session(ctx.store, world.session.id, Sender("Isla", SENDER))
    view = OutboxView(ctx)
    qtbot.addWidget(view)
    view.show()
    held = Handler(hold=True)
    with Server(held) as server:
        _server_prefs(ctx, server.port)
        view.send_now.click()
        assert held.holding.wait(30)
        view.refresh()  # a read on the window's thread while the worker waits on the server
        assert [m.status for m in view.model.messages].count(OutboxStatus.SENDING) == 1
        ticks: list[int] = []
        QTimer.singleShot(0, lambda: ticks.append(1))
        qtbot.waitUntil(lambda: ticks == [1])  # the event loop turns
        held.release.set()
        qtbot.waitUntil(lambda: outbox.outbox_counts(ctx.store).sent == 2, timeout=30_000)
