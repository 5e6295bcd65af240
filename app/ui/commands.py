"""Undoable edits. Each command pairs two opposite service operations.

The first `redo()` does nothing because the edit is performed (and can be refused) before
the command is pushed: `push_edit`, `push_create`, `push_creates` and `push_delete` run the
operation and only on success push the command. Creations are redone by restoring the same
records (same ids), so later commands that name them still find them.

A user action is one service call and one command, however many records it touches: several
notes deleted, starred or pasted, people invited, a file imported. When such an operation runs
on the task manager, `creations_command` makes its step from what it returned, once it is done.
A refused operation pushes nothing: no empty step is left to undo.

Board operations (`app.services.sensemaking`) record their own undo while they run, as a
`board_undo.Undo`: `push_board` runs one and pushes a `BoardCommand`, whose undo and redo are
both `board_undo.revert`, each returning the `Undo` of the other, so a merge, a split, a drag
or an accepted suggestion comes back with the same ids every time.

Item models never push: a cell edit, a tick or a drop is asked of the `RowEdits` their view
gave them, and every table view makes that a `TableEdits`, which says which service call the
edit or move is and performs it here, once, as one step.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QWidget

from app.models import CairnError, Changes
from app.services.core import history
from app.services.core.records import Snapshot
from app.services.sensemaking import board_undo
from app.ui.context import AppContext, show_refusal

Operation = Callable[[], Changes]


class Undoable(Protocol):
    """What a board operation returns beside its Changes (`themes.BoardChange` and the like)."""

    @property
    def undo(self) -> board_undo.Undo: ...


U = TypeVar("U", bound=Undoable)


class ServiceCommand(QUndoCommand):
    """Redo and undo are service calls that each return the Changes they made."""

    def __init__(self, ctx: AppContext, text: str, redo: Operation, undo: Operation,
                 *, merge_id: int = -1, merge_key: Any = None) -> None:
        super().__init__(text)
        self._ctx = ctx
        self._redo, self._undo = redo, undo
        self._first = True
        self._merge_id, self.merge_key = merge_id, merge_key

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        self._run(self._redo)

    def undo(self) -> None:
        self._run(self._undo)

    def _run(self, op: Operation) -> None:
        try:
            self._ctx.announce(op())
        except CairnError as err:
            # The store moved on (e.g. sync changed the record): say so, do not crash.
            self.setObsolete(True)
            show_refusal(None, f"That could not be undone: {err}")

    def id(self) -> int:  # noqa: A003 - Qt's name
        return self._merge_id

    def mergeWith(self, other: QUndoCommand) -> bool:
        # Typing into the same field merges into one step: keep the first undo, the latest redo.
        if not isinstance(other, ServiceCommand) or other.merge_key != self.merge_key:
            return False
        self._redo = other._redo
        return True


def _perform(parent: QWidget | None, do: Callable[[], Any]) -> Any:
    try:
        return do()
    except CairnError as err:
        show_refusal(parent, str(err))
        return None


def push_edit(ctx: AppContext, parent: QWidget | None, text: str,
              do: Callable[[], tuple[Any, Changes] | Changes],
              undo: Callable[[], tuple[Any, Changes] | Changes],
              *, merge_id: int = -1, merge_key: Any = None) -> Any:
    """An edit whose undo sets the old values back. Returns the result, or None if refused."""
    outcome = _perform(parent, do)
    if outcome is None:
        return None
    result, changes = _split(outcome)
    ctx.undo_stack.push(ServiceCommand(ctx, text, lambda: _split(do())[1],
                                       lambda: _split(undo())[1],
                                       merge_id=merge_id, merge_key=merge_key))
    ctx.announce(changes)
    return result if result is not None else changes


def push_update(ctx: AppContext, parent: QWidget | None, text: str,
                update: Callable[..., tuple[Any, Changes]], record_id: str,
                fields: dict[str, Any], old: dict[str, Any]) -> Any:
    """`update(store, record_id, **fields)` as one undoable edit; undo sets `old` back."""
    store = ctx.store
    return push_edit(ctx, parent, text, lambda: update(store, record_id, **fields),
                     lambda: update(store, record_id, **old))


def push_create(ctx: AppContext, parent: QWidget | None, text: str,
                create: Callable[[], tuple[Any, Changes]],
                delete: Callable[[str], tuple[Snapshot, Changes]]) -> Any:
    """A creation: undo deletes it (keeping a snapshot), redo restores the same record."""
    outcome = _perform(parent, create)
    if outcome is None:
        return None
    created, changes = outcome
    kept: list[Snapshot] = []

    def undo() -> Changes:
        snap, undone = delete(created.id)
        kept[:] = [snap]
        return undone

    ctx.undo_stack.push(ServiceCommand(ctx, text, lambda: history.restore(ctx.store, kept[0]),
                                       undo))
    ctx.announce(changes)
    return created


def creations_command(ctx: AppContext, text: str, ids: Sequence[str],
                      delete: Callable[[list[str]], tuple[Snapshot, Changes]]) -> ServiceCommand:
    """The undo step for records created together: undo deletes them all in one operation
    (keeping the snapshot), redo restores that snapshot (the same ids)."""
    created, kept = list(ids), []

    def undo() -> Changes:
        snap, undone = delete(created)
        kept[:] = [snap]
        return undone

    return ServiceCommand(ctx, text, lambda: history.restore(ctx.store, kept[0]), undo)


def push_creates(ctx: AppContext, parent: QWidget | None, text: str,
                 create: Callable[[], tuple[Sequence[Any], Changes]],
                 delete: Callable[[list[str]], tuple[Snapshot, Changes]]) -> list[Any] | None:
    """A bulk creation (all or nothing) as one step; None, with nothing pushed, if refused."""
    outcome = _perform(parent, create)
    if outcome is None:
        return None
    created, changes = outcome
    if created:
        ctx.undo_stack.push(creations_command(ctx, text, [r.id for r in created], delete))
    ctx.announce(changes)
    return list(created)


def push_delete(ctx: AppContext, parent: QWidget | None, text: str,
                delete: Callable[[], tuple[Snapshot, Changes]]) -> bool:
    """A deletion: undo restores the snapshot (same ids), redo deletes again."""
    outcome = _perform(parent, delete)
    if outcome is None:
        return False
    snapshot, changes = outcome
    kept = [snapshot]

    def redo() -> Changes:
        snap, done = delete()
        kept[:] = [snap]
        return done

    ctx.undo_stack.push(ServiceCommand(ctx, text, redo,
                                       lambda: history.restore(ctx.store, kept[0])))
    ctx.announce(changes)
    return True


class BoardCommand(QUndoCommand):
    """One board operation's undo step: undo applies its `Undo`, redo the `Undo` that returned."""

    def __init__(self, ctx: AppContext, text: str, undo: board_undo.Undo) -> None:
        super().__init__(text)
        self._ctx, self._next = ctx, undo
        self._first = True

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        self._flip()

    def undo(self) -> None:
        self._flip()

    def _flip(self) -> None:
        try:
            self._next, changes = board_undo.revert(self._ctx.store, self._next)
        except CairnError as err:
            self.setObsolete(True)
            show_refusal(None, f"That could not be undone: {err}")
            return
        self._ctx.announce(changes)


