"""The session screen: a header saying what and when, then its details, agenda and participants.

The buttons under the header make the outputs of planning (run sheet, calendar invite), keep
the session's shape as a template, or delete it; all of it can be undone except writing files.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.models import Changes, Session, SessionFormat
from app.services.planning import planning_queries
from app.services.planning import sessions as session_service
from app.services.planning import templates as template_service
from app.ui.buttons import DESTRUCTIVE, PRIMARY, action_button, emphasise
from app.ui.commands import push_create, push_delete
from app.ui.context import AppContext
from app.ui.flow import ButtonRow
from app.ui.item_models.agenda_model import clock
from app.ui.item_models.navigator import when_text
from app.ui.style import Heading, follow_text_size, name_scroll_parts, scrolled
from app.ui.views.session.agenda_editor import AgendaEditor
from app.ui.views.session.details_form import SessionDetailsForm
from app.ui.views.session.outputs import OutputNotice, PlanningOutputs
from app.ui.views.session.participants_tab import ParticipantsTab

DETAILS, AGENDA, PARTICIPANTS = range(3)
HEADER_SHARE = 0.4  # of a short page's height, at most, for the title, summary and buttons


def summary_text(session: Session) -> str:
    """'Sensemaking workshop · Tue 8 Dec 2026, 10:00–11:30 (90 min) · Online on Zoom · Planned'."""
    where = session.format.label
    if session.platform and session.format != SessionFormat.IN_PERSON:
        where += f" on {session.platform}"
    if session.location and session.format != SessionFormat.ONLINE:
        where += f" at {session.location}"
    return (f"{session.kind.label} · {when_text(session.starts)}–{clock(session.ends)} "
            f"({session.minutes} min) · {where} · {session.status.label}")


class SessionView(QWidget):
    """Shows and edits one session."""

    capture_requested = Signal(str)  # the session id: open live capture
    board_requested = Signal(str)  # the session id: open its theme board

    def __init__(self, ctx: AppContext, session_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx, self.session_id = ctx, session_id
        self.session = session_service.get_session(ctx.store, session_id)

        self.title = Heading(self.session.title, 1.5, self)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        # Created in reading order, which is also the order Tab moves through them.
        self.capture_button = action_button(
            self, "Capture notes (F5)",
            "Type notes live during the session, tagged as you go",
            lambda: self.capture_requested.emit(self.session_id), icon="capture",
            emphasis=PRIMARY)
        self.board_button = action_button(
            self, "Theme board (F7)", "Cluster the notes into themes, merge, split and vote",
            lambda: self.board_requested.emit(self.session_id), icon="board")
        self.run_sheet_button = action_button(
            self, "Ru&n sheet (PDF)…",
            "Print the facilitator's run sheet: agenda with clock times, prompts and participants'"
            " access needs",
            lambda: self.outputs.run_sheet(), icon="print")
        self.invite_button = action_button(
            self, "Ca&lendar invite (.ics)…",
            "Save a calendar invitation with the join link, to attach to the invitation email",
            lambda: self.outputs.calendar_invite(), icon="calendar")
        self.export_button = action_button(
            self, "Export summary pack…", "Check who will be named, preview the pages, then save "
            "the pack as PDF, Word or a web page, or the session's data (Ctrl+E)",
            self.export, icon="export")
        self.template_button = action_button(
            self, "Save as template…",
            "Keep this session's length, format, purpose and agenda for planning the next one",
            self.save_as_template, icon="export")
        self.delete_button = action_button(
            self, "Delete session",
            "Delete this session with its agenda, invitations and notes (Undo brings it back)",
            self.delete, emphasis=DESTRUCTIVE)
        self.notice = OutputNotice(self)
        self.outputs = PlanningOutputs(ctx, session_id, self.notice, self)

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("sessionTabs")
        self.tabs.setAccessibleName("Session")
        self.tabs.setDocumentMode(True)
        self.details = SessionDetailsForm(ctx, self.session)
        details_scroll = scrolled(self.details, "Session details")
        self.agenda = AgendaEditor(ctx, session_id)
        self.participants = ParticipantsTab(ctx, self.session)
        self.tabs.addTab(details_scroll, "&Details")
        self.tabs.addTab(self.agenda, "&Agenda")
        self.tabs.addTab(self.participants, "&Participants")

        buttons = ButtonRow(self)
        buttons.add(self.capture_button, self.board_button, self.export_button,
                    self.run_sheet_button, self.invite_button, self.template_button)
        buttons.add_trailing(self.delete_button)
        header = QVBoxLayout()
        header.setContentsMargins(16, 12, 16, 0)
        header.addWidget(self.title)
        header.addWidget(self.summary)
        header.addWidget(buttons)
        header.addWidget(self.notice)
        self.header = QWidget(self)
        self.header.setLayout(header)
        # On a short screen (200% text, or QT_SCALE_FACTOR=2 on a 768-pixel laptop) the header
        # scrolls within HEADER_SHARE of the page rather than squeezing its buttons out of
        # sight, and the tabs (the agenda with its buttons) keep the rest.
        self.header_scroll = scrolled(self.header, "Session summary and actions", self)
        self.header_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header_scroll, 2)
        layout.addWidget(self.tabs, 3)
        self.refit()
        follow_text_size(self)

        self.tabs.currentChanged.connect(self._update_tab_names)
        ctx.bus.changed.connect(self._changed)
        self._show_header()
        self._update_tab_names()
        name_scroll_parts(self)


    def refit(self) -> None:
        """The header as tall as its content, but given at most HEADER_SHARE of the page when
        the page is short (the layout shares the height 2:3 with the tabs); it scrolls then."""
        width = max(1, self.header_scroll.viewport().width() or self.width())
        content = max(1, self.header.heightForWidth(width) if self.header.hasHeightForWidth()
                      else self.header.sizeHint().height())
        self.header_scroll.setMaximumHeight(content)
        self.header_scroll.setMinimumHeight(min(content, self.fontMetrics().lineSpacing() * 3))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.refit()

    def _show_header(self) -> None:
        s = self.session
        self.title.setText(s.title)
        self.summary.setText(summary_text(s))
        self.setAccessibleName(f"Session {s.title}")

    def _update_tab_names(self, *_: object) -> None:
        blocks = self.agenda.model.rowCount()
        people = self.participants.model.rowCount()
        over = " — over time" if self.agenda.model.plan.overrun_minutes else ""
        self.tabs.setTabText(AGENDA, f"&Agenda ({blocks}){over}")
        self.tabs.setTabText(PARTICIPANTS, f"&Participants ({people})")

    # --- operations ------------------------------------------------------------------------

    def export(self) -> None:
        """The export dialog for this session: pre-flight list of names, preview, save."""
        from app.ui.views.export.opening import open_export

        open_export(self._ctx, self, session_id=self.session_id)

    def save_as_template(self) -> bool:
        dialog = QInputDialog(self)
        dialog.setWindowTitle("Save as template")
        dialog.setAccessibleName("Save as template")
        dialog.setLabelText("&Name of the new template:")
        dialog.setTextValue(self.session.title)
        dialog.setOkButtonText("&Save template")
        field = dialog.findChild(QLineEdit)
        if field is not None:
            field.setAccessibleName("Name of the new template")
        if dialog.exec() != QInputDialog.DialogCode.Accepted:
            return False
        name, store, session_id = dialog.textValue().strip(), self._ctx.store, self.session_id
        created = push_create(
            self._ctx, self, f"Save template '{name}'",
            lambda: template_service.save_as_template(store, session_id, name),
            lambda template_id: planning_queries.delete_template(store, template_id))
        if created is None:
            return False
        self._ctx.bus.status.emit(f"Saved the template '{created.name}': choose it when you "
                                  "plan the next session.")
        return True

    def delete(self) -> bool:
        box = QMessageBox(QMessageBox.Icon.Warning, "Delete session",
                          f"Delete the session '{self.session.title}'?",
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                          self)
        box.setInformativeText("Its agenda, invitations and notes go with it. Edit ▸ Undo "
                               "brings all of it back.")
        box.button(QMessageBox.StandardButton.Yes).setText("Delete session")
        emphasise(box.button(QMessageBox.StandardButton.Yes), DESTRUCTIVE)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setAccessibleName("Delete session")
        if box.exec() != QMessageBox.StandardButton.Yes:
            return False
        store, session_id, title = self._ctx.store, self.session_id, self.session.title
        done = push_delete(self._ctx, self, f"Delete session '{title}'",
                           lambda: session_service.delete_session(store, session_id))
        if done:
            self._ctx.bus.status.emit(f"Deleted the session '{title}'. Undo brings it back.")
        return done

    # --- keeping in step with the store ----------------------------------------------------

    def _changed(self, changes: Changes) -> None:
        if self.session_id in changes.deleted.get("session", ()):
            self.setEnabled(False)  # the window opens something else
            return
        if self.session_id in changes.updated.get("session", ()):
            self.session = session_service.get_session(self._ctx.store, self.session_id)
            self._show_header()
        if changes.touches("agenda_item") or changes.touches("invitation") or \
                self.session_id in changes.updated.get("session", ()):
            self._update_tab_names()

