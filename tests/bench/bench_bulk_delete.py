"""Deleting 5,000 notes at once and undoing it, against raw sqlite3, in the same run.

Run: .venv/bin/python tests/bench/bench_bulk_delete.py [--notes N] [--kept N] [--rounds N]

The store holds one session whose notes each have one or two focus areas, one or two free tags,
an agenda block and a speaker (a participant for two notes in three, a label otherwise).

- delete: `capture.delete_notes` of N notes (their snapshot read, the rows deleted, every
  delete logged), against raw sqlite3 with the store's pragmas deleting the same rows with
  `DELETE ... WHERE ... IN (...)` (links, then notes) and committing.
- restore: `history.restore` of that snapshot (the undo), against raw sqlite3 re-inserting the
  same rows with executemany and committing. Also shown: the same rows in raw multi-row
  INSERT statements, the form restore uses (the notes' FTS5 index writes out its pending
  terms at the end of every statement, so one statement per row costs it dearly).
Both sides meet the same file, the same search index triggers and the same disk; the rounds
alternate, and each figure is the median of its rounds. After every round the notes and their
links must be exactly as they were.
Last two lines: `bulk restore: ratio ...` and `bulk delete: ratio <r> (<s> s vs baseline <s> s)`.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from app.models import NoteDraft, NoteKind  # noqa: E402
from app.services import capture  # noqa: E402
from app.services.core import history  # noqa: E402
from app.services.planning import agenda, participants, sessions, systems  # noqa: E402
from app.services.planning.focus_areas import list_focus_areas  # noqa: E402
from app.store.engine import Store, open_store  # noqa: E402

TAGS = ["ferry", "trust", "digital", "housing", "respite", "rural", "carers", "broadband"]
PEOPLE = ["Ailsa Example", "Ruaridh Test", "Morag Sample", "Iain Madeup", "Eilidh Invented",
          "Calum Pretend", "Shona Fictional", "Fraser Notreal"]
LINKS = ("note_tags", "note_focus_areas")


def _fill(store: Store, total: int, rng: random.Random) -> tuple[str, list[str]]:
    """A session with `total` linked notes; its id and the notes' ids, in saving order."""
    system, _ = systems.create_system(store, "Bench learning system")
    session, _ = sessions.create_session(store, system.id, "Bench workshop",
                                         datetime(2026, 12, 8, 10, tzinfo=UTC), minutes=120)
    agenda.append_items(store, session.id, [{"title": t, "minutes": 30}
                                            for t in ("Welcome", "Breakouts", "Playback")])
    blocks = [b.id for b in agenda.list_agenda(store, session.id)]
    for name in PEOPLE:
        participants.add_to_session(store, session.id, name)
    areas = [a.id for a in list_focus_areas(store, system.id)]
    start = datetime(2026, 12, 8, 10, tzinfo=UTC)
    kinds = list(NoteKind)
    drafts = [NoteDraft(
        text=f"Note {i}: the ferry timetable and the clinic hours do not meet",
        kind=rng.choice(kinds),
        focus_area_ids=tuple(rng.sample(areas, rng.randint(1, 2))),
        tags=tuple(rng.sample(TAGS, rng.randint(1, 2))),
        speaker=rng.choice(PEOPLE) if i % 3 else "Housing officer",
        agenda_item_id=blocks[i % len(blocks)],
        starred=i % 7 == 0,
        created_at=start + timedelta(seconds=i)) for i in range(total)]
    notes, _ = capture.add_notes(store, session.id, drafts)
    return session.id, [n.id for n in notes]


def _chunks(values: Sequence[str], size: int = 500) -> list[Sequence[str]]:
    return [values[i:i + size] for i in range(0, len(values), size)]


def _rows(conn: sqlite3.Connection, table: str, column: str,
          ids: Sequence[str]) -> tuple[list[str], list[tuple[Any, ...]]]:
    """The table's columns and its rows whose `column` is in `ids`."""
    names = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
    rows: list[tuple[Any, ...]] = []
    for part in _chunks(ids):
        rows += conn.execute(f"SELECT {', '.join(names)} FROM {table} WHERE {column} IN "
                             f"({', '.join('?' * len(part))})", part).fetchall()
    return names, rows


