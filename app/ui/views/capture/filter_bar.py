"""Search and filters over the capture list.

The search box is always there (Ctrl+F); the filters (focus area, free tag, kind, agenda block,
speaker, starred, untagged) fold away behind one button so the capture screen stays calm.
Typing in the search waits 150 ms for a pause before asking, so fast typing queries once.
Each filter has a label naming its purpose, which is also what a screen reader calls it; the
choice ("Any tag") is only its value. Escape in the search clears it; a second Escape goes back
to the entry. A note saved here that the filter leaves out is pinned in the list, and the count
says so, with "Show all" beside it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.models import NoteKind
from app.services import capture
from app.ui.filter_combos import fill_choices, filter_combo
from app.ui.flow import flow_of
from app.ui.views.capture.capture_session import CaptureSession

SEARCH_PAUSE_MS = 150


class FilterBar(QWidget):
    """Builds the NoteFilter the list shows."""

    changed = Signal()
    leave_requested = Signal()  # Escape in an empty search box: back to typing notes
    show_all_requested = Signal()  # the saved notes the filter hides: clear it

    def __init__(self, session: CaptureSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.search = QLineEdit(self)
        self.search.setAccessibleName("Search notes")
        self.search.setPlaceholderText("Words to find (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.search.installEventFilter(self)
        for clear in self.search.findChildren(QToolButton):
            clear.setAccessibleName("Clear the search")
        search_label = QLabel("&Search:", self)
        search_label.setBuddy(self.search)
        self.filters_button = QPushButton("Filte&rs", self)
        self.filters_button.setCheckable(True)
        self.filters_button.setAccessibleName("Show the filters")
        self.count = QLabel(self)  # placed by the view, on the line that names the list
        self.count.setAccessibleName("Notes shown")

        labelled = []
        self.area, pair = filter_combo(self, "Focus ar&ea:", "Focus area filter")
        labelled.append(pair)
        self.tag, pair = filter_combo(self, "&Free tag:", "Free tag filter")
        labelled.append(pair)
        self.kind, pair = filter_combo(self, "Kin&d:", "Kind filter")
        labelled.append(pair)
        self.block, pair = filter_combo(self, "Agenda b&lock:", "Agenda block filter")
        labelled.append(pair)
        self.speaker, pair = filter_combo(self, "S&peaker:", "Speaker filter")
        labelled.append(pair)
        self.starred = QCheckBox("Starred onl&y", self)
        self.untagged = QCheckBox("&Untagged only", self)
        self.clear_button = QPushButton("&Clear filters", self)
        self.panel = flow_of(self, *labelled, self.starred, self.untagged, self.clear_button)
        self.panel.hide()

        # Placed by the view beside the count, shown while saved notes are pinned.
        self.show_all_button = QPushButton("Show &all", self)
        self.show_all_button.setToolTip("Clear the search and the filters to see every note")
        self.show_all_button.clicked.connect(self.show_all_requested.emit)
        self.show_all_button.hide()

        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(search_label)
        row.addWidget(self.search, 1)
        row.addWidget(self.filters_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.panel)

        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(SEARCH_PAUSE_MS)
        self._pause.timeout.connect(self.changed.emit)
        self.search.textChanged.connect(lambda _: self._pause.start())
        self.filters_button.toggled.connect(self._show_panel)
        for combo in (self.area, self.tag, self.kind, self.block, self.speaker):
            combo.currentIndexChanged.connect(lambda _: self.changed.emit())
        for box in (self.starred, self.untagged):
            box.toggled.connect(lambda _: self.changed.emit())
        self.clear_button.clicked.connect(self.clear_filters)
        session.labels_changed.connect(lambda _: self.fill_choices())
        # New speakers come with new notes; the choices are read again only while shown.
        session.notes_changed.connect(lambda _: self.panel.isVisible() and self._refill.start())
        self._refill = QTimer(self)
        self._refill.setSingleShot(True)
        self._refill.timeout.connect(self.fill_choices)
        self.fill_choices()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search and event.type() == QEvent.Type.KeyPress \
                and isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Escape:
            if self.search.text():
                self.search.clear()
                self.search_now()
            else:
                self.leave_requested.emit()
            return True
        return super().eventFilter(watched, event)

    def _show_panel(self, shown: bool) -> None:
        if shown:
            self.fill_choices()
        self.panel.setVisible(shown)

    def fill_choices(self) -> None:
        """The choices, from the session's names; what was chosen stays chosen."""
        labels = self.session.labels
        fill_choices(self.area, "Any focus area", [
            (labels.area_chip(a.id).text, a.id)
            for a in sorted(labels.areas.values(), key=lambda a: (a.key or 99, a.name))])
        fill_choices(self.tag, "Any tag", [(f"#{name}", tag_id) for tag_id, name in
                                         sorted(labels.tags.items(), key=lambda t: t[1])])
        fill_choices(self.kind, "Any kind", [(k.label, k.value) for k in NoteKind])
        fill_choices(self.block, "Any agenda block", [
            (labels.block_title(b.id), b.id) for b in self.session.blocks])
        people = [(p.name, p.id) for p in self.session.people]
        named = {p.name.casefold() for p in self.session.people}
        roles = [(label, label) for label in capture.speaker_labels(self.session.store,
                                                                    self.session.session_id)
                 if label.casefold() not in named]
        fill_choices(self.speaker, "Anyone speaking", people + roles)

    def current(self) -> capture.NoteFilter:
        def one(combo: QComboBox) -> tuple:
            value = combo.currentData()
            return (value,) if value is not None else ()

        return capture.NoteFilter(
            focus_area_ids=one(self.area), tag_ids=one(self.tag),
            kinds=tuple(NoteKind(k) for k in one(self.kind)),
            agenda_item_ids=one(self.block), speaker=self.speaker.currentData(),
            starred=True if self.starred.isChecked() else None,
            untagged=self.untagged.isChecked(), text=self.search.text().strip())

    def search_now(self) -> None:
        """Skip the pause (Enter in the search box)."""
        if self._pause.isActive():
            self._pause.stop()
            self.changed.emit()

    def clear_filters(self) -> None:
        for combo in (self.area, self.tag, self.kind, self.block, self.speaker):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        for box in (self.starred, self.untagged):
            box.blockSignals(True)
            box.setChecked(False)
            box.blockSignals(False)
        self.changed.emit()

    def clear_all(self) -> None:
        """Show all: no search, no filter (one query for both)."""
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self._pause.stop()
        self.clear_filters()

    def show_count(self, shown: int, filtered: bool, pinned: int = 0) -> None:
        """'12 notes match', and the saved notes the filter leaves out, which are pinned."""
        noun = "note" if shown == 1 else "notes"
        verb = "matches" if shown == 1 else "match"
        text = f"{shown:,} {noun} {verb}" if filtered else f"{shown:,} {noun}"
        if pinned:
            text += f", and {pinned:,} saved note{'s' * (pinned != 1)} hidden by the filter, " \
                    "pinned on top"
        self.count.setText(text)
        self.show_all_button.setVisible(pinned > 0)
