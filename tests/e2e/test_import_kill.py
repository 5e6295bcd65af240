"""An import of 5,000 notes is one transaction: a real `cairn import notes` killed with SIGKILL
at several points on its way leaves the session with all 5,000 notes or none, and the store
sound (`cairn check`).

Each round waits for a state of the running import before killing it, never for a time: the
process has started; the store's write-ahead log has begun to grow (the import is writing its
transaction); the log has grown past a few megabytes (well into it); the import has reported
success (after the commit).
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import pytest

from app.config import STORE_FILENAME
from app.services.planning import participants, sessions, systems
from app.store.engine import open_store

NOTES = 5_000
# Bytes of write-ahead log to wait for: its header only (32), then into the transaction.
WAL_POINTS = (33, 2_000_000, 5_000_000)

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals"),
]


def _big_csv(path: Path) -> None:
    kinds = ("idea", "barrier", "insight", "quote")
    rows = [f"Row {n}: the ferry timetable decides when the clinic opens #community-led,"
            f"{'Iona Fictional' if n % 3 == 0 else f'Role {n % 40}'},{kinds[n % 4]},"
            f"tag-{n % 60} trust" for n in range(NOTES)]
    path.write_text("Note,Speaker,Type,Tags\n" + "\n".join(rows) + "\n", encoding="utf-8")


def _wal_size(data_dir: Path) -> int:
    try:
        return (data_dir / f"{STORE_FILENAME}-wal").stat().st_size
    except FileNotFoundError:
        return 0


def _run_and_kill(data_dir: Path, session_id: str, csv: Path, point: str | int) -> bool:
    """Start an import, kill it when `point` is reached; whether that point was reached."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "app", "--data-dir", str(data_dir), "import", "notes",
         session_id, str(csv)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    reached = True
    deadline = time.monotonic() + 60
    try:
        if point == "reported":
            said = proc.stdout.readline()  # type: ignore[union-attr]
            reached = said.startswith(b"Imported 5,000 notes")
        elif isinstance(point, int):
            while _wal_size(data_dir) < point and proc.poll() is None:
                assert time.monotonic() < deadline, "the import never wrote"
            reached = proc.poll() is None
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stdout.close()  # type: ignore[union-attr]
        proc.stderr.close()  # type: ignore[union-attr]
    return reached


def _notes_in(data_dir: Path, session_id: str) -> int:
    conn = sqlite3.connect(data_dir / STORE_FILENAME)
    try:
        return conn.execute("SELECT count(*) FROM notes WHERE session_id = ?",
                            (session_id,)).fetchone()[0]
    finally:
        conn.close()


def test_a_killed_import_leaves_all_notes_or_none(data_dir, tmp_path):
    points: list[str | int] = ["started", *WAL_POINTS, "reported"]
    store = open_store(data_dir, author="Durability test")
    system, _ = systems.create_system(store, "Argyll learning system")
    session_ids = []
    for n, _ in enumerate(points):
        session, _ = sessions.create_session(store, system.id, f"Workshop {n + 1}",
                                             datetime(2026, 12, 8 + n, 10).astimezone())
        participants.add_to_session(store, session.id, "Iona Fictional")
        session_ids.append(session.id)
    store.close()
    csv = tmp_path / "wall.csv"
    _big_csv(csv)

    outcomes: dict[str | int, tuple[bool, int]] = {}
    for point, session_id in zip(points, session_ids, strict=True):
        reached = _run_and_kill(data_dir, session_id, csv, point)
        outcomes[point] = (reached, _notes_in(data_dir, session_id))
        # Each round is also the next round's recovery from a killed writer.
        assert outcomes[point][1] in (0, NOTES), outcomes

    assert outcomes["started"][1] == 0
    # Killed while its transaction was being written: none of it is there.
    mid_way = [p for p in WAL_POINTS if outcomes[p] == (True, 0)]
    assert len(mid_way) >= 2, outcomes
    assert outcomes["reported"] == (True, NOTES)

    done = subprocess.run([sys.executable, "-m", "app", "--data-dir", str(data_dir), "check",
                           "--json"], capture_output=True, text=True, timeout=60,
                          env={**os.environ})
    assert done.returncode == 0, done.stdout + done.stderr
    report = json.loads(done.stdout)
    assert report["ok"] and report["integrity"] == ["ok"] and report["foreign_key_problems"] == []
    assert report["search_index_ok"] and report["records"]["notes"] == NOTES
