"""Email in the main window: File > Email the pack… (for the selected session), Email
template… and SMTP settings…, View > Outbox, the outbox's part of the status bar, and a quiet
retry of what is due. At start, messages an ended process left "sending" become "may have been sent"."""

from __future__ import annotations

import contextlib

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QMainWindow, QWidget

from app.models import CairnError
from app.services.sharing import outbox, sending
from app.ui.actions import make_action
from app.ui.context import AppContext
from app.ui.icons import set_icon
from app.ui.views.email.outbox_status import OutboxStatusPart
from app.ui.views.email.sending_task import send_outbox, smtp_settings

RETRY_MS = 60_000  # how often what is due is tried again, quietly


class EmailWiring(QObject):
    """What `install_email` added to the window, kept for tests and the window's life."""

    def __init__(self, window: QMainWindow, ctx: AppContext) -> None:
        super().__init__(window)
        self.window, self.ctx = window, ctx
        self.email_pack = make_action(window, "E&mail the pack…", "Email the selected "
                                      "session's summary pack to the participants who agreed",
                                      keys=("Ctrl+Shift+E",))
        set_icon(self.email_pack, "email")
        self.open_outbox = make_action(window, "&Outbox", "What is queued, sent, failed, or "
                                       "may have been sent", keys=("Ctrl+Shift+O",))
        self.template = make_action(window, "Email &template…", "The subject and body of the "
                                    "selected learning system's email")
        self.smtp = make_action(window, "SMTP settin&gs…", "The server the outbox sends "
                                "through, and your address")
        self.status = OutboxStatusPart(ctx, self.show_outbox, window)
        self.timer = QTimer(self)
        self.timer.setInterval(RETRY_MS)
        self.timer.timeout.connect(self.retry_due)
        self.outbox_view: QWidget | None = None

    def show_outbox(self) -> QWidget:
        from app.ui.views.email.outbox_view import OutboxView

        view = self.outbox_view
        if view is None or not view.isVisible():
            view = self.outbox_view = OutboxView(self.ctx, self.window)
        view.show()
        view.raise_()
        view.activateWindow()
        return view

    def email_selected(self) -> QWidget | None:
        from app.ui.item_models.navigator import ID_ROLE, KIND_ROLE
        from app.ui.views.email.drafts_dialog import DraftsDialog

        current = self.window.navigator.currentIndex()  # type: ignore[attr-defined]
        if not current.isValid() or current.data(KIND_ROLE) != "session":
            self.ctx.bus.alert.emit("Choose a session first, then email its pack.")
            return None
        dialog = DraftsDialog(self.ctx, current.data(ID_ROLE), self.window)
        dialog.show()
        return dialog

    def edit_template(self) -> QWidget | None:
        from app.ui.views.email.template_editor import TemplateEditor

        system_id = self.window.current_system_id()  # type: ignore[attr-defined]
        if system_id is None:
            self.ctx.bus.alert.emit("Choose a learning system first, then edit its email.")
            return None
        editor = TemplateEditor(self.ctx, system_id, self.window)
        editor.open()
        return editor

    def edit_smtp(self) -> QWidget:
        from app.ui.views.email.smtp_dialog import SmtpDialog

        dialog = SmtpDialog(self.ctx, self.window)
        dialog.open()
        return dialog

    def retry_due(self) -> None:
        """Send what is due, quietly (no prompt, no refusal): the network may be back."""
        if self.ctx.tasks.closed:  # the app is closing: the timer's last tick
            return
        counts = outbox.outbox_counts(self.ctx.store)
        if counts.queued and smtp_settings(self.ctx.prefs) is not None:
            send_outbox(self.ctx, self.window, everything=False, quiet=True)

    def follow_selection(self, *_: object) -> None:
        from app.ui.item_models.navigator import KIND_ROLE

        current = self.window.navigator.currentIndex()  # type: ignore[attr-defined]
        self.email_pack.setEnabled(current.isValid() and current.data(KIND_ROLE) == "session")
        self.template.setEnabled(self.window.current_system_id() is not None)  # type: ignore[attr-defined]


def install_email(window) -> EmailWiring:  # type: ignore[no-untyped-def]
    """Add email to the main window: File > Email the pack… and Email template… (after
    Export…) and SMTP settings… (after Preferences…), View > Outbox, the status bar's outbox
    part and the retry timer."""
    ctx: AppContext = window.ctx
    wiring = EmailWiring(window, ctx)
    # A store that refuses writes says so itself, once, as the window opens.
    with contextlib.suppress(CairnError):
        ctx.announce(sending.recover(ctx.store))
    # No menu of its own: every free Alt+letter of "Email" is taken by the pages.
    menus = [a.menu() for a in window.menuBar().actions()]
    file_menu, view_menu = menus[0], menus[2]
    items = file_menu.actions()
    export = next((a for a in items if a.text().replace("&", "").startswith("Export")), None)
    after = items[items.index(export) + 1] if export is not None and export in items[:-1] \
        else None
    file_menu.insertActions(after, [wiring.email_pack, wiring.template])
    preferences = next((a for a in items if a.text().replace("&", "").startswith("Pref")), None)
    following = items[items.index(preferences) + 1] if preferences in items[:-1] else None
    file_menu.insertAction(following, wiring.smtp)
    view_menu.insertAction(view_menu.actions()[2] if len(view_menu.actions()) > 2 else None,
                           wiring.open_outbox)
    wiring.email_pack.triggered.connect(wiring.email_selected)
    wiring.open_outbox.triggered.connect(wiring.show_outbox)
    wiring.template.triggered.connect(wiring.edit_template)
    wiring.smtp.triggered.connect(wiring.edit_smtp)
    window.statusBar().addPermanentWidget(wiring.status)
    window.navigator.selectionModel().currentChanged.connect(wiring.follow_selection)
    ctx.bus.changed.connect(wiring.follow_selection)
    wiring.follow_selection()
    wiring.timer.start()
    return wiring

