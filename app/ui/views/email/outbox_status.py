"""The outbox's part of the main window's status bar: how many messages wait to go, failed,
or may have been sent, as one button that opens the outbox. Hidden while nothing waits."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QPushButton, QWidget

from app.models import Changes
from app.services.sharing import outbox
from app.services.sharing.outbox import ENTITY, OutboxCounts
from app.ui.context import AppContext
from app.ui.icons import set_icon


def counts_text(counts: OutboxCounts) -> str:
    """"Outbox: 2 queued, 1 failed, 1 may have been sent" (only the parts there are)."""
    parts = [f"{n} {what}" for n, what in ((counts.queued + counts.sending, "queued"),
                                           (counts.failed, "failed"),
                                           (counts.maybe_sent, "may have been sent")) if n]
    return "Outbox: " + ", ".join(parts)


class OutboxStatusPart(QPushButton):
    """Flat, in the status bar; Enter or a click opens the outbox."""

    def __init__(self, ctx: AppContext, open_outbox: Callable[[], object],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("outboxStatus")
        self.setFlat(True)
        set_icon(self, "email")
        self.setToolTip("Open the outbox")
        self.clicked.connect(lambda: open_outbox())
        ctx.bus.changed.connect(self._changed)
        self.refresh()

    def refresh(self) -> None:
        counts = outbox.outbox_counts(self.ctx.store)
        self.counts = counts
        text = counts_text(counts)
        self.setText(text)
        self.setAccessibleName(f"{text}. Open the outbox")
        self.setVisible(counts.queued + counts.sending + counts.failed + counts.maybe_sent > 0)

    def _changed(self, changes: Changes) -> None:
        if changes.touches(ENTITY):
            self.refresh()
