"""Sync through a shared folder: change files, the transport, the inbox, and the store side.

The public API the windows and the command line call (each a service: the round runs on the
app's task manager):

- `run_round(store, shared_folder, ...)`: one round (send, read, merge), a `SyncRound`.
- `sync_status(store, shared_folder)`: cheap, for the status bar.
- `conflicts(store)` / `resolve_conflict(store, id, keep)`: concurrent edits kept side by side.
- `sync_log(store)`: the readable sync log, newest first.
- `describe_shared(folder)` / `share_export(folder, device_name, file)`: a shared folder's
  contents, read only; a copy of an exported pack put on the share.

Store side (`app.store.sync_*`): every change carries a hybrid logical clock stamp and, for
an update, the change it overwrote (`base`); received changes are applied field by field in
SQL, one operation per transaction, idempotent by change id; the losing version of a field
edited on two laptops at once is kept as a conflict with the same id on every laptop.
"""

from app.services.sync.conflicts import conflicts, resolve_conflict
from app.services.sync.rounds import run_round
from app.services.sync.shared_exports import share_export
from app.services.sync.shared_info import describe_shared
from app.services.sync.status import sync_status
from app.services.sync.sync_log import sync_log

__all__ = ["conflicts", "describe_shared", "resolve_conflict", "run_round", "share_export",
           "sync_log", "sync_status"]
