"""Shared fixtures: a real SQLite store in tmp_path; Qt offscreen for every UI test."""

from __future__ import annotations

import os
import tempfile
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import settings

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Under pytest-xdist each worker gets settings and data folders of its own, so two tests running
# at once never share a settings file.
if os.environ.get("PYTEST_XDIST_WORKER"):
    _own = Path(tempfile.mkdtemp(prefix=f"cairn-tests-{os.environ['PYTEST_XDIST_WORKER']}-"))
    for _name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME"):
        os.environ[_name] = str(_own / _name.lower())
os.environ.setdefault("QT_ACCESSIBILITY", "1")

# Property tests: a few hundred examples by default; `--hypothesis-profile fuzz` for thousands.
settings.register_profile("ci", max_examples=200, deadline=None)
settings.register_profile("fuzz", max_examples=10_000, deadline=None)
settings.load_profile("ci")

from app.models import LearningSystem, Session  # noqa: E402
from app.services.planning import systems  # noqa: E402
from app.services.planning.sessions import create_session  # noqa: E402
from app.store.engine import Store, open_store  # noqa: E402


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    return folder


@pytest.fixture
def store(data_dir: Path):
    opened = open_store(data_dir, author="Test Facilitator")
    yield opened
    opened.close()


@pytest.fixture
def system(store: Store) -> LearningSystem:
    created, _ = systems.create_system(store, "Island learning system", purpose="Learn together")
    return created


@pytest.fixture
def session(store: Store, system: LearningSystem) -> Session:
    created, _ = create_session(
        store, system.id, "Sensemaking workshop 1", datetime(2026, 12, 8, 10, 0).astimezone(),
        minutes=90,
    )
    return created
