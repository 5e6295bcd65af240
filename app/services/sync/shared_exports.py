"""Copies of exported packs kept on the shared folder, for the other facilitators.

A copy goes under `Cairn sync/exports/<laptop name>/<yyyy-mm-dd>/<file name>`, written whole
through the transport (temporary name, then moved into place) and never over another file:
the same bytes already there are that copy; other bytes under the same name get " (2)",
" (3)", ...
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from app.models.errors import CairnError
from app.services.sync.folder import FolderTransport
from app.services.sync.transport import ROOT, is_litter

_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
_RESERVED = re.compile(r"^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$", re.IGNORECASE)
_MAX_COPIES = 1000
_LITTER_WORDS = ((r"conflicted copy", "conflicted-copy"), (r"\.sync-conflict-", "-sync-conflict-"),
                 (r"\.(tmp|partial|part|crdownload)$", r"-\1"))


def share_export(shared_folder: Path, device_name: str, file: Path) -> str:
    """Copy `file` into the shared folder's exports; its path there, from the shared folder.

    Raises SharedFolderUnavailable when the shared folder (or its `Cairn sync` folder) is
    missing or cannot be written, and CairnError when `file` cannot be read.
    """
    transport = FolderTransport(Path(shared_folder), create=False)
    file = Path(file)
    try:
        data = file.read_bytes()
    except OSError as err:
        raise CairnError(f"The file {file.name} cannot be copied to the shared folder: "
                         f"{err.strerror or err}.") from err
    folder = f"exports/{safe_name(device_name, 'This laptop')}/{date.today().isoformat()}"
    base = safe_name(file.name, "Exported pack")
    for n in range(1, _MAX_COPIES + 1):
        name = base if n == 1 else _numbered(base, n)
        where = f"{folder}/{name}"
        if transport.write_if_absent(where, data):
            return f"{ROOT}/{where}"
        try:
            if transport.read(where) == data:
                return f"{ROOT}/{where}"
        except OSError:
            continue  # cannot be compared now: leave it as it is and use the next name
    raise CairnError(f"The shared folder already holds {_MAX_COPIES} copies named {base} "
                     "from today; rename the file and share it again.")


def safe_name(name: str, fallback: str) -> str:
    """A file or folder name every system and cloud client accepts and does not ignore."""
    cleaned = _UNSAFE.sub("-", name).strip().rstrip(". ")
    if _RESERVED.match(cleaned):
        cleaned = f"{cleaned} (file)"
    if cleaned and is_litter(cleaned):  # a name cloud clients skip would never reach the others
        cleaned = cleaned.lstrip(".~$_")
        for part, instead in _LITTER_WORDS:
            cleaned = re.sub(part, instead, cleaned, flags=re.IGNORECASE)
        if is_litter(cleaned):
            cleaned = f"Shared {cleaned}"
    return _shortened(cleaned).strip() or fallback


def _numbered(name: str, n: int) -> str:
    stem, dot, ext = name.rpartition(".")
    return f"{stem} ({n}).{ext}" if dot and stem else f"{name} ({n})"


def _shortened(name: str, limit: int = 120) -> str:
    """At most `limit` characters, keeping a short extension."""
    if len(name) <= limit:
        return name
    stem, dot, ext = name.rpartition(".")
    if dot and stem and len(ext) <= 8:
        return f"{stem[: limit - len(ext) - 1].rstrip('. ')}.{ext}"
    return name[:limit]
