"""Alembic, driven from code: bring a store to head after a backup; refuse newer stores."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory

from app.models.errors import StoreError

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config(url: str | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if url:
        cfg.set_main_option("sqlalchemy.url", url)
    return cfg


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def known_revisions() -> set[str]:
    return {rev.revision for rev in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


def current_revision(path: Path) -> str | None:
    """The store's revision, read without writing a byte (None for a new, empty store)."""
    if not path.exists() or path.stat().st_size == 0:
        return None
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
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
    except sqlite3.DatabaseError as exc:
        raise StoreError(
            f"{path} is damaged or is not a Cairn store ({exc}); nothing was changed."
        ) from exc


def backup(path: Path, revision: str) -> Path:
    """Copy the store with SQLite's online backup, so the copy is consistent even mid-WAL."""
    folder = path.parent / "backups"
    folder.mkdir(exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = folder / f"cairn-before-upgrade-{revision}-{stamp}.sqlite"
    src = sqlite3.connect(path)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()
    return target


def bring_to_head(path: Path) -> Path | None:
    """Create or upgrade the store at `path`. Returns the backup made, if any."""
    revision = current_revision(path)
    head = head_revision()
    if revision == head:
        return None
    if revision is not None and revision not in known_revisions():
        raise StoreError(
            "This data was saved by a newer version of Cairn; install the newer version to open "
            "it. Nothing was changed."
        )
    made = backup(path, revision) if revision is not None else None
    cfg = alembic_config(f"sqlite:///{path}")
    try:
        command.upgrade(cfg, "head")
    except sqlite3.OperationalError as exc:
        raise StoreError(f"The store could not be upgraded ({exc}); a backup is at {made}.") from exc
    return made
