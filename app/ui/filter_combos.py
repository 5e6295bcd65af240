"""The combo boxes of a filter bar (the capture view's and the theme board's): each named by
its purpose with its label beside it, and refilled without losing what was chosen."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget


def filter_combo(parent: QWidget, label: str, name: str) -> tuple[QComboBox, QWidget]:
    """A filter's combo box named `name`, with its label beside it (its buddy), as one widget."""
    pair = QWidget(parent)
    combo = QComboBox(pair)
    combo.setAccessibleName(name)
    combo.setAccessibleDescription("Shows only the notes with this choice")
    # Narrow enough for two or three to a line at 200% text; the list that drops down is as
    # wide as its longest choice (set in `fill_choices`).
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(12)
    text = QLabel(label, pair)
    text.setBuddy(combo)
    row = QHBoxLayout(pair)
    row.setContentsMargins(0, 0, 0, 0)
    row.setSpacing(4)
    row.addWidget(text)
    row.addWidget(combo)
    return combo, pair


def fill_choices(combo: QComboBox, anything: str, choices: Sequence[tuple[str, object]]) -> None:
    """`anything` (no filter) then the choices (text, value); what was chosen stays chosen,
    and no change is signalled."""
    chosen = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    combo.addItem(anything, None)
    for text, value in choices:
        combo.addItem(text, value)
    found = combo.findData(chosen) if chosen is not None else 0
    combo.setCurrentIndex(max(0, found))
    combo.blockSignals(False)
    combo.view().setMinimumWidth(combo.view().sizeHintForColumn(0) + 24)
