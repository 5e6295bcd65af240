"""Build the Linux bundle and run Cairn from it, not from the source tree.

Slow (about a minute, mostly PyInstaller). Run on its own with:
    .venv/bin/python -m pytest -m slow tests/installers -v
Set CAIRN_TEST_BUNDLE=dist/cairn to check an existing bundle instead of building one.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _load_build_script():
    spec = importlib.util.spec_from_file_location("cairn_build", ROOT / "installers" / "build.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


build = _load_build_script()

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not sys.platform.startswith("linux"),
                       reason="the bundle test builds the Linux bundle; see installers/README.md "
                              "for Windows and macOS"),
]

MAX_BUNDLE_MB = 200
VERSION = build.project_version()


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A freshly built dist/ folder (bundle and tarball), or the one CAIRN_TEST_BUNDLE names."""
    existing = os.environ.get("CAIRN_TEST_BUNDLE")
    if existing:
        return Path(existing).resolve().parent
    if importlib.util.find_spec("PyInstaller") is None:
        pytest.skip("PyInstaller is not installed here: `pip install -e '.[build]'` to run the "
                    "bundle test")
    out = tmp_path_factory.mktemp("dist")
    work = tmp_path_factory.mktemp("work")
    done = subprocess.run(
        [sys.executable, str(ROOT / "installers" / "build.py"), "--dist", str(out),
         "--work", str(work)],
        cwd=ROOT, capture_output=True, text=True, timeout=900,
    )
    assert done.returncode == 0, f"build failed:\n{done.stdout[-3000:]}\n{done.stderr[-5000:]}"
    return out


@pytest.fixture(scope="module")
def bundle(dist: Path) -> Path:
    return dist / "cairn"


