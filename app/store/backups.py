"""The copies of the store in the data folder's `backups/`, taken before each schema upgrade.

A copy is written under a temporary name and renamed into place, so a copy in `backups/` is
always whole. Beside each one, a small JSON file records what the store looked like just after
it was copied: its size, modification time and inode, and that it had no write-ahead log
pending. An upgrade that fails changes nothing (it is one transaction, rolled back), so when
it is retried the store still matches that record and the same copy is used again instead of a
new full copy on every attempt; any change to the store in between (a write, a restore)
changes its modification time or size, and a new copy is taken.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

FOLDER = "backups"
PREFIX = "cairn-before-upgrade-"
_NAME = re.compile(r"^(.+?)-(\d{8}-\d{6})(?:-\d+)?$")  # revision, date-time, a count if needed


@dataclass(frozen=True)
class Backup:
    path: Path
    revision: str
    taken: datetime


def folder_of(store_path: Path) -> Path:
    return store_path.parent / FOLDER


def listed(store_path: Path) -> list[Backup]:
    """Every whole copy in `backups/`, oldest first (by the time in its name)."""
    found = []
    for copy in folder_of(store_path).glob(f"{PREFIX}*.sqlite"):
        named = _NAME.match(copy.stem.removeprefix(PREFIX))
        if named is None:
            continue
        found.append(Backup(copy, named[1], datetime.strptime(named[2], "%Y%m%d-%H%M%S")))
    return sorted(found, key=lambda b: (b.taken, b.path.name))


def newest(store_path: Path) -> Backup | None:
    found = listed(store_path)
    return found[-1] if found else None


def fingerprint(store_path: Path) -> dict[str, int] | None:
    """What identifies the store's current content without reading it; None while a
    write-ahead log holds changes not yet in the file (then only a copy can tell)."""
    wal = store_path.with_name(store_path.name + "-wal")
    if wal.exists() and wal.stat().st_size > 0:
        return None
    st = store_path.stat()
    return {"size": st.st_size, "mtime_ns": st.st_mtime_ns, "inode": st.st_ino}


def before_upgrade(store_path: Path, revision: str) -> Path:
    """A whole copy of the store at `revision` in `backups/`: the one taken before, if the
    store has not changed since, else a new one. Raises sqlite3.Error or OSError on failure,
    leaving no partial copy behind."""
    reused = _unchanged_copy(store_path, revision)
    if reused is not None:
        return reused
    folder = folder_of(store_path)
    made_folder = not folder.exists()
    folder.mkdir(exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = folder / f"{PREFIX}{revision}-{stamp}.sqlite"
    n = 1
    while target.exists():
        n += 1
        target = folder / f"{PREFIX}{revision}-{stamp}-{n}.sqlite"
    partial = target.with_name(target.name + ".partial")
    try:
        _copy(store_path, partial)
        os.replace(partial, target)
    except BaseException:
        for leftover in (partial, partial.with_name(partial.name + "-journal")):
            leftover.unlink(missing_ok=True)
        if made_folder:
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise
    # Taken after the copy's connection closed: closing may have checkpointed the log.
    record = fingerprint(store_path)
    if record is not None:
        _record_path(target).write_text(json.dumps({"revision": revision, "store": record,
                                                    "size": target.stat().st_size}))
    return target


def _copy(source: Path, target: Path) -> None:
    """SQLite's online backup: a consistent copy even with changes still in the log."""
    src = sqlite3.connect(source)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    with open(target, "rb+") as copied:
        os.fsync(copied.fileno())


def _unchanged_copy(store_path: Path, revision: str) -> Path | None:
    now = fingerprint(store_path)
    if now is None:
        return None
    for copy in reversed(listed(store_path)):
        try:
            record = json.loads(_record_path(copy.path).read_text())
            if (record["revision"] == revision and record["store"] == now
                    and record["size"] == copy.path.stat().st_size):
                return copy.path
        except (OSError, ValueError, KeyError, TypeError):
            continue
    return None


def _record_path(copy: Path) -> Path:
    return copy.with_name(copy.name + ".json")
