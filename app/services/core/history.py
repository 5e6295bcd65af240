"""Undoing deletes: any service's delete returns a Snapshot, and `restore` puts it back."""

from __future__ import annotations

from app.models import Changes
from app.services.core.records import Snapshot, restore_snapshot
from app.store.changelog import collected
from app.store.engine import Store


def restore(store: Store, snapshot: Snapshot) -> Changes:
    """Put back a deleted record and its dependants with their original ids."""
    with store.unit() as s:
        restore_snapshot(s, snapshot)
    return collected(s)
