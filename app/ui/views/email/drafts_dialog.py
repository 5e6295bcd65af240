"""Emailing a session's pack: who gets it and who does not (and why), then either drafts (one
.eml per person, opened in the system's mail program; no password needed) or the outbox (sent
through the SMTP server by Cairn). The drafts folder is remembered."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.services.planning import sessions
from app.services.sharing import drafts, messages
from app.services.sharing.drafts import DraftsWritten
from app.ui.buttons import PRIMARY, action_button
from app.ui.context import AppContext
from app.ui.dialogs.parts import fit_dialog, hint
from app.ui.fields import add_labelled_row
from app.ui.style import Heading
from app.ui.tasks import Progress
from app.ui.views.email.sending_task import queue_and_send, sender_of

MOST_OPENED = 20  # drafts opened one by one at most; beyond, the folder is shown


class DraftsDialog(QDialog):
    """Modeless: the pack is built on the task manager while the window stays usable."""

    def __init__(self, ctx: AppContext, session_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.session_id = ctx, session_id
        self.session = sessions.get_session(ctx.store, session_id)
        self.written: DraftsWritten | None = None
        self.setWindowTitle("Email the pack")
        self.setAccessibleName("Email the pack")
        self.setObjectName("emailPack")
        heading = Heading(f"Email the pack: {self.session.title}", 1.3, self)
        self.people = QListWidget(self)
        self.people.setAccessibleName("Who gets the pack")
        self.folder = QLineEdit(ctx.prefs.drafts_folder or str(Path.home()), self)
        self.folder.setAccessibleName("Drafts folder")
        self.browse = action_button(self, "&Browse…", "Choose the folder for the drafts",
                                    self._browse, icon="open")
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.browse)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        add_labelled_row(form, "Drafts &folder:", self.folder, folder_row)

        self.write = action_button(self, "&Write drafts", "One .eml per participant, the pack "
                                   "attached, for your mail program to send", self.write_drafts,
                                   icon="export", emphasis=PRIMARY)
        self.open_drafts = action_button(self, "&Open drafts", "Open the drafts in your mail "
                                         "program", self.open_written, icon="email")
        self.show_folder = action_button(self, "Show the fol&der", "Open the drafts folder",
                                         self.open_folder, icon="open")
        self.send = action_button(self, "&Send through the outbox", "Queue the pack to each "
                                  "participant who agreed and send it through the SMTP server",
                                  self.send_through_outbox, icon="email")
        self.template = action_button(self, "Edit the &template…", "The subject and body of "
                                      "this learning system's email", self._edit_template,
                                      icon="edit")
        self.close_button = action_button(self, "&Close", "Close this window", self.close)
        self.open_drafts.setEnabled(False)
        self.show_folder.setEnabled(False)
        drafts_row = QHBoxLayout()
        for button in (self.write, self.open_drafts, self.show_folder):
            drafts_row.addWidget(button)
        drafts_row.addStretch(1)
        send_row = QHBoxLayout()
        send_row.addWidget(self.send)
        send_row.addWidget(self.template)
        send_row.addStretch(1)
        send_row.addWidget(self.close_button)
        self.send_note = hint("", self)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.outcome = QLabel(self)
        self.outcome.setWordWrap(True)
        self.outcome.hide()

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(hint("Only participants who agreed to be emailed the pack, and have an "
                              "address, get it. Nobody is named in the pack.", self))
        layout.addWidget(self.summary)
        layout.addWidget(self.people, 1)
        layout.addLayout(form)
        layout.addLayout(drafts_row)
        layout.addWidget(self.outcome)
        layout.addWidget(hint("Drafts need no password: your mail program opens each one ready "
                              "to send (Outlook, Thunderbird, Apple Mail).", self))
        layout.addWidget(self.send_note)
        layout.addLayout(send_row)
        self.refresh()
        fit_dialog(self, 90, 26)

    def refresh(self) -> None:
        chosen, others = messages.who_gets_it(self.ctx.store, self.session_id)
        self.people.clear()
        for person in chosen:
            QListWidgetItem(f"{person.name} — {person.address}", self.people)
        for left in others:
            QListWidgetItem(f"{left.name} — no email: {left.reason}", self.people)
        self.chosen = chosen
        text = (f"{len(chosen)} participant{'' if len(chosen) == 1 else 's'} get the pack"
                + (f"; {len(others)} do{'es' if len(others) == 1 else ''} not, listed last with "
                   "why." if others else "."))
        self.summary.setText(text)
        self.summary.setAccessibleName(text)
        self.write.setEnabled(bool(chosen))
        has_server = bool(self.ctx.prefs.smtp_host and self.ctx.prefs.smtp_from)
        self.send.setEnabled(bool(chosen) and has_server)
        self.send_note.setText(
            "Or let Cairn send it through the outbox: it keeps trying until it goes, and never "
            "sends a message twice." if has_server else
            "To send from Cairn instead, set the SMTP server and your address (File > SMTP "
            "settings).")

    def _browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, "Folder for the drafts",
                                                  self.folder.text())
        if chosen:
            self.folder.setText(chosen)

    def write_drafts(self) -> None:
        folder = Path(self.folder.text().strip())
        store, session_id, sender = self.ctx.store, self.session_id, sender_of(self.ctx.prefs)

        def work(progress: Progress) -> DraftsWritten:
            return drafts.write_drafts(store, session_id, folder, sender,
                                       report=lambda d, t, text: progress.report(d, t, text))

        self.write.setEnabled(False)
        self.ctx.tasks.run(work, self._written, self._failed, label="Writing email drafts",
                           owner=self)

    def _written(self, done: DraftsWritten) -> None:
        self.written = done
        self.write.setEnabled(True)
        self.open_drafts.setEnabled(bool(done.written))
        self.show_folder.setEnabled(True)
        self._remember(done.folder)
        count = len(done.written)
        said = f"Wrote {count} email draft{'' if count == 1 else 's'} to {done.folder}."
        self.outcome.setText(said + " Open them and press Send in each.")
        self.outcome.setAccessibleName(self.outcome.text())
        self.outcome.show()
        self.ctx.bus.status.emit(said)
        self.open_drafts.setFocus()

    def _failed(self, error: BaseException) -> None:
        self.write.setEnabled(True)
        self.ctx.tasks.handle_error(error, self)

    def _remember(self, folder: Path) -> None:
        if self.ctx.prefs.drafts_folder != str(folder):
            try:
                self.ctx.save_preferences(self.ctx.prefs.model_copy(
                    update={"drafts_folder": str(folder)}))
            except OSError:
                self.ctx.prefs = self.ctx.prefs.model_copy(update={"drafts_folder": str(folder)})

    def open_written(self) -> list[QUrl]:
        """Open each draft in the mail program (the folder when there are many)."""
        if self.written is None:
            return []
        paths = [path for _, path in self.written.written]
        if len(paths) > MOST_OPENED:
            return self.open_folder()
        urls = [QUrl.fromLocalFile(str(p)) for p in paths]
        for url in urls:
            QDesktopServices.openUrl(url)
        return urls

    def open_folder(self) -> list[QUrl]:
        folder = self.written.folder if self.written else Path(self.folder.text())
        url = QUrl.fromLocalFile(str(folder))
        QDesktopServices.openUrl(url)
        return [url]

    def send_through_outbox(self) -> None:
        self.send.setEnabled(False)
        queue_and_send(self.ctx, self, self.session_id,
                       on_end=lambda: self.send.setEnabled(True))

    def _edit_template(self) -> None:
        from app.ui.views.email.template_editor import TemplateEditor

        TemplateEditor(self.ctx, self.session.system_id, self).exec()
