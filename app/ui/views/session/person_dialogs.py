"""Adding a new person to a session, and inviting people already in the register.

Consent starts as no and is given box by box: a person is named, emailed or quoted only
where they said yes.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.models import Participant, Sector, SessionParticipant
from app.services.planning import participants as participant_service
from app.ui.context import AppContext
from app.ui.dialogs.parts import fit_dialog, hint, ok_cancel
from app.ui.fields import add_labelled_row
from app.ui.views.session.additions import push_additions


class AddPersonDialog(QDialog):
    """A new person for the register, invited to this session with their consent."""

    def __init__(self, ctx: AppContext, session_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx, self._session_id = ctx, session_id
        self.added: SessionParticipant | None = None
        self.setWindowTitle("Add a person to the session")
        self.setAccessibleName("Add a person to the session")

        self.name = QLineEdit(self)
        self.email = QLineEdit(self)
        self.email.setPlaceholderText("name@example.org")
        self.organisation = QLineEdit(self)
        self.sector = QComboBox(self)
        for sector in Sector:
            self.sector.addItem(sector.label, sector.value)
        self.sector.setCurrentIndex(self.sector.findData(Sector.OTHER.value))
        self.locality = QLineEdit(self)
        self.locality.setPlaceholderText("e.g. Skye, Lochalsh and Wester Ross")
        self.access_needs = QPlainTextEdit(self)
        self.access_needs.setTabChangesFocus(True)
        self.access_needs.setPlaceholderText("e.g. Captions on; joins by phone; BSL interpreter")
        self.access_needs.setMaximumHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        form = QFormLayout()
        for text, name, field in (("&Name:", "Name", self.name), ("&Email:", "Email", self.email),
                                  ("&Organisation:", "Organisation", self.organisation),
                                  ("&Sector:", "Sector", self.sector),
                                  ("&Locality:", "Locality", self.locality),
                                  ("Access nee&ds:", "Access needs", self.access_needs)):
            field.setAccessibleName(name)
            add_labelled_row(form, text, field)

        consent = QGroupBox("Consent for this session (tick only what they agreed to)", self)
        self.may_name = QCheckBox("May be na&med in the outputs", consent)
        self.may_email = QCheckBox("May be emailed the summary &pack", consent)
        self.may_quote = QCheckBox("May be &quoted", consent)
        column = QVBoxLayout(consent)
        for box in (self.may_name, self.may_email, self.may_quote):
            column.addWidget(box)

        buttons, self.add_button = ok_cancel(self, "&Add to session", self.submit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(consent)
        layout.addWidget(buttons)
        fit_dialog(self, 72)

    def submit(self) -> None:
        """Register and invite; on a refusal its sentence is shown and the dialog stays open."""
        store, session_id = self._ctx.store, self._session_id
        name = self.name.text().strip()
        person = {"email": self.email.text().strip(),
                  "organisation": self.organisation.text().strip(),
                  "sector": self.sector.currentData(), "locality": self.locality.text().strip()}
        consent = {"may_name": self.may_name.isChecked(), "may_email": self.may_email.isChecked(),
                   "may_quote": self.may_quote.isChecked(),
                   "access_needs": self.access_needs.toPlainText().strip()}

        def add():
            added, changes = participant_service.add_to_session(
                store, session_id, name, consent=consent, **person)
            return [added], changes

        done = push_additions(self._ctx, self, f"Add {name or 'a person'} to the session", add)
        if not done:
            self.name.setFocus()
            return
        self.added = done[0]
        found = self.added.participant
        if found.name != name:
            self._ctx.bus.status.emit(f"{found.email} is already in the register as "
                                      f"{found.name}; invited them.")
        else:
            self._ctx.bus.status.emit(f"Added {found.name} to the session.")
        self.accept()


class InviteDialog(QDialog):
    """Pick people from the learning system's register who are not yet invited."""

    def __init__(self, ctx: AppContext, session_id: str, system_id: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx, self._session_id = ctx, session_id
        self.invited: list[str] = []
        self.setWindowTitle("Invite from the register")
        self.setAccessibleName("Invite from the register")
        already = {p.participant.id for p in
                   participant_service.list_session_participants(ctx.store, session_id)}
        self._people = [p for p in participant_service.list_register(ctx.store, system_id)
                        if p.id not in already]

        self.filter = QLineEdit(self)
        self.filter.setAccessibleName("Find by name, organisation or locality")
        self.filter.setPlaceholderText("Type to narrow the list")
        self.filter.setClearButtonEnabled(True)
        for clear in self.filter.findChildren(QToolButton):
            clear.setAccessibleName("Clear the search")
        self.people = QListWidget(self)
        self.people.setAccessibleName("People in the register not yet invited")
        self.people.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        for person in self._people:
            item = QListWidgetItem(self._describe(person), self.people)
            item.setData(Qt.ItemDataRole.UserRole, person.id)
        find_label = QLabel("&Find:", self)
        find_label.setBuddy(self.filter)
        list_label = QLabel("&People (select one or more; Ctrl or Shift selects several):", self)
        list_label.setBuddy(self.people)
        self.empty = QLabel("Everyone in the register is already invited. Use Add person to "
                            "add someone new.", self)
        self.empty.setWordWrap(True)
        self.empty.setVisible(not self._people)
        note = hint("Consent starts as no for this session; tick it in the table when they "
                    "agree.", self)
        buttons, self.invite_button = ok_cancel(self, "&Invite", self.submit)
        layout = QVBoxLayout(self)
        layout.addWidget(find_label)
        layout.addWidget(self.filter)
        layout.addWidget(list_label)
        layout.addWidget(self.people, 1)
        layout.addWidget(self.empty)
        layout.addWidget(note)
        layout.addWidget(buttons)

        self.filter.textChanged.connect(self._narrow)
        self.people.itemSelectionChanged.connect(self._update_button)
        self.people.itemDoubleClicked.connect(lambda _item: self.submit())
        self._update_button()
        fit_dialog(self, 80, 26)

    @staticmethod
    def _describe(person: Participant) -> str:
        extra = [x for x in (person.organisation, person.sector.label, person.locality) if x]
        return f"{person.name} — {', '.join(extra)}" if extra else person.name

    def _narrow(self, text: str) -> None:
        wanted = text.strip().lower()
        for row in range(self.people.count()):
            item = self.people.item(row)
            item.setHidden(bool(wanted) and wanted not in item.text().lower())

    def _update_button(self) -> None:
        count = len(self.people.selectedItems())
        self.invite_button.setEnabled(count > 0)
        self.invite_button.setText(f"&Invite {count}" if count > 1 else "&Invite")

    def submit(self) -> None:
        chosen = [i.data(Qt.ItemDataRole.UserRole) for i in self.people.selectedItems()
                  if not i.isHidden()]
        if not chosen:
            return
        store, session_id = self._ctx.store, self._session_id
        what = (f"Invite {len(chosen)} from the register" if len(chosen) > 1
                else "Invite from the register")
        # One operation and one undo step: everyone chosen is invited, or (refused) nobody.
        added = push_additions(self._ctx, self, what, lambda: participant_service.invite_many(
            store, session_id, chosen))
        if not added:
            return
        self.invited = [p.invitation.id for p in added]
        self._ctx.bus.status.emit(f"Invited {len(added)} from the register.")
        self.accept()
