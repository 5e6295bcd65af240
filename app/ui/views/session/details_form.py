"""Every field of a session, each saved as one undoable edit when the person moves on.

Text is committed on Enter or when the field loses focus, choices when they are made. A value
the service refuses is explained in its one sentence and the field shows the stored value again.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import QDateTime, QSignalBlocker
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.models import Changes, Session, SessionFormat, SessionKind, SessionStatus
from app.models.planning import MAX_SESSION_MINUTES
from app.services.planning import sessions as session_service
from app.ui.commands import push_update
from app.ui.context import AppContext
from app.ui.fields import CommittingTextEdit, add_labelled_row
from app.ui.item_models.agenda_model import clock

PLATFORMS = ("Microsoft Teams", "Near Me", "Zoom", "Google Meet", "Webex")
DATE_TIME_FORMAT = "ddd d MMM yyyy, HH:mm"
LABELS = {
    "title": "Rename session", "kind": "Change kind of session", "starts": "Change start",
    "minutes": "Change length", "format": "Change format", "platform": "Change platform",
    "join_link": "Change join link", "location": "Change location", "purpose": "Edit purpose",
    "facilitators": "Change facilitators", "status": "Change status",
}


def to_qdatetime(moment: datetime) -> QDateTime:
    return QDateTime(moment.astimezone().replace(tzinfo=None))


def from_qdatetime(value: QDateTime) -> datetime:
    """The edited wall-clock time, in the facilitator's time zone."""
    return value.toPython().replace(second=0, microsecond=0).astimezone()


def enum_combo(parent: QWidget, members: type) -> QComboBox:
    combo = QComboBox(parent)
    for member in members:
        combo.addItem(member.label, member.value)
    return combo


class SessionDetailsForm(QWidget):
    """The Details tab: title, kind, start, length, format, platform, link, place, purpose..."""

    def __init__(self, ctx: AppContext, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx, self.session = ctx, session
        self._committing = False

        self.title = QLineEdit(self)
        self.kind = enum_combo(self, SessionKind)
        self.starts = QDateTimeEdit(self)
        self.starts.setCalendarPopup(True)
        self.starts.setDisplayFormat(DATE_TIME_FORMAT)
        self.minutes = QSpinBox(self)
        self.minutes.setRange(5, MAX_SESSION_MINUTES)
        self.minutes.setSingleStep(5)
        self.minutes.setSuffix(" min")
        self.ends = QLabel(self)
        self.ends.setObjectName("hint")
        self.format = enum_combo(self, SessionFormat)
        self.platform = QComboBox(self)
        self.platform.setEditable(True)
        self.platform.addItems(PLATFORMS)
        self.platform.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.join_link = QLineEdit(self)
        self.join_link.setPlaceholderText("https://…")
        self.location = QLineEdit(self)
        self.location.setPlaceholderText("For in-person and hybrid sessions: venue and room")
        self.purpose = CommittingTextEdit(self, lines=4)
        self.purpose.setPlaceholderText("Why this session, and what it should produce.")
        self.purpose.setMaximumHeight(self.fontMetrics().lineSpacing() * 8 + 12)
        self.facilitators = QLineEdit(self)
        self.facilitators.setPlaceholderText("Names, separated by commas")
        self.status = enum_combo(self, SessionStatus)

        length = QWidget(self)
        beside = QHBoxLayout(length)
        beside.setContentsMargins(0, 0, 0, 0)
        beside.addWidget(self.minutes)
        beside.addWidget(self.ends, 1)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        rows: tuple[tuple[str, str, QWidget], ...] = (
            ("&Title:", "Title", self.title),
            ("&Kind:", "Kind of session", self.kind),
            ("&Starts:", "Starts", self.starts),
            ("Len&gth:", "Length in minutes", self.minutes),
            ("F&ormat:", "Format", self.format),
            ("Platfor&m:", "Platform", self.platform),
            ("&Join link:", "Join link", self.join_link),
            ("Lo&cation:", "Location", self.location),
            ("Pu&rpose:", "Purpose", self.purpose),
            ("Fac&ilitators:", "Facilitators", self.facilitators),
            ("Stat&us:", "Status", self.status),
        )
        for text, name, field in rows:
            field.setAccessibleName(name)
            add_labelled_row(form, text, field, length if field is self.minutes else None)

        # Long lines are hard to read: the form keeps to a comfortable width on wide windows.
        column = QWidget(self)
        column.setLayout(form)
        column.setMaximumWidth(self.fontMetrics().averageCharWidth() * 110)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 16, 16, 16)
        outer.addWidget(column)
        outer.addStretch(1)

        self._connect_commits()
        ctx.bus.changed.connect(self._changed)
        self._show(session)

    def _connect_commits(self) -> None:
        def text_of(line: QLineEdit) -> Callable[[], None]:
            return lambda: self._commit(line.objectName(), line.text().strip())

        for field, line in (("title", self.title), ("join_link", self.join_link),
                            ("location", self.location), ("facilitators", self.facilitators)):
            line.setObjectName(field)
            line.editingFinished.connect(text_of(line))
        self.purpose.editingFinished.connect(
            lambda: self._commit("purpose", self.purpose.toPlainText().strip()))
        self.platform.lineEdit().editingFinished.connect(self._commit_platform)
        self.platform.activated.connect(lambda _i: self._commit_platform())
        for field, combo in (("kind", self.kind), ("format", self.format),
                             ("status", self.status)):
            combo.activated.connect(
                lambda _i, f=field, c=combo: self._commit(f, c.currentData()))
        self.starts.editingFinished.connect(
            lambda: self._commit("starts", from_qdatetime(self.starts.dateTime())))
        self.minutes.editingFinished.connect(
            lambda: self._commit("minutes", self.minutes.value()))

    # --- showing ---------------------------------------------------------------------------

    def _show(self, session: Session) -> None:
        self.session = session
        for line, value in ((self.title, session.title), (self.join_link, session.join_link),
                            (self.location, session.location),
                            (self.facilitators, session.facilitators)):
            if not (line.hasFocus() and line.isModified()):
                line.setText(value)
                line.setModified(False)
        self.purpose.set_text(session.purpose)
        for combo, value in ((self.kind, session.kind), (self.format, session.format),
                             (self.status, session.status)):
            with QSignalBlocker(combo):
                combo.setCurrentIndex(combo.findData(value.value))
        with QSignalBlocker(self.platform):
            self.platform.setCurrentText(session.platform)
        with QSignalBlocker(self.starts):
            self.starts.setDateTime(to_qdatetime(session.starts))
        with QSignalBlocker(self.minutes):
            self.minutes.setValue(session.minutes)
        self.ends.setText(f"Ends at {clock(session.ends)}")

    # --- editing ---------------------------------------------------------------------------

    def _commit_platform(self) -> None:
        self._commit("platform", self.platform.currentText().strip())

    def _commit(self, field: str, value: Any) -> None:
        # A refusal's message box takes focus, which would finish the same edit a second time.
        if self._committing:
            return
        old = getattr(self.session, field)
        if value == (old.value if hasattr(old, "value") else old):
            return
        session_id = self.session.id
        self._committing = True
        try:
            done = push_update(self._ctx, self, LABELS[field], session_service.update_session,
                               session_id, {field: value}, {field: old})
        finally:
            self._committing = False
        if done is None:
            self._show(self.session)  # refused: show what is actually stored
        else:
            self.session = done

    def _changed(self, changes: Changes) -> None:
        if self.session.id in changes.updated.get("session", ()):
            self._show(session_service.get_session(self._ctx.store, self.session.id))
