"""The capture list: a lazy model over a session's note ids, newest first.

Only the ids are read up front (`capture.note_ids`); rows are exposed a page at a time through
canFetchMore/fetchMore, and each note is read (`notes_by_ids`, with search marks when searching)
the first time a row of its page is drawn. A session of 20,000 notes opens as fast as one of 20.
Changes arrive as change-sets: a new note is one inserted row, never a reset.

A note this window has just saved or changed never vanishes because a search or filter leaves
it out: it is pinned at the top, marked (`PINNED_ROLE`), until the next change of filter.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from app.models import Changes, Note
from app.services import capture
from app.services.capture.note_highlights import highlight_notes
from app.store.engine import Store
from app.ui.item_models.note_cards import NoteCard, NoteLabels, card_for, has_criteria, passes

Index = QModelIndex | QPersistentModelIndex
CARD_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
PINNED_ROLE = Qt.ItemDataRole.UserRole + 3  # saved here, though the filter leaves it out
PINNED_NOTE = "Saved; hidden by the current filter"
PAGE = 100
# Cards kept in memory: many screens' worth, a small fraction of a big session.
CACHE = 3_000
# Past this many rows changing at once, a reset is cheaper than row-by-row signals.
DIFF_LIMIT = 300
_LINKS = ("note_focus_area", "note_tag")


class NoteListModel(QAbstractListModel):
    """Note ids of one session that pass a filter; cards built on demand for the rows drawn."""

    text_edited = Signal(str, str)  # note id, new text: the view turns it into an undoable edit

    def __init__(self, store: Store, session_id: str, labels: NoteLabels,
                 parent: QObject | None = None, *, page: int = PAGE,
                 just_saved: dict[str, Note] | None = None,
                 just_changed: set[str] | None = None) -> None:
        super().__init__(parent)
        self._store, self._session_id, self.labels = store, session_id, labels
        self._just_saved = just_saved if just_saved is not None else {}
        self._just_changed = just_changed if just_changed is not None else set()
        # Always the first rows: notes saved here that the filter leaves out.
        self._pinned: list[str] = []
        self._page = page
        self._ids: list[str] = []
        self._shown = 0
        self._cards: OrderedDict[str, NoteCard] = OrderedDict()
        self.where = capture.NoteFilter()
        self.version = 0  # bumped by every change, so a filter query can tell it is stale

    # --- loading ---------------------------------------------------------------------------

    def load(self, where: capture.NoteFilter | None = None) -> None:
        """Read the ids now (on this thread) and show the first page."""
        where = where or capture.NoteFilter()
        self.show_ids(capture.note_ids(self._store, self._session_id, where), where)

    def show_ids(self, ids: list[str], where: capture.NoteFilter) -> None:
        """Show a freshly queried list of ids (a new filter): the one place the model resets.

        A new filter ends the pins: what it leaves out is now what was asked for."""
        self._pinned = []
        self._reset(ids, where)

    def _reset(self, ids: list[str], where: capture.NoteFilter) -> None:
        self.beginResetModel()
        self.where = where
        self._ids = self._pinned + [i for i in ids if i not in set(self._pinned)]
        self._shown = min(self._page, len(self._ids))
        self._cards.clear()
        self.endResetModel()

    def total(self) -> int:
        """Notes that pass the filter, shown or not yet fetched (pinned ones not counted)."""
        return len(self._ids) - len(self._pinned)

    def pinned(self) -> list[str]:
        """Ids of the notes saved here that the filter leaves out, shown at the top."""
        return list(self._pinned)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's default
        return 0 if parent.isValid() else self._shown

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._shown < len(self._ids)

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid():
            return
        more = min(self._page, len(self._ids) - self._shown)
        if more <= 0:
            return
        self.beginInsertRows(QModelIndex(), self._shown, self._shown + more - 1)
        self._shown += more
        self.endInsertRows()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self._shown:
            return None
        if role == ID_ROLE:
            return self._ids[index.row()]
        if role == PINNED_ROLE:
            return index.row() < len(self._pinned)
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, CARD_ROLE,
                        Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.ToolTipRole):
            return None
        card = self.card(index.row())
        if card is None:
            return None
        if role == CARD_ROLE:
            return card
        if role == Qt.ItemDataRole.EditRole:
            return card.note.text
        if role == Qt.ItemDataRole.DisplayRole:
            return card.note.text
        if index.row() < len(self._pinned):
            return f"{PINNED_NOTE}. {card.spoken}"
        return card.spoken

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsEditable if index.isValid() else base

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        # The store is changed by an undoable command; the row follows from its change-set.
        if role == Qt.ItemDataRole.EditRole and index.isValid() and isinstance(value, str):
            self.text_edited.emit(self._ids[index.row()], value)
        return False

    def card(self, row: int) -> NoteCard | None:
        note_id = self._ids[row]
        card = self._cards.get(note_id)
        if card is None:
            start = row - row % self._page
            self._read([i for i in self._ids[start:start + self._page] if i not in self._cards])
            card = self._cards.get(note_id)
        else:
            self._cards.move_to_end(note_id)
        return card

    def _read(self, ids: list[str]) -> None:
        notes = capture.notes_by_ids(self._store, ids)
        hits = highlight_notes(self._store, ids, self.where.text) if self.where.text.strip() else {}
        for note in notes:
            self._cards[note.id] = card_for(note, self.labels, hits.get(note.id))
        while len(self._cards) > CACHE:
            self._cards.popitem(last=False)

    # --- finding rows ----------------------------------------------------------------------

    def id_at(self, row: int) -> str | None:
        return self._ids[row] if 0 <= row < self._shown else None

    def row_of(self, note_id: str) -> int:
        """The row showing the note, fetching pages as needed; -1 when it is not in the list."""
        try:
            row = self._ids.index(note_id)
        except ValueError:
            return -1
        while row >= self._shown and self.canFetchMore():
            self.fetchMore()
        return row

    def ids(self) -> list[str]:
        return list(self._ids)

    # --- keeping in step with the store ----------------------------------------------------

    def apply(self, changes: Changes) -> None:
        """Follow a change-set: remove, insert and repaint only the notes it names."""
        deleted = set(changes.deleted.get("note", ()))
        inserted = set(changes.inserted.get("note", ())) - deleted
        touched = set(changes.updated.get("note", ()))
        for entity in _LINKS:
            touched |= {i.split(":")[0] for i in changes.ids(entity)}
        touched -= deleted | inserted
        if not (deleted or inserted or touched):
            return
        self.version += 1
        if len(deleted) + len(inserted) > DIFF_LIMIT:
            # An import or its undo: the ids again (one query) beat reading every note.
            self._cards.clear()
            self.refresh()
            return
        self._remove(deleted)
        known = [self._just_saved[i] for i in inserted if i in self._just_saved]
        unknown = sorted((inserted | touched) - {n.id for n in known})
        fresh = known + (capture.notes_by_ids(self._store, unknown) if unknown else [])
        fresh = [n for n in fresh if n.session_id == self._session_id]
        matching = self._matching(fresh)
        for note_id in touched:
            self._cards.pop(note_id, None)
        # Saved or changed here and left out by the filter: pinned on top, never vanished.
        pins = set(self._pinned)
        mine = set(self._just_saved) | self._just_changed | pins
        kept = {n.id for n in fresh if n.id not in matching and n.id in mine}
        pin = [n for n in fresh if n.id in kept - pins]  # pinned ones stay where they are
        # A pinned note that now passes the filter takes its own place in the list.
        moving = {n.id for n in fresh if n.id in matching} & pins
        present = set(self._ids)
        leaving = {n.id for n in fresh if n.id in present and n.id not in matching} - kept
        self._remove(leaving | moving | ({n.id for n in pin} & present))
        present = set(self._ids)
        arriving = [n for n in fresh if n.id not in present and n.id in matching]
        self._pin(pin)
        if arriving and not self._prepend(arriving):
            self.refresh()
            return
        self._repaint(touched - leaving)

    def reveal(self, notes: list[Note]) -> None:
        """Pin the notes given (just saved or imported) that the filter leaves out."""
        present = set(self._ids)
        wanted = [n.id for n in notes if n.id not in present]
        if not wanted:
            return
        # As they are now: one may have been edited, or deleted by an undo, meanwhile.
        current = [n for n in capture.notes_by_ids(self._store, wanted)
                   if n.session_id == self._session_id]
        matching = self._matching(current)
        self._pin([n for n in current if n.id not in matching])

    def _pin(self, notes: list[Note]) -> None:
        if not notes:
            return
        newest_first = sorted(notes, key=lambda n: (n.created_at, n.id), reverse=True)
        self.beginInsertRows(QModelIndex(), 0, len(newest_first) - 1)
        self._pinned[0:0] = [n.id for n in newest_first]
        self._ids[0:0] = [n.id for n in newest_first]
        self._shown += len(newest_first)
        for note in newest_first:
            self._cards[note.id] = card_for(note, self.labels)
        self.endInsertRows()

    def relabel(self) -> None:
        """Names changed (a focus area renamed, a block retitled): redraw every card."""
        self._cards.clear()
        if self._shown:
            self.dataChanged.emit(self.index(0), self.index(self._shown - 1))

    def refresh(self) -> None:
        """Query the ids again and move the rows to match, without a reset for small changes."""
        fresh = capture.note_ids(self._store, self._session_id, self.where)
        found = set(fresh)
        kept = [i for i in self._pinned if i not in found]
        self._remove(set(self._pinned) - set(kept))
        self._apply_ids(kept + fresh)

    def _matching(self, notes: list[Note]) -> set[str]:
        if not has_criteria(self.where):
            return {n.id for n in notes}
        found = (set(highlight_notes(self._store, [n.id for n in notes], self.where.text))
                 if self.where.text.strip() else None)
        return {n.id for n in notes if passes(n, self.where, found is None or n.id in found)}

    def _prepend(self, notes: list[Note]) -> bool:
        """Put notes newer than every row at the top (under the pinned ones); False when one
        belongs further down."""
        first = len(self._pinned)
        top = self.card(first) if len(self._ids) > first else None
        newest_first = sorted(notes, key=lambda n: (n.created_at, n.id), reverse=True)
        if top is not None and (newest_first[-1].created_at, newest_first[-1].id) <= (
                top.note.created_at, top.note.id):
            return False
        self.beginInsertRows(QModelIndex(), first, first + len(newest_first) - 1)
        self._ids[first:first] = [n.id for n in newest_first]
        self._shown += len(newest_first)
        for note in newest_first:
            self._cards[note.id] = card_for(note, self.labels)
        self.endInsertRows()
        if self.where.text.strip():
            # Bold the matched words: read once more with marks, now that the rows exist.
            for note in newest_first:
                self._cards.pop(note.id, None)
        return True

    def _remove(self, ids: Iterable[str]) -> None:
        gone = set(ids)
        if not gone:
            return
        for row in reversed(range(len(self._ids))):
            note_id = self._ids[row]
            if note_id not in gone:
                continue
            if row < self._shown:
                self.beginRemoveRows(QModelIndex(), row, row)
                self._ids.pop(row)
                self._shown -= 1
                if note_id in self._pinned:
                    self._pinned.remove(note_id)
                self.endRemoveRows()
            else:
                self._ids.pop(row)
                if note_id in self._pinned:
                    self._pinned.remove(note_id)
            self._cards.pop(note_id, None)

    def _repaint(self, ids: set[str]) -> None:
        for row in range(self._shown):
            if self._ids[row] in ids:
                self.dataChanged.emit(self.index(row), self.index(row))

    def _apply_ids(self, fresh: list[str]) -> None:
        wanted = set(fresh)
        have = set(self._ids)
        if len(have - wanted) + len(wanted - have) > DIFF_LIMIT:
            self._reset(fresh, self.where)
            return
        self._remove(have - wanted)
        for position, note_id in enumerate(fresh):
            if note_id in have:
                continue
            # A row above the fetched end is shown at once; below it, fetchMore brings it.
            if position < self._shown or self._shown == len(self._ids):
                self.beginInsertRows(QModelIndex(), position, position)
                self._ids.insert(position, note_id)
                self._shown += 1
                self.endInsertRows()
            else:
                self._ids.insert(position, note_id)
