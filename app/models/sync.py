"""What sync reports: one round, the status, conflicts kept for a person, the readable sync log,
and what a shared folder holds. Plain data for the command line and the windows."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

from app.models.changes import Changes

Keep = Literal["mine", "theirs", "both"]


class SyncRound(BaseModel):
    """What one sync round did. `sent`, `received`, `conflicts`, `set_aside` and `messages`
    are the command line's `--json` contract."""

    sent: int = 0  # this laptop's changes written to the shared folder
    received: int = 0  # other laptops' changes applied here
    conflicts: int = 0  # concurrent edits found in this round, kept for a person
    set_aside: int = 0  # files set aside: damaged, unreadable, or from a newer Cairn
    waiting: int = 0  # files waiting for an earlier file of their laptop to arrive
    messages: list[str] = Field(default_factory=list)  # readable sentences, sync-log style
    needs_confirmation: str = ""  # set when the round stopped to ask (a large share deleted)
    started_at: datetime | None = None
    finished_at: datetime | None = None
    # Every record the round changed here, for open views to refresh (not part of --json).
    changes: Changes = Field(default_factory=Changes, exclude=True)


class SyncStatus(BaseModel):
    """The status bar's view of sync."""

    device_id: str = ""
    device_name: str = ""
    shared_folder: str = ""  # "" when this laptop does not sync
    reachable: bool = False  # the shared folder could be listed at the last attempt
    last_sync_at: datetime | None = None  # last round that finished
    pending_changes: int = 0  # local changes not yet written to the shared folder
    open_conflicts: int = 0
    clock_warning: str = ""  # a laptop whose clock is far ahead, in one sentence


class Conflict(BaseModel):
    """Two versions of one field (or an edit and a delete) made on different laptops at once.

    Both versions are kept: the winner is in the record, the other one here until a person
    resolves it (keep mine, keep theirs, or keep both); resolving syncs to the other laptops.
    """

    id: str
    entity: str  # change-log entity name: "note", "theme", ...
    entity_id: str
    field: str | None  # None when an edit met a delete
    kind: Literal["edit", "deleted"]
    label: str  # what a person calls the record: 'Note "Buses stop at six…"'
    mine: str  # this laptop's version, readable
    theirs: str  # the other laptop's version, readable
    their_device: str  # the other laptop's name
    detected_at: datetime
    resolved: bool = False
    resolution: Keep | None = None


class SyncLogEntry(BaseModel):
    """One line of the sync log a facilitator can read."""

    at: datetime
    kind: Literal["round", "sent", "received", "conflict", "set_aside", "problem", "device"]
    text: str  # 'Received 42 notes from the laptop "Orkney office".'


class SharedSystem(BaseModel):
    id: str
    name: str


class SharedDevice(BaseModel):
    id: str
    name: str
    files: int = 0
    last_written_at: datetime | None = None


class SharedFolderInfo(BaseModel):
    """What a shared folder holds, read without changing it."""

    path: str
    reachable: bool
    message: str = ""  # why not reachable, or why it holds no Cairn data, in one sentence
    systems: list[SharedSystem] = Field(default_factory=list)
    devices: list[SharedDevice] = Field(default_factory=list)
