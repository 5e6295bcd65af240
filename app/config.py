"""Where Cairn keeps its files, and the few constants every layer shares. No Qt here."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "Cairn"
APP_AUTHOR = "Cairn"
DATA_DIR_ENV = "CAIRN_DATA_DIR"
STORE_FILENAME = "cairn.sqlite"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The folder holding the local store: `--data-dir`, else $CAIRN_DATA_DIR, else the OS's."""
    if override:
        return Path(override).expanduser()
    env = os.environ.get(DATA_DIR_ENV)
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))


def log_dir() -> Path:
    """Per-user log folder (logs never hold participants' personal data)."""
    return Path(platformdirs.user_log_dir(APP_NAME, APP_AUTHOR))


def resources_dir() -> Path:
    """The shipped resources (icons, templates, styles); also inside a frozen bundle."""
    import sys

    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"
