"""The store: pragmas, migrations after a backup, refusal of newer or foreign files, change log."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import select

from app.config import STORE_FILENAME
from app.models import StoreError, utcnow
from app.services.planning import systems
from app.store import migrate
from app.store.engine import open_store
from app.store.tables import ChangeLogRow, LearningSystemRow


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_pragmas_are_set(store):
    conn = store.raw()
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 2000
    conn.close()


def test_device_id_is_stable_across_opens(data_dir):
    first = open_store(data_dir)
    first.close()
    second = open_store(data_dir)
    assert first.device_id == second.device_id and len(first.device_id) == 36
    second.close()


def test_light_revision_reading_agrees_with_alembic():
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory.from_config(migrate.alembic_config())
    assert migrate.head_revision() == scripts.get_current_head()
    assert migrate.known_revisions() == {r.revision for r in scripts.walk_revisions()}


def test_schema_matches_the_tables():
    """`alembic check`: the migrations produce exactly the declared tables."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        opened = open_store(Path(folder))
        command.check(migrate.alembic_config(f"sqlite:///{opened.path}"))
        opened.close()


def test_store_made_at_the_first_revision_is_backed_up_and_upgraded(data_dir):
    path = data_dir / STORE_FILENAME
    first = migrate.first_revision()
    command.upgrade(migrate.alembic_config(f"sqlite:///{path}"), first)
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO learning_systems (id, name, purpose, principles, created_at) "
                 "VALUES ('01900000-0000-7000-8000-000000000001', 'Old system', '', '', "
                 "'2025-01-01T00:00:00.000000+00:00')")
    conn.commit()
    conn.close()

    opened = open_store(data_dir)
    assert migrate.current_revision(path) == migrate.head_revision()
    assert [s.name for s in systems.list_systems(opened)] == ["Old system"]
    if first != migrate.head_revision():
        backups = list((data_dir / "backups").glob("*.sqlite"))
        assert len(backups) == 1
    opened.close()


def test_store_from_a_newer_cairn_is_refused_untouched(store, data_dir):
    store.close()
    path = data_dir / STORE_FILENAME
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("UPDATE alembic_version SET version_num = 'f00dfeed9999'")
    conn.commit()
    conn.close()
    before = _digest(path)
    with pytest.raises(StoreError, match="newer version of Cairn"):
        open_store(data_dir)
    assert _digest(path) == before
    assert not (data_dir / "backups").exists()


def test_a_file_that_is_not_a_store_is_refused_untouched(data_dir):
    path = data_dir / STORE_FILENAME
    path.write_bytes(b"this is a shopping list, not a database" * 100)
    before = _digest(path)
    with pytest.raises(StoreError, match="not a Cairn store"):
        open_store(data_dir)
    assert _digest(path) == before


def test_an_unwritable_data_folder_is_one_clear_sentence(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(StoreError, match="cannot write to its data folder"):
        open_store(blocker / "data")


def test_every_write_is_logged_in_the_same_transaction(store):
    system, _ = systems.create_system(store, "Logged system")
    systems.update_system(store, system.id, purpose="To learn")
    with store.read() as s:
        log = list(s.scalars(select(ChangeLogRow).where(ChangeLogRow.entity_id == system.id)))
    assert [(e.op, e.field) for e in log] == [("insert", None), ("update", "purpose")]
    assert all(e.device_id == store.device_id and e.author == "Test Facilitator" for e in log)
    assert log[1].value == '"To learn"'


def test_a_failed_unit_of_work_leaves_neither_data_nor_log(store):
    with store.read() as s:
        before = len(list(s.scalars(select(ChangeLogRow))))
    with pytest.raises(RuntimeError), store.unit() as s:
        s.add(LearningSystemRow(id="01900000-0000-7000-8000-00000000abcd", name="Half",
                                purpose="", principles="",
                                created_at=utcnow()))
        s.flush()
        raise RuntimeError("power cut")
    with store.read() as s:
        assert len(list(s.scalars(select(ChangeLogRow)))) == before
        assert s.get(LearningSystemRow, "01900000-0000-7000-8000-00000000abcd") is None


def test_a_full_disk_is_one_clear_sentence_and_changes_nothing(store, system):
    """SQLite reports a full disk as SQLITE_FULL; cap the file's size to provoke it for real."""
    from sqlalchemy import event

    writer = store._engines[1]
    writer.dispose()

    @event.listens_for(writer, "connect")
    def _cap(dbapi_conn, record):
        pages = dbapi_conn.execute("PRAGMA page_count").fetchone()[0]
        dbapi_conn.execute(f"PRAGMA max_page_count={pages}")

    before = systems.list_systems(store)
    with pytest.raises(StoreError, match="disk is full"):
        systems.create_system(store, "A system with a very long purpose", purpose="x" * 200_000)
    assert systems.list_systems(store) == before
