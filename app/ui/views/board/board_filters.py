"""Filters over the board and the outline: focus area, kind, agenda block and speaker role, a
line saying how many notes are shown of how many, and one button (or Ctrl+Shift+X) clearing
them all. Each filter has a label naming it (its buddy), which a screen reader says too. The
filters fold away behind "Filters" (Alt+R), so the cards keep the height of a small screen."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.models import NoteKind
from app.services import capture
from app.ui.filter_combos import fill_choices, filter_combo
from app.ui.flow import flow_of
from app.ui.item_models.board_model import BoardModel


class BoardFilters(QWidget):
    """Builds the NoteFilter the board shows."""

    changed = Signal()

    def __init__(self, model: BoardModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        pairs = []
        self.area, pair = filter_combo(self, "F&ocus area:", "Focus area filter")
        pairs.append(pair)
        self.kind, pair = filter_combo(self, "&Kind:", "Kind filter")
        pairs.append(pair)
        self.block, pair = filter_combo(self, "&Agenda block:", "Agenda block filter")
        pairs.append(pair)
        self.speaker, pair = filter_combo(self, "S&peaker:", "Speaker filter")
        pairs.append(pair)
        self.clear_button = QPushButton("&Clear filters", self)
        self.clear_button.setToolTip("Show every note again (Ctrl+Shift+X)")
        self.clear_button.clicked.connect(self.clear)
        self.count = QLabel(self)
        self.count.setAccessibleName("Notes shown")
        # The filters fold away behind one button, leaving the height to the cards.
        self.toggle = QPushButton("Filte&rs", self)
        self.toggle.setCheckable(True)
        self.toggle.setAccessibleName("Show the filters")
        self.toggle.setToolTip("Show only notes of a focus area, kind, agenda block or speaker")
        self.panel = flow_of(self, *pairs)
        self.panel.hide()
        self.toggle.toggled.connect(self.panel.setVisible)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.toggle)
        row.addWidget(self.clear_button)
        row.addWidget(self.count, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.panel)
        for combo in (self.area, self.kind, self.block, self.speaker):
            combo.currentIndexChanged.connect(lambda _: self.changed.emit())
        self.fill()

    def fill(self) -> None:
        """The choices from the session's names; what was chosen stays chosen."""
        labels = self.model.labels
        areas = sorted((a for a in labels.areas.values() if not a.retired),
                       key=lambda a: (a.key or 99, a.name))
        fill_choices(self.area, "Any focus area", [(labels.area_chip(a.id).text, a.id)
                                                   for a in areas])
        fill_choices(self.kind, "Any kind", [(k.label, k.value) for k in NoteKind])
        blocks = sorted(labels.blocks.values(), key=lambda b: b.position)
        fill_choices(self.block, "Any agenda block", [(labels.block_title(b.id), b.id)
                                                      for b in blocks])
        people = sorted(labels.people.items(), key=lambda p: p[1])
        named = {name.casefold() for _, name in people}
        roles = [(label, label) for label in capture.speaker_labels(self.model.store,
                                                                    self.model.session_id)
                 if label.casefold() not in named]
        fill_choices(self.speaker, "Anyone speaking", roles + [(n, i) for i, n in people])

    def current(self) -> capture.NoteFilter:
        def one(combo: QComboBox) -> tuple:
            value = combo.currentData()
            return (value,) if value is not None else ()

        return capture.NoteFilter(focus_area_ids=one(self.area),
                                  kinds=tuple(NoteKind(k) for k in one(self.kind)),
                                  agenda_item_ids=one(self.block),
                                  speaker=self.speaker.currentData())

    def clear(self) -> None:
        for combo in (self.area, self.kind, self.block, self.speaker):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.changed.emit()

    def show_count(self) -> None:
        shown, total = self.model.shown(), self.model.total
        noun = "note" if total == 1 else "notes"
        self.count.setText(f"Showing {shown:,} of {total:,} {noun}" if self.model.filtered()
                           else f"{total:,} {noun}")
        self.clear_button.setEnabled(self.model.filtered())
