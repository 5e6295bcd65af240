"""An empty, read-only or full store, on real files, a real small disk and real read-only
files and folders (see `fault_helpers` for how each holds for root too): one sentence each,
and nothing written on refusal."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys

import pytest
from alembic import command

from app.config import STORE_FILENAME
from app.models import StoreError
from app.services.core.check import run_check
from app.services.planning import systems
from app.store import migrate, soundness
from app.store.engine import open_store
from tests.store.fault_helpers import (
    digest,
    files_in,
    fill_disk,
    notes_store,
    read_only_file,
    read_only_folder,
    small_disk,
)


def test_an_empty_store_file_is_refused_and_left_as_it_is(data_dir):
    path = data_dir / STORE_FILENAME
    path.write_bytes(b"")
    with pytest.raises(StoreError) as refused:
        open_store(data_dir)
    assert str(refused.value).startswith(
        f"The store {path} is an empty file (0 bytes): its data is missing, so Cairn will not "
        "start a new store over it. Cairn has no copy of it in")
    assert path.read_bytes() == b"" and files_in(data_dir) == [STORE_FILENAME]


def test_a_missing_store_is_a_new_one_and_a_half_made_one_is_cleared_away(data_dir):
    """A store is built under a temporary name and renamed into place when whole; what a
    creation cut short left behind is removed, never opened."""
    (data_dir / f"{STORE_FILENAME}.new").write_bytes(b"half a store from a power cut")
    store = open_store(data_dir)
    try:
        assert systems.list_systems(store) == []
        assert migrate.current_revision(store.path) == migrate.head_revision()
    finally:
        store.close()
    assert files_in(data_dir) == sorted([STORE_FILENAME, soundness.TRUST_FILE])


def test_a_read_only_store_file_is_read_and_never_written(data_dir):
    path = notes_store(data_dir)
    with read_only_file(path):
        before = digest(path)
        store = open_store(data_dir)
        try:
            assert store.read_only
            assert [s.name for s in systems.list_systems(store)] == ["Island learning system"]
            with pytest.raises(StoreError, match=rf"^The store {path} is read-only, so Cairn "
                                                 r"will not save changes to it\.$"):
                systems.create_system(store, "Not written")
            report = run_check(store)
        finally:
            store.close()
        assert digest(path) == before
    assert report.ok and report.read_only and report.search_index_ok is None
    assert "Search index: not checked (the store is read-only)" in report.lines()
    assert "out of step" not in "\n".join(report.lines()) and report.damage is None


def test_a_read_only_data_folder_is_read_and_never_written(data_dir):
    path = notes_store(data_dir)
    listing = files_in(data_dir)
    with read_only_folder(data_dir):
        before = digest(path)
        store = open_store(data_dir)
        try:
            assert len(systems.list_systems(store)) == 1
            with pytest.raises(StoreError, match=rf"^Cairn's data folder {data_dir} is "
                                                 r"read-only, so Cairn will not save changes to "
                                                 r"it\.$"):
                systems.create_system(store, "Not written")
            report = run_check(store)
        finally:
            store.close()
        assert digest(path) == before
    assert files_in(data_dir) == listing
    assert report.ok and report.read_only and report.damage is None


def test_a_read_only_store_behind_the_schema_is_refused(data_dir):
    path = data_dir / STORE_FILENAME
    command.upgrade(migrate.alembic_config(f"sqlite:///{path}"), migrate.first_revision())
    refused = pytest.raises(StoreError, match=r"must be upgraded for this version of Cairn, "
                                              r"but it is read-only; nothing was changed\.")
    with read_only_file(path), refused:
        open_store(data_dir)
    assert not (data_dir / "backups").exists()


def test_a_store_cannot_be_created_on_a_full_disk(tmp_path):
    with small_disk(tmp_path / "disk") as disk:
        folder = disk / "data"
        folder.mkdir()
        fill_disk(disk)
        with pytest.raises(StoreError, match=r"^The disk is full: Cairn could not create its "
                                             r"store in .*Free some space"):
            open_store(folder)
        assert files_in(folder) == []


@pytest.mark.parametrize("room, what", [
    (0, "Cairn could not open the store"),  # no room even for SQLite's shared-memory file
    (36 << 10, "Cairn could not record this laptop's id in the store"),  # room for that only
])
def test_opening_a_store_on_a_full_disk_is_the_disk_being_full(tmp_path, room, what):
    """SQLite says SQLITE_IOERR_SHMSIZE "disk I/O error" when it cannot size its shared-memory
    file, and SQLITE_FULL when the write-ahead log cannot grow: both are a full disk."""
    with small_disk(tmp_path / "disk") as disk:
        folder = disk / "data"
        path = notes_store(folder)
        conn = sqlite3.connect(path)
        conn.execute("DELETE FROM store_meta")  # as a store made before device ids had them
        conn.commit()
        conn.close()
        fill_disk(disk, leave=room)
        before = digest(path)
        with pytest.raises(StoreError, match=rf"^The disk is full: {what}\. Free some space"):
            open_store(folder)
        assert digest(path) == before


def test_a_write_on_a_full_disk_is_the_disk_being_full_and_keeps_the_store_whole(tmp_path):
    with small_disk(tmp_path / "disk") as disk:
        folder = disk / "data"
        notes_store(folder)
        store = open_store(folder)
        try:
            filler = fill_disk(disk)
            for size in (10, 300_000):  # a change that fits in the log's free frames, or not
                with pytest.raises(StoreError, match=r"^The disk is full: the change was not "
                                                     r"saved\. Free some space on the disk"):
                    systems.create_system(store, "A long purpose", purpose="x" * size)
            assert [s.name for s in systems.list_systems(store)] == ["Island learning system"]
            filler.unlink()
            systems.create_system(store, "Saved once there is room")
            assert run_check(store).ok
        finally:
            store.close()


@pytest.mark.skipif(not hasattr(signal, "SIGXFSZ"), reason="needs POSIX file size limits")
def test_a_file_size_limit_is_named_as_such_not_as_a_full_disk(data_dir):
    """EFBIG: a process whose files may not grow (which holds for root too). SQLite reports it
    as SQLITE_IOERR_WRITE "disk I/O error"; with space left on the disk, it is the limit."""
    notes_store(data_dir)
    code = (
        "import resource, signal, sys\n"
        "from pathlib import Path\n"
        "from app.models import CairnError\n"
        "from app.services.planning import systems\n"
        "from app.store.engine import open_store\n"
        "store = open_store(Path(sys.argv[1]))\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a refused write, not a killed process\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE,\n"
        "                   (100_000, resource.getrlimit(resource.RLIMIT_FSIZE)[1]))\n"
        "try:\n"
        "    systems.create_system(store, 'Big', purpose='x' * 200_000)\n"
        "except CairnError as err:\n"
        "    print(err)\n"
        "    sys.exit(3)\n"
    )
    before = digest(data_dir / STORE_FILENAME)
    done = subprocess.run([sys.executable, "-c", code, str(data_dir)], capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 3, done.stderr
    assert done.stdout == ("The store has grown to the largest file this system lets Cairn "
                           "write (100,000 bytes): the change was not saved. Ask whoever "
                           "manages this computer to lift the file size limit.\n")
    assert digest(data_dir / STORE_FILENAME) == before
