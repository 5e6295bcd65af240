"""The outbox: every message with its state and the server's last answer, and what a person
decides: send what is queued now, send again or mark as sent a message that may have been sent
(or failed), remove one. Refreshed from the change bus, never by polling."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.models import Changes
from app.services.sharing import outbox
from app.services.sharing.outbox import ENTITY, OutboxStatus
from app.ui.buttons import DESTRUCTIVE, PRIMARY, action_button
from app.ui.context import AppContext
from app.ui.dialogs.parts import fit_dialog, hint
from app.ui.style import Heading
from app.ui.views.email.outbox_model import OutboxModel, detail_text
from app.ui.views.email.sending_task import send_outbox

DECIDED = {OutboxStatus.FAILED, OutboxStatus.MAYBE_SENT}


class OutboxView(QDialog):
    """A window of its own (modeless): the outbox can stay open while sending goes on."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Outbox — Cairn")
        self.setAccessibleName("Outbox")
        self.setObjectName("outbox")
        self.heading = Heading("Outbox", 1.3, self)
        self.counts = QLabel(self)
        self.counts.setWordWrap(True)
        self.model = OutboxModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName("Messages in the outbox")
        self.table.setAccessibleDescription("Each message: its state, who it goes to, the "
                                            "session, tries, and the server's last answer")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.selectionModel().selectionChanged.connect(self._enable)
        self.detail = QLabel(self)
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.table.selectionModel().currentRowChanged.connect(self._show_detail)

        self.send_now = action_button(self, "&Send now", "Send every queued message now",
                                      lambda: send_outbox(self.ctx, self), icon="email",
                                      emphasis=PRIMARY)
        self.send_again = action_button(
            self, "Send a&gain", "Queue the selected messages again (they keep their "
            "Message-ID, so a repeat can be recognised)", self._send_again, icon="redo")
        self.mark_sent = action_button(self, "&Mark as sent", "Record that the selected "
                                       "messages did go", self._mark_sent, icon="status")
        self.remove = action_button(self, "&Remove…", "Take the selected messages out of the "
                                    "outbox", self._remove, emphasis=DESTRUCTIVE)
        self.settings = action_button(self, "SMTP se&ttings…", "The server the outbox sends "
                                      "through", self._open_settings, icon="edit")
        self.close_button = action_button(self, "&Close", "Close the outbox", self.close)
        row = QHBoxLayout()
        for button in (self.send_now, self.send_again, self.mark_sent, self.remove):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self.settings)
        row.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.counts)
        layout.addWidget(hint("A message whose send was interrupted may have reached the "
                              "server: it is never sent again by itself. Choose Send again or "
                              "Mark as sent.", self))
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        layout.addLayout(row)
        ctx.bus.changed.connect(self._changed)
        self.refresh()
        fit_dialog(self, 130, 32)

    def refresh(self) -> None:
        selected = set(self.selected_ids())
        self.model.set_messages(outbox.list_outbox(self.ctx.store))
        counts = outbox.outbox_counts(self.ctx.store)
        self.counts.setText(f"{counts.queued} queued · {counts.sent} sent · {counts.failed} "
                            f"failed · {counts.maybe_sent} may have been sent")
        self.counts.setAccessibleName(self.counts.text().replace("·", ","))
        for row, message in enumerate(self.model.messages):
            if message.id in selected:
                self.table.selectRow(row)
                self.table.scrollTo(self.model.index(row, 0))
        self._show_detail()
        self.table.resizeColumnsToContents()
        for column in range(self.model.columnCount()):
            most = self.fontMetrics().averageCharWidth() * 36
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), most))
        self._enable()

    def selected_ids(self) -> list[str]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.messages[r].id for r in rows if r < len(self.model.messages)]

    def _selected(self) -> list[outbox.OutboxMessage]:
        chosen = set(self.selected_ids())
        return [m for m in self.model.messages if m.id in chosen]

    def _enable(self, *_: object) -> None:
        chosen = self._selected()
        decidable = bool(chosen) and all(m.status in DECIDED for m in chosen)
        self.send_again.setEnabled(decidable)
        self.mark_sent.setEnabled(decidable)
        self.remove.setEnabled(bool(chosen) and all(m.status != OutboxStatus.SENDING
                                                    for m in chosen))
        self.send_now.setEnabled(any(m.status == OutboxStatus.QUEUED
                                     for m in self.model.messages))

    def _show_detail(self, *_: object) -> None:
        row = self.table.currentIndex().row()
        text = detail_text(self.model.messages[row]) if 0 <= row < len(self.model.messages) \
            else "Choose a message to see its whole story."
        self.detail.setText(text)
        self.detail.setAccessibleName(text)

    def _changed(self, changes: Changes) -> None:
        if changes.touches(ENTITY):
            self.refresh()

    def _decide(self, operation, done: str) -> None:  # type: ignore[no-untyped-def]
        ids = self.selected_ids()
        changes = self.ctx.attempt(self, lambda: operation(self.ctx.store, ids))
        if changes is not None:
            self.ctx.announce(changes)
            self.ctx.bus.status.emit(done.format(n=len(ids), s="" if len(ids) == 1 else "s"))

    def _send_again(self) -> None:
        self._decide(outbox.send_again, "Queued {n} message{s} again.")
        send_outbox(self.ctx, self)

    def _mark_sent(self) -> None:
        self._decide(outbox.mark_sent, "Marked {n} message{s} as sent.")

    def _remove(self) -> None:
        count = len(self.selected_ids())
        box = QMessageBox(QMessageBox.Icon.Question, "Remove from the outbox",
                          f"Remove {count} message{'' if count == 1 else 's'} from the outbox? "
                          f"Cairn will keep no record of {'it' if count == 1 else 'them'}.",
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                          self)
        box.setAccessibleName("Remove from the outbox")
        if box.exec() == QMessageBox.StandardButton.Yes:
            self._decide(outbox.remove, "Removed {n} message{s} from the outbox.")

    def _open_settings(self) -> None:
        from app.ui.views.email.smtp_dialog import SmtpDialog

        SmtpDialog(self.ctx, self).exec()

    def select_all(self) -> None:
        self.table.selectAll()
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
