"""The first transport: a plain folder (SMB share, cloud-synced folder, USB stick).

A file is written under a temporary name cloud clients ignore (`.~<name>.tmp`), flushed and
fsynced, then moved into place without replacing anything: a hard link to the final name
(which fails if the name exists) and the temporary name removed; where the file system has
no hard links (FAT sticks, some shares) a rename that refuses an existing target. The chosen
folder is never created, and `Cairn sync/` inside it only when asked (the first round).
"""

from __future__ import annotations

import contextlib
import errno
import os
import time
from pathlib import Path

from app.models.errors import SharedFolderUnavailable
from app.services.core.files import sync_folder
from app.services.sync.transport import ROOT, ShareWriteFailed, is_litter, temp_name

# Test-only: when set to a path, a write pauses after its temporary file is fsynced, first
# creating that path, so a test can kill the process at exactly that point. Never set in use.
PAUSE_AFTER_TEMP = "CAIRN_SYNC_PAUSE_AFTER_TEMP"


class FolderTransport:
    """`Transport` over `<shared folder>/Cairn sync/`."""

    def __init__(self, shared_folder: Path, *, create: bool) -> None:
        self.shared_folder = Path(shared_folder)
        self.root = self.shared_folder / ROOT
        if not self.shared_folder.is_dir():
            raise SharedFolderUnavailable(
                f"The shared folder {self.shared_folder} cannot be found: "
                "it may be unplugged, offline or renamed.")
        if self.root.is_dir():
            return
        if not create:
            raise SharedFolderUnavailable(
                f"The shared folder {self.shared_folder} has no \"{ROOT}\" folder: if this "
                "laptop has synced there before, the drive may not be fully connected.")
        try:
            self.root.mkdir()  # never parents: the chosen folder itself is never made
        except FileExistsError:
            pass
        except OSError as err:
            raise ShareWriteFailed(
                f"Cairn cannot create its folder in {self.shared_folder}: "
                f"{err.strerror or err}.") from err

    def check(self) -> None:
        if not self.root.is_dir():
            raise SharedFolderUnavailable(
                f"The shared folder {self.shared_folder} cannot be reached: "
                "it may be unplugged, offline or renamed.")

    def list(self, folder: str) -> list[str]:
        where = self._path(folder)
        try:
            with os.scandir(where) as found:
                names = [e.name for e in found if not is_litter(e.name) and _has_content(e)]
        except FileNotFoundError:
            self.check()
            return []
        except NotADirectoryError:
            return []
        except OSError as err:
            self.check()
            if folder:
                return []  # a device's folder that cannot be listed now: tried next round
            raise SharedFolderUnavailable(
                f"The shared folder {self.shared_folder} cannot be read: "
                f"{err.strerror or err}.") from err
        return sorted(names)

    def read(self, name: str) -> bytes:
        return self._path(name).read_bytes()

    def write_if_absent(self, name: str, data: bytes) -> bool:
        final = self._path(name)
        self._make_folders(final.parent)
        if final.exists():
            return False
        tmp = final.with_name(temp_name(final.name))
        try:
            _write_synced(tmp, data)
            _pause_for_tests()
            placed = _place(tmp, final)
        except OSError as err:
            with contextlib.suppress(OSError):
                tmp.unlink()
            self.check()
            raise ShareWriteFailed(_write_failure(self.shared_folder, err)) from err
        with contextlib.suppress(OSError):
            tmp.unlink()
        sync_folder(final.parent)
        return placed

    def _path(self, name: str) -> Path:
        parts = [p for p in name.split("/") if p]
        if any(p in (".", "..") for p in parts):
            raise ValueError(f"not a name inside the shared folder: {name!r}")
        return self.root.joinpath(*parts)

    def _make_folders(self, folder: Path) -> None:
        """Create the folders between the root and `folder`, never the root itself."""
        self.check()
        missing: list[Path] = []
        at = folder
        while at != self.root and not at.is_dir():
            missing.append(at)
            at = at.parent
        for each in reversed(missing):
            try:
                each.mkdir()
            except FileExistsError:
                pass
            except OSError as err:
                self.check()
                raise ShareWriteFailed(_write_failure(self.shared_folder, err)) from err


def _has_content(entry: os.DirEntry[str]) -> bool:
    """Folders, and files with at least one byte; an entry that vanished or cannot be
    stat-ed is kept, so reading it says "not arrived yet" rather than nothing at all."""
    try:
        return entry.is_dir() or entry.stat().st_size > 0
    except OSError:
        return True


def _write_synced(tmp: Path, data: bytes) -> None:
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0), 0o644)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        os.fsync(fd)
    finally:
        os.close(fd)


def _place(tmp: Path, final: Path) -> bool:
    """Move `tmp` to `final` unless `final` exists (then False); never replaces a file."""
    try:
        os.link(tmp, final)
        return True
    except FileExistsError:
        return False
    except OSError as err:
        if err.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV,
                             errno.EMLINK, errno.ENOSYS, errno.EACCES, errno.EINVAL):
            raise
    # No hard links here. Windows' rename refuses an existing target; elsewhere the window
    # between the check and the rename is harmless, as only this device writes this folder.
    if final.exists():
        return False
    try:
        os.rename(tmp, final)
    except FileExistsError:
        return False
    return True


def _write_failure(shared_folder: Path, err: OSError) -> str:
    if err.errno == errno.ENOSPC or err.errno == getattr(errno, "EDQUOT", -1):
        return (f"The shared folder {shared_folder} is full: Cairn's files were not written "
                "there, and nothing on this laptop changed.")
    if err.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return (f"The shared folder {shared_folder} cannot be written to: Cairn's files were "
                "not written there, and nothing on this laptop changed.")
    return (f"Cairn's files could not be written to the shared folder {shared_folder} "
            f"({err.strerror or err}); nothing on this laptop changed.")


def _pause_for_tests() -> None:
    marker = os.environ.get(PAUSE_AFTER_TEMP)
    if not marker:
        return
    Path(marker).write_text("paused", encoding="utf-8")
    while True:  # until the test kills the process
        time.sleep(0.05)
