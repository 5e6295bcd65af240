"""When SQLite's quick check runs: the app always (beside start-up), a command before its first
write unless the file is exactly as a Cairn process left it on closing it sound."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys

import pytest

from app.config import STORE_FILENAME
from app.models import StoreError
from app.services.planning import systems
from app.store import soundness
from app.store.engine import open_store
from tests.store.fault_helpers import corrupt_page, notes_leaf_page, notes_store


def test_a_store_closed_sound_is_trusted_until_its_file_changes(data_dir):
    path = notes_store(data_dir)
    assert soundness.trusted(path)
    store = open_store(data_dir, always_check=False)
    try:
        assert store.checked  # nothing to wait for before a write
        systems.create_system(store, "Written without a check")
    finally:
        store.close()
    assert soundness.trusted(path)  # vouched for again as this process left it
    conn = sqlite3.connect(path)  # another program writes to it
    conn.execute("UPDATE learning_systems SET purpose = 'changed elsewhere'")
    conn.commit()
    conn.close()
    assert not soundness.trusted(path)
    store = open_store(data_dir, always_check=False)
    try:
        assert not store.checked  # the check waits for the first write
        systems.create_system(store, "Written after a check")
        assert store.checked
    finally:
        store.close()
    assert soundness.trusted(path)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
def test_a_store_left_by_a_killed_process_is_checked_again(data_dir):
    notes_store(data_dir)
    code = (
        "import os, signal, sys\n"
        "from pathlib import Path\n"
        "from app.services.planning import systems\n"
        "from app.store.engine import open_store\n"
        "store = open_store(Path(sys.argv[1]))\n"
        "systems.create_system(store, 'Saved just before the power cut')\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    done = subprocess.run([sys.executable, "-c", code, str(data_dir)], capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == -signal.SIGKILL, done.stderr
    assert not soundness.trusted(data_dir / STORE_FILENAME)  # its log was never folded in


def test_damage_that_leaves_the_file_looking_untouched_is_caught_by_the_app(data_dir):
    """A bit flipped on the disk changes neither size, modification time nor inode: a command
    trusts such a file, the app's check (on every start) refuses writes to it."""
    path = notes_store(data_dir)
    seen = os.stat(path)
    corrupt_page(path, notes_leaf_page(path))
    os.utime(path, ns=(seen.st_atime_ns, seen.st_mtime_ns))
    assert soundness.trusted(path)
    store = open_store(data_dir)
    try:
        with pytest.raises(StoreError, match="is damaged"):
            systems.create_system(store, "Not written")
    finally:
        store.close()
    assert not soundness.trusted(path)  # and forgotten, so commands check it too
