"""The selected agenda block's prompt or questions and the focus areas it explores."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from app.models import AgendaItem, FocusArea
from app.ui.fields import CommittingTextEdit
from app.ui.item_models.agenda_model import AgendaTableModel, focus_text
from app.ui.item_models.row_edits import RowEdits
from app.ui.style import Heading


class BlockDetail(QWidget):
    """Edits one block at a time; empty (and saying so) when no block is selected."""

    def __init__(self, model: AgendaTableModel, edits: RowEdits,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model, self._edits = model, edits
        self.item: AgendaItem | None = None
        self._committing = False

        self.heading = Heading("No block selected", 1.15, self)
        self.when = QLabel(self)
        self.when.setObjectName("hint")
        self.when.setWordWrap(True)
        self.prompt = CommittingTextEdit(self, lines=4)
        self.prompt.setObjectName("blockPrompt")
        self.prompt.setAccessibleName("Prompt or questions")
        self.prompt.setPlaceholderText("What will you ask? One question per line.")
        prompt_label = QLabel("Prompt or &questions:", self)
        prompt_label.setBuddy(self.prompt)

        self.areas_box = QGroupBox("Focus areas this block explores", self)
        self.areas_box.setAccessibleName("Focus areas this block explores")
        self._areas_layout = QVBoxLayout(self.areas_box)
        self._boxes: dict[str, QCheckBox] = {}

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.when)
        layout.addWidget(prompt_label)
        layout.addWidget(self.prompt, 1)
        layout.addWidget(self.areas_box)

        self.prompt.editingFinished.connect(self._commit_prompt)
        self.rebuild_areas()
        self.show_item(None)

    # --- showing ---------------------------------------------------------------------------

    def rebuild_areas(self) -> None:
        """One named checkbox per focus area in use, plus retired ones this block still has."""
        for box in self._boxes.values():
            self._areas_layout.removeWidget(box)
            box.deleteLater()
        self._boxes = {}
        for area in self._offered():
            box = QCheckBox(self._label(area), self.areas_box)
            box.setToolTip(area.description or area.name)
            box.toggled.connect(lambda on, area_id=area.id: self._toggle(area_id, on))
            self._areas_layout.addWidget(box)
            self._boxes[area.id] = box
        self.chain_boxes()
        self._check_boxes()

    def chain_boxes(self) -> None:
        """Tab goes from the prompt through the focus-area boxes in their order."""
        previous: QWidget = self.prompt
        for box in self._boxes.values():
            QWidget.setTabOrder(previous, box)
            previous = box

    def _offered(self) -> list[FocusArea]:
        chosen = set(self.item.focus_area_ids) if self.item else set()
        areas = sorted(self._model.focus_areas(), key=lambda a: a.position)
        return [a for a in areas if not a.retired or a.id in chosen]

    @staticmethod
    def _label(area: FocusArea) -> str:
        text = focus_text(area)
        # The key is part of the name a screen reader says; '&' must not become a mnemonic.
        text = text.replace("&", "&&")
        return f"{text} (retired)" if area.retired else text

    def show_item(self, item: AgendaItem | None) -> None:
        same_block = item is not None and self.item is not None and item.id == self.item.id
        self.item = item
        self.setEnabled(item is not None)
        if item is None:
            self.heading.setText("No block selected")
            self.when.setText("Choose a block in the agenda to write its prompt and choose the "
                              "focus areas it explores.")
            self.prompt.set_text("")
        else:
            row = self._model.row_of(item.id)
            self.heading.setText(item.title)
            late = " · runs past the session's end" if self._model.overruns(row) else ""
            self.when.setText(f"Block {row + 1} of {self._model.rowCount()} · "
                              f"{self._model.slot_text(row)} · {item.minutes} min{late}")
            if not (same_block and self.prompt.hasFocus() and self.prompt.document().isModified()):
                self.prompt.set_text(item.prompt)
        if set(self._boxes) != {a.id for a in self._offered()}:
            self.rebuild_areas()
        else:
            self._check_boxes()

    def _check_boxes(self) -> None:
        chosen = set(self.item.focus_area_ids) if self.item else set()
        for area_id, box in self._boxes.items():
            box.blockSignals(True)
            box.setChecked(area_id in chosen)
            box.blockSignals(False)

    def box_for(self, area_id: str) -> QCheckBox | None:
        return self._boxes.get(area_id)

    # --- editing ---------------------------------------------------------------------------

    def _commit_prompt(self) -> None:
        if self._committing or self.item is None:
            return
        text = self.prompt.toPlainText().strip()
        if text != self.item.prompt:
            self._committing = True
            try:
                if not self._edits.edit(self.item, prompt=text):
                    self.prompt.set_text(self.item.prompt)
            finally:
                self._committing = False

    def _toggle(self, area_id: str, on: bool) -> None:
        if self.item is None:
            return
        chosen = [a for a in self.item.focus_area_ids if a != area_id]
        if on:
            chosen.append(area_id)
        if not self._edits.edit(self.item, focus_area_ids=tuple(chosen)):
            self._check_boxes()
