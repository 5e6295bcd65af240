"""The participants tab: who is invited, whether they came, what they agreed to, what they need.

Space ticks a consent or cycles attendance (not recorded, yes, no); F2 edits a cell. People are
added one at a time, invited from the register, or imported from a CSV or Excel list, or a Teams
or Zoom attendance report (whose people are marked as attended), checked as a whole first: a file
with any bad row imports nobody and lists every bad line.
Reading the file and adding its people run on the task manager, so the window stays live.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.models import Changes, Sector, Session, SessionParticipant
from app.services.planning import participants as participant_service
from app.services.planning.participant_file import (
    ParticipantFile,
    ParticipantFileError,
    ParticipantTable,
    participants_from_table,
    read_participant_table,
)
from app.services.planning.participants import ImportResult
from app.ui.buttons import DESTRUCTIVE, action_button
from app.ui.commands import FieldEdit, TableEdits, push_delete
from app.ui.context import AppContext
from app.ui.flow import ButtonRow
from app.ui.item_models.participants_model import (
    ACCESS,
    ATTENDED,
    CONSENT,
    EMAIL,
    LOCALITY,
    NAME,
    ORGANISATION,
    SECTOR,
    ParticipantsTableModel,
)
from app.ui.style import scrolled
from app.ui.tables import NamedEditors, set_up_record_table
from app.ui.tasks import Task
from app.ui.views.session.additions import additions_command
from app.ui.views.session.import_columns import ParticipantColumnsDialog
from app.ui.views.session.import_dialogs import (
    BACK,
    KEEP_FIRST,
    ImportPreviewDialog,
    ImportProblemsDialog,
)
from app.ui.views.session.person_dialogs import AddPersonDialog, InviteDialog

Index = QModelIndex | QPersistentModelIndex
FILE_FILTER = ("Participant lists and attendance reports (*.csv *.xlsx *.txt);;CSV files (*.csv);;"
               "Excel workbooks (*.xlsx)")
# This session's part of a row, and the undo step's name; the other fields are the register's.
INVITATION_EDITS = {"attended": "Record attendance", "may_name": "Change consent to be named",
                    "may_email": "Change consent to be emailed",
                    "may_quote": "Change consent to be quoted",
                    "access_needs": "Change access needs"}


@dataclass
class _Import:
    """One import from a file as it goes through its steps: the table read, the columns chosen."""

    path: Path
    table: ParticipantTable | None
    keep_first: bool = False
    columns: dict[str, int] | None = None


class ParticipantDelegate(NamedEditors):
    """A sector chooser with the sector names."""

    def special_editor(self, parent: QWidget, column: int) -> QWidget | None:
        if column != SECTOR:
            return None
        editor = QComboBox(parent)
        for sector in Sector:
            editor.addItem(sector.label, sector.value)
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(editor.findData(index.data(Qt.ItemDataRole.EditRole)))
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
        else:
            super().setModelData(editor, model, index)


class ParticipantsTab(QWidget):
    """Invitations of one session, with the ways to add to them."""

    imported = Signal(int)  # an import from a file ended: how many were added (0: none)

    def __init__(self, ctx: AppContext, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx, self.session = ctx, session
        self.edits = TableEdits(ctx, self, self._edit_of)
        self.model = ParticipantsTableModel(ctx, session.id, self.edits, self)
        self.table = QTableView(self)
        header = set_up_record_table(
            self.table, self.model, ParticipantDelegate(self.table),
            object_name="participantsTable", name="Participants", typing_edits=False,
            description=(
                "One row per person invited. Space ticks a consent or cycles attendance "
                "between not recorded, yes and no; F2 edits a cell; Delete removes the person "
                "from this session."))
        self.table.setSortingEnabled(False)
        for column in (ATTENDED, *CONSENT):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.fit_columns()

        # The selected person in full: long organisations, e-mails and access needs are cut
        # short in the table's columns, so they are read here, wrapped.
        self.detail = QLabel(self)
        self.detail.setObjectName("personDetail")
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # Scrolls when a short window leaves it less than its text needs (QT_SCALE_FACTOR=2).
        self.detail_scroll = scrolled(self.detail, "Selected person", self)
        self.detail_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.count = QLabel(self)
        self.count.setObjectName("hint")
        self.add_button = action_button(
            self, "Add pe&rson…",
            "Add someone new to the register and invite them",
            self.add_person, icon="add-person")
        self.invite_button = action_button(
            self, "&Invite from the register…",
            "Invite people already in this learning system's register",
            self.invite, icon="invite")
        self.import_button = action_button(
            self, "Import from CSV/&XLSX…",
            "Add everyone in a spreadsheet; nothing is added until every row is right",
            lambda: self.import_file(), icon="import")
        self.remove_button = action_button(
            self, "Re&move from session",
            "Take the selected person off this session (they stay in the register)",
            self.remove, icon="remove-person", emphasis=DESTRUCTIVE)
        remove = QAction("Remove from session", self.table)
        remove.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Delete))
        remove.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        remove.triggered.connect(self.remove)
        self.table.addAction(remove)

        buttons = ButtonRow(self)
        buttons.add(self.add_button, self.invite_button, self.import_button)
        buttons.add_trailing(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail_scroll)
        layout.addWidget(self.count)
        layout.addWidget(buttons)

        self.table.selectionModel().currentRowChanged.connect(self._update_buttons)
        for signal in (self.model.rowsInserted, self.model.rowsRemoved, self.model.modelReset):
            signal.connect(self._update_count)
        ctx.bus.changed.connect(self._changed)
        self._update_count()
        self._update_buttons()

    def fit_columns(self) -> None:
        """Text columns as wide as their contents, within limits that keep the ticks in view."""
        header, width = self.table.horizontalHeader(), self.fontMetrics().averageCharWidth()
        for column, chars in ((NAME, 22), (ORGANISATION, 22), (ACCESS, 26), (EMAIL, 22),
                              (SECTOR, 14), (LOCALITY, 12)):
            self.table.resizeColumnToContents(column)
            header.resizeSection(column, min(header.sectionSize(column), width * chars))

    def _update_buttons(self, *_: object) -> None:
        self.remove_button.setEnabled(self.table.currentIndex().isValid())
        self._show_detail()

    def _show_detail(self) -> None:
        index = self.table.currentIndex()
        text = person_text(self.model.record(index.row())) if index.isValid() else ""
        self.detail.setText(text)
        self.detail.setAccessibleName(text or "No one selected")
        self.detail_scroll.setVisible(bool(text))
        self._fit_detail()

    def _fit_detail(self) -> None:
        width = max(1, self.detail_scroll.viewport().width() or self.width())
        wanted = max(1, self.detail.heightForWidth(width))
        self.detail_scroll.setMaximumHeight(wanted)
        self.detail_scroll.setMinimumHeight(min(wanted, self.fontMetrics().lineSpacing() * 2))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_detail()  # the text wraps onto more or fewer lines at a new width

    def _update_count(self, *_: object) -> None:
        n = self.model.rowCount()
        came = sum(1 for r in self.model.records() if r.invitation.attended)
        needs = sum(1 for r in self.model.records() if r.invitation.access_needs)
        if not n:
            self.count.setText("Nobody is invited yet: add people, invite them from the "
                               "register, or import a participant list.")
            return
        self.count.setText(f"{n} invited · {came} attended · {needs} with access needs")

    # --- operations ------------------------------------------------------------------------

    @staticmethod
    def _edit_of(record: SessionParticipant, fields: dict[str, Any]) -> FieldEdit:
        """Attendance, consent and access needs are this session's; the rest, the register's."""
        name, first = record.participant.name, next(iter(fields))
        if first in INVITATION_EDITS:
            return FieldEdit(f"{INVITATION_EDITS[first]} of {name}",
                             participant_service.update_invitation, record.invitation)
        return FieldEdit(f"Edit details of {name}", participant_service.update_participant,
                         record.participant)

    def add_person(self) -> None:
        dialog = AddPersonDialog(self._ctx, self.session.id, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.added is not None:
            self._select(dialog.added.invitation.id)

    def invite(self) -> None:
        dialog = InviteDialog(self._ctx, self.session.id, self.session.system_id, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.invited:
            self._select(dialog.invited[0])

    def remove(self) -> bool:
        index = self.table.currentIndex()
        if not index.isValid():
            return False
        record, store = self.model.record(index.row()), self._ctx.store
        name = record.participant.name
        done = push_delete(self._ctx, self, f"Remove {name} from the session",
                           lambda: participant_service.uninvite(store, record.invitation.id))
        if done:
            self._ctx.bus.status.emit(f"Removed {name} from this session; they stay in the "
                                      "register. Undo brings them back.")
        return done

    def import_file(self, path: Path | None = None, *, keep_first: bool = False) -> Task | None:
        """Check a participant list or attendance report and, if every row is right and the
        person agrees, add everyone in it. A list's columns are confirmed first.

        The file is read, and later imported, by the task manager: the window stays live and
        the status bar shows the work. Returns the reading task (None when no file was chosen).
        """
        if path is None:
            chosen, _ = QFileDialog.getOpenFileName(self, "Import participants", "",
                                                    FILE_FILTER)
            if not chosen:
                return None
            path = Path(chosen)
        read_path = path
        return self._ctx.tasks.run(
            lambda _progress: read_participant_table(read_path),
            lambda table: self._read_table(_Import(read_path, table, keep_first)),
            lambda error: self._unreadable(_Import(read_path, None, keep_first), error),
            label=f"Reading {path.name}", owner=self)

    def _read_table(self, job: _Import) -> None:
        """A list goes through the columns step; a report's columns are its own."""
        assert job.table is not None
        if job.table.kind != "participant list":
            try:
                read = participants_from_table(job.table, keep_first=job.keep_first)
            except ParticipantFileError as error:
                self._unreadable(job, error)
                return
            self._review_import(job, read)
            return
        dialog = ParticipantColumnsDialog(job.table, self, keep_first=job.keep_first,
                                          columns=job.columns)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            self.imported.emit(0)
            return
        job.columns = dialog.mapping()
        if dialog.error is not None:
            self._unreadable(job, dialog.error)
        elif dialog.read is not None:
            self._review_import(job, dialog.read)

    def _unreadable(self, job: _Import, error: BaseException) -> None:
        if isinstance(error, ParticipantFileError):
            dialog = ImportProblemsDialog(job.path.name, str(error), error.problems, self,
                                          offer_keep_first=error.duplicates_only)
            if dialog.exec() == KEEP_FIRST:
                if job.table is None:
                    self.import_file(job.path, keep_first=True)
                    return
                job.keep_first = True
                try:
                    read = participants_from_table(job.table, columns=job.columns,
                                                   keep_first=True)
                except ParticipantFileError as again:
                    self._unreadable(job, again)
                    return
                self._review_import(job, read)
                return
        else:
            self._ctx.tasks.handle_error(error, self)
        self.imported.emit(0)

    def _review_import(self, job: _Import, read: ParticipantFile) -> None:
        path = job.path
        rows = [d.import_fields() for d in read.drafts]
        steps = participant_service.preview_import_to_session(self._ctx.store, self.session.id,
                                                              rows)
        preview = ImportPreviewDialog(path.name, read, steps, self,
                                      can_go_back=job.columns is not None)
        answer = preview.exec()
        if answer == BACK:
            self._read_table(job)
            return
        if answer != QDialog.DialogCode.Accepted:
            self.imported.emit(0)
            return
        ctx, store, session_id = self._ctx, self._ctx.store, self.session.id
        text = f"Import {len(rows)} from {path.name}"
        tab = self

        def done(outcome: tuple[ImportResult, Changes]) -> None:
            # Pushed even if this tab has closed meanwhile: the people are in, Undo must reach.
            result, changes = outcome
            command = additions_command(ctx, text, result.added, changes, result.marked)
            if command is not None:
                ctx.undo_stack.push(command)
            ctx.bus.status.emit(_imported_text(path.name, result))
            if shiboken6.isValid(tab):
                tab.imported.emit(len(result.added))

        def refused(error: BaseException) -> None:
            ctx.tasks.handle_error(error, tab if shiboken6.isValid(tab) else None)
            if shiboken6.isValid(tab):
                tab.imported.emit(0)

        ctx.tasks.run(lambda _progress: participant_service.import_to_session(
            store, session_id, rows), done, refused,
            label=f"Importing {len(rows)} from {path.name}")

    def _select(self, invitation_id: str) -> None:
        row = self.model.row_of(invitation_id)
        if row >= 0:
            self.table.setCurrentIndex(self.model.index(row, NAME))
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- keeping in step with the store ----------------------------------------------------

    def _changed(self, changes: Changes) -> None:
        was_empty = self.model.rowCount() == 0
        if self.model.apply(changes):
            if was_empty:
                self.fit_columns()
            self._update_count()
            self._update_buttons()


def person_text(record: SessionParticipant) -> str:
    """Everything about one invited person, in full, as one paragraph to read."""
    person, invitation = record.participant, record.invitation
    where = ", ".join(x for x in (person.sector.label, person.locality) if x)
    parts = [person.name, person.email or "no e-mail",
             f"{person.organisation} ({where})" if person.organisation else where]
    came = {True: "attended", False: "did not attend", None: "attendance not recorded"}
    agreed = [w for w, yes in (("named", invitation.may_name), ("emailed", invitation.may_email),
                               ("quoted", invitation.may_quote)) if yes]
    parts.append(came[invitation.attended])
    parts.append(f"may be {', '.join(agreed)}" if agreed else "no consent given")
    needs = invitation.access_needs.strip()
    parts.append(f"access needs: {needs}" if needs else "no access needs noted")
    return " · ".join(parts)


def _imported_text(file_name: str, result: ImportResult) -> str:
    """The status bar's sentence for a finished import."""
    text = f"Imported {len(result.added)} from {file_name}"
    if result.marked:
        text += f"; {len(result.marked)} already invited marked as attended"
    if result.left:
        text += f"; {result.left} already invited left as they were"
    return text + "."