def _env(home: Path, **extra: str) -> dict[str, str]:
    """A clean environment: no source tree on the path, HOME (and so logs) in tmp."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "CAIRN_DATA_DIR")}
    env.update(HOME=str(home), XDG_STATE_HOME=str(home / ".local" / "state"),
               XDG_DATA_HOME=str(home / ".local" / "share"), QT_QPA_PLATFORM="offscreen")
    env.update(extra)
    return env


def _run(bundle: Path, *args: str, home: Path, timeout: float = 120,
         **env: str) -> subprocess.CompletedProcess[str]:
    # Run from an unrelated folder, so nothing can be imported from the source tree.
    return subprocess.run([str(bundle / "cairn"), *args], cwd=home, env=_env(home, **env),
                          capture_output=True, text=True, timeout=timeout)


@pytest.fixture
def home(tmp_path: Path) -> Path:
    folder = tmp_path / "home"
    folder.mkdir()
    return folder


def test_the_bundle_is_lean(bundle: Path) -> None:
    size_mb = build.folder_size(bundle) / 1e6
    assert size_mb < MAX_BUNDLE_MB, f"the bundle is {size_mb:.0f} MB"
    internal = bundle / "_internal"
    unwanted = ["tkinter", "_tkinter", "pytest", "PySide6/QtQml.abi3.so", "PySide6/QtNetwork.abi3.so",
                "PySide6/Qt/lib/libQt6WebEngineCore.so.6", "PySide6/Qt/lib/libQt6Quick.so.6",
                "PySide6/Qt/plugins/platformthemes/libqgtk3.so"]
    assert [name for name in unwanted if (internal / name).exists()] == []


def test_the_bundle_holds_what_the_app_loads_from_disk(bundle: Path) -> None:
    internal = bundle / "_internal"
    source_versions = {p.name for p in (ROOT / "app/store/migrations/versions").glob("*.py")}
    bundled = internal / "app" / "store" / "migrations"
    assert {p.name for p in (bundled / "versions").glob("*.py")} == source_versions
    assert (bundled / "env.py").is_file() and (bundled / "script.py.mako").is_file()
    for name in ("icons/cairn.svg", "icons/cairn.png", "THIRD_PARTY_LICENSES.txt"):
        assert (internal / "resources" / name).is_file(), name
    assert list((internal / "resources" / "templates").glob("*.json"))
    assert list(internal.glob("cairn-*.dist-info")), "no metadata: --version would be wrong"
    plugins = internal / "PySide6" / "Qt" / "plugins"
    for plugin in ("platforms/libqxcb.so", "platforms/libqoffscreen.so",
                   "platforms/libqwayland.so", "imageformats/libqsvg.so",
                   "iconengines/libqsvgicon.so"):
        assert (plugins / plugin).is_file(), plugin


def test_version(bundle: Path, home: Path) -> None:
    done = _run(bundle, "--version", home=home)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"cairn {VERSION}"


def test_demo_loads_once(bundle: Path, home: Path) -> None:
    data = home / "data"
    first = _run(bundle, "--data-dir", str(data), "demo", home=home)
    assert first.returncode == 0, first.stderr
    second = _run(bundle, "--data-dir", str(data), "demo", home=home)
    assert second.returncode == 0, second.stderr
    systems = _run(bundle, "--data-dir", str(data), "system", "list", "--json", home=home)
    assert systems.returncode == 0, systems.stderr
    assert len(json.loads(systems.stdout)) == 1
    check = _run(bundle, "--data-dir", str(data), "check", home=home)
    assert check.returncode == 0, check.stdout + check.stderr


def test_every_export_form_is_written_by_the_bundle(bundle: Path, home: Path) -> None:
    """The renderers' data files (python-docx's templates, the fonts) are where they look."""
    data = home / "data"
    assert _run(bundle, "--data-dir", str(data), "demo", home=home).returncode == 0
    listed = _run(bundle, "--data-dir", str(data), "session", "list", "--json", home=home)
    session = next(s["id"] for s in json.loads(listed.stdout) if s["status"] == "done")
    for form in ("pack", "docx", "html", "csv", "xlsx", "json", "qdpx"):
        out = home / f"export.{form}"
        done = _run(bundle, "--data-dir", str(data), "export", form, session, "--out", str(out),
                    home=home)
        assert done.returncode == 0, (form, done.stderr)
        assert out.stat().st_size > 0, form


def test_an_older_store_is_migrated_by_the_bundle(bundle: Path, home: Path) -> None:
    from alembic import command

    from app.store import migrate

    first, head = migrate.first_revision(), migrate.head_revision()
    if first == head:
        pytest.skip("only one migration so far: no upgrade path to exercise")
    data = home / "data"
    data.mkdir()
    store = data / "cairn.sqlite"
    command.upgrade(migrate.alembic_config(f"sqlite:///{store}"), first)
    done = _run(bundle, "--data-dir", str(data), "check", home=home)
    assert done.returncode == 0, done.stdout + done.stderr
    assert migrate.current_revision(store) == head
    assert list((data / "backups").glob("*.sqlite")), "no backup before the upgrade"


def test_the_app_starts_offscreen_and_stays_up(bundle: Path, home: Path) -> None:
    data = home / "data"
    assert _run(bundle, "--data-dir", str(data), "demo", home=home).returncode == 0
    started = time.monotonic()
    done = _run(bundle, "--data-dir", str(data), home=home, CAIRN_QUIT_AFTER_MS="4000")
    elapsed = time.monotonic() - started
    assert done.returncode == 0, done.stderr
    assert elapsed >= 3.5, f"the app left after {elapsed:.1f} s instead of staying up"
    assert "Traceback" not in done.stderr, done.stderr
    assert "Could not load the Qt platform plugin" not in done.stderr


def test_the_tarball_installs_for_one_user_and_uninstalls(dist: Path, tmp_path: Path) -> None:
    tarball = dist / f"cairn-{VERSION}-{build.platform_tag()}.tar.gz"
    if not tarball.exists():
        pytest.skip(f"{tarball.name} was not built (CAIRN_TEST_BUNDLE with --no-archive?)")
    with tarfile.open(tarball) as tar:
        if hasattr(tarfile, "tar_filter"):  # Python >= 3.11.4
            tar.extractall(tmp_path / "unpacked", filter="tar")
        else:
            tar.extractall(tmp_path / "unpacked")  # noqa: S202 - our own archive
    top = tmp_path / "unpacked" / f"cairn-{VERSION}-{build.platform_tag()}"
    home = tmp_path / "home"
    home.mkdir()
    env = _env(home, PATH=os.environ.get("PATH", "/usr/bin:/bin"))
    env.pop("XDG_DATA_HOME")
    installed = subprocess.run(["sh", str(top / "install.sh")], env=env, capture_output=True,
                               text=True, timeout=120)
    assert installed.returncode == 0, installed.stderr
    local = home / ".local"
    assert (local / "bin" / "cairn").is_symlink()
    desktop = (local / "share/applications/cairn.desktop").read_text(encoding="utf-8")
    assert f'Exec="{local}/lib/cairn/cairn"' in desktop
    assert (local / "share/icons/hicolor/256x256/apps/cairn.png").is_file()
    version = subprocess.run([str(local / "bin" / "cairn"), "--version"], env=env,
                             capture_output=True, text=True, timeout=60)
    assert version.stdout.strip() == f"cairn {VERSION}"

    user_data = local / "share" / "Cairn"
    user_data.mkdir(parents=True)
    (user_data / "cairn.sqlite").write_bytes(b"precious")
    removed = subprocess.run(["sh", str(local / "lib/cairn/install.sh"), "--uninstall"],
                             env=env, capture_output=True, text=True, timeout=60)
    assert removed.returncode == 0, removed.stderr
    assert not (local / "lib" / "cairn").exists()
    assert not (local / "bin" / "cairn").exists()
    assert not (local / "share/applications/cairn.desktop").exists()
    assert (user_data / "cairn.sqlite").read_bytes() == b"precious"


def test_report_sizes_and_start_up(bundle: Path, home: Path, capsys) -> None:
    """Not a check: prints the numbers for the release notes (`-s` to see them)."""
    def best_of(command: list[str], runs: int = 5) -> float:
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            subprocess.run(command, cwd=home, env=_env(home), capture_output=True, check=True)
            times.append(time.perf_counter() - started)
        return min(times)

    frozen = best_of([str(bundle / "cairn"), "--version"])
    source_cli = shutil.which("cairn", path=str(Path(sys.executable).parent))
    source = best_of([source_cli, "--version"]) if source_cli else float("nan")
    with capsys.disabled():
        print(f"\nbundle: {build.folder_size(bundle) / 1e6:.0f} MB; `cairn --version`: "
              f"{frozen * 1000:.0f} ms from the bundle, {source * 1000:.0f} ms from source")
