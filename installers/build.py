"""Build Cairn for the platform this runs on, into dist/.

Run: .venv/bin/python installers/build.py [--no-archive] [--clean]

1. checks the build environment (PyInstaller present, Cairn installed at pyproject's version,
   no excluded Qt module imported by app/);
2. regenerates the icons if the SVG changed, and always the third-party licences file;
3. runs PyInstaller on installers/cairn.spec (onedir) into dist/cairn/ (dist/Cairn.app on macOS);
4. packages it: Linux, dist/cairn-<version>-linux-<arch>.tar.gz with a .desktop file, icons and
   install.sh; Windows, the Inno Setup installer if `iscc` is found; macOS, a .dmg.
See installers/README.md for the choices and for the Windows and macOS steps.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import stat
import subprocess
import sys
import tarfile
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INSTALLERS = ROOT / "installers"
SPEC = INSTALLERS / "cairn.spec"


def project_version() -> str:
    """The one version: pyproject's [project] version."""
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return str(data["project"]["version"])


def platform_tag() -> str:
    """linux-x86_64, windows-x64, macos-arm64 ..."""
    machine = platform.machine().lower()
    machine = {"amd64": "x86_64", "aarch64": "arm64"}.get(machine, machine)
    if sys.platform == "win32":
        return "windows-x64" if machine == "x86_64" else f"windows-{machine}"
    if sys.platform == "darwin":
        return f"macos-{machine}"
    return f"linux-{machine}"


class BuildError(Exception):
    """A build that cannot go on; the text says what to do."""


def preflight(version: str) -> None:
    """Fail early, with the fix, on the usual causes of a broken bundle."""
    try:
        import PyInstaller  # noqa: F401
    except ImportError as exc:
        raise BuildError(
            "PyInstaller is not installed in this Python. Run: "
            f"{sys.executable} -m pip install -e '.[build]'") from exc
    from importlib import metadata

    try:
        installed = metadata.version("cairn")
    except metadata.PackageNotFoundError as exc:
        raise BuildError(
            "Cairn is not installed in this Python, so the bundle would have no version. Run: "
            f"{sys.executable} -m pip install -e '.[build]'") from exc
    if installed != version:
        raise BuildError(
            f"The installed Cairn metadata says {installed} but pyproject.toml says {version}. "
            f"Refresh it with: {sys.executable} -m pip install -e '.[build]'")
    unused = _spec_list("UNUSED_QT")
    used = _qt_modules_imported_by_app()
    clash = sorted(used & set(unused))
    if clash:
        raise BuildError(
            f"app/ imports {', '.join(clash)}, which installers/cairn.spec leaves out of the "
            "bundle. Remove it from UNUSED_QT in the spec (and check the bundle size).")


def _spec_list(name: str) -> list[str]:
    text = SPEC.read_text(encoding="utf-8")
    match = re.search(rf"^{name} = \[(.*?)^\]", text, re.S | re.M)
    if not match:
        raise BuildError(f"{SPEC} has no {name} list.")
    return re.findall(r'"([^"]+)"', match.group(1))


def _qt_modules_imported_by_app() -> set[str]:
    pattern = re.compile(r"^\s*(?:from|import)\s+PySide6\.(Qt\w+)", re.M)
    found: set[str] = set()
    for path in (ROOT / "app").rglob("*.py"):
        found.update(pattern.findall(path.read_text(encoding="utf-8")))
    return found


def prepare_resources() -> None:
    """Icons (only when the SVG changed) and the third-party licences file (always)."""
    sys.path.insert(0, str(INSTALLERS))
    import gen_licences
    import make_icons

    if make_icons.stale():
        print("Icons are out of date: regenerating them from resources/icons/cairn.svg")
        make_icons.write_all()
    print(f"Wrote {gen_licences.write().relative_to(ROOT)}")


def run_pyinstaller(dist: Path, work: Path, *, clean: bool, gui_exe: bool | None) -> None:
    env = dict(os.environ)
    if gui_exe is not None:
        env["CAIRN_GUI_EXE"] = "1" if gui_exe else "0"
    command = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
               "--distpath", str(dist), "--workpath", str(work), str(SPEC)]
    if clean:
        command.insert(3, "--clean")
    print("Running:", " ".join(command))
    # Not from the project folder: `python -m` puts the current folder on sys.path, and the
    # project's own cairn.egg-info (possibly stale) would then be bundled as Cairn's metadata.
    work.mkdir(parents=True, exist_ok=True)
    subprocess.run(command, check=True, cwd=work, env=env)


