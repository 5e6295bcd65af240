"""One session's theme board as a tree: the tray ("Unclustered notes") and the themes, each
holding its notes. The board view, each of its cards and the outline all show this one model.

Only ids are read up front (the themes with their note ids, and the tray's): a note itself
is read, a page at a time, the first time one of its rows is drawn, so a session of 5,000
notes opens at once. Changes arrive as change-sets and are followed row by row
(`board_updates.follow`): a moved note is a row move, an edited theme a dataChanged, never a
reset. Drops are not performed here: what a drop asks (`board_drops`) is handed to
`drop_notes` / `drop_theme`, which the view makes one undoable operation each.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from app.models import Changes, Note, Theme
from app.services import capture
from app.services.planning import sessions
from app.services.sensemaking import theme_query
from app.store.engine import Store
from app.ui.item_models.board_drops import MIME, asked_by, dragged
from app.ui.item_models.note_cards import NoteCard, NoteLabels, card_for, has_criteria
from app.ui.item_models.note_model import CARD_ROLE

Index = QModelIndex | QPersistentModelIndex
TRAY = ""  # the tray's key among the themes' ids
TRAY_TITLE = "Unclustered notes"
PAGE = 60
FIRST = 12  # notes of a card read before it is first drawn; the rest as they are laid out

_ROLE = Qt.ItemDataRole.UserRole
ID_ROLE = _ROLE + 2  # a theme's or a note's id; "" for the tray
KIND_ROLE = _ROLE + 10  # "tray", "theme" or "note"
TITLE_ROLE = _ROLE + 11
VOTES_ROLE = _ROLE + 12
FOCUS_ROLE = _ROLE + 13  # a theme's focus area ids, or a note's
FOCUS_NAMES_ROLE = _ROLE + 14  # the same, named
SYNTHESIS_ROLE = _ROLE + 15
COUNT_ROLE = _ROLE + 16  # notes shown in the tray or a theme
THEME_ROLE = _ROLE + 17  # the Theme
NOTE_ROLE = _ROLE + 18  # the Note
NOTE_KIND_ROLE = _ROLE + 19  # NoteKind value
SPEAKER_ROLE = _ROLE + 20
BLOCK_ROLE = _ROLE + 21  # the agenda block's title
THEME_ID_ROLE = _ROLE + 22  # the theme a note is in, "" in the tray
__all__ = ["CARD_ROLE", "BoardModel"]

_F = Qt.ItemFlag
_ROOT_FLAGS = _F.ItemIsDropEnabled
_TRAY_FLAGS = _F.ItemIsEnabled | _F.ItemIsSelectable | _F.ItemIsDropEnabled
_THEME_FLAGS = _TRAY_FLAGS | _F.ItemIsDragEnabled
_NOTE_FLAGS = _F.ItemIsEnabled | _F.ItemIsSelectable | _F.ItemIsDragEnabled \
    | _F.ItemNeverHasChildren

# A drop asks for notes to go into a theme ("" for the tray), or a theme to a board index.
NotesDrop = Callable[[list[str], str], bool]
ThemeDrop = Callable[[str, int], bool]


class BoardModel(QAbstractItemModel):
    """Top-level rows: the tray, then the themes in board order (or by votes); their children:
    the notes shown (all, or those passing `where`)."""

    def __init__(self, store: Store, session_id: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store, self.session_id = store, session_id
        self.session = sessions.get_session(store, session_id)
        self.labels = NoteLabels.load(store, self.session)
        self.where = capture.NoteFilter()
        self.by_votes = False
        self.board: list[str] = []  # theme ids in board order
        self.order: list[str] = []  # theme ids as shown (board order, or by votes)
        self.themes: dict[str, Theme] = {}
        self.notes_of: dict[str, list[str]] = {TRAY: []}  # the notes shown in each
        self.parent_of: dict[str, str] = {}
        self.total = 0  # the session's notes, shown or filtered out
        self.notes: dict[str, Note] = {}
        self._cards: dict[str, NoteCard] = {}
        self._numbers: dict[str, int] = {TRAY: 1}
        self._keys: dict[int, str] = {1: TRAY}
        self._rows: dict[str, int] = {TRAY: 0}
        self.drop_notes: NotesDrop | None = None
        self.drop_theme: ThemeDrop | None = None
        self.load()

    # --- reading ---------------------------------------------------------------------------

    def load(self) -> None:
        """Read the board's ids (four queries) and show them: the one place the model resets."""
        themes = theme_query.list_themes(self.store, self.session_id)
        with self.store.read() as s:
            tray = theme_query.unclustered_note_ids(s, self.session_id)
        shown = (set(capture.note_ids(self.store, self.session_id, self.where))
                 if has_criteria(self.where) else None)
        self.beginResetModel()
        self.total = len(tray) + sum(len(t.note_ids) for t in themes)
        self.themes = {t.id: t for t in themes}
        self.board = [t.id for t in themes]
        self.order = self.shown_order()
        self.notes_of = {TRAY: [n for n in tray if shown is None or n in shown]}
        for theme in themes:
            self.number(theme.id)
            self.notes_of[theme.id] = [n for n in theme.note_ids
                                       if shown is None or n in shown]
        self.parent_of = {n: key for key, ids in self.notes_of.items() for n in ids}
        self.notes.clear()
        self._cards.clear()
        self.renumber()
        self.endResetModel()

    def shown_order(self) -> list[str]:
        if not self.by_votes:
            return list(self.board)
        return sorted(self.board, key=lambda t: -self.themes[t].votes)

    def number(self, key: str) -> int:
        """A lasting small number for a theme, the internal id of its notes' indexes."""
        if key not in self._numbers:
            self._numbers[key] = len(self._numbers) + 1
            self._keys[self._numbers[key]] = key
        return self._numbers[key]

    def renumber(self) -> None:
        self._rows = {TRAY: 0, **{t: n + 1 for n, t in enumerate(self.order)}}

    def shown(self) -> int:
        return len(self.parent_of)

    def filtered(self) -> bool:
        return has_criteria(self.where)

    def set_filter(self, where: capture.NoteFilter) -> None:
        if where != self.where:
            self.where = where
            self.load()

    # --- the tree --------------------------------------------------------------------------

    def key_at(self, row: int) -> str | None:
        if row == 0:
            return TRAY
        return self.order[row - 1] if 0 < row <= len(self.order) else None

    def key_of(self, index: Index) -> str | None:
        """The tray's or theme's key of a top-level row, or of a note's row's parent."""
        if not index.isValid():
            return None
        if index.internalId() == 0:
            return self.key_at(index.row())
        return self._keys.get(index.internalId())

    def is_note(self, index: Index) -> bool:
        return index.isValid() and index.internalId() != 0

    def top_index(self, key: str) -> QModelIndex:
        row = self._rows.get(key)
        return self.createIndex(row, 0, 0) if row is not None else QModelIndex()

    def note_index(self, note_id: str) -> QModelIndex:
        key = self.parent_of.get(note_id)
        if key is None:
            return QModelIndex()
        return self.createIndex(self.notes_of[key].index(note_id), 0, self._numbers[key])

    def index(self, row: int, column: int = 0, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if column != 0 or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, 0, 0) if row <= len(self.order) else QModelIndex()
        if parent.internalId() != 0:
            return QModelIndex()
        key = self.key_at(parent.row())
        if key is None or row >= len(self.notes_of.get(key, ())):
            return QModelIndex()
        return self.createIndex(row, 0, self._numbers[key])

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        key = self._keys.get(index.internalId())
        return self.top_index(key) if key is not None else QModelIndex()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's default
        if not parent.isValid():
            return len(self.order) + 1
        if parent.internalId() != 0:
            return 0
        key = self.key_at(parent.row())
        return len(self.notes_of.get(key, ())) if key is not None else 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 1

    def hasChildren(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() or parent.internalId() == 0 and self.rowCount(parent) > 0

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return _ROOT_FLAGS
        if index.internalId() != 0:
            return _NOTE_FLAGS
        return _TRAY_FLAGS if index.row() == 0 else _THEME_FLAGS

    # --- what a row says -------------------------------------------------------------------

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if index.internalId() == 0:
            key = self.key_at(index.row())
            return None if key is None else self._group_data(key, role)
        key = self._keys.get(index.internalId())
        ids = self.notes_of.get(key or "", [])
        if key is None or index.row() >= len(ids):
            return None
        return self._note_data(key, ids[index.row()], index.row(), role)

    def _group_data(self, key: str, role: int) -> Any:
        theme = self.themes.get(key)
        count = len(self.notes_of.get(key, ()))
        if role in (Qt.ItemDataRole.DisplayRole, TITLE_ROLE, Qt.ItemDataRole.EditRole):
            return theme.title if theme else TRAY_TITLE
        if role == ID_ROLE:
            return key
        if role == KIND_ROLE:
            return "theme" if theme else "tray"
        if role == COUNT_ROLE:
            return count
        if role in (Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.ToolTipRole):
            return self.spoken_group(key)
        if theme is None:
            return None
        if role == VOTES_ROLE:
            return theme.votes
        if role == FOCUS_ROLE:
            return theme.focus_area_ids
        if role == FOCUS_NAMES_ROLE:
            return [self.labels.area_chip(a).text for a in theme.focus_area_ids]
        if role == SYNTHESIS_ROLE:
            return theme.synthesis
        if role == THEME_ROLE:
            return theme
        return None

    def spoken_group(self, key: str) -> str:
        """A card as a screen reader says it: its title, votes and note count."""
        count = len(self.notes_of.get(key, ()))
        notes = f"{count:,} note{'s' * (count != 1)}"
        theme = self.themes.get(key)
        if theme is None:
            return f"{TRAY_TITLE}, {notes}"
        votes = f"{theme.votes} vote{'s' * (theme.votes != 1)}"
        words = [f"Theme {theme.title}", votes, notes]
        if theme.focus_area_ids:
            words.append("focus areas " + ", ".join(
                self.labels.area_chip(a).text for a in theme.focus_area_ids))
        return ", ".join(words)

    def _note_data(self, key: str, note_id: str, row: int, role: int) -> Any:
        if role == ID_ROLE:
            return note_id
        if role == KIND_ROLE:
            return "note"
        if role == THEME_ID_ROLE:
            return key
        card = self.card(key, note_id, row)
        if card is None:
            return None
        note = card.note
        if role == CARD_ROLE:
            return card
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return note.text
        if role in (Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.ToolTipRole):
            theme = self.themes.get(key)
            where = f"In theme {theme.title}." if theme else "In the tray."
            return f"{card.spoken} {where}"
        if role == NOTE_ROLE:
            return note
        if role == NOTE_KIND_ROLE:
            return note.kind.value
        if role == SPEAKER_ROLE:
            return self.labels.speaker(note)
        if role == BLOCK_ROLE:
            return self.labels.block_title(note.agenda_item_id)
        if role == FOCUS_ROLE:
            return note.focus_area_ids
        if role == FOCUS_NAMES_ROLE:
            return [self.labels.area_chip(a).text for a in note.focus_area_ids]
        return None

    def card(self, key: str, note_id: str, row: int) -> NoteCard | None:
        card = self._cards.get(note_id)
        if card is None:
            ids = self.notes_of[key]
            start = max(0, row - PAGE // 2)
            self.read([i for i in ids[start:start + PAGE] if i not in self._cards])
            card = self._cards.get(note_id)
        return card

    def prefetch(self, keys: list[str]) -> None:
        """Read the first notes of these themes at once (one query for the cards in view)."""
        wanted = [n for k in keys for n in self.notes_of.get(k, ())[:FIRST]
                  if n not in self._cards]
        if wanted:
            self.read(wanted)

    def read(self, ids: list[str]) -> None:
        for note in capture.notes_by_ids(self.store, ids):
            self.notes[note.id] = note
            self._cards[note.id] = card_for(note, self.labels)

    def forget(self, note_ids: set[str]) -> None:
        for note_id in note_ids:
            self._cards.pop(note_id, None)
            self.notes.pop(note_id, None)

    def relabel(self) -> None:
        """Names changed (a focus area, an agenda block, a person): read them and redraw."""
        self.labels = NoteLabels.load(self.store, self.session)
        self._cards.clear()
        for row in range(self.rowCount()):
            top = self.index(row)
            self.dataChanged.emit(top, top)
            count = self.rowCount(top)
            if count:
                self.dataChanged.emit(self.index(0, 0, top), self.index(count - 1, 0, top))

    def set_by_votes(self, on: bool) -> None:
        """Show the themes with most votes first (a view order; the board order is kept)."""
        from app.ui.item_models.board_updates import match_order

        self.by_votes = on
        match_order(self)

    def apply(self, changes: Changes) -> None:
        """Follow a change-set row by row."""
        from app.ui.item_models.board_updates import follow

        follow(self, changes)

    # --- drag and drop ---------------------------------------------------------------------

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:  # type: ignore[override]
        notes = [i.data(ID_ROLE) for i in indexes if self.is_note(i)]
        themes = [i.data(ID_ROLE) for i in indexes
                  if i.isValid() and not self.is_note(i) and i.row() > 0]
        return dragged(notes, themes)

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                        parent: Index) -> bool:
        return asked_by(self, data, row, parent) is not None

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                     parent: Index) -> bool:
        asked = asked_by(self, data, row, parent)
        if asked is None:
            return False
        if asked.notes and self.drop_notes is not None:
            return self.drop_notes(asked.notes, asked.key)
        if asked.theme and self.drop_theme is not None:
            return self.drop_theme(asked.theme, asked.place)
        return False