def _state(conn: sqlite3.Connection) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the notes and their links, in key order."""
    return {t: conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall()
            for t in ("notes", *LINKS)}


def _raw_delete(conn: sqlite3.Connection, ids: Sequence[str]) -> float:
    t = time.perf_counter()
    conn.execute("BEGIN IMMEDIATE")
    for table in LINKS:
        for part in _chunks(ids):
            conn.execute(f"DELETE FROM {table} WHERE note_id IN ({', '.join('?' * len(part))})",
                         part)
    for part in _chunks(ids):
        conn.execute(f"DELETE FROM notes WHERE id IN ({', '.join('?' * len(part))})", part)
    conn.execute("COMMIT")
    return time.perf_counter() - t


def _raw_insert(conn: sqlite3.Connection,
                saved: dict[str, tuple[list[str], list[tuple[Any, ...]]]]) -> float:
    t = time.perf_counter()
    conn.execute("BEGIN IMMEDIATE")
    for table in ("notes", *LINKS):
        names, rows = saved[table]
        conn.executemany(f"INSERT INTO {table} ({', '.join(names)}) "
                         f"VALUES ({', '.join('?' * len(names))})", rows)
    conn.execute("COMMIT")
    return time.perf_counter() - t


def _raw_insert_multirow(conn: sqlite3.Connection,
                         saved: dict[str, tuple[list[str], list[tuple[Any, ...]]]]) -> float:
    t = time.perf_counter()
    conn.execute("BEGIN IMMEDIATE")
    for table in ("notes", *LINKS):
        names, rows = saved[table]
        one = f"({', '.join('?' * len(names))})"
        step = 30_000 // len(names)
        for i in range(0, len(rows), step):
            part = rows[i:i + step]
            conn.execute(f"INSERT INTO {table} ({', '.join(names)}) "
                         f"VALUES {', '.join([one] * len(part))}", [v for r in part for v in r])
    conn.execute("COMMIT")
    return time.perf_counter() - t


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--notes", type=int, default=5_000, help="notes deleted at once")
    parser.add_argument("--kept", type=int, default=1_000, help="notes of the session kept")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    rng = random.Random(9)
    with tempfile.TemporaryDirectory(prefix="cairn-bench-bulk-") as folder:
        store = open_store(Path(folder), author="Bench")
        t = time.perf_counter()
        _, ids = _fill(store, args.notes + args.kept, rng)
        chosen = rng.sample(ids, args.notes)
        conn = store.raw()
        before = _state(conn)
        links = sum(len(before[t]) for t in LINKS) * args.notes // len(ids)
        print(f"setup: {len(ids):,} notes with about {links:,} links to delete among them, "
              f"in {time.perf_counter() - t:.1f} s")
        saved = {"notes": _rows(conn, "notes", "id", chosen),
                 **{t: _rows(conn, t, "note_id", chosen) for t in LINKS}}
        app_delete: list[float] = []
        app_restore: list[float] = []
        raw_delete: list[float] = []
        raw_restore: list[float] = []
        raw_multirow: list[float] = []
        for _ in range(args.rounds):
            t = time.perf_counter()
            snapshot, _ = capture.delete_notes(store, chosen)
            app_delete.append(time.perf_counter() - t)
            t = time.perf_counter()
            history.restore(store, snapshot)
            app_restore.append(time.perf_counter() - t)
            assert _state(conn) == before, "the undo did not give back the same rows"
            raw_delete.append(_raw_delete(conn, chosen))
            raw_restore.append(_raw_insert(conn, saved))
            assert _state(conn) == before, "the baseline did not give back the same rows"
            _raw_delete(conn, chosen)
            raw_multirow.append(_raw_insert_multirow(conn, saved))
            assert _state(conn) == before, "the multi-row inserts did not give back the rows"
        conn.close()
        store.close()
    delete, delete_floor = statistics.median(app_delete), statistics.median(raw_delete)
    restore, restore_floor = statistics.median(app_restore), statistics.median(raw_restore)
    print(f"delete {args.notes:,} notes (capture.delete_notes): median {delete:.3f} s "
          f"(min {min(app_delete):.3f}, max {max(app_delete):.3f}); raw sqlite3 DELETE ... IN: "
          f"{delete_floor:.3f} s")
    print(f"undo it (history.restore): median {restore:.3f} s (min {min(app_restore):.3f}, "
          f"max {max(app_restore):.3f}); raw sqlite3 executemany INSERT: {restore_floor:.3f} s; "
          f"raw multi-row INSERT: {statistics.median(raw_multirow):.3f} s")
    print(f"bulk restore: ratio {restore / restore_floor:.2f} ({restore:.3f} s vs baseline "
          f"{restore_floor:.3f} s)")
    print(f"bulk delete: ratio {delete / delete_floor:.2f} ({delete:.3f} s vs baseline "
          f"{delete_floor:.3f} s)")


if __name__ == "__main__":
    main()
