"""House rules that keep the layers honest, checked on every run."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_import_contracts_hold():
    """ui -> services -> documents -> store -> models; Qt only in app.ui and app.main;
    reportlab and icalendar only in app.documents."""
    lint = Path(sys.executable).with_name("lint-imports")
    done = subprocess.run([str(lint)], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert "broken" in done.stdout and "0 broken" in done.stdout


def test_no_qt_import_outside_ui_even_lazily():
    pattern = re.compile(r"^\s*(from|import)\s+(PySide6|shiboken6)", re.M)
    offenders = [
        str(path.relative_to(ROOT)) for path in (ROOT / "app").rglob("*.py")
        if pattern.search(path.read_text(encoding="utf-8"))
        and "ui" not in path.relative_to(ROOT / "app").parts[:1]
        and path.name != "main.py"
    ]
    assert offenders == []


def test_modules_stay_a_readable_size():
    big = [f"{p.relative_to(ROOT)} ({n} lines)" for p in (ROOT / "app").rglob("*.py")
           if "migrations" not in p.parts
           and (n := len(p.read_text(encoding="utf-8").splitlines())) > 500]
    assert big == []


def _tool(name: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(Path(sys.executable).with_name(name)), *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=600)


def test_ruff_finds_nothing():
    done = _tool("ruff", "check", "app", "tests")
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]


def test_mypy_finds_nothing_in_the_typed_packages():
    """app/models, app/store, app/services and app/documents (pyproject's [tool.mypy])."""
    done = _tool("mypy", "--no-incremental")
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
