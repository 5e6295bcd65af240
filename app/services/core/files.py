"""Writing files so that a reader never sees half of one, even after a crash or power cut."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from app.models import CairnError


def write_atomically(out: Path, data: bytes, *, what: str, readable_by_others: bool = True) -> Path:
    """Temp file beside `out`, flushed and fsynced, renamed over it, the folder fsynced.

    `what` names the file in the one-sentence error ("The run sheet cannot be saved ...").
    """
    out = Path(out)
    try:
        fd, tmp = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".tmp")
    except OSError as err:
        raise CairnError(f"The {what} cannot be saved in {out.parent}: {err.strerror}.") from err
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if readable_by_others:
            os.chmod(tmp, 0o644)  # mkstemp makes it owner-only; a shared drive needs others to read
        os.replace(tmp, out)
    except OSError as err:
        Path(tmp).unlink(missing_ok=True)
        raise CairnError(f"The {what} cannot be saved as {out}: {err.strerror}.") from err
    sync_folder(out.parent)
    return out


def sync_folder(folder: Path) -> None:
    """Make a rename or delete durable; Windows cannot open a folder for fsync, and needs not."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    with contextlib.suppress(OSError):
        os.fsync(fd)
    os.close(fd)
