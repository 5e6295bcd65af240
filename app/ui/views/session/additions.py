"""Adding people to a session as one undoable step, however many were added.

Undo takes back the invitations and the register entries that were made for them (people who
were already in the register stay there); redo puts the very same records back. The step is
made from what the service returned, so it serves an addition made here (`push_additions`)
and one made by a task on a worker (`additions_command`, pushed when the task is done).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QWidget

from app.models import CairnError, Changes, SessionParticipant
from app.services.core.records import Snapshot
from app.services.planning import planning_queries
from app.ui.commands import ServiceCommand
from app.ui.context import AppContext, show_refusal

Addition = Callable[[], tuple[Sequence[SessionParticipant], Changes]]


def additions_command(ctx: AppContext, text: str, added: Sequence[SessionParticipant],
                      changes: Changes, marked: Mapping[str, bool | None] | None = None,
                      ) -> QUndoCommand | None:
    """The undo step for people just added, and for invitations an attendance report marked as
    attended (`marked`: each one's value before); None when the operation did neither."""
    marked = dict(marked or {})
    if not added and not marked:
        return None
    invitation_ids = [p.invitation.id for p in added]
    new_people = sorted(changes.inserted.get("participant", frozenset()))
    kept: list[Snapshot] = []

    def undo() -> Changes:
        snapshots, undone = planning_queries.withdraw_added(ctx.store, invitation_ids,
                                                            new_people, marked)
        kept[:] = snapshots
        return undone

    def redo() -> Changes:
        return planning_queries.restore_all(ctx.store, kept, dict.fromkeys(marked, True))

    return ServiceCommand(ctx, text, redo, undo)


def push_additions(ctx: AppContext, parent: QWidget | None, text: str,
                   add: Addition) -> list[SessionParticipant] | None:
    """Run `add`; on success push one undo step for everything it added. None if refused."""
    try:
        added, changes = add()
    except CairnError as err:
        show_refusal(parent, str(err))
        return None
    command = additions_command(ctx, text, added, changes)
    if command is not None:
        ctx.undo_stack.push(command)
    ctx.announce(changes)
    return list(added)
