"""Alembic, driven from code: create a store, or bring one to head after a backup; refuse newer
stores, empty files and damaged ones.

Both happen in one SQLite transaction: Alembic is handed a connection on which Cairn itself
sends BEGIN (pysqlite would run DDL outside any transaction), so a migration that fails part
way leaves the store exactly as it was, and retrying it meets the same store. A new store is
built under a temporary name and renamed into place once complete, so a crash or a full disk
while creating it never leaves a half-made or empty `cairn.sqlite` behind.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from app.models.errors import StoreError
from app.store import backups, faults, soundness

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# Failures of the disk or of access, not of a migration: said as such, not as a failed upgrade.
NOT_THE_MIGRATION = frozenset({faults.SQLITE_FULL, faults.SQLITE_IOERR, faults.SQLITE_READONLY,
                               faults.SQLITE_BUSY, faults.SQLITE_LOCKED})
NEWER = ("This data was saved by a newer version of Cairn; install the newer version to open "
         "it. Nothing was changed.")


def alembic_config(url: str | None = None) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if url:
        cfg.set_main_option("sqlalchemy.url", url)
    return cfg


_REVISION_RE = re.compile(r"^(down_revision|revision)\s*=\s*['\"]?([\w]+|None)['\"]?", re.M)


@cache
def _revision_graph() -> dict[str, str | None]:
    """revision -> down_revision, read from the migration files without importing Alembic.

    Start-up only needs to know whether the store is at head; Alembic (a tenth of a second to
    import) is loaded only when there is something to migrate.
    """
    graph: dict[str, str | None] = {}
    for script in (MIGRATIONS_DIR / "versions").glob("*.py"):
        found = dict((k, v) for k, v in _REVISION_RE.findall(script.read_text(encoding="utf-8")))
        if "revision" in found:
            down = found.get("down_revision")
            graph[found["revision"]] = None if down in (None, "None") else down
    return graph


def head_revision() -> str:
    graph = _revision_graph()
    heads = set(graph) - {d for d in graph.values() if d}
    if len(heads) != 1:
        raise StoreError(f"Cairn's migrations have {len(heads)} heads; the install is damaged.")
    return heads.pop()


def known_revisions() -> set[str]:
    return set(_revision_graph())


def first_revision() -> str:
    return next(rev for rev, down in _revision_graph().items() if down is None)


def read_only_uri(path: Path, *, immutable: bool = False) -> str:
    """A URI opening the store without ever writing to it (`immutable` also skips locking and
    the shared-memory file, for a folder where SQLite may create neither)."""
    return path.resolve().as_uri() + ("?mode=ro&immutable=1" if immutable else "?mode=ro")


def current_revision(path: Path, *, uri: str | None = None) -> str | None:
    """The store's revision, read without writing a byte (None: no store there yet)."""
    if not path.exists():
        return None
    if path.stat().st_size == 0:
        raise StoreError(
            f"The store {path} is an empty file (0 bytes): its data is missing, so Cairn will "
            f"not start a new store over it. "
            f"{faults.restore_advice(path)}")
    try:
        conn = sqlite3.connect(uri or read_only_uri(path), uri=True)
        try:
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            if "alembic_version" not in tables:
                if tables:
                    raise StoreError(f"{path} is not a Cairn store; nothing was changed.")
                return None
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            return row[0] if row else None
        finally:
            conn.close()
    except sqlite3.Error as exc:
        if faults.code_of(exc) == faults.SQLITE_NOTADB:
            raise StoreError(f"{path} is damaged or is not a Cairn store ({exc}); nothing was "
                             f"changed. {faults.restore_advice(path)}") from exc
        raise _opening_error(exc, path) from exc


def _opening_error(exc: BaseException, path: Path) -> StoreError:
    found = faults.describe(exc, path, doing="Cairn could not open the store")
    return found or StoreError(f"Cairn could not open the store {path} ({exc}).")


