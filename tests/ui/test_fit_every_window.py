"""Every window, page and dialog fits a 1366x768 laptop screen at 100% and 200% text.

Each text size is checked once, in a process of its own (tests/ui/fit_check.py) whose
offscreen screen is the laptop's; each window's problems are then a test of their own, so a
failure names the window and says what lies where.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.ui.fit_check import NAMES

ROOT = Path(__file__).resolve().parents[2]
SCALES = (100, 200)
# Windows that belong to the capture work of issue 11 (its own layout and scribe mode), and
# do not fit yet: expected to fail until that work lands, and reported, not hidden, until then.


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> dict[int, dict[str, list[str]]]:
    folder = tmp_path_factory.mktemp("fit")
    found = {}
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    for scale in SCALES:
        out = folder / f"fit-{scale}.json"
        done = subprocess.run([sys.executable, str(ROOT / "tests/ui/fit_check.py"), str(scale),
                               str(out)], env=env, cwd=folder, capture_output=True, text=True,
                              timeout=300)
        assert done.returncode == 0, done.stderr[-2000:]
        found[scale] = json.loads(out.read_text(encoding="utf-8"))
    return found


def cases():
    for scale in SCALES:
        for name in NAMES:
            yield pytest.param(name, scale, id=f"{name}-{scale}")


@pytest.mark.parametrize(("name", "scale"), list(cases()))
def test_the_window_fits_the_laptop_screen(reports, name, scale):
    assert name in reports[scale], f"{name} was not opened"
    assert reports[scale][name] == []


def test_the_check_sees_a_window_too_big_and_a_button_outside_it(qapp, qtbot):
    """The check itself fails on what it is for (here on the test screen, whatever its size)."""
    from PySide6.QtWidgets import QPushButton, QWidget

    from tests.ui.fit_check import problems_of

    available = qapp.primaryScreen().availableGeometry()
    window = QWidget()
    qtbot.addWidget(window)
    window.setFixedSize(available.width() + 100, 200)
    button = QPushButton("Delete session", window)
    button.move(available.width() + 150, 10)  # past the right edge of the window
    window.show()
    qtbot.waitExposed(window)
    found = problems_of(window)
    assert any("larger than the screen" in p for p in found)
    assert any("QPushButton 'Delete session'" in p and "outside" in p for p in found)
