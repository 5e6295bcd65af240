"""Real damaged, full and read-only stores for the fault tests: no mock of SQLite or of the disk.

- A damaged store: garbage written over one page of a real store file with a few hundred notes
  (a leaf page of the notes table, found with SQLite's dbstat), or over its header.
- A full disk: a small tmpfs mounted over a folder and filled with a file until the system
  says ENOSPC. Mounting needs root with CAP_SYS_ADMIN, which CI has (it runs as root in a
  privileged container, as here); elsewhere the test is skipped and says why.
- A read-only file or folder that holds for root too: root writes through permission bits, so
  as root the file is made immutable (`chattr +i`) and the folder is bind-mounted read-only
  over itself; as anyone else `chmod` does. A test skips, saying why, where neither is allowed.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import subprocess
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from app.config import STORE_FILENAME
from app.models import NoteDraft
from app.services import capture
from app.services.planning import systems
from app.services.planning.sessions import create_session
from app.store.engine import open_store

PAGE_GARBAGE = bytes(range(256)) * 16  # one 4 KiB page of what no b-tree page looks like


def notes_store(folder: Path, count: int = 300) -> Path:
    """A real store with one session of `count` notes, closed, its log checkpointed away."""
    store = open_store(folder, author="Test Facilitator")
    system, _ = systems.create_system(store, "Island learning system")
    session, _ = create_session(store, system.id, "Sensemaking workshop 1",
                                datetime(2026, 12, 8, 10, 0).astimezone(), minutes=90)
    capture.add_notes(store, session.id, [
        NoteDraft(f"Note {n}: the ferry timetable decides who can come to the clinic")
        for n in range(count)])
    store.close()
    path = folder / STORE_FILENAME
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return path


def notes_leaf_page(path: Path) -> int:
    """A leaf page of the notes table from the middle of its pages."""
    conn = sqlite3.connect(path)
    try:
        pages = [n for (n,) in conn.execute(
            "SELECT pageno FROM dbstat WHERE name = 'notes' AND pagetype = 'leaf' "
            "ORDER BY pageno")]
    finally:
        conn.close()
    assert len(pages) >= 3, "the store should spread its notes over several pages"
    return pages[len(pages) // 2]


def corrupt_page(path: Path, page: int) -> None:
    with open(path, "r+b") as f:
        f.seek((page - 1) * len(PAGE_GARBAGE))
        f.write(PAGE_GARBAGE)


def damage_header(path: Path) -> None:
    with open(path, "r+b") as f:
        f.write(b"not the SQLite header at all!!!!" * 3)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def files_in(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(list(command), capture_output=True, text=True, timeout=60)


@contextlib.contextmanager
def small_disk(folder: Path, size: str = "8m") -> Iterator[Path]:
    """A real file system of `size` (tmpfs) mounted at `folder`, unmounted afterwards."""
    folder.mkdir(parents=True, exist_ok=True)
    mounted = _run("mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder))
    if mounted.returncode != 0:
        pytest.skip(f"a small disk needs mount (root with CAP_SYS_ADMIN): {mounted.stderr}")
    try:
        yield folder
    finally:
        _run("umount", "-l", str(folder))


def fill_disk(folder: Path, *, leave: int = 0) -> Path:
    """Fill the disk holding `folder` until the system refuses (ENOSPC), then free `leave`
    bytes; the filler file is returned so that a test can free the space again."""
    filler = folder / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT | os.O_APPEND)
    try:
        while True:
            os.write(fd, b"\0" * 65536)
    except OSError as exc:
        assert exc.errno == 28, exc  # ENOSPC: the disk is full, for real
    finally:
        os.close(fd)
    if leave:
        os.truncate(filler, max(0, filler.stat().st_size - leave))
    return filler


@contextlib.contextmanager
def read_only_file(path: Path) -> Iterator[Path]:
    """`path` made read-only in a way that holds for the user running the tests."""
    if os.geteuid() != 0:
        mode = path.stat().st_mode
        path.chmod(0o444)
        try:
            yield path
        finally:
            path.chmod(mode)
        return
    made = _run("chattr", "+i", str(path))
    if made.returncode != 0:
        pytest.skip(f"root ignores chmod, and chattr +i was refused here: {made.stderr}")
    try:
        yield path
    finally:
        _run("chattr", "-i", str(path))


@contextlib.contextmanager
def read_only_folder(folder: Path) -> Iterator[Path]:
    """`folder` made read-only in a way that holds for the user running the tests."""
    if os.geteuid() != 0:
        mode = folder.stat().st_mode
        folder.chmod(0o555)
        try:
            yield folder
        finally:
            folder.chmod(mode)
        return
    bound = _run("mount", "--bind", str(folder), str(folder))
    if bound.returncode != 0:
        pytest.skip(f"root ignores chmod, and a read-only bind mount was refused: {bound.stderr}")
    try:
        remounted = _run("mount", "-o", "remount,bind,ro", str(folder))
        assert remounted.returncode == 0, remounted.stderr
        yield folder
    finally:
        _run("umount", str(folder))
