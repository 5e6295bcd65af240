"""Opening the local store: pragmas, migrations after a backup, refusal of newer stores.

The live database is only ever on local disk (never the shared drive): SQLite's locking
and WAL do not work on network or cloud-synced folders.

A store that cannot be written (a read-only file, folder or disk) is opened for reading only;
one that fails SQLite's quick check (run beside start-up, see `soundness`) is read but never
written. Either way every unit of work is refused with one sentence before it touches the
file, and any failure of SQLite on the way is told as `faults` words it: a full disk, a
read-only store, damage with how to restore a backup.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.orm import Session as OrmSession
from sqlalchemy.orm import sessionmaker

from app.config import STORE_FILENAME
from app.models.errors import StoreError
from app.store import access, changelog, device, faults, migrate, soundness
from app.store.soundness import BackgroundCheck

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
# What a read-only connection runs: it may not switch journal modes nor checkpoint.
READ_ONLY_PRAGMAS = ("PRAGMA foreign_keys=ON", "PRAGMA busy_timeout=5000")


class CairnSession(OrmSession):
    """ORM session class of Cairn's stores; the change log listens on it."""


changelog.install(CairnSession)


# How long a unit of work waits for the write connection while another thread holds it.
WRITER_WAIT_SECONDS = 120


def _make_engine(path: Path, *, immediate: bool, uri: str | None = None) -> Engine:
    """An engine on the store; with `uri` (read-only), its connections are opened from it."""
    options: dict[str, object] = {}
    if uri is not None:
        options["creator"] = lambda: sqlite3.connect(uri, uri=True, check_same_thread=False)
    if immediate:
        # One write connection for the whole process: units of work from several threads (a
        # background import, a note saved meanwhile) queue for it here, in order, instead of
        # meeting in SQLite's busy handler. Readers have a pool of their own.
        engine = create_engine(f"sqlite:///{path}", pool_size=1, max_overflow=0,
                               pool_timeout=WRITER_WAIT_SECONDS, **options)
    else:
        engine = create_engine(f"sqlite:///{path}", **options)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, record: object) -> None:
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves, below
        cur = dbapi_conn.cursor()
        for pragma in PRAGMAS if uri is None else READ_ONLY_PRAGMAS:
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


# Failures of a read that a person can act on; anything else is a programming error.
READ_FAULTS = frozenset({faults.SQLITE_CORRUPT, faults.SQLITE_NOTADB, faults.SQLITE_IOERR,
                         faults.SQLITE_CANTOPEN, faults.SQLITE_FULL, faults.SQLITE_READONLY})


@dataclass
class Store:
    """An open local store: one engine for reading, and one with a single connection for units
    of work, so writes are serialised within the process as SQLite serialises them anyway.

    Writes are refused, with the sentence `write_refusal` gives, when the store is read-only or
    failed the quick check that runs while it opens."""

    path: Path
    device_id: str
    author: str
    _reader: sessionmaker[CairnSession]
    _writer: sessionmaker[CairnSession]
    _engines: tuple[Engine, Engine]
    read_only: bool = False
    _uri: str | None = None  # the read-only URI connections open, when read-only
    _check: BackgroundCheck | None = None
    _refusal: str | None = None

    @contextlib.contextmanager
    def unit(self) -> Iterator[CairnSession]:
        """One unit of work: one transaction, committed (durably) on success, else rolled back.

        It is one operation in the change log (one op id, one time), and it waits for the one
        write connection while another thread's unit holds it. The first one waits for the
        store's quick check too.
        """
        if self._check is not None:
            self._settle()
        if self._refusal is not None:
            raise StoreError(self._refusal)
        with self._writer() as session:
            session.info["device_id"] = self.device_id
            session.info["author"] = self.author
            try:
                with session.begin():
                    yield session
            except PoolTimeout as exc:
                raise StoreError("The store is busy with a long change; try again when it is "
                                 "done.") from exc
            except (sqlite3.Error, DBAPIError) as exc:
                told = self._fault(exc)
                if told is None:
                    raise
                raise told from exc

    @contextlib.contextmanager
    def read(self) -> Iterator[CairnSession]:
        """A read-only snapshot."""
        try:
            with self._reader() as session, session.begin():
                yield session
        except (sqlite3.Error, DBAPIError) as exc:
            told = self._fault(exc, doing="Cairn could not read the store", only=READ_FAULTS)
            if told is None:
                raise
            raise told from exc

    def raw(self) -> sqlite3.Connection:
        """A plain sqlite3 connection with the store's pragmas (checks, bulk reads, benchmarks)."""
        if self._uri is not None:
            conn = sqlite3.connect(self._uri, uri=True, isolation_level=None)
            pragmas: tuple[str, ...] = READ_ONLY_PRAGMAS
        else:
            conn = sqlite3.connect(self.path, isolation_level=None)
            pragmas = PRAGMAS
        for pragma in pragmas:
            conn.execute(pragma)
        return conn

    @property
    def checked(self) -> bool:
        """Whether the quick check has given its answer (or was not needed)."""
        return self._check is None or self._check.done

    def write_refusal(self, *, wait: bool = True) -> str | None:
        """Why writes are refused (read-only, damaged), or None. Without `wait`, None also
        while the quick check is still running."""
        if self._check is not None:
            self._settle(None if wait else 0)
        return self._refusal

    def close(self) -> None:
        """Close every connection; a store known sound is remembered so (see `soundness`)."""
        sound = not self.read_only and self._refusal is None and self._check is None
        if self._check is not None:
            self._check.cancel()
        for engine in self._engines:
            engine.dispose()
        if sound:
            soundness.record_sound(self.path)

    def _settle(self, timeout: float | None = None) -> bool:
        """Take the quick check's answer (waiting up to `timeout`); False if it is not in."""
        check = self._check
        if check is None:
            return True
        found = check.findings(timeout)
        if found is None:
            return False
        if found and self._refusal is None:
            self._refusal = str(faults.damaged(self.path, "; ".join(found[:3])))
            soundness.forget(self.path)
        self._check = None
        return True

    def _fault(self, exc: BaseException, *, doing: str = faults.SAVE,
               only: frozenset[int] | None = None) -> StoreError | None:
        """The sentence for SQLite's failure (None: not one to tell); damage refuses writes."""
        told = faults.describe(exc, self.path, doing=doing)
        if told is None or (only is not None and faults.code_of(exc) not in only):
            return None
        if faults.is_damage(exc):
            self._refusal = str(told)
            soundness.forget(self.path)
        return told