def add_linux_desktop_files(bundle: Path, version: str) -> None:
    """The .desktop file, icons, install.sh and licence beside the executable."""
    share = bundle / "share"
    apps = share / "applications"
    apps.mkdir(parents=True, exist_ok=True)
    desktop = (INSTALLERS / "linux" / "cairn.desktop").read_text(encoding="utf-8")
    (apps / "cairn.desktop").write_text(desktop.replace("@VERSION@", version), encoding="utf-8")
    icons = ROOT / "resources" / "icons"
    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        target = share / "icons" / "hicolor" / f"{size}x{size}" / "apps"
        target.mkdir(parents=True, exist_ok=True)
        shutil.copy2(icons / f"cairn-{size}.png", target / "cairn.png")
    scalable = share / "icons" / "hicolor" / "scalable" / "apps"
    scalable.mkdir(parents=True, exist_ok=True)
    shutil.copy2(icons / "cairn.svg", scalable / "cairn.svg")
    install = bundle / "install.sh"
    shutil.copy2(INSTALLERS / "linux" / "install.sh", install)
    install.chmod(install.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    shutil.copy2(INSTALLERS / "linux" / "README.txt", bundle / "README.txt")
    shutil.copy2(ROOT / "LICENSE", bundle / "LICENSE")


def make_tarball(bundle: Path, out: Path, top: str) -> Path:
    """A reproducible-ish .tar.gz of `bundle` under the folder name `top`."""

    def normalise(info: tarfile.TarInfo) -> tarfile.TarInfo:
        info.uid = info.gid = 0
        info.uname = info.gname = ""
        return info

    with tarfile.open(out, "w:gz", compresslevel=6) as tar:
        tar.add(bundle, arcname=top, filter=normalise)
    return out


def package_windows(dist: Path, version: str) -> Path | None:
    iscc = shutil.which("iscc") or _default_iscc()
    if not iscc:
        print("Inno Setup (iscc) not found: skipping the installer. See installers/README.md.")
        return None
    command = [iscc, f"/DAppVersion={version}", f"/DBundleDir={dist / 'cairn'}",
               f"/DOutputDir={dist}", str(INSTALLERS / "windows" / "cairn.iss")]
    print("Running:", " ".join(command))
    subprocess.run(command, check=True, cwd=ROOT)
    return dist / f"cairn-{version}-{platform_tag()}-setup.exe"


def _default_iscc() -> str | None:
    """ISCC.exe where Inno Setup 6 installs itself (for all users, or for one)."""
    local = os.environ.get("LOCALAPPDATA")
    bases = [os.environ.get("PROGRAMFILES(X86)"), os.environ.get("PROGRAMFILES"),
             str(Path(local) / "Programs") if local else None]
    for base in filter(None, bases):
        candidate = Path(base) / "Inno Setup 6" / "ISCC.exe"
        if candidate.exists():
            return str(candidate)
    return None


def package_macos(dist: Path, version: str) -> Path | None:
    if not shutil.which("hdiutil"):
        print("hdiutil not found: skipping the .dmg.")
        return None
    out = dist / f"cairn-{version}-{platform_tag()}.dmg"
    subprocess.run(["bash", str(INSTALLERS / "macos" / "make_dmg.sh"), str(dist / "Cairn.app"),
                    str(out)], check=True, cwd=ROOT)
    return out


def folder_size(path: Path) -> int:
    return sum(p.lstat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="output folder")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "pyinstaller",
                        help="PyInstaller's working folder (kept between builds as a cache)")
    parser.add_argument("--clean", action="store_true", help="empty PyInstaller's cache first")
    parser.add_argument("--no-archive", action="store_true",
                        help="build the bundle only: no tarball, installer or disk image")
    gui = parser.add_mutually_exclusive_group()
    gui.add_argument("--gui-exe", dest="gui_exe", action="store_true", default=None,
                     help="also build the windowed cairn-gui executable (default on Windows "
                     "and macOS)")
    gui.add_argument("--no-gui-exe", dest="gui_exe", action="store_false")
    args = parser.parse_args(argv)

    version = project_version()
    dist: Path = args.dist.resolve()
    started = time.monotonic()
    try:
        preflight(version)
        prepare_resources()
        run_pyinstaller(dist, args.work.resolve(), clean=args.clean, gui_exe=args.gui_exe)
    except BuildError as err:
        print(f"build.py: {err}", file=sys.stderr)
        return 1
    except subprocess.CalledProcessError as err:
        print(f"build.py: {err}", file=sys.stderr)
        return 1

    bundle = dist / "cairn"
    artefact: Path | None = None
    if sys.platform.startswith("linux"):
        add_linux_desktop_files(bundle, version)
        if not args.no_archive:
            name = f"cairn-{version}-{platform_tag()}"
            artefact = make_tarball(bundle, dist / f"{name}.tar.gz", name)
    elif sys.platform == "win32" and not args.no_archive:
        artefact = package_windows(dist, version)
    elif sys.platform == "darwin" and not args.no_archive:
        artefact = package_macos(dist, version)

    elapsed = time.monotonic() - started
    print(f"\nCairn {version} built in {elapsed:.0f} s")
    print(f"  bundle:   {bundle} ({folder_size(bundle) / 1e6:.0f} MB unpacked)")
    if sys.platform == "darwin":
        print(f"  app:      {dist / 'Cairn.app'}")
    if artefact is not None:
        print(f"  package:  {artefact} ({artefact.stat().st_size / 1e6:.0f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
