"""What a table model asks of its owner when a person edits a cell, ticks a box or drops a row.

Item models adapt: they hold rows, answer Qt and follow change-sets. They never perform an
edit or push an undo step. An edit in place, a drop or a move becomes one call on the
`RowEdits` the view gave the model; the view performs it as one service call and one undo
step (see `app.ui.commands.TableEdits`), and the model then follows the change-set like any
other edit.
"""

from __future__ import annotations

from typing import Any, Protocol


class RowEdits(Protocol):
    """The owner of a table's edits. Each answers True when the store changed; False when the
    edit was refused (and said so) or changed nothing."""

    def edit(self, record: Any, /, **fields: Any) -> bool:
        """Set `fields` of `record` (one of the model's rows) to the values given."""
        ...

    def move(self, record: Any, to_row: int) -> bool:
        """Put `record` at `to_row`, another row of the table."""
        ...