def open_store(folder: Path, *, author: str = "", device_name: str = "",
               always_check: bool = True) -> Store:
    """Open (creating or upgrading) the store in `folder`.

    A store behind the current schema is copied to `backups/` and then migrated; one written
    by a newer Cairn, an empty file and a damaged one are refused untouched. A store Cairn may
    not write is opened for reading only. SQLite's quick check starts at once, or, without
    `always_check` (a command), before the first write and only if the file may have changed
    since a Cairn process closed it sound.
    """
    path = folder / STORE_FILENAME
    folder_read_only = access.folder_is_read_only(folder, path)
    if folder_read_only or not access.file_is_writable(path):
        return _open_read_only(path, folder_read_only=folder_read_only, author=author,
                               check=always_check)
    existed = path.exists()
    made = migrate.bring_to_head(path)
    # A store made or upgraded just now needs no check: creation is new, an upgrade checked it.
    check = None
    if existed and made is None and (always_check or not soundness.trusted(path)):
        check = BackgroundCheck(migrate.read_only_uri(path), start=always_check)
    store = _assemble(path, author, check=check)
    try:
        store.device_id = device.device_id(store, device_name)
    except BaseException:
        store.close()
        raise
    return store


def _assemble(path: Path, author: str, *, check: BackgroundCheck | None = None,
              uri: str | None = None) -> Store:
    reader_engine = _make_engine(path, immediate=False, uri=uri)
    writer_engine = _make_engine(path, immediate=True, uri=uri)
    return Store(
        path=path,
        device_id="",
        author=author,
        _reader=sessionmaker(reader_engine, class_=CairnSession, expire_on_commit=False),
        _writer=sessionmaker(writer_engine, class_=CairnSession, expire_on_commit=False),
        _engines=(reader_engine, writer_engine),
        _check=check,
    )


def _open_read_only(path: Path, *, folder_read_only: bool, author: str, check: bool) -> Store:
    """The store opened for reading only; refused when it is not at this version's schema."""
    # In a read-only folder SQLite can create neither lock nor shared-memory file: with no
    # write-ahead log left there, the file cannot change under us, so it is opened immutable.
    wal = path.with_name(path.name + "-wal")
    uri = migrate.read_only_uri(path, immutable=folder_read_only and not wal.exists())
    revision = migrate.current_revision(path, uri=uri)
    if revision != migrate.head_revision():
        if revision is not None and revision not in migrate.known_revisions():
            raise StoreError(migrate.NEWER)
        raise StoreError(f"The store {path} must be upgraded for this version of Cairn, but it "
                         "is read-only; nothing was changed.")
    # Only to tell the app's window of damage as well: no write will be tried.
    store = _assemble(path, author, check=BackgroundCheck(uri) if check else None, uri=uri)
    store.read_only, store._uri = True, uri
    store._refusal = str(faults.read_only(path, folder=folder_read_only))
    try:
        store.device_id = device.stored_id(store) or ""
    except BaseException:
        store.close()
        raise
    return store
