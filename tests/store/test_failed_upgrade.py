"""Schema upgrades that fail for real: a row a migration cannot convert, a disk that fills up
during the copy or the upgrade. One sentence, the store left byte for byte as it was, and a
retry that uses the copy taken before instead of making a new one each time."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic import command

from app.config import STORE_FILENAME
from app.models import StoreError
from app.services.planning import systems
from app.store import migrate
from app.store.engine import open_store
from tests.store.fault_helpers import digest, files_in, fill_disk, small_disk

SYSTEM = "01900000-0000-7000-8000-000000000001"


def _store_at_0003(folder: Path, created_at: str, log_entries: int = 0) -> Path:
    """A store as Cairn at revision 0003 left it (write-ahead log mode, closed cleanly)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / STORE_FILENAME
    command.upgrade(migrate.alembic_config(f"sqlite:///{path}"), "0003")
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("INSERT INTO learning_systems VALUES (?, 'Island system', 'Learn', '', ?)",
                 (SYSTEM, created_at))
    conn.executemany(
        "INSERT INTO change_log (id, at, device_id, author, entity, entity_id, op, field, value, "
        "exported) VALUES (?, '2025-01-01T09:00:00+00:00', 'laptop', 'Ailsa', 'system', ?, "
        "'update', 'purpose', ?, 0)",
        [(f"01900000-0000-7000-8000-1{n:011d}", SYSTEM, '"' + "words " * 50 + '"')
         for n in range(log_entries)])
    conn.commit()
    conn.close()
    return path


def _backups(folder: Path) -> list[str]:
    return sorted(p.name for p in (folder / "backups").glob("*.sqlite"))


def test_a_migration_that_fails_leaves_the_store_as_it_was_and_says_so(data_dir):
    """Revision 0004 rewrites every time in one form: a time it cannot read stops it half way.
    Before, the columns it had added stayed (pysqlite ran the DDL outside the transaction), so
    every retry failed on "duplicate column name" and made one more full backup."""
    path = _store_at_0003(data_dir, created_at="yesterday")
    before = digest(path)
    sentences = []
    for _ in range(3):
        with pytest.raises(StoreError) as refused:
            open_store(data_dir)
        sentences.append(str(refused.value))
        assert digest(path) == before
    (copy,) = _backups(data_dir)
    assert files_in(data_dir) == sorted([STORE_FILENAME, "backups", f"backups/{copy}",
                                         f"backups/{copy}.json"])
    assert sentences == [sentences[0]] * 3
    assert sentences[0] == (
        "This version of Cairn could not upgrade the store from revision 0003 (Invalid "
        "isoformat string: 'yesterday'), and left it as it was; the copy taken before the "
        f"upgrade is {data_dir / 'backups' / copy}.")
    assert migrate.current_revision(path) == "0003"


def test_a_store_changed_after_a_failed_upgrade_is_copied_again_then_upgraded(data_dir):
    path = _store_at_0003(data_dir, created_at="yesterday")
    with pytest.raises(StoreError, match="could not upgrade the store from revision 0003"):
        open_store(data_dir)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE learning_systems SET created_at = '2025-01-01T09:30:00.000000+00:00'")
    conn.commit()
    conn.close()
    store = open_store(data_dir)
    try:
        assert [s.name for s in systems.list_systems(store)] == ["Island system"]
    finally:
        store.close()
    assert migrate.current_revision(path) == migrate.head_revision()
    assert len(_backups(data_dir)) == 2  # the first copy holds the store before the repair


def test_a_full_disk_during_the_copy_before_an_upgrade_changes_nothing(tmp_path):
    with small_disk(tmp_path / "disk") as disk:
        folder = disk / "data"
        path = _store_at_0003(folder, "2025-01-01T09:30:00.000000+00:00", log_entries=3000)
        fill_disk(disk, leave=64 << 10)  # room to read the store, not to copy it
        before = digest(path)
        with pytest.raises(StoreError, match=r"^The disk is full: Cairn could not copy the "
                                             r"store into backups/ before upgrading it, and "
                                             r"left it as it was\. Free some space"):
            open_store(folder)
        assert files_in(folder) == [STORE_FILENAME]
        assert digest(path) == before and migrate.current_revision(path) == "0003"


def test_a_full_disk_during_an_upgrade_changes_nothing_and_the_retry_reuses_the_copy(tmp_path):
    """Room for the copy but not for the upgrade's write-ahead log: SQLITE_FULL in the middle
    of revision 0004, rolled back."""
    with small_disk(tmp_path / "disk") as disk:
        folder = disk / "data"
        path = _store_at_0003(folder, "2025-01-01T09:30:00.000000+00:00", log_entries=3000)
        filler = fill_disk(disk, leave=path.stat().st_size + (200 << 10))
        before = digest(path)
        for _ in range(2):
            with pytest.raises(StoreError, match=r"^The disk is full: Cairn could not upgrade "
                                                 r"the store, and left it as it was\. Free"):
                open_store(folder)
            assert digest(path) == before and migrate.current_revision(path) == "0003"
            assert len(_backups(folder)) == 1
        filler.unlink()
        open_store(folder).close()
        assert migrate.current_revision(path) == migrate.head_revision()
        assert len(_backups(folder)) == 1