def push_board(ctx: AppContext, parent: QWidget | None, text: str,
               do: Callable[[], tuple[U, Changes]]) -> U | None:
    """Run one board operation and push its undo step; None, with nothing pushed, if refused.
    An operation that changed nothing (a note dropped where it already was) pushes no step."""
    outcome = _perform(parent, do)
    if outcome is None:
        return None
    change, changes = outcome
    if changes:
        ctx.undo_stack.push(BoardCommand(ctx, text, change.undo))
        ctx.announce(changes)
    return change


def _split(outcome: tuple[Any, Changes] | Changes) -> tuple[Any, Changes]:
    return outcome if isinstance(outcome, tuple) else (None, outcome)


@dataclass(frozen=True)
class FieldEdit:
    """An edit of some fields of one record: the service call that makes it (`update(store,
    record.id, **fields)`), the record holding the values undo sets back, and the step's name."""

    text: str
    update: Callable[..., tuple[Any, Changes]]
    record: Any


@dataclass(frozen=True)
class RowMove:
    """A move of one row as two opposite service calls, and the step's name."""

    text: str
    do: Operation
    undo: Operation


class TableEdits:
    """The `RowEdits` a view gives its table model. The view says which service call an edit
    (`edit_of(row, fields)`) or a move (`move_of(row, to_row)`) is; this performs it once and
    pushes its one undo step, or nothing when it changes nothing or is refused."""

    def __init__(self, ctx: AppContext, parent: QWidget | None,
                 edit_of: Callable[[Any, dict[str, Any]], FieldEdit],
                 move_of: Callable[[Any, int], RowMove] | None = None) -> None:
        self._ctx, self._parent = ctx, parent
        self._edit_of, self._move_of = edit_of, move_of

    def edit(self, record: Any, /, **fields: Any) -> bool:
        plan = self._edit_of(record, fields)
        old = {name: getattr(plan.record, name) for name in fields}
        if old == fields:
            return False
        return push_update(self._ctx, self._parent, plan.text, plan.update, plan.record.id,
                           fields, old) is not None

    def move(self, record: Any, to_row: int) -> bool:
        if self._move_of is None:
            return False
        plan = self._move_of(record, to_row)
        return push_edit(self._ctx, self._parent, plan.text, plan.do, plan.undo) is not None
