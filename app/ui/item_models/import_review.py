"""The review list of a note import: the notes read from a file, each ticked or not, editable.

A thin table model over the `ImportedNote`s the file gave: ticking and editing change only
this list (nothing is saved until the import itself). It stays quick with thousands of rows:
ticking all is one change signal, and the count of ticked notes is kept, not recounted.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from app.services.capture.note_import import ImportedNote

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()
TEXT, SPEAKER, KIND, TAGS, SOURCE = range(5)
HEADERS = ("Note", "Speaker", "Kind", "Tags", "From")
_CHECKED, _UNCHECKED = Qt.CheckState.Checked, Qt.CheckState.Unchecked


class ImportReviewModel(QAbstractTableModel):
    """Notes read from a file, ticked for import; the text and the speaker can be corrected."""

    ticked_changed = Signal(int)  # how many notes are ticked now

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._notes: list[ImportedNote] = []
        self._ticked: list[bool] = []
        self._count = 0
        self._problems: dict[int, str] = {}  # row -> why that note cannot be saved
        self.locked = False  # while the ticked notes are being saved: no ticking, no editing

    # --- what is shown -------------------------------------------------------------------------

    def set_notes(self, notes: list[ImportedNote]) -> None:
        self.beginResetModel()
        self._notes = list(notes)
        self._ticked = [True] * len(notes)
        self._count = len(notes)
        self._problems = {}
        self.endResetModel()
        self.ticked_changed.emit(self._count)

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._notes)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role == Qt.ItemDataRole.CheckStateRole and column == TEXT:
            return _CHECKED if self._ticked[row] else _UNCHECKED
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self.text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole and row in self._problems:
            return self._problems[row]
        if role == Qt.ItemDataRole.AccessibleTextRole and column == TEXT:
            problem = f" Cannot be saved: {self._problems[row]}" if row in self._problems else ""
            state = "ticked" if self._ticked[row] else "not ticked"
            return f"{self.text(row, TEXT)} ({state}).{problem}"
        return None

    def text(self, row: int, column: int) -> str:
        note = self._notes[row]
        if column == TEXT:
            return note.text
        if column == SPEAKER:
            return note.speaker
        if column == KIND:
            return note.kind.label if note.kind else ""
        if column == TAGS:
            return " ".join(f"#{t}" for t in note.tags)
        return f"{note.source}: cannot be saved" if row in self._problems else note.source

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.column() == TEXT:
            flags |= Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEditable
        elif index.column() == SPEAKER:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    # --- changing the list -----------------------------------------------------------------------

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or self.locked:
            return False
        row, column = index.row(), index.column()
        if role == Qt.ItemDataRole.CheckStateRole and column == TEXT:
            self._set_ticked(row, Qt.CheckState(value) == _CHECKED)
            return True
        if role != Qt.ItemDataRole.EditRole or column not in (TEXT, SPEAKER):
            return False
        field = "text" if column == TEXT else "speaker"
        self._notes[row] = replace(self._notes[row], **{field: str(value)})
        self._problems.pop(row, None)  # corrected: the next try checks it again
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(HEADERS) - 1))
        return True

    def tick_all(self, on: bool) -> None:
        if not self._notes or self.locked:
            return
        self._ticked = [on] * len(self._notes)
        self._count = len(self._notes) if on else 0
        self.dataChanged.emit(self.index(0, TEXT), self.index(len(self._notes) - 1, TEXT),
                              [Qt.ItemDataRole.CheckStateRole])
        self.ticked_changed.emit(self._count)

    def _set_ticked(self, row: int, on: bool) -> None:
        if self._ticked[row] == on:
            return
        self._ticked[row] = on
        self._count += 1 if on else -1
        self.dataChanged.emit(self.index(row, TEXT), self.index(row, TEXT),
                              [Qt.ItemDataRole.CheckStateRole])
        self.ticked_changed.emit(self._count)

    def ticked(self) -> int:
        return self._count

    def chosen(self) -> tuple[list[int], list[ImportedNote]]:
        """The rows ticked and with text, and their notes as corrected (text trimmed)."""
        rows = [r for r, on in enumerate(self._ticked) if on and self._notes[r].text.strip()]
        return rows, [_trimmed(self._notes[r]) for r in rows]

    def show_problems(self, problems: dict[int, str]) -> None:
        """Why some rows cannot be saved (by row): their tooltip and spoken text say so."""
        self._problems = dict(problems)
        if self._notes:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._notes) - 1,
                                                               len(HEADERS) - 1))


def _trimmed(note: ImportedNote) -> ImportedNote:
    """The note with its text and speaker trimmed; most need nothing, and stay as they are."""
    text, speaker = note.text.strip(), note.speaker.strip()
    if text == note.text and speaker == note.speaker:
        return note
    return replace(note, text=text, speaker=speaker)
