"""Files attached to evidence: a report, a case study's PDF, a podcast's transcript.

The file is copied into the store's own folder (`attachments/<sha256>` beside the store), so
the evidence keeps it when the original is moved or the USB stick is gone. The copy is written
to a temporary name, flushed to the disk and renamed into place: a crash or a full disk never
leaves half a file under a name that counts. The same content is kept once, however many
pieces of evidence (or laptops) attach it. Only then are the evidence's `file_name` and
`file_sha256` set, in one unit of work. Detaching clears the two fields and keeps the copy,
so that undo can put the attachment back.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from app.models import CairnError, Changes, Evidence, InvalidInput, NotFound
from app.services.core.files import sync_folder
from app.services.sensemaking import evidence as evidence_service
from app.store.engine import Store

MAX_BYTES = 50 * 1024 * 1024  # a long report with pictures; a video belongs behind a link
_CHUNK = 1024 * 1024
_NO_ROOM = frozenset({errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)})


def attachments_folder(store: Store) -> Path:
    """Where the store keeps its copies of attached files, each named by its SHA-256."""
    return store.path.parent / "attachments"


def attach_file(store: Store, evidence_id: str, source: Path) -> tuple[Evidence, Changes]:
    """Copy `source` into the store and attach it to the evidence (replacing any other file).

    Refused in one sentence, with nothing changed, for a file that is missing, unreadable, a
    folder or over 50 MB, and when the disk has no room for the copy.
    """
    source = Path(source)
    evidence_service.get_evidence(store, evidence_id)  # refuse a gone record before copying
    sha = keep_copy(attachments_folder(store), source)
    return evidence_service.update_evidence(store, evidence_id, file_name=source.name,
                                            file_sha256=sha)


def detach_file(store: Store, evidence_id: str) -> tuple[Evidence, Changes]:
    """Take the attached file off the evidence; its copy stays, for undo and other evidence."""
    found = evidence_service.get_evidence(store, evidence_id)
    if not found.file_sha256:
        raise InvalidInput(f"'{found.title}' has no attached file to remove.")
    return evidence_service.update_evidence(store, evidence_id, file_name="", file_sha256="")


def attached_path(store: Store, evidence_id: str) -> Path:
    """The store's copy of the evidence's attached file; refused when there is none or when
    the copy is not on this laptop (attached elsewhere and not synced here yet)."""
    found = evidence_service.get_evidence(store, evidence_id)
    if not found.file_sha256:
        raise NotFound(f"'{found.title}' has no attached file.")
    path = attachments_folder(store) / found.file_sha256
    if not path.is_file():
        raise NotFound(f"The attached file {found.file_name} is not on this laptop yet; it may "
                       "not have been synced here.")
    return path


def copy_to_open(store: Store, evidence_id: str, folder: Path | None = None) -> Path:
    """A copy of the attached file under its own name (so the system picks the program that
    opens it), in `folder` or a temporary folder; the store's copy is never handed out."""
    path = attached_path(store, evidence_id)
    name = evidence_service.get_evidence(store, evidence_id).file_name
    base = folder or Path(tempfile.gettempdir()) / "cairn-attachments"
    target = base / path.name[:16] / (Path(name).name or path.name)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.is_file() or target.stat().st_size != path.stat().st_size:
            shutil.copyfile(path, target)
    except OSError as err:
        raise CairnError(f"{name} cannot be opened: {err.strerror or err}.") from None
    return target


def keep_copy(folder: Path, source: Path) -> str:
    """Copy `source` into `folder` under its SHA-256, durably, and return the SHA-256.

    A copy already there is kept as it is (the same content is stored once). On any failure
    the temporary file is removed and the one sentence says why.
    """
    _check_source(source)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".incoming-", suffix=".tmp")
    except OSError as err:
        raise _cannot_keep(source, folder, err) from None
    digest = hashlib.sha256()
    try:
        with os.fdopen(fd, "wb") as out, _opened(source) as given:
            size = 0
            while chunk := given.read(_CHUNK):
                size += len(chunk)
                if size > MAX_BYTES:
                    raise _too_big(source)
                digest.update(chunk)
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        sha = digest.hexdigest()
        final = folder / sha
        if final.is_file():
            os.unlink(tmp)
        else:
            os.chmod(tmp, 0o644)  # mkstemp makes it owner-only; others on the laptop may read
            os.replace(tmp, final)
            sync_folder(folder)
    except CairnError:
        Path(tmp).unlink(missing_ok=True)
        raise
    except OSError as err:
        with contextlib.suppress(OSError):
            Path(tmp).unlink(missing_ok=True)
        raise _cannot_keep(source, folder, err) from None
    return sha


def _check_source(source: Path) -> None:
    try:
        if source.is_dir():
            raise InvalidInput(f"{source.name} is a folder; attach a file.")
        if source.stat().st_size > MAX_BYTES:
            raise _too_big(source)
    except FileNotFoundError:
        raise InvalidInput(f"{source.name} was not found; nothing was attached.") from None
    except OSError as err:
        raise InvalidInput(f"{source.name} could not be read ({err.strerror or err}); nothing "
                           "was attached.") from None


@contextlib.contextmanager
def _opened(source: Path) -> Iterator[BinaryIO]:
    """The source for reading; failing to open it is the source's fault, not the disk's."""
    try:
        handle = open(source, "rb")  # noqa: SIM115 - closed by the with below
    except FileNotFoundError:
        raise InvalidInput(f"{source.name} was not found; nothing was attached.") from None
    except OSError as err:
        raise InvalidInput(f"{source.name} could not be read ({err.strerror or err}); nothing "
                           "was attached.") from None
    with handle:
        yield handle


def _too_big(source: Path) -> InvalidInput:
    return InvalidInput(f"{source.name} is larger than {MAX_BYTES // (1024 * 1024)} MB; put it "
                        "somewhere shared and give its link instead.")


def _cannot_keep(source: Path, folder: Path, err: OSError) -> CairnError:
    if err.errno in _NO_ROOM:
        return CairnError(f"There is no room on the disk for a copy of {source.name}; free "
                          "some space and try again (nothing was attached).")
    return CairnError(f"A copy of {source.name} cannot be kept in {folder} "
                      f"({err.strerror or err}); nothing was attached.")
