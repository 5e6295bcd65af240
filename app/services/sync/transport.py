"""The small interface sync needs from a shared place: check, list, read, write-if-absent.

Every name is a path below `Cairn sync/` with "/" between parts ('' is that folder itself).
Each device writes only its own files, never changes one after it is written, and never
deletes anything, so a transport needs no locks, no renames over existing files and no
deletes: a write that finds its name taken answers False and leaves the file as it was.
What a transport must never do is read a missing or unreachable place as an empty one:
`check` and `list` raise `SharedFolderUnavailable` when the place itself cannot be reached.

The first implementation is a plain folder (`folder.FolderTransport`): an SMB share, a
OneDrive, SharePoint or Google Drive synced folder, or a USB stick.

When a programme outgrows a shared drive
-----------------------------------------
The same four calls map onto an object store or a document library without changing the
files, their names or anything above this interface:

S3-compatible object store (AWS S3, MinIO, Ceph, Cloudflare R2), one bucket or a prefix
``cairn-sync/`` per programme:
  - ``check``: ``HeadBucket`` (or a ``ListObjectsV2`` with ``MaxKeys=1``); a 403/404 or a
    network error raises `SharedFolderUnavailable`, never "no files".
  - ``list(folder)``: ``ListObjectsV2`` with ``Prefix=<folder>/`` and ``Delimiter=/``, following
    ``ContinuationToken`` to the end; ``CommonPrefixes`` are the sub-folders (device ids), the
    object keys the files. Object stores have no temporary names, so there is no litter.
  - ``read(name)``: ``GetObject``; a 404 or a timeout raises OSError ("not arrived yet").
  - ``write_if_absent(name, data)``: ``PutObject`` with ``If-None-Match: *`` and a
    ``Content-MD5`` (or ``x-amz-checksum-sha256``) header; the store answers 412 Precondition
    Failed when the key exists, which is False here. A PUT is atomic: readers see the whole
    object or none, so no temporary name is needed.

SharePoint document library through Microsoft Graph, one folder ``Cairn sync`` in the
programme's library (``/drives/{drive-id}/root:/Cairn sync``):
  - ``check``: ``GET .../root:/Cairn sync`` (the driveItem); 404 or 403 raises
    `SharedFolderUnavailable`.
  - ``list(folder)``: ``GET .../root:/Cairn sync/<folder>:/children?$select=name,size,folder``
    following ``@odata.nextLink``; items with ``size`` 0 are skipped as today.
  - ``read(name)``: ``GET .../root:/Cairn sync/<name>:/content`` (a 302 to the download URL).
  - ``write_if_absent(name, data)``: ``PUT .../root:/Cairn sync/<name>:/content`` with
    ``@microsoft.graph.conflictBehavior=fail`` (for files over 4 MB, ``createUploadSession``
    with the same conflict behaviour); 409 Conflict means the name was taken: False.
Authentication (an app registration with Sites.Selected, or the facilitator's own sign-in)
lives in the transport's constructor; sign-in failures raise `SharedFolderUnavailable`.
"""

from __future__ import annotations

import re
from typing import Protocol

from app.models.errors import SharedFolderUnavailable

ROOT = "Cairn sync"
FORMAT_FILE = "FORMAT.json"

# Names cloud clients and operating systems leave beside real files; never Cairn's own.
_LITTER_NAMES = frozenset({"desktop.ini", ".ds_store", "thumbs.db", "icon\r"})
_LITTER_PARTS = ("conflicted copy", ".sync-conflict-")
_LITTER_START = ("~$", ".~", "._")
_LITTER_END = (".tmp", ".partial", ".crdownload", ".part")
_CONTROL = re.compile(r"[\x00-\x1f]")


class ShareWriteFailed(SharedFolderUnavailable):
    """A file could not be written to the shared folder (full, read-only, pulled out)."""


class Transport(Protocol):
    """Where change files and exported packs are shared; see the module docstring."""

    def check(self) -> None:
        """Raise SharedFolderUnavailable (one sentence) unless the place can be reached."""

    def list(self, folder: str) -> list[str]:
        """Names in `folder` ('' = the root), litter and empty files left out; [] if absent."""

    def read(self, name: str) -> bytes:
        """The whole file; OSError when it cannot be read now (retried next round)."""

    def write_if_absent(self, name: str, data: bytes) -> bool:
        """Write `data` under `name` whole, or answer False when the name is taken."""


def is_litter(name: str) -> bool:
    """Whether a name is one cloud clients or the system leave: ignored without a word."""
    low = name.lower()
    return (
        low in _LITTER_NAMES
        or not name.strip()
        or _CONTROL.search(name) is not None
        or any(part in low for part in _LITTER_PARTS)
        or low.startswith(_LITTER_START)
        or low.endswith(_LITTER_END)
    )


def temp_name(name: str) -> str:
    """The temporary name a file is written under first: one cloud clients do not upload."""
    return f".~{name}.tmp"
