"""Fast checks on the build inputs, run on every test run (the bundle itself is built by
test_bundle.py, marked slow)."""

from __future__ import annotations

import configparser
import importlib.util
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _load(name: str):
    spec = importlib.util.spec_from_file_location(f"cairn_{name}",
                                                  ROOT / "installers" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_bundle_keeps_every_qt_module_the_app_imports():
    build = _load("build")
    excluded = set(build._spec_list("UNUSED_QT"))
    assert "QtWebEngineCore" in excluded
    used = build._qt_modules_imported_by_app()
    assert {"QtCore", "QtGui", "QtWidgets"} <= used
    assert used & excluded == set(), "add these back to the spec, or stop importing them"


def test_the_version_comes_from_pyproject():
    build = _load("build")
    from app import __version__

    assert build.project_version() == __version__


def test_the_generated_icons_are_up_to_date():
    make_icons = _load("make_icons")
    assert make_icons.stale() == [], "run .venv/bin/python installers/make_icons.py"


def test_the_icons_hold_every_size_the_platforms_ask_for():
    from PIL import Image

    icons = ROOT / "resources" / "icons"
    with Image.open(icons / "cairn.ico") as ico:
        assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= set(ico.info["sizes"])
    with Image.open(icons / "cairn.icns") as icns:
        assert (512, 512, 2) in icns.info["sizes"]  # the 1024 px retina icon
    with Image.open(icons / "cairn.png") as png:
        assert png.size == (256, 256) and png.mode == "RGBA"


def test_the_desktop_entry_is_well_formed():
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # keys are case-sensitive
    entry.read(ROOT / "installers" / "linux" / "cairn.desktop", encoding="utf-8")
    section = entry["Desktop Entry"]
    assert section["Type"] == "Application" and section["Exec"] == "cairn"
    assert section["Icon"] == "cairn" and section["Terminal"] == "false"
    assert section["Categories"].endswith(";")


def test_the_shell_scripts_parse():
    for script, shell in (("linux/install.sh", "sh"), ("macos/make_dmg.sh", "bash")):
        done = subprocess.run([shell, "-n", str(ROOT / "installers" / script)],
                              capture_output=True, text=True)
        assert done.returncode == 0, f"{script}: {done.stderr}"


def test_the_inno_setup_script_installs_per_user_and_keeps_data():
    iss = (ROOT / "installers" / "windows" / "cairn.iss").read_text(encoding="utf-8")
    assert "PrivilegesRequired=lowest" in iss
    assert "{autoprograms}\\Cairn" in iss
    assert "[UninstallDelete]" not in iss.replace("no [UninstallDelete]", "")
    assert "localappdata" not in iss.lower().replace("%localappdata%", "")


def test_the_entry_points_run_the_cli_and_the_app():
    cli = (ROOT / "installers" / "entry_cli.py").read_text(encoding="utf-8")
    gui = (ROOT / "installers" / "entry_gui.py").read_text(encoding="utf-8")
    assert "from app.cli import main" in cli and "from app.main import run" in gui
    done = subprocess.run([sys.executable, str(ROOT / "installers" / "entry_cli.py"), "--version"],
                          capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert done.returncode == 0 and done.stdout.startswith("cairn ")


def test_the_bundle_takes_the_sample_learning_system_with_the_resources():
    """`cairn demo` in a bundle reads resources/sample: the spec's resource list holds it."""
    import ast

    spec = (ROOT / "installers" / "cairn.spec").read_text(encoding="utf-8")
    found = next(node for node in ast.parse(spec).body
                 if isinstance(node, ast.FunctionDef) and node.name == "_resources")
    space: dict[str, object] = {"ROOT": ROOT, "Path": Path}
    exec(compile(ast.Module(body=[found], type_ignores=[]), "cairn.spec", "exec"), space)
    bundled = {(Path(source).name, target) for source, target in space["_resources"]()}
    sample = sorted(p.name for p in (ROOT / "resources" / "sample").glob("*.json"))
    assert sample, "the sample's data files are missing"
    assert {(name, str(Path("resources") / "sample")) for name in sample} <= bundled
