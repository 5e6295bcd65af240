"""May Cairn write its store? Asked of the system before SQLite opens it, without writing a byte
of the store: a store in a folder, or a file, that cannot be written is opened for reading only.

The answers hold for every user, root included: root may write a file whatever its permission
bits (so it is writable, truly), but not an immutable file (`chattr +i`) nor a read-only mount.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from app.models.errors import StoreError
from app.store import faults

# What refusing to open a file for writing looks like: permissions, immutable, read-only disk.
READ_ONLY_ERRNOS = frozenset({errno.EROFS, errno.EACCES, errno.EPERM})


def folder_is_read_only(folder: Path, path: Path) -> bool:
    """True when the folder cannot be written but holds a store to read; raises when Cairn
    cannot use the folder at all."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / f".write-test-{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
        return False
    except OSError as exc:
        if exc.errno in faults.NO_SPACE:
            raise faults.disk_full(path, f"Cairn cannot write to its data folder {folder}") \
                from exc
        if exc.errno in READ_ONLY_ERRNOS and path.is_file():
            return True
        reason = exc.strerror or str(exc)
        raise StoreError(f"Cairn cannot write to its data folder {folder} ({reason}).") from exc


def file_is_writable(path: Path) -> bool:
    """Whether the store file may be opened for writing (asked of the system, which knows about
    permissions, immutable files and read-only disks; nothing is written)."""
    try:
        fd = os.open(path, os.O_RDWR)
    except FileNotFoundError:
        return True
    except OSError as exc:
        if exc.errno in READ_ONLY_ERRNOS:
            return False
        raise StoreError(f"Cairn cannot open its store {path} ({exc.strerror or exc}).") \
            from exc
    os.close(fd)
    return True
