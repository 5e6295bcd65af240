"""Sync: five laptops' changes merged into a fresh one, and a round with nothing new.

Run: .venv/bin/python tests/bench/bench_sync.py [--changes N] [--devices N]

- Five laptops share one learning system (made on the first and synced to the others), then
  each makes `--changes` changes (20,000) through the services, as a facilitator would:
  notes captured five at a time with a tag (three quarters of the changes), edits of note
  text, notes moved into themes, dot votes. Each writes them to the shared folder in files of
  200 changes (500 files in all).
- merge: a fresh laptop's first round: reading the 500 files and merging everything, one
  received operation per transaction. Baseline, in the same run: the same changes applied
  through the services, which is what making them on the five laptops took.
- empty round: a round with nothing new (the 500 files already applied), on the fresh laptop
  and on one that wrote 100 of the files (it re-verifies its own).
Targets: merge under 10 s, empty round under 200 ms, ratio under 2.
Last line: `sync: ratio <merge / baseline> (<merge> s vs baseline <baseline> s)`.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from app.models import NoteDraft  # noqa: E402
from app.services import capture  # noqa: E402
from app.services.planning import sessions, systems  # noqa: E402
from app.services.sensemaking import themes, votes  # noqa: E402
from app.services.sync import rounds, run_round  # noqa: E402
from app.store.engine import Store, open_store  # noqa: E402
from app.store.sync_state import pending  # noqa: E402

WORDS = ("ferry", "housing", "clinic", "trust", "carers", "winter", "broadband", "respite")


def _laptop(root: Path, name: str) -> Store:
    folder = root / name
    folder.mkdir()
    return open_store(folder, author=f"Facilitator at {name}", device_name=name)


def _make_changes(store: Store, session_id: str, theme_ids: list[str], changes: int,
                  rng: random.Random) -> float:
    """`changes` change-log entries made through the services; the seconds the service calls
    took (counting the changes is left out)."""
    start = pending(store)
    took = 0.0
    made: list[str] = []
    while (left := changes - (pending(store) - start)) > 0:
        roll = rng.random()
        t = time.perf_counter()
        if left >= 10 and (roll < 0.45 or not made):
            notes, _ = capture.add_notes(store, session_id, [
                NoteDraft(f"{rng.choice(WORDS)} note {len(made) + n}",
                          tags=(rng.choice(WORDS),)) for n in range(5)])
            made += [n.id for n in notes]
        elif roll < 0.75 or left < 10:
            capture.edit_note(store, rng.choice(made), text=f"edited {rng.random():.6f}")
        elif roll < 0.88:
            themes.move_notes(store, [rng.choice(made)], rng.choice(theme_ids))
        else:
            votes.add_votes(store, rng.choice(theme_ids), rng.randint(1, 3))
        took += time.perf_counter() - t
    return took


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--changes", type=int, default=20_000)
    parser.add_argument("--devices", type=int, default=5)
    args = parser.parse_args()
    rng = random.Random(7)
    root = Path(tempfile.mkdtemp(prefix="cairn-bench-sync-"))
    try:
        shared = root / "shared"
        shared.mkdir()
        laptops = [_laptop(root, f"Laptop {n}") for n in range(args.devices)]
        first = laptops[0]
        system, _ = systems.create_system(first, "Island learning system")
        session, _ = sessions.create_session(first, system.id, "Workshop",
                                             datetime(2026, 12, 8, 10).astimezone())
        theme_ids = [themes.create_theme(first, session.id, f"Theme {n}")[0].theme.id
                     for n in range(6)]
        rounds.FILE_ENTRIES = 200  # 500 files in all
        for store in laptops:
            run_round(store, shared)
        baseline = 0.0
        for store in laptops:
            baseline += _make_changes(store, session.id, theme_ids, args.changes, rng)
            run_round(store, shared)
        files = sum(1 for _ in (shared / "Cairn sync" / "devices").rglob("*.cairnlog"))
        fresh = _laptop(root, "Fresh laptop")
        t = time.perf_counter()
        merged = run_round(fresh, shared)
        merge = time.perf_counter() - t
        print(f"merge: {merged.received:,} changes in {files} files from {args.devices} "
              f"laptops into a fresh one: {merge:.2f} s ({merged.conflicts} conflicts)")
        print(f"baseline: the same changes through the services: {baseline:.2f} s")
        for who, store in (("fresh laptop", fresh), ("a laptop with 100 own files", first)):
            run_round(store, shared)
            took = []
            for _ in range(5):
                t = time.perf_counter()
                done = run_round(store, shared)
                took.append(time.perf_counter() - t)
                assert done.received == 0 and done.sent == 0
            print(f"empty round over {files} files, {who}: median "
                  f"{sorted(took)[2] * 1000:.0f} ms")
        for store in [*laptops, fresh]:
            store.close()
        print(f"sync: ratio {merge / baseline:.2f} ({merge:.2f} s vs baseline {baseline:.2f} s)")
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
