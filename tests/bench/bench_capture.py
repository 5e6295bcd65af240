"""Capture: saving one note with 100,000 in the store, against raw sqlite3, in the same run.

Run: .venv/bin/python tests/bench/bench_capture.py [--saves N] [--notes N]

- save: `capture.add_note` (FTS index and change log included), against a raw sqlite3
  INSERT + COMMIT with the store's own pragmas into a table shaped like `notes` (same columns
  and indexes, no triggers, 100,000 rows too) in the same file. Also shown: the writes
  add_note asks of SQLite done in raw sqlite3, which separates SQLite's own cost of the FTS
  index and the change log from Cairn's Python. All three are interleaved so that they meet
  the same disk and the same WAL checkpoints. p50 and p99 of each.
- search: `search_notes` over all 100,000 notes and within one session, p50/p95.
- open: `note_ids` + the first 50 `notes_by_ids` of a 20,000-note session.
- near duplicates: the first call for a 20,000-note session (fills the cache), then per call.
- capture pipe: 1,000 lines piped through a real `cairn capture` process (start-up included),
  against the same writes as add_note in raw sqlite3 in one process, one commit per note
  (note, FTS, change log), into the same store; the median of three runs of each, alternated.
  Printed as `capture pipe: ratio <r> (<s> s vs baseline <s> s)`, before the last line.
Last line: `capture: ratio <p99 ratio> (<p99> ms vs baseline <p99> ms)`.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from app.config import STORE_FILENAME  # noqa: E402
from app.models import new_id  # noqa: E402
from app.services import capture  # noqa: E402
from app.services.planning import (
    sessions,
    systems,  # noqa: E402
)
from app.services.planning.focus_areas import list_focus_areas  # noqa: E402
from app.store.engine import PRAGMAS, Store, open_store  # noqa: E402

SESSION_NOTES = 20_000
COMMON = ["housing", "transport", "community", "trust", "digital", "carers", "island", "services", "support", "people", "funding", "waiting", "staff", "clinic", "homelessness", "partners", "volunteers", "planning", "referral", "pathway", "loneliness", "broadband", "pharmacy", "discharge", "respite", "commissioning", "equity", "neighbourhood", "outreach", "language", "translation", "isolation", "winter", "ferry", "rural"]


def _vocabulary(rng: random.Random, size: int = 6000) -> list[str]:
    """Made-up words (so the index has a realistic spread of terms) plus the common ones."""
    syllables = "ba be bi bo bu ca ce ci co cu da de di do du fa fe fi fo ga ge gi go la le li " \
                "lo lu ma me mi mo mu na ne ni no nu ra re ri ro ru sa se si so su ta te ti to"
    parts = syllables.split()
    words = {"".join(rng.choice(parts) for _ in range(rng.randint(2, 4))) for _ in range(size)}
    return COMMON + sorted(words)


def _sentence(rng: random.Random, words: list[str]) -> str:
    # Zipf-like: a few words very often, most rarely, as in speech.
    n = rng.randint(8, 28)
    return " ".join(words[min(int(rng.paretovariate(1.1)) - 1, len(words) - 1)] if rng.random() < .6
                    else rng.choice(words) for _ in range(n)).capitalize() + "."


def _fill(store: Store, session_ids: list[str], area_ids: list[str], total: int,
          rng: random.Random, words: list[str]) -> None:
    """Bulk setup: notes through the triggers (so they are indexed), plus a shaped baseline."""
    conn = store.raw()
    conn.execute("CREATE TABLE bench_baseline AS SELECT * FROM notes WHERE 0")
    conn.execute("CREATE UNIQUE INDEX bench_baseline_id ON bench_baseline (id)")
    # Every index `notes` has, so the baseline writes the same row into the same b-trees.
    for (sql,) in conn.execute("SELECT sql FROM sqlite_master WHERE type = 'index' "
                               "AND tbl_name = 'notes' AND sql IS NOT NULL").fetchall():
        conn.execute(sql.replace("INDEX ix_notes", "INDEX ix_bench_baseline")
                     .replace(" ON notes ", " ON bench_baseline "))
    start = datetime(2026, 1, 5, 9, tzinfo=UTC)
    columns = "id, session_id, agenda_item_id, text, kind, captured_by, speaker_participant_id, " \
              "speaker_label, theme_id, starred, created_at"
    conn.execute("BEGIN")
    per_session = total // len(session_ids)
    for k, session_id in enumerate(session_ids):
        rows = [(new_id(), session_id, None, _sentence(rng, words), "insight", "Bench", None, "",
                 None, 0, (start + timedelta(days=k, seconds=i)).isoformat(timespec="microseconds"))
                for i in range(per_session)]
        conn.executemany(f"INSERT INTO notes ({columns}) VALUES ({', '.join('?' * 11)})", rows)
        conn.executemany(f"INSERT INTO bench_baseline ({columns}) VALUES ({', '.join('?' * 11)})",
                         [(new_id(), *r[1:]) for r in rows])
        conn.executemany("INSERT INTO note_focus_areas (note_id, focus_area_id) VALUES (?, ?)",
                         [(r[0], area_ids[i % len(area_ids)]) for i, r in enumerate(rows)])
    conn.execute("COMMIT")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))] * 1000


def _timed(fn: Callable[[], object]) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


PIPED = 1_000
NOTE_COLUMNS = "id, session_id, text, kind, captured_by, speaker_label, starred, created_at"


def same_writes(conn: sqlite3.Connection, session_id: str, text: str) -> None:
    """What a note save asks of SQLite (the note, its FTS entry by trigger, its change-log
    entry), in raw sqlite3 with no Python in between: the floor both save figures stand on."""
    note_id, at = new_id(), datetime.now(UTC).isoformat(timespec="microseconds")
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("SELECT system_id FROM sessions WHERE id = ?", (session_id,)).fetchone()
    conn.execute(f"INSERT INTO notes ({NOTE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                 (note_id, session_id, text, "insight", "Bench", "", 0, at))
    conn.execute("INSERT INTO change_log (id, op_id, at, device_id, author, entity, entity_id, "
                 "op, value, exported) VALUES (?, ?, ?, '', 'Bench', 'note', ?, 'insert', ?, 0)",
                 (new_id(), new_id(), at, note_id, json.dumps({"id": note_id, "text": text})))
    conn.execute("COMMIT")
ROOT = Path(__file__).resolve().parents[2]


def _capture_pipe(data_dir: Path, session_id: str, lines: Sequence[str]) -> tuple[float, float]:
    """Seconds for `lines` piped through `cairn capture` (process start to exit), and for the
    same writes in raw sqlite3 in one process, one commit per note: medians of three each."""
    feed = "".join(f"{line}\n" for line in lines).encode("utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p)}

    def piped() -> None:
        done = subprocess.run([sys.executable, "-m", "app", "--data-dir", str(data_dir),
                               "capture", session_id], input=feed, capture_output=True,
                              env=env, check=True)
        assert done.stdout.count(b"\nsaved ") + done.stdout.startswith(b"saved ") == len(lines)

    def raw_writes() -> None:
        conn = sqlite3.connect(data_dir / STORE_FILENAME, isolation_level=None)
        for pragma in PRAGMAS:
            conn.execute(pragma)
        for text in lines:
            same_writes(conn, session_id, text)
        conn.close()

    cli, floor = [], []
    for _ in range(3):
        floor.append(_timed(raw_writes))
        cli.append(_timed(piped))
    return statistics.median(cli), statistics.median(floor)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--saves", type=int, default=2000)
    parser.add_argument("--notes", type=int, default=100_000)
    args = parser.parse_args()
    rng = random.Random(20261208)
    words = _vocabulary(rng)
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(Path(folder) / "data", author="Bench")
        system, _ = systems.create_system(store, "Benchmark learning system")
        count = max(1, args.notes // SESSION_NOTES)
        session_ids = [sessions.create_session(
            store, system.id, f"Workshop {k + 1}", datetime(2026, 1, 5 + k, 9, tzinfo=UTC))[0].id
            for k in range(count)]
        areas = [a.id for a in list_focus_areas(store, system.id)]
        t = time.perf_counter()
        _fill(store, session_ids, areas, args.notes, rng, words)
        print(f"setup: {args.notes:,} notes indexed in {time.perf_counter() - t:.1f} s")
        # Let the operating system write the bulk load out first: otherwise the first commits
        # measured wait behind tens of megabytes of someone else's writeback.
        if hasattr(os, "sync"):
            os.sync()
        time.sleep(1)

        target = session_ids[-1]
        raw = store.raw()

        def baseline_save(text: str) -> None:
            raw.execute("BEGIN IMMEDIATE")
            raw.execute(f"INSERT INTO bench_baseline ({NOTE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        (new_id(), target, text, "insight", "Bench", "", 0,
                         datetime.now(UTC).isoformat(timespec="microseconds")))
            raw.execute("COMMIT")

        def same_writes_raw(text: str) -> None:
            same_writes(raw, target, text)

        texts = [_sentence(rng, words) for _ in range(args.saves + 200)]
        for text in texts[:200]:  # warm every path: caches, statements, the OS
            capture.add_note(store, target, text)
            baseline_save(text)
            same_writes_raw(text)
        app_times, base_times, floor_times = [], [], []
        # Interleaved, so that all three meet the same disk and the same checkpoints.
        for text in texts[200:]:
            app_times.append(_timed(lambda text=text: capture.add_note(store, target, text)))
            base_times.append(_timed(lambda text=text: baseline_save(text)))
            floor_times.append(_timed(lambda text=text: same_writes_raw(text)))
        tagged = [_timed(lambda text=text: capture.add_note(
            store, target, text, focus_area_ids=areas[:1], tags=("transport",)))
            for text in texts[:500]]
        raw.close()

        queries = [" ".join(rng.choice(COMMON + words[:400])[:rng.randint(3, 7)]
                            for _ in range(rng.randint(1, 2))) for _ in range(400)]
        everywhere = [_timed(lambda q=q: capture.search_notes(store, None, q, limit=50))
                      for q in queries]
        in_session = [_timed(lambda q=q: capture.search_notes(store, session_ids[0], q, limit=50))
                      for q in queries]
        hits = statistics.mean(len(capture.search_notes(store, None, q, limit=50))
                               for q in queries[:50])

        big = session_ids[0]
        store.close()
        store = open_store(Path(folder) / "data", author="Bench")

        def open_session() -> None:
            ids = capture.note_ids(store, big)
            capture.notes_by_ids(store, ids[:50])

        first_open = _timed(open_session)
        opens = [_timed(open_session) for _ in range(30)]
        n_ids = len(capture.note_ids(store, big))
        probe = capture.notes_by_ids(store, capture.note_ids(store, big)[:1])[0].text
        first_dupe = _timed(lambda: capture.near_duplicates(store, big, probe))
        dupes = [_timed(lambda t=t: capture.near_duplicates(store, big, t)) for t in texts[:200]]
        store.close()
        pipe, pipe_floor = _capture_pipe(Path(folder) / "data", target, texts[:PIPED])

    p50, p99 = _pct(app_times, .5), _pct(app_times, .99)
    b50, b99 = _pct(base_times, .5), _pct(base_times, .99)
    print(f"save (add_note, {len(app_times)} saves): p50 {p50:.3f} ms  p99 {p99:.3f} ms")
    print(f"save with a focus area and a tag ({len(tagged)}): p50 {_pct(tagged, .5):.3f} ms  "
          f"p99 {_pct(tagged, .99):.3f} ms")
    print(f"baseline (raw sqlite3 INSERT+COMMIT): p50 {b50:.3f} ms  p99 {b99:.3f} ms")
    print(f"the same writes as add_note in raw sqlite3 (note, FTS, change log): "
          f"p50 {_pct(floor_times, .5):.3f} ms  p99 {_pct(floor_times, .99):.3f} ms")
    print(f"search, all {args.notes:,} notes ({len(queries)} queries, {hits:.0f} hits each on "
          f"average): p50 {_pct(everywhere, .5):.2f} ms  p95 {_pct(everywhere, .95):.2f} ms  "
          f"max {max(everywhere) * 1000:.2f} ms")
    print(f"search, one session: p50 {_pct(in_session, .5):.2f} ms  "
          f"p95 {_pct(in_session, .95):.2f} ms")
    print(f"open a {n_ids:,}-note session (note_ids + first 50 notes_by_ids): first "
          f"{first_open * 1000:.1f} ms, then p50 {_pct(opens, .5):.1f} ms  "
          f"p95 {_pct(opens, .95):.1f} ms")
    print(f"near duplicates in {n_ids:,} notes: first call {first_dupe * 1000:.1f} ms, then "
          f"p50 {_pct(dupes, .5):.2f} ms  p95 {_pct(dupes, .95):.2f} ms")
    print(f"capture pipe: ratio {pipe / pipe_floor:.2f} ({pipe:.3f} s vs baseline "
          f"{pipe_floor:.3f} s)")
    print(f"capture: ratio {p99 / b99:.2f} ({p99:.3f} ms vs baseline {b99:.3f} ms)")


if __name__ == "__main__":
    main()
