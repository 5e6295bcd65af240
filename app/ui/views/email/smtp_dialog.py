"""SMTP settings: the server the outbox sends through, its security, the user and the sender.

The password goes to the operating system's keyring and nowhere else; the field stays empty
when one is kept (typing replaces it). Where there is no keyring, the field is off and one
sentence says so, with the drafts as the way that needs no password.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.models import CairnError
from app.models.people import EMAIL_RE
from app.models.preferences import SmtpSecurity
from app.services.sharing import credentials
from app.ui.buttons import action_button
from app.ui.context import AppContext, show_refusal
from app.ui.dialogs.parts import fit_dialog, hint, ok_cancel
from app.ui.fields import add_labelled_row

SECURITY = (
    (SmtpSecurity.STARTTLS, "STARTTLS (usually port 587)", 587),
    (SmtpSecurity.TLS, "TLS from the start (usually port 465)", 465),
    (SmtpSecurity.NONE, "None: only for a relay on this computer", 25),
)


class SmtpDialog(QDialog):
    """Saves to the preferences (and the password to the keyring) on Save; Cancel keeps all."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        prefs = ctx.prefs
        self.setWindowTitle("SMTP settings")
        self.setAccessibleName("SMTP settings")
        self.host = QLineEdit(prefs.smtp_host, self)
        self.host.setAccessibleName("SMTP server")
        self.host.setPlaceholderText("smtp.example.org")
        self.port = QSpinBox(self)
        self.port.setAccessibleName("Port")
        self.port.setRange(1, 65535)
        self.port.setValue(prefs.smtp_port)
        self.security = QComboBox(self)
        self.security.setAccessibleName("Security")
        for choice, label, _ in SECURITY:
            self.security.addItem(label, choice.value)
        self.security.setCurrentIndex(self.security.findData(prefs.smtp_security.value))
        self.security.activated.connect(self._usual_port)
        self.user = QLineEdit(prefs.smtp_user, self)
        self.user.setAccessibleName("User name")
        self.user.setPlaceholderText("Leave empty when the server needs no login")
        self.sender = QLineEdit(prefs.smtp_from, self)
        self.sender.setAccessibleName("Send from address")
        self.sender.setPlaceholderText("you@example.org")
        self.password = QLineEdit(self)
        self.password.setAccessibleName("Password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.forget = action_button(self, "&Forget the password", "Take the kept password out "
                                    "of the keyring", self._forget, icon="delete")
        self.problem = credentials.keyring_problem()
        kept = self._kept()
        self.password.setPlaceholderText("Kept in the keyring; type to replace it" if kept
                                         else "Kept only in this computer's keyring")
        self.forget.setEnabled(kept)
        if self.problem is not None:
            self.password.setEnabled(False)
            self.password.setPlaceholderText("No keyring on this computer")
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for text, field in (("&Server:", self.host), ("P&ort:", self.port),
                            ("Se&curity:", self.security), ("&User name:", self.user),
                            ("Sen&d from:", self.sender), ("&Password:", self.password)):
            add_labelled_row(form, text, field)
        form.addRow("", self.forget)
        note = (self.problem if self.problem is not None else
                "The password is kept in this computer's keyring, never in Cairn's files. "
                "Certificates are always checked.")
        self.note = hint(note, self)
        self.note.setAccessibleName(note)
        buttons, self.save = ok_cancel(self, "Sa&ve", self.accept)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addStretch(1)
        layout.addWidget(buttons)
        fit_dialog(self, 72)

    def _kept(self) -> bool:
        if self.problem is not None or not self.ctx.prefs.smtp_host or not self.ctx.prefs.smtp_user:
            return False
        try:
            return credentials.stored_password(self.ctx.prefs.smtp_host,
                                               self.ctx.prefs.smtp_user) is not None
        except CairnError:
            return False

    def _usual_port(self, index: int) -> None:
        usual = {p for _, _, p in SECURITY}
        if self.port.value() in usual:
            self.port.setValue(SECURITY[index][2])

    def _forget(self) -> None:
        done = self.ctx.attempt(self, lambda: credentials.forget_password(
            self.ctx.prefs.smtp_host, self.ctx.prefs.smtp_user) or True)
        if done:
            self.forget.setEnabled(False)
            self.password.setPlaceholderText("Kept only in this computer's keyring")
            self.ctx.bus.status.emit("The SMTP password was taken out of the keyring.")

    def accept(self) -> None:
        host, user = self.host.text().strip(), self.user.text().strip()
        sender = self.sender.text().strip()
        if sender and not EMAIL_RE.match(sender):
            show_refusal(self, f"'{sender}' is not an email address: give the address the "
                         "pack is sent from.")
            return
        if user and SmtpSecurity(self.security.currentData()) == SmtpSecurity.NONE \
                and host not in ("localhost", "127.0.0.1", "::1"):
            show_refusal(self, "A password is only sent over an encrypted connection: choose "
                         "STARTTLS or TLS.")
            return
        if self.password.text() and self.ctx.attempt(self, lambda: credentials.keep_password(
                host, user, self.password.text()) or True) is None:
            return
        prefs = self.ctx.prefs.model_copy(update={
            "smtp_host": host, "smtp_port": self.port.value(),
            "smtp_security": SmtpSecurity(self.security.currentData()), "smtp_user": user,
            "smtp_from": sender})
        try:
            self.ctx.save_preferences(prefs)
        except OSError as err:
            show_refusal(self, f"The SMTP settings could not be saved ({err.strerror or err}).")
            return
        self.ctx.bus.status.emit("SMTP settings saved.")
        super().accept()
