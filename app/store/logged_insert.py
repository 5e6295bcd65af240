"""Inserting rows on the hot path of capture: plain SQL inserts, logged by the log's one writer.

Saving a note through the ORM's flush machinery costs about a millisecond of Python, several
times what SQLite needs to commit it. Capture is the one place where that shows (a facilitator
presses Enter while thirty people watch), so a new note and its tag links are inserted by
`bulk.insert_logged` (a few multi-row statements, whatever the number of notes) inside the same
unit of work, and their change log entries are written beside them by `changelog.append`, the
same function the ORM's flush hook logs through: one "insert" entry per row holding every
column, with the unit's operation id, device and author.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Table
from sqlalchemy.orm import Session as OrmSession

from app.models import Changes
from app.store import bulk
from app.store.changelog import collected, driver, entity_of
from app.store.tables import Base

__all__ = ["driver", "insert_logged", "unit_changes"]


def insert_logged(s: OrmSession, row_type: type[Base], rows: Sequence[Mapping[str, Any]]) -> Changes:
    """Insert `rows` (every column given) into `row_type`'s table and log each; the change-set."""
    if not rows:
        return Changes()
    table: Table = row_type.__table__  # type: ignore[assignment]
    ids = bulk.insert_logged(s, table, rows)
    entity = entity_of(table.name)
    return Changes(inserted={entity: frozenset(ids)}) if entity else Changes()


def unit_changes(s: OrmSession) -> Changes:
    """Everything a finished unit of work wrote: through the ORM, and through `insert_logged`."""
    return collected(s)
