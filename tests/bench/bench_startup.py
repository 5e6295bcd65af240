"""Start-up: process start to main window shown with the sample data, against a bare Qt window.

Run: .venv/bin/python tests/bench/bench_startup.py [--runs N]
Both are measured the same way in the same run: the wall time from spawning the process to the
moment its event loop runs after the window is shown (printed by the child), median of N runs.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BARE_WINDOW = """
import time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()
window.resize(1366, 768)
window.show()
def shown():
    print(f"shown {time.time():.6f}", flush=True)
    app.quit()
QTimer.singleShot(0, shown)
app.exec()
"""


def _time_to_shown(cmd: list[str], env: dict[str, str]) -> float:
    start = time.time()
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=120)
    lines = [ln for ln in done.stdout.splitlines() if ln.startswith("shown ")]
    if done.returncode != 0 or not lines:
        raise SystemExit(f"start-up run failed ({done.returncode}): {done.stderr[-2000:]}")
    return float(lines[-1].split()[1]) - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "data"
        subprocess.run([sys.executable, "-m", "app", "--data-dir", str(data), "demo"],
                       check=True, capture_output=True, env=env)
        app_env = {**env, "CAIRN_REPORT_SHOWN": "1", "HOME": folder}
        app_cmd = [sys.executable, "-m", "app", "--data-dir", str(data)]
        bare_cmd = [sys.executable, "-c", BARE_WINDOW]
        # Warm the OS file cache for both before measuring.
        _time_to_shown(app_cmd, app_env)
        _time_to_shown(bare_cmd, env)
        app_times, bare_times = [], []
        for _ in range(args.runs):
            app_times.append(_time_to_shown(app_cmd, app_env))
            bare_times.append(_time_to_shown(bare_cmd, env))
    app_s, bare_s = statistics.median(app_times), statistics.median(bare_times)
    print(f"app:      median {app_s:.3f} s  (min {min(app_times):.3f}, max {max(app_times):.3f})")
    print(f"baseline: median {bare_s:.3f} s  (min {min(bare_times):.3f}, max {max(bare_times):.3f})")
    print(f"startup: ratio {app_s / bare_s:.2f} ({app_s:.3f} s vs baseline {bare_s:.3f} s)")


if __name__ == "__main__":
    main()
