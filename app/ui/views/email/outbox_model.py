"""A thin table model over the outbox's messages, for the outbox view."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from app.services.sharing.outbox import OutboxMessage, OutboxStatus

Index = QModelIndex | QPersistentModelIndex
COLUMNS = ("Status", "To", "Last answer", "Tries", "When", "Address", "Session")
ID_ROLE = Qt.ItemDataRole.UserRole + 1
ROOT = QModelIndex()


def detail_text(message: OutboxMessage) -> str:
    """The whole story of one message, for the line under the table."""
    text = (f"{message.recipient_name} <{message.recipient}>, {message.session_title}: "
            f"{message.status.label.lower()}, {when_text(message)[:1].lower()}"
            f"{when_text(message)[1:]}, {message.attempts} "
            f"tr{'y' if message.attempts == 1 else 'ies'}.")
    why = message.last_error
    return f"{text} {why[:1].upper()}{why[1:]}." .replace("..", ".") if why else text


def when_text(message: OutboxMessage) -> str:
    """When it went, or when it is tried next, on the facilitator's clock."""
    if message.status == OutboxStatus.SENT and message.sent_at is not None:
        return "Sent " + message.sent_at.astimezone().strftime("%d %b %H:%M")
    if message.status == OutboxStatus.QUEUED and message.next_try is not None:
        return "Next try " + message.next_try.astimezone().strftime("%d %b %H:%M")
    if message.attempt_started is not None and message.status != OutboxStatus.QUEUED:
        return "Tried " + message.attempt_started.astimezone().strftime("%d %b %H:%M")
    return "Queued " + message.queued_at.astimezone().strftime("%d %b %H:%M")


class OutboxModel(QAbstractTableModel):
    """Rows of `OutboxMessage`; the status is words (never colour alone)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.messages: list[OutboxMessage] = []

    def set_messages(self, messages: list[OutboxMessage]) -> None:
        # An outbox holds a session's few dozen messages: reading it whole is cheaper than
        # working out which rows moved.
        self.beginResetModel()
        self.messages = list(messages)
        self.endResetModel()

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self.messages)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        message = self.messages[index.row()]
        if role == ID_ROLE:
            return message.id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            values = (message.status.label, message.recipient_name, message.last_error,
                      str(message.attempts), when_text(message), message.recipient,
                      message.session_title)
            return values[index.column()]
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return (f"{message.recipient_name}, {message.status.label}"
                    + (f": {message.last_error}" if message.last_error else ""))
        return None
