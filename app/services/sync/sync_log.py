"""The sync log a facilitator can read: one line per thing a round did, newest first."""

from __future__ import annotations

from app.models.sync import SyncLogEntry
from app.store import sync_state
from app.store.engine import Store


def sync_log(store: Store, limit: int = 200) -> list[SyncLogEntry]:
    """The newest `limit` lines of the sync log, newest first."""
    return [SyncLogEntry(at=at, kind=kind, text=text)
            for at, kind, text in sync_state.read_log(store, limit)]
