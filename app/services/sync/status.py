"""The status bar's view of sync: cheap enough to ask every few seconds (no share I/O beyond
whether the shared folder is there)."""

from __future__ import annotations

from pathlib import Path

from app.models.sync import SyncStatus
from app.services.sync.clock import far_ahead
from app.services.sync.transport import ROOT
from app.store import sync_state
from app.store.engine import Store
from app.store.sync_clock import parse_hlc


def sync_status(store: Store, shared_folder: Path | None) -> SyncStatus:
    """Where sync stands: last round, changes waiting to be sent, open conflicts, and a
    laptop whose clock is far ahead (its newest change received is stamped in the future)."""
    newest = sync_state.newest_received(store)
    warning = far_ahead([(newest, parse_hlc(newest)[2])], sync_state.peer_names(store)) \
        if newest else ""
    return SyncStatus(
        device_id=store.device_id, device_name=sync_state.device_name(store),
        shared_folder=str(shared_folder or ""),
        reachable=shared_folder is not None and (Path(shared_folder) / ROOT).is_dir(),
        last_sync_at=sync_state.last_round(store),
        pending_changes=sync_state.pending(store),
        open_conflicts=sync_state.open_conflicts(store),
        clock_warning=warning,
    )
