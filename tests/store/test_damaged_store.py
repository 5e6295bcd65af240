"""A store with a corrupt page or header, on real files: reads what SQLite can, writes nothing,
and says in one or two sentences how to restore a backup."""

from __future__ import annotations

import shutil
import sqlite3

import pytest

from app.config import STORE_FILENAME
from app.models import StoreError
from app.services import capture
from app.services.core.check import run_check
from app.services.planning import systems
from app.services.planning.sessions import list_sessions
from app.store import backups, migrate, soundness
from app.store.engine import open_store
from tests.store.fault_helpers import (
    corrupt_page,
    damage_header,
    digest,
    files_in,
    notes_leaf_page,
    notes_store,
)


@pytest.fixture
def damaged(data_dir):
    """A store of 300 notes with garbage over a leaf page of the notes table."""
    path = notes_store(data_dir)
    corrupt_page(path, notes_leaf_page(path))
    return path


def test_the_quick_check_finds_the_corrupt_page(damaged, data_dir):
    found = soundness.quick_check(migrate.read_only_uri(damaged))
    assert found and all("\n" not in line and "*** in database" not in line for line in found)
    healthy = notes_store(data_dir.parent / "healthy")
    assert soundness.quick_check(migrate.read_only_uri(healthy)) == []


def test_a_store_failing_the_quick_check_refuses_its_first_write_and_changes_nothing(damaged,
                                                                                    data_dir):
    before = digest(damaged)
    store = open_store(data_dir)
    try:
        # Reads that do not meet the bad page still work.
        assert [s.name for s in systems.list_systems(store)] == ["Island learning system"]
        with pytest.raises(StoreError) as refused:
            systems.create_system(store, "Written into a damaged store")
        assert store.write_refusal() == str(refused.value)
    finally:
        store.close()
    sentence = str(refused.value)
    assert sentence.startswith(f"The store {damaged} is damaged (")
    assert "so Cairn will not save changes to it" in sentence
    assert f"restore {STORE_FILENAME} from your own backup of {data_dir}" in sentence
    assert sentence.count(". ") <= 1 and sentence.endswith(".")
    assert digest(damaged) == before
    assert not (data_dir / "backups").exists()


def test_the_refusal_names_the_newest_backup_and_what_to_do_with_it(damaged, data_dir):
    older = backups.folder_of(damaged)
    older.mkdir()
    shutil.copy(damaged, older / "cairn-before-upgrade-0003-20261201-090000.sqlite")
    shutil.copy(damaged, older / "cairn-before-upgrade-0004-20261207-174500.sqlite")
    store = open_store(data_dir)
    try:
        with pytest.raises(StoreError) as refused:
            systems.create_system(store, "Written into a damaged store")
    finally:
        store.close()
    newest = older / "cairn-before-upgrade-0004-20261207-174500.sqlite"
    assert str(refused.value).endswith(
        f"To go back to the copy taken on 07 December 2026 17:45, close Cairn, move "
        f"{STORE_FILENAME} out of {data_dir} and copy {newest} into its place as "
        f"{STORE_FILENAME}.")


def test_a_read_that_meets_the_corrupt_page_is_one_sentence(damaged, data_dir):
    store = open_store(data_dir)
    try:
        (system,) = systems.list_systems(store)
        (session,) = list_sessions(store, system.id)
        with pytest.raises(StoreError, match=r"^The store .* is damaged \("):
            capture.list_notes(store, session.id)
    finally:
        store.close()


def test_the_check_reports_a_corrupt_page_and_still_counts_what_it_can(damaged, data_dir):
    store = open_store(data_dir)
    try:
        report = run_check(store, with_replay=True)
    finally:
        store.close()
    assert not report.ok and report.integrity != ["ok"]
    assert report.damage is not None and report.damage.startswith(f"The store {damaged} is "
                                                                   "damaged (")
    assert report.verdict() == report.damage
    assert report.records["learning_systems"] == 1
    assert report.replay is not None and not report.replay.ok


def test_a_damaged_header_is_refused_at_opening_and_changes_nothing(data_dir):
    path = notes_store(data_dir)
    damage_header(path)
    before, listing = digest(path), files_in(data_dir)
    with pytest.raises(StoreError, match=r"is damaged or is not a Cairn store \(file is not a "
                                         r"database\); nothing was changed\. Cairn has no copy"):
        open_store(data_dir)
    assert digest(path) == before and files_in(data_dir) == listing


def test_an_upgrade_is_never_attempted_on_a_damaged_store(data_dir):
    """A store behind the current schema that fails the quick check is neither copied nor
    migrated: the damage is reported as such."""
    from alembic import command

    path = data_dir / STORE_FILENAME
    command.upgrade(migrate.alembic_config(f"sqlite:///{path}"), migrate.first_revision())
    conn = sqlite3.connect(path)
    conn.executemany(
        "INSERT INTO learning_systems (id, name, purpose, principles, created_at) "
        "VALUES (?, ?, 'To learn together across the islands', '', "
        "'2025-01-01T00:00:00.000000+00:00')",
        [(f"01900000-0000-7000-8000-{n:012d}", f"System {n}") for n in range(300)])
    conn.commit()
    (page,) = conn.execute("SELECT pageno FROM dbstat WHERE name = 'learning_systems' "
                           "AND pagetype = 'leaf' ORDER BY pageno LIMIT 1 OFFSET 2").fetchone()
    conn.close()
    corrupt_page(path, page)
    before = digest(path)
    with pytest.raises(StoreError, match=r"is damaged \(.*will not save changes to it"):
        open_store(data_dir)
    assert digest(path) == before
    assert not (data_dir / "backups").exists()
