"""Undoing deletes: any service's delete returns a Snapshot, and `restore` puts it back."""

from __future__ import annotations

from app.models import Changes
from app.services.core.records import Snapshot, restore_snapshot
from app.store.changelog import collected
from app.store.engine import Store


def restore(store: Store, snapshot: Snapshot) -> Changes:
    """Put back deleted records and their dependants with their original ids, in one unit of
    work; refused whole (NotFound, InvalidInput) when something they need has gone since or a
    record made since takes their place."""
    with store.unit() as s:
        restore_snapshot(s, snapshot)
    return collected(s)
