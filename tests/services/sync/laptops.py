"""Laptops for sync tests: each a real store in its own data folder, one shared folder."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from app.config import STORE_FILENAME
from app.services.sync import run_round
from app.services.sync.clock import OFFSET_ENV
from app.store.engine import Store, open_store
from app.store.replay import TABLES, replay

# Local bookkeeping that differs between laptops by design; everything logged must match.
COMPARED = sorted(TABLES)


def laptop(root: Path, name: str) -> Store:
    folder = root / name
    folder.mkdir(parents=True, exist_ok=True)
    return open_store(folder, author=f"Facilitator at {name}", device_name=name)


@contextmanager
def clock_offset(seconds: float) -> Iterator[None]:
    """This process's clock shifted, as on a laptop whose clock is wrong."""
    before = os.environ.get(OFFSET_ENV)
    os.environ[OFFSET_ENV] = str(seconds)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(OFFSET_ENV, None)
        else:
            os.environ[OFFSET_ENV] = before


def sync(store: Store, shared: Path, **options: Any) -> Any:
    return run_round(store, shared, **options)


def records(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """Every logged table's rows, in key order, as stored."""
    conn = sqlite3.connect(store.path.parent / STORE_FILENAME)
    try:
        return {name: conn.execute(f"SELECT * FROM {name} ORDER BY 1, 2").fetchall()
                for name in COMPARED}
    finally:
        conn.close()


def converge(stores: list[Store], shared: Path, rounds: int = 2) -> None:
    """Rounds on every laptop until each has everything the others wrote."""
    for _ in range(rounds):
        for store in stores:
            sync(store, shared)


def assert_identical(stores: list[Store]) -> None:
    first = records(stores[0])
    for other in stores[1:]:
        theirs = records(other)
        for table in COMPARED:
            assert first[table] == theirs[table], table


def assert_replays(store: Store) -> None:
    report = replay(store)
    assert report.ok, (report.problems[:3], [d.sentence() for d in report.differences[:3]])
