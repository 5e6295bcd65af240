"""The real app on a real X server: `python -m app` in a subprocess, on Xvfb with Qt's xcb
platform (not offscreen), maps its main window, and closes cleanly when asked to end.

Skipped, with the reason, only where no X server can be started at all; CI sets
CAIRN_REQUIRE_X=1 and then a missing Xvfb is a failure, not a skip.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.desktop_check import debian_package, missing_libraries, problem, xcb_needs

ROOT = Path(__file__).resolve().parents[2]
DEADLINE = 90  # seconds: a loaded 2-core machine may be slow, but it gets there

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="X11 (xcb) is Linux's platform")


def _no_x(reason: str) -> None:
    if os.environ.get("CAIRN_REQUIRE_X"):
        pytest.fail(f"CAIRN_REQUIRE_X is set but {reason}")
    pytest.skip(reason)


@pytest.fixture
def display() -> Iterator[str]:
    """A fresh Xvfb server at 1366x768; its display name (":N")."""
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        _no_x("no X server can be started here: Xvfb is not installed "
              "(Debian/Ubuntu: apt install xvfb)")
    if shutil.which("xwininfo") is None:
        _no_x("xwininfo is not installed (Debian/Ubuntu: apt install x11-utils)")
    read, write = os.pipe()
    server = subprocess.Popen([xvfb, "-displayfd", str(write), "-screen", "0", "1366x768x24",
                               "-nolisten", "tcp"], pass_fds=(write,),
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    os.close(write)
    with os.fdopen(read) as answer:
        number = answer.readline().strip()  # Xvfb writes its display number once it listens
    if not number:
        server.kill()
        _no_x(f"Xvfb did not start: {server.communicate()[1].decode(errors='replace')[-300:]}")
    try:
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=30)


def _window_state(display: str, title: str) -> str:
    shown = subprocess.run(["xwininfo", "-display", display, "-name", title],
                           capture_output=True, text=True, timeout=30)
    for line in shown.stdout.splitlines():
        if "Map State:" in line:
            return line.split(":", 1)[1].strip()
    return ""


def test_the_app_maps_its_main_window_on_x11_and_closes_cleanly(display, tmp_path):
    assert missing_libraries(xcb_needs()) == [], "the xcb platform's libraries are not all here"
    env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb",
           "XDG_CONFIG_HOME": str(tmp_path / "config"), "HOME": str(tmp_path),
           "PYTHONPATH": str(ROOT)}
    env.pop("WAYLAND_DISPLAY", None)
    app = subprocess.Popen([sys.executable, "-m", "app", "--data-dir", str(tmp_path / "data")],
                           cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           text=True)
    try:
        deadline = time.monotonic() + DEADLINE
        while _window_state(display, "Cairn") != "IsViewable":
            assert app.poll() is None, f"the app ended by itself: {app.communicate()}"
            assert time.monotonic() < deadline, "the main window was never mapped"
            time.sleep(0.1)
        app.send_signal(signal.SIGTERM)  # as a desktop session ending does
        out, err = app.communicate(timeout=DEADLINE)
    finally:
        if app.poll() is None:
            app.kill()
            app.wait()
    assert app.returncode == 0, err
    assert "Traceback" not in err, err
    assert (tmp_path / "data" / "cairn.sqlite").exists()
    # Closing the window remembered its place, as only a clean close does.
    assert list((tmp_path / "config").rglob("*.conf")), "no settings were written on closing"


def test_without_a_display_it_says_why_in_one_sentence(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "xcb", "PYTHONPATH": str(ROOT)}
    env.pop("DISPLAY", None)
    done = subprocess.run([sys.executable, "-m", "app", "--data-dir", str(tmp_path / "data")],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=DEADLINE)
    assert done.returncode == 1
    assert done.stderr.strip().count("\n") == 0, done.stderr
    assert done.stderr.startswith("cairn: Cairn cannot open its window: no X11 display is set")


def test_a_missing_library_is_named_with_the_package_to_install():
    libc = "libc.so.6"
    sentence = problem({"QT_QPA_PLATFORM": "xcb", "DISPLAY": ":0"},
                       needs=[libc, "libxcb-cursor-cairn-test.so.0", "libcairn-nowhere2.so.4"],
                       platform="linux")
    assert sentence is not None
    assert sentence.count(". ") == 0 and sentence.endswith(".")
    assert "(libxcb-cursor-cairn-test.so.0, libcairn-nowhere2.so.4)" in sentence
    assert "sudo apt install libcairn-nowhere2-4 libxcb-cursor-cairn-test0`" in sentence
    assert problem({"QT_QPA_PLATFORM": "xcb", "DISPLAY": ":0"}, needs=[libc],
                   platform="linux") is None


def test_the_check_runs_only_where_qt_will_use_x11():
    needs = ["libcairn-nowhere.so.1"]
    for env, platform in (({"QT_QPA_PLATFORM": "offscreen"}, "linux"),
                          ({"QT_QPA_PLATFORM": "wayland;xcb"}, "linux"),
                          ({"XDG_SESSION_TYPE": "wayland", "WAYLAND_DISPLAY": "wayland-0"},
                           "linux"),
                          ({}, "darwin"), ({"QT_QPA_PLATFORM": "xcb"}, "win32")):
        assert problem(env, needs=needs, platform=platform) is None, (env, platform)
    for env in ({"QT_QPA_PLATFORM": "xcb;wayland"}, {"XDG_SESSION_TYPE": "x11"}, {}):
        assert problem({**env, "DISPLAY": ":0"}, needs=needs, platform="linux"), env


def test_the_needs_are_read_from_qt_s_own_xcb_plugin():
    needs = xcb_needs()
    assert {"libxcb-cursor.so.0", "libxcb-icccm.so.4", "libxcb-keysyms.so.1"} <= set(needs)
    assert not any(name.startswith(("libQt6", "libc.so")) for name in needs)
    assert [debian_package(n) for n in ("libxcb-cursor.so.0", "libxcb-icccm.so.4",
                                        "libxcb-keysyms.so.1", "libxkbcommon-x11.so.0",
                                        "libX11-xcb.so.1", "libglib-2.0.so.0")] == [
        "libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1", "libxkbcommon-x11-0",
        "libx11-xcb1", "libglib2.0-0"]
