"""What went wrong with the store, as one sentence a person can act on.

SQLite names its failures by result code, and SQLAlchemy wraps sqlite3's exceptions in its own
(`OperationalError`, `DatabaseError`, ... with the original in `.orig`): both are read here.
What each code means for the store, measured on real files:

- SQLITE_FULL ("database or disk is full"): a write found no room (ENOSPC, a short write, or the
  page limit). The disk is full, never "damaged".
- SQLITE_IOERR ("disk I/O error"): any other failed system call. SQLite turns ENOSPC into an I/O
  error where it grows the shared-memory file, and EFBIG (a per-process file size limit) into
  one on every write, so the disk's free space and the size limit are looked at before blaming
  the disk itself.
- SQLITE_READONLY: the file, its folder or the disk cannot be written.
- SQLITE_CORRUPT and SQLITE_NOTADB: the file is damaged; the sentence says how to restore it.
"""

from __future__ import annotations

import errno
import shutil
import sqlite3
from pathlib import Path

from app.models.errors import StoreError
from app.store import backups

SQLITE_BUSY = 5
SQLITE_LOCKED = 6
SQLITE_READONLY = 8
SQLITE_INTERRUPT = 9
SQLITE_IOERR = 10
SQLITE_CORRUPT = 11
SQLITE_FULL = 13
SQLITE_CANTOPEN = 14
SQLITE_NOTADB = 26

DAMAGE = frozenset({SQLITE_CORRUPT, SQLITE_NOTADB})
NO_SPACE = frozenset({errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)})  # errno values
# Below this much free space, an I/O error on a write is the disk being full: SQLite needs
# room for a few pages of write-ahead log, and reports ENOSPC outside plain writes as IOERR.
NEARLY_FULL_BYTES = 1 << 20

SAVE = "the change was not saved"


def sqlite_error(exc: BaseException) -> sqlite3.Error | None:
    """The sqlite3 exception behind `exc`: itself, SQLAlchemy's `.orig`, or a cause."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, sqlite3.Error):
            return seen
        inner = getattr(seen, "orig", None)
        if isinstance(inner, sqlite3.Error):
            return inner
        seen = seen.__cause__ or seen.__context__
    return None


def code_of(exc: BaseException) -> int | None:
    """SQLite's primary result code behind `exc` (extended codes folded), if any."""
    found = sqlite_error(exc)
    code = getattr(found, "sqlite_errorcode", None)
    return None if code is None else code & 0xFF


def is_damage(exc: BaseException) -> bool:
    return code_of(exc) in DAMAGE


def describe(exc: BaseException, path: Path, *, doing: str = SAVE) -> StoreError | None:
    """The sentence for a failure of SQLite on the store at `path`, or None if it is not one
    a person can act on (a constraint, a programming error: those are not SQLite's refusals).

    `doing` says what did not happen, e.g. "the change was not saved".
    """
    found = sqlite_error(exc)
    if found is None:
        return None
    code = code_of(found)
    detail = str(found)
    if code == SQLITE_FULL:
        return disk_full(path, doing)
    if code == SQLITE_IOERR:
        return io_error(path, doing, detail)
    if code == SQLITE_READONLY:
        return read_only(path, doing=doing)
    if code in DAMAGE:
        return damaged(path, detail)
    if code in (SQLITE_BUSY, SQLITE_LOCKED):
        return StoreError("The store is busy with another Cairn window or command; try again.")
    if code == SQLITE_CANTOPEN:
        return StoreError(f"Cairn cannot open its store {path} ({detail}): {doing}.")
    if isinstance(found, sqlite3.OperationalError):
        return StoreError(f"The store could not be written ({detail}): {doing}.")
    return None


def disk_full(path: Path, doing: str = SAVE) -> StoreError:
    return StoreError(f"The disk is full: {doing}. Free some space on the disk that holds "
                      f"{path.parent} and try again.")


def io_error(path: Path, doing: str, detail: str) -> StoreError:
    """An I/O error, told apart from a full disk and from a file size limit."""
    if free_bytes(path.parent) < NEARLY_FULL_BYTES:
        return disk_full(path, doing)
    limit = file_size_limit()
    if limit is not None and _largest_store_file(path) + (64 << 10) >= limit:
        return StoreError(f"The store has grown to the largest file this system lets Cairn "
                          f"write ({limit:,} bytes): {doing}. Ask whoever manages this "
                          "computer to lift the file size limit.")
    return StoreError(f"The disk reported an error ({detail}): {doing}. Check the disk, then "
                      "run `cairn check`.")


def read_only(path: Path, *, folder: bool = False, doing: str | None = None) -> StoreError:
    """A read-only store or data folder; without `doing`, said before any change is tried."""
    what = f"Cairn's data folder {path.parent}" if folder else f"The store {path}"
    if doing:
        return StoreError(f"{what} is read-only: {doing}.")
    return StoreError(f"{what} is read-only, so Cairn will not save changes to it.")


def damaged(path: Path, detail: str) -> StoreError:
    """Damage, and how to get the data back from a backup, in two sentences."""
    return StoreError(f"The store {path} is damaged ({detail}), so Cairn will not save "
                      f"changes to it. {restore_advice(path)}")


def restore_advice(path: Path) -> str:
    """Where the newest backup is and what to do with it; or where else to look."""
    newest = backups.newest(path)
    if newest is None:
        return (f"Cairn has no copy of it in {backups.folder_of(path)} (it makes one before "
                f"each upgrade), so restore {path.name} from your own backup of {path.parent}.")
    taken = newest.taken.strftime("%d %B %Y %H:%M")
    return (f"To go back to the copy taken on {taken}, close Cairn, move {path.name} out of "
            f"{path.parent} and copy {newest.path} into its place as {path.name}.")


def free_bytes(folder: Path) -> int:
    """Free space for files in `folder` (for an ordinary user), or a lot if unknown."""
    try:
        return shutil.disk_usage(folder).free
    except OSError:
        return 1 << 62


def file_size_limit() -> int | None:
    """The soft limit on the size of files this process may write, if the system sets one."""
    try:
        import resource
    except ImportError:  # not on Windows
        return None
    soft, _ = resource.getrlimit(resource.RLIMIT_FSIZE)
    return None if soft == resource.RLIM_INFINITY else soft


def _largest_store_file(path: Path) -> int:
    sizes = [0]
    for suffix in ("", "-wal", "-journal"):
        try:
            sizes.append((path.parent / (path.name + suffix)).stat().st_size)
        except OSError:
            continue
    return max(sizes)