def bring_to_head(path: Path) -> Path | None:
    """Create or upgrade the store at `path`. Returns the backup used, if any.

    A store behind head is quick-checked (no upgrade of a damaged store), copied to `backups/`
    (or the copy of the same store from a failed attempt is used again), then upgraded.
    """
    revision = current_revision(path)
    head = head_revision()
    if revision == head:
        return None
    if revision is None:
        create(path)
        return None
    if revision not in known_revisions():
        raise StoreError(NEWER)
    found = soundness.quick_check(read_only_uri(path))
    if found:
        raise faults.damaged(path, "; ".join(found[:3]))
    try:
        made = backups.before_upgrade(path, revision)
    except (sqlite3.Error, OSError) as exc:
        raise _failed(exc, path, "Cairn could not copy the store into backups/ before "
                      "upgrading it, and left it as it was") from exc
    try:
        _upgrade(path)
    except Exception as exc:
        raise _failed(exc, path, "Cairn could not upgrade the store, and left it as it was",
                      made=made, revision=revision) from exc
    return made


def create(path: Path) -> None:
    """A new store at head, built beside `path` and renamed into place when whole."""
    building = path.with_name(path.name + ".new")
    leftovers = [building.with_name(building.name + s) for s in ("", "-journal", "-wal", "-shm")]
    for leftover in leftovers:
        leftover.unlink(missing_ok=True)
    try:
        _upgrade(building)
        with open(building, "rb+") as made:
            os.fsync(made.fileno())
        os.replace(building, path)
        _sync_folder(path.parent)
    except Exception as exc:
        for leftover in leftovers:
            with contextlib.suppress(OSError):
                leftover.unlink(missing_ok=True)
        raise _failed(exc, path, f"Cairn could not create its store in {path.parent}") from exc


def _upgrade(path: Path) -> None:
    """Every pending migration in one transaction on `path`, committed only if all succeed."""
    from alembic import command
    from sqlalchemy import create_engine, event, pool

    engine = create_engine(f"sqlite:///{path}", poolclass=pool.NullPool)
    event.listen(engine, "connect", _own_transactions)
    event.listen(engine, "begin", lambda conn: conn.exec_driver_sql("BEGIN IMMEDIATE"))
    try:
        with engine.begin() as conn:
            cfg = alembic_config(f"sqlite:///{path}")
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
    finally:
        engine.dispose()


def _own_transactions(dbapi_conn: sqlite3.Connection, record: object) -> None:
    dbapi_conn.isolation_level = None  # BEGIN is sent by the "begin" listener, DDL included
    dbapi_conn.execute("PRAGMA busy_timeout=5000")


def _failed(exc: BaseException, path: Path, doing: str, *, made: Path | None = None,
            revision: str | None = None) -> StoreError:
    """One sentence for a failed creation, copy or upgrade; `made` is the copy of the store."""
    if isinstance(exc, StoreError):
        return exc
    if isinstance(exc, OSError):
        if exc.errno in faults.NO_SPACE:
            return faults.disk_full(path, doing)
        return StoreError(f"{doing[0].upper()}{doing[1:]} ({exc.strerror or exc}).")
    described = faults.describe(exc, path, doing=doing)
    if made is None:
        return described or StoreError(f"{doing[0].upper()}{doing[1:]} ({_reason(exc)}).")
    if described is not None and faults.code_of(exc) in NOT_THE_MIGRATION:
        return described
    return StoreError(f"This version of Cairn could not upgrade the store from revision "
                      f"{revision} ({_reason(exc)}), and left it as it was; the copy taken "
                      f"before the upgrade is {made}.")


def _reason(exc: BaseException) -> str:
    found = faults.sqlite_error(exc)
    text = str(found if found is not None else exc)
    return text.splitlines()[0] if text else type(exc).__name__


def _sync_folder(folder: Path) -> None:
    """Make a rename in `folder` durable (POSIX; Windows has no directory handles to sync)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
