"""Alembic, driven from code: bring a store to head after a backup; refuse newer stores."""

from __future__ import annotations

import re
import sqlite3
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from app.models.errors import StoreError

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


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
    from alembic import command

    made = backup(path, revision) if revision is not None else None
    cfg = alembic_config(f"sqlite:///{path}")
    try:
        command.upgrade(cfg, "head")
    except sqlite3.OperationalError as exc:
        raise StoreError(f"The store could not be upgraded ({exc}); a backup is at {made}.") from exc
    return made
