"""Opening the local store: pragmas, migrations after a backup, refusal of newer stores.

The live database is only ever on local disk (never the shared drive): SQLite's locking
and WAL do not work on network or cloud-synced folders.
"""

from __future__ import annotations

import contextlib
import os
import socket
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event, select
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.orm import Session as OrmSession
from sqlalchemy.orm import sessionmaker

from app.config import STORE_FILENAME
from app.models.base import new_id, utcnow
from app.models.errors import StoreError
from app.store import changelog, migrate
from app.store.canonical import canonical_time
from app.store.tables import StoreMetaRow

PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA foreign_keys=ON",
    "PRAGMA synchronous=FULL",
    "PRAGMA busy_timeout=5000",
    # Checkpoint the WAL into the database every 2,000 pages rather than SQLite's 1,000. Most
    # pages a save writes are the same few hot pages (the ends of the notes' indexes, the
    # search index's structure), so a checkpoint copies about as many distinct pages and takes
    # about as long either way: half as many checkpoints is half the checkpoint work, and one
    # save in ~150 rather than ~75 waits for one. The WAL stays under 8 MB.
    "PRAGMA wal_autocheckpoint=2000",
)


class CairnSession(OrmSession):
    """ORM session class of Cairn's stores; the change log listens on it."""


changelog.install(CairnSession)


# How long a unit of work waits for the write connection while another thread holds it.
WRITER_WAIT_SECONDS = 120


def _make_engine(path: Path, *, immediate: bool) -> Engine:
    if immediate:
        # One write connection for the whole process: units of work from several threads (a
        # background import, a note saved meanwhile) queue for it here, in order, instead of
        # meeting in SQLite's busy handler. Readers have a pool of their own.
        engine = create_engine(f"sqlite:///{path}", pool_size=1, max_overflow=0,
                               pool_timeout=WRITER_WAIT_SECONDS)
    else:
        engine = create_engine(f"sqlite:///{path}")

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, record: object) -> None:
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves, below
        cur = dbapi_conn.cursor()
        for pragma in PRAGMAS:
            cur.execute(pragma)
        cur.close()

    begin = "BEGIN IMMEDIATE" if immediate else "BEGIN"

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        # Writers take the write lock up front, so two writers queue (busy_timeout)
        # instead of one failing half-way through a unit of work. Straight to sqlite3:
        # SQLAlchemy's statement machinery costs more than the BEGIN on a note's save.
        conn.connection.driver_connection.execute(begin)  # type: ignore[union-attr]

    return engine


@dataclass
class Store:
    """An open local store: one engine for reading, and one with a single connection for units
    of work, so writes are serialised within the process as SQLite serialises them anyway."""

    path: Path
    device_id: str
    author: str
    _reader: sessionmaker[CairnSession]
    _writer: sessionmaker[CairnSession]
    _engines: tuple[Engine, Engine]

    @contextlib.contextmanager
    def unit(self) -> Iterator[CairnSession]:
        """One unit of work: one transaction, committed (durably) on success, else rolled back.

        It is one operation in the change log (one op id, one time), and it waits for the one
        write connection while another thread's unit holds it.
        """
        with self._writer() as session:
            session.info["device_id"] = self.device_id
            session.info["author"] = self.author
            try:
                with session.begin():
                    yield session
            except PoolTimeout as exc:
                raise StoreError("The store is busy with a long change; try again when it is "
                                 "done.") from exc
            except sqlite3.OperationalError as exc:
                raise _store_error(exc) from exc
            except Exception as exc:
                inner = getattr(exc, "orig", None)
                if isinstance(inner, sqlite3.OperationalError):
                    raise _store_error(inner) from exc
                raise

    @contextlib.contextmanager
    def read(self) -> Iterator[CairnSession]:
        """A read-only snapshot."""
        with self._reader() as session, session.begin():
            yield session

    def raw(self) -> sqlite3.Connection:
        """A plain sqlite3 connection with the store's pragmas (checks, bulk reads, benchmarks)."""
        conn = sqlite3.connect(self.path, isolation_level=None)
        for pragma in PRAGMAS:
            conn.execute(pragma)
        return conn

    def close(self) -> None:
        for engine in self._engines:
            engine.dispose()


def _store_error(exc: sqlite3.OperationalError) -> StoreError:
    text = str(exc).lower()
    if "full" in text:
        return StoreError("The disk is full: the change was not saved. Free some space and try again.")
    if "readonly" in text or "read-only" in text:
        return StoreError("Cairn's data folder is read-only: the change was not saved.")
    if "locked" in text or "busy" in text:
        return StoreError("The store is busy with another Cairn window or command; try again.")
    return StoreError(f"The store could not be written ({exc}); nothing was changed.")


def _check_writable(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / f".write-test-{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise StoreError(f"Cairn cannot write to its data folder {folder} ({reason}).") from exc


def open_store(folder: Path, *, author: str = "", device_name: str = "") -> Store:
    """Open (creating or upgrading) the store in `folder`.

    A store behind the current schema is copied to `backups/` and then migrated; one written
    by a newer Cairn is refused untouched.
    """
    _check_writable(folder)
    path = folder / STORE_FILENAME
    migrate.bring_to_head(path)
    reader_engine = _make_engine(path, immediate=False)
    writer_engine = _make_engine(path, immediate=True)
    store = Store(
        path=path,
        device_id="",
        author=author,
        _reader=sessionmaker(reader_engine, class_=CairnSession, expire_on_commit=False),
        _writer=sessionmaker(writer_engine, class_=CairnSession, expire_on_commit=False),
        _engines=(reader_engine, writer_engine),
    )
    store.device_id = _device_id(store, device_name)
    return store


def _device_id(store: Store, device_name: str) -> str:
    with store.read() as s:
        row = s.scalar(select(StoreMetaRow).where(StoreMetaRow.key == "device_id"))
        if row is not None:
            return row.value
    device_id = new_id()
    with store._writer() as s, s.begin():
        s.add(StoreMetaRow(key="device_id", value=device_id))
        s.add(StoreMetaRow(key="device_name", value=device_name or socket.gethostname()))
        s.add(StoreMetaRow(key="created_at", value=canonical_time(utcnow())))
    return device_id
