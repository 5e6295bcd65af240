"""The folder transport under real faults: a writer killed between writing its temporary file
and moving it into place (a real process, SIGKILL), and a shared drive that is full."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import app
from app.models.errors import SharedFolderUnavailable
from app.services.sync.changefiles import file_name, publish
from app.services.sync.folder import PAUSE_AFTER_TEMP, FolderTransport
from app.services.sync.inbox import read_inbox
from app.services.sync.shared_exports import share_export
from app.services.sync.transport import ShareWriteFailed, temp_name

ME = "0190aaaa-0000-7000-8000-000000000001"
ORKNEY = "0190bbbb-0000-7000-8000-000000000002"
BIG = 40_000  # entries: a file of several megabytes, as after days offline

WRITER = """
import sys
from pathlib import Path
from app.services.sync.changefiles import publish
from app.services.sync.folder import FolderTransport
device, count = sys.argv[2], int(sys.argv[3])
entries = [{"id": f"e{i}", "op_id": f"o{i}", "value": "x" * 80} for i in range(count)]
publish(FolderTransport(Path(sys.argv[1]), create=False), device, "Orkney office", 1, "", entries)
"""


def big_entries(count: int) -> list[dict[str, str]]:
    return [{"id": f"e{i}", "op_id": f"o{i}", "value": "x" * 80} for i in range(count)]


def wait_for(path: Path, process: subprocess.Popen[bytes], timeout: float = 60.0) -> None:
    """Until `path` exists (the writer reached the pause); fails if the writer ends first."""
    deadline = time.monotonic() + timeout
    while not path.exists():
        assert process.poll() is None, process.stderr.read() if process.stderr else ""
        assert time.monotonic() < deadline, "the writer never reached its pause"
        time.sleep(0.02)


def test_kill_between_temporary_write_and_move_leaves_no_final_file(tmp_path: Path) -> None:
    share = tmp_path / "share"
    share.mkdir()
    t = FolderTransport(share, create=True)
    marker = tmp_path / "paused"
    env = dict(os.environ, PYTHONPATH=str(Path(app.__file__).parent.parent),
               **{PAUSE_AFTER_TEMP: str(marker)})
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(share), ORKNEY, str(BIG)],
                              env=env, stderr=subprocess.PIPE)
    try:
        wait_for(marker, writer)
    finally:
        writer.send_signal(signal.SIGKILL)
        writer.wait()
    assert writer.returncode == -signal.SIGKILL
    folder = share / "Cairn sync" / "devices" / ORKNEY
    final = file_name(ORKNEY, 1)
    assert sorted(p.name for p in folder.iterdir()) == [temp_name(final)]
    assert (folder / temp_name(final)).stat().st_size > 1_000_000
    assert t.list(f"devices/{ORKNEY}") == []
    seen_by_other = read_inbox(t, ME, {}, {}, tmp_path / "aside")
    assert (seen_by_other.files, seen_by_other.set_aside, seen_by_other.waiting) == ([], [], [])
    assert not read_inbox(t, ORKNEY, {}, {}, tmp_path / "aside").clone_suspected

    written = publish(t, ORKNEY, "Orkney office", 1, "", big_entries(BIG))
    assert written.name == final and len(written.entries) == BIG
    after = read_inbox(t, ME, {}, {}, tmp_path / "aside")
    assert [(f.seq, f.sha256) for f in after.files] == [(1, written.sha256)]


@pytest.fixture
def full_drive(tmp_path: Path) -> Iterator[Path]:
    """A 64 KB file system, so writes fail with ENOSPC as on a full USB stick or share."""
    drive = tmp_path / "stick"
    drive.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(drive)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"a small file system cannot be mounted here: {done.stderr.strip()}")
    try:
        yield drive
    finally:
        subprocess.run(["umount", str(drive)], check=True)


def test_a_full_shared_drive_is_one_sentence_and_leaves_no_partial_file(
        full_drive: Path, tmp_path: Path) -> None:
    t = FolderTransport(full_drive, create=True)
    first = publish(t, ME, "Harris", 1, "", big_entries(3))
    folder = full_drive / "Cairn sync" / "devices" / ME
    before = sorted(p.name for p in folder.iterdir())
    with pytest.raises(ShareWriteFailed) as told:
        publish(t, ME, "Harris", 2, first.sha256, big_entries(2_000))
    message = str(told.value)
    assert isinstance(told.value, SharedFolderUnavailable)
    assert "is full" in message and message.endswith(".") and message.count(". ") == 0
    assert sorted(p.name for p in folder.iterdir()) == before  # no final name, no temporary
    pack = tmp_path / "pack.pdf"
    pack.write_bytes(os.urandom(200_000))
    with pytest.raises(ShareWriteFailed, match="is full"):
        share_export(full_drive, "Harris", pack)
    exports = full_drive / "Cairn sync" / "exports"
    assert [p for p in exports.rglob("*") if p.is_file()] == []
    again = publish(t, ME, "Harris", 2, first.sha256, big_entries(3))  # room for a small one
    assert again.name == file_name(ME, 2)
    inbox = read_inbox(t, ORKNEY, {}, {}, tmp_path / "aside")
    assert [f.seq for f in inbox.files] == [1, 2]
