"""The navigator's model: learning systems, each with its sessions, kept in step with the store.

A thin adapter over service results. A change-set inserts, updates or removes only the rows it
names, so a selection and the expanded branches survive every edit and undo.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from itertools import count

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt

from app.models import Changes, LearningSystem, NotFound, Session
from app.services.planning import sessions as session_service
from app.services.planning import systems as system_service
from app.store.engine import Store

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()  # the invisible root: Qt's default 'parent' argument
ID_ROLE = Qt.ItemDataRole.UserRole + 1
KIND_ROLE = Qt.ItemDataRole.UserRole + 2  # "system" or "session"


def when_text(starts: datetime) -> str:
    """'Tue 8 Dec 2026, 10:00' in the facilitator's local time."""
    local = starts.astimezone()
    return f"{local:%a} {local.day} {local:%b %Y, %H:%M}"


def session_summary(session: Session) -> str:
    return f"{when_text(session.starts)} · {session.status.label}"


@dataclass
class _Node:
    key: int
    kind: str
    record: LearningSystem | Session
    parent: _Node | None = None
    children: list[_Node] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.record.id


class NavigatorModel(QAbstractItemModel):
    """Two levels: learning systems (in creation order), then their sessions by start time."""

    def __init__(self, store: Store, parent=None) -> None:
        super().__init__(parent)
        self._store = store
        self._keys = count(1)
        self._roots: list[_Node] = []
        self._by_key: dict[int, _Node] = {}
        self._by_id: dict[str, _Node] = {}
        self._load()

    def _load(self) -> None:
        for system in system_service.list_systems(self._store):
            self._roots.append(self._node("system", system))
        for session in session_service.list_sessions(self._store):
            parent = self._by_id.get(session.system_id)
            if parent is not None:
                parent.children.append(self._node("session", session, parent))

    def _node(self, kind: str, record: LearningSystem | Session, parent: _Node | None = None) -> _Node:
        node = _Node(next(self._keys), kind, record, parent)
        self._by_key[node.key] = node
        self._by_id[node.id] = node
        return node

    def _forget(self, node: _Node) -> None:
        for child in node.children:
            self._forget(child)
        self._by_key.pop(node.key, None)
        self._by_id.pop(node.id, None)

    # --- Qt's item model interface -------------------------------------------------------

    def index(self, row: int, column: int, parent: Index = ROOT) -> QModelIndex:
        siblings = self._siblings(parent)
        if column != 0 or not 0 <= row < len(siblings):
            return QModelIndex()
        return self.createIndex(row, 0, siblings[row].key)

    def parent(self, child: Index | None = None):  # type: ignore[override]
        if child is None:  # QObject.parent(), which this name also answers for
            return super().parent()
        node = self._at(child)
        if node is None or node.parent is None:
            return QModelIndex()
        return self.createIndex(self._roots.index(node.parent), 0, node.parent.key)

    def rowCount(self, parent: Index = ROOT) -> int:
        return len(self._siblings(parent))

    def columnCount(self, parent: Index = ROOT) -> int:
        return 1

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        node = self._at(index)
        if node is None:
            return None
        record = node.record
        if role == ID_ROLE:
            return node.id
        if role == KIND_ROLE:
            return node.kind
        if isinstance(record, LearningSystem):
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
                return record.name
            if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
                return f"Learning system: {record.name}, {len(node.children)} sessions"
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{record.title}\n{session_summary(record)}"
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"Session: {record.title}, {session_summary(record)}"
        return None

    # --- lookups ---------------------------------------------------------------------------

    def _at(self, index: Index) -> _Node | None:
        if not index.isValid():
            return None
        return self._by_key.get(index.internalId())

    def _siblings(self, parent: Index) -> list[_Node]:
        if not parent.isValid():
            return self._roots
        node = self._at(parent)
        return node.children if node is not None else []

    def index_of(self, record_id: str) -> QModelIndex:
        """The index of a learning system or session by id (invalid when not shown)."""
        node = self._by_id.get(record_id)
        if node is None:
            return QModelIndex()
        siblings = node.parent.children if node.parent else self._roots
        return self.createIndex(siblings.index(node), 0, node.key)

    def system_id_of(self, record_id: str) -> str | None:
        """The learning system a record belongs to (itself for a system)."""
        node = self._by_id.get(record_id)
        if node is None:
            return None
        return (node.parent or node).id

    def system_ids(self) -> list[str]:
        return [node.id for node in self._roots]

    # --- keeping in step with the store ----------------------------------------------------

    def apply(self, changes: Changes) -> None:
        """Insert, update or remove exactly the rows the change-set names."""
        none: frozenset[str] = frozenset()
        for session_id in changes.deleted.get("session", none):
            self._remove(session_id)
        for system_id in changes.deleted.get("system", none):
            self._remove(system_id)
        # Ids are time-ordered, so sorting them keeps systems in the order they were made.
        for system_id in sorted(changes.inserted.get("system", none)
                                | changes.updated.get("system", none)):
            self._upsert_system(system_id)
        for session_id in sorted(changes.inserted.get("session", none)
                                 | changes.updated.get("session", none)):
            self._upsert_session(session_id)

    def _remove(self, record_id: str) -> None:
        node = self._by_id.get(record_id)
        if node is None:
            return
        siblings = node.parent.children if node.parent else self._roots
        row = siblings.index(node)
        self.beginRemoveRows(self.index_of(node.parent.id) if node.parent else QModelIndex(),
                             row, row)
        siblings.pop(row)
        self._forget(node)
        self.endRemoveRows()

    def _upsert_system(self, system_id: str) -> None:
        try:
            system = system_service.get_system(self._store, system_id)
        except NotFound:
            return self._remove(system_id)
        node = self._by_id.get(system_id)
        if node is not None:
            node.record = system
            index = self.index_of(system_id)
            self.dataChanged.emit(index, index)
            return
        # In creation order, so a system brought back by Undo returns to its place.
        row = sum(1 for n in self._roots if n.id < system_id)
        self.beginInsertRows(QModelIndex(), row, row)
        self._roots.insert(row, self._node("system", system))
        self.endInsertRows()

    def _upsert_session(self, session_id: str) -> None:
        try:
            session = session_service.get_session(self._store, session_id)
        except NotFound:
            return self._remove(session_id)
        parent = self._by_id.get(session.system_id)
        if parent is None:
            return
        node = self._by_id.get(session_id)
        if node is not None and node.parent is parent:
            node.record = session
            self._keep_in_order(node)
            index = self.index_of(session_id)
            self.dataChanged.emit(index, index)
            return
        if node is not None:  # moved to another learning system
            self._remove(session_id)
        row = self._row_for(parent, session)
        self.beginInsertRows(self.index_of(parent.id), row, row)
        parent.children.insert(row, self._node("session", session, parent))
        self.endInsertRows()

    @staticmethod
    def _row_for(parent: _Node, session: Session, skip: _Node | None = None) -> int:
        others = [c for c in parent.children if c is not skip]
        return sum(1 for c in others if c.record.starts <= session.starts)  # type: ignore[union-attr]

    def _keep_in_order(self, node: _Node) -> None:
        """A session whose start time changed moves to its place by date."""
        parent = node.parent
        assert parent is not None
        old = parent.children.index(node)
        new = self._row_for(parent, node.record, skip=node)  # type: ignore[arg-type]
        if new == old:
            return
        parent_index = self.index_of(parent.id)
        # Qt counts the destination before the move: moving down targets one row further.
        self.beginMoveRows(parent_index, old, old, parent_index, new + 1 if new > old else new)
        parent.children.insert(new, parent.children.pop(old))
        self.endMoveRows()
