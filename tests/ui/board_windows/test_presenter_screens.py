"""With two screens, the presenter view offers a choice of screen and fills the one chosen."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def test_full_screen_fills_the_chosen_screen_of_two(tmp_path):
    done = subprocess.run([sys.executable, str(Path(__file__).with_name("two_screens.py"))],
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, cwd=tmp_path,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["choices"] == ["1: laptop (1366×768)", "2: projector (1920×1080)"]
    assert seen["choice_shown"] and seen["opened_on"] == "laptop"
    assert seen["full_screen"] and seen["full_on"] == "projector"
    assert seen["full_geometry"] == [1366, 0, 1920, 1080]
    assert seen["left_full_screen"] and seen["still_open"]
    assert seen["remembered"] == "projector"
