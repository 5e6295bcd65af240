"""Planning a session: from a template (with its timed agenda and prompts) or blank.

The list shows each template's length and number of blocks; the preview beside it lays its
agenda against the clock from the chosen start. Creating is one undoable step.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateTimeEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.models import Session, SessionTemplate
from app.models.planning import MAX_SESSION_MINUTES
from app.services.planning import sessions as session_service
from app.services.planning import templates as template_service
from app.ui.commands import push_create
from app.ui.context import AppContext
from app.ui.dialogs.parts import fit_dialog, ok_cancel
from app.ui.fields import add_labelled_row
from app.ui.views.session.details_form import DATE_TIME_FORMAT, from_qdatetime, to_qdatetime

BLANK = ""  # the template id of "Blank session"


def next_working_morning(now: datetime | None = None) -> datetime:
    """Ten o'clock on the next weekday: a sensible first guess for a workshop's start."""
    day = (now or datetime.now()).astimezone() + timedelta(days=1)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day.replace(hour=10, minute=0, second=0, microsecond=0)


def template_line(template: SessionTemplate) -> str:
    blocks = len(template.items)
    return f"{template.name}\n{template.minutes} min · {blocks} block{'s' * (blocks != 1)}"


def agenda_rows(template: SessionTemplate, starts: datetime) -> list[tuple[str, str, str]]:
    """(time, title, method) per block, laid against the clock from `starts`."""
    rows = []
    clock = starts
    for item in template.items:
        ends = clock + timedelta(minutes=item.minutes)
        rows.append((f"{clock:%H:%M}–{ends:%H:%M}", item.title, item.method))
        clock = ends
    return rows


class NewSessionDialog(QDialog):
    """Choose a template or blank, a title and a start; OK plans the session."""

    def __init__(self, ctx: AppContext, system_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx, self._system_id = ctx, system_id
        self.created: Session | None = None
        self._title_typed = False
        self.setWindowTitle("Plan a session")
        self.setAccessibleName("Plan a session")
        self._templates = {t.id: t for t in template_service.list_templates(ctx.store)}

        self.templates = QListWidget(self)
        self.templates.setObjectName("templates")
        self.templates.setAccessibleName("Start from")
        self.templates.setWordWrap(True)
        self.templates.setSpacing(2)
        blank = QListWidgetItem("Blank session\nno agenda yet", self.templates)
        blank.setData(Qt.ItemDataRole.UserRole, BLANK)
        for template in self._templates.values():
            item = QListWidgetItem(template_line(template), self.templates)
            item.setData(Qt.ItemDataRole.UserRole, template.id)
            item.setToolTip(template.purpose)
        self.preview = QTreeWidget(self)
        self.preview.setObjectName("templatePreview")
        self.preview.setAccessibleName("Agenda of the chosen template")
        self.preview.setColumnCount(2)
        self.preview.setHeaderLabels(["Time", "Block"])
        self.preview.setRootIsDecorated(False)
        self.preview.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.preview.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.about = QLabel(self)
        self.about.setWordWrap(True)
        self.about.setObjectName("hint")

        self.title = QLineEdit(self)
        self.title.setMaxLength(200)
        self.starts = QDateTimeEdit(to_qdatetime(next_working_morning()), self)
        self.starts.setCalendarPopup(True)
        self.starts.setDisplayFormat(DATE_TIME_FORMAT)
        self.minutes = QSpinBox(self)
        self.minutes.setRange(5, MAX_SESSION_MINUTES)
        self.minutes.setSingleStep(5)
        self.minutes.setValue(90)
        self.minutes.setSuffix(" min")
        form = QFormLayout()
        for text, name, field in (("&Title:", "Title", self.title),
                                  ("&Starts:", "Starts", self.starts),
                                  ("&Length:", "Length in minutes", self.minutes)):
            field.setAccessibleName(name)
            add_labelled_row(form, text, field)

        start_label = QLabel("Start &from:", self)
        start_label.setBuddy(self.templates)
        preview_label = QLabel("&Agenda:", self)
        preview_label.setBuddy(self.preview)
        left = QVBoxLayout()
        left.addWidget(start_label)
        left.addWidget(self.templates, 1)
        right = QVBoxLayout()
        right.addWidget(preview_label)
        right.addWidget(self.preview, 1)
        right.addWidget(self.about)
        choose = QHBoxLayout()
        choose.addLayout(left, 2)
        choose.addLayout(right, 3)

        buttons, self.plan_button = ok_cancel(self, "&Plan session", self.submit)
        layout = QVBoxLayout(self)
        layout.addLayout(choose, 1)
        layout.addLayout(form)
        layout.addWidget(buttons)

        self.templates.currentItemChanged.connect(lambda *_: self._template_chosen())
        self.title.textEdited.connect(self._note_typed)
        self.starts.dateTimeChanged.connect(lambda *_: self._show_preview())
        self.templates.setCurrentRow(1 if len(self._templates) else 0)
        fit_dialog(self, 140, 30)
        self.templates.setFocus()

    # --- choosing --------------------------------------------------------------------------

    def template(self) -> SessionTemplate | None:
        item = self.templates.currentItem()
        template_id = item.data(Qt.ItemDataRole.UserRole) if item else BLANK
        return self._templates.get(template_id)

    def choose(self, template_id: str) -> None:
        for row in range(self.templates.count()):
            if self.templates.item(row).data(Qt.ItemDataRole.UserRole) == template_id:
                self.templates.setCurrentRow(row)
                return
        raise KeyError(template_id)

    def _note_typed(self, text: str) -> None:
        self._title_typed = bool(text.strip())

    def _template_chosen(self) -> None:
        template = self.template()
        if not self._title_typed:
            self.title.setText(template.name if template else "")
        self.minutes.setEnabled(template is None)
        self.minutes.setToolTip("" if template is None else "Set by the template; change it on "
                                "the session's Details tab after planning.")
        if template is not None:
            self.minutes.setValue(template.minutes)
        self._show_preview()

    def _show_preview(self) -> None:
        template = self.template()
        self.preview.clear()
        if template is None:
            self.about.setText("A session with no agenda yet: add timed blocks on its Agenda "
                               "tab after planning it.")
            return
        starts = from_qdatetime(self.starts.dateTime())
        for time, title, method in agenda_rows(template, starts):
            item = QTreeWidgetItem(self.preview, [time, title])
            item.setToolTip(1, f"{title} ({method})" if method else title)
        total = sum(i.minutes for i in template.items)
        self.about.setText(f"{total} min of blocks in a {template.minutes} min session. "
                           f"{template.purpose}".strip())

    # --- planning --------------------------------------------------------------------------

    def submit(self) -> None:
        """Plan the session; a refusal is shown in one sentence and the dialog stays open."""
        store, system_id = self._ctx.store, self._system_id
        template = self.template()
        title = self.title.text().strip()
        starts = from_qdatetime(self.starts.dateTime())
        minutes = self.minutes.value()

        def create():
            if template is None:
                return session_service.create_session(store, system_id, title, starts,
                                                      minutes=minutes)
            return template_service.plan_from_template(store, system_id, template.id, title,
                                                       starts)

        created = push_create(self._ctx, self, f"Plan session '{title or 'untitled'}'", create,
                              lambda session_id: session_service.delete_session(store,
                                                                                session_id))
        if created is None:
            self.title.setFocus()
            self.title.selectAll()
            return
        self.created = created
        self._ctx.bus.status.emit(f"Planned '{created.title}'.")
        self.accept()

    @classmethod
    def plan(cls, ctx: AppContext, parent: QWidget | None, system_id: str) -> Session | None:
        """Show the dialog; the planned session, or None when cancelled."""
        dialog = cls(ctx, system_id, parent)
        dialog.exec()
        return dialog.created

