"""Write resources/THIRD_PARTY_LICENSES.txt: the licences of everything a release bundle ships.

Run: .venv/bin/python installers/gen_licences.py [--out FILE]

`build.py` runs this before PyInstaller, and the file goes into the bundle, where the About box
reads it through `app.licences.third_party_licences()`. On top of the Python distributions Cairn
depends on (found from installed metadata, as at run time), a bundle also contains Python itself,
SQLite, the PyInstaller bootloader and the Qt libraries, whose licence texts are added here.
The output is generated, so it is git-ignored.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
from dataclasses import replace
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.licences import (  # noqa: E402
    LICENCES_FILENAME,
    Component,
    components_from_metadata,
    describe,
    render,
)

DEFAULT_OUT = ROOT / "resources" / LICENCES_FILENAME
FSF_TEXTS = Path(__file__).resolve().parent / "licences"
QT_DISTRIBUTIONS = {"pyside6-essentials", "pyside6_essentials", "shiboken6"}

QT_NOTE = """\
Qt 6 and Qt for Python (PySide6, shiboken6) are used under the GNU Lesser General Public
License version 3 (LGPL-3.0), whose text follows together with the GNU GPL version 3 that it
extends. The Qt libraries are shipped as separate shared libraries in Cairn's program folder
(Windows: the `_internal` folder; macOS: Cairn.app/Contents/Frameworks; Linux: `_internal`), so
you may replace them with your own build of the same Qt version. The source code of Qt and of
Qt for Python is available from https://download.qt.io/official_releases/ and
https://code.qt.io/. Qt itself contains third-party components; their licences are listed at
https://doc.qt.io/qt-6/licenses-used-in-qt.html."""

PYINSTALLER_NOTE = """\
The program launcher (the `cairn` executable) is PyInstaller's bootloader, licensed under the
GPL version 2 or later with a special exception that allows it to be used to run programs under
any licence. Only the bootloader is shipped; PyInstaller itself is a build tool."""


def bundle_components() -> list[Component]:
    """Cairn's runtime dependencies plus what only a frozen bundle contains."""
    components = []
    qt_texts_given = False
    for component in components_from_metadata():
        if component.name.lower() in QT_DISTRIBUTIONS:
            # Qt's wheels ship no licence file; give the texts once, then refer back to them.
            texts = () if qt_texts_given else _fsf_texts()
            note = QT_NOTE if not qt_texts_given else "Licensed like Qt for Python above."
            component = replace(component, notes=note, texts=texts)
            qt_texts_given = True
        components.append(component)
    components += [_python(), _sqlite(), _pyinstaller_bootloader(), *_fonts()]
    return sorted(components, key=lambda c: c.name.lower())


def _fsf_texts() -> tuple[tuple[str, str], ...]:
    return tuple((name, (FSF_TEXTS / name).read_text(encoding="utf-8"))
                 for name in ("LGPL-3.0.txt", "GPL-3.0.txt"))


def _python() -> Component:
    version = ".".join(map(str, sys.version_info[:3]))
    candidates = [
        Path(sys.base_prefix) / "lib" / f"python{sys.version_info[0]}.{sys.version_info[1]}"
        / "LICENSE.txt",
        Path(sys.base_prefix) / "LICENSE.txt",  # Windows
        Path(sys.base_prefix) / "LICENSE",
    ]
    text = next((p.read_text(encoding="utf-8") for p in candidates if p.is_file()), "")
    return Component(
        name="Python", version=version, licence="PSF-2.0",
        home_page="https://www.python.org",
        texts=(("LICENSE.txt", text),) if text else (),
        notes="" if text else "See https://docs.python.org/3/license.html.",
    )


def _sqlite() -> Component:
    return Component(
        name="SQLite", version=sqlite3.sqlite_version, licence="Public domain",
        home_page="https://sqlite.org/copyright.html",
        notes="SQLite is in the public domain; it is part of Python's sqlite3 module.",
    )


def _pyinstaller_bootloader() -> Component:
    try:
        component = describe(metadata.distribution("pyinstaller"))
    except metadata.PackageNotFoundError:
        return Component(name="PyInstaller bootloader", version="",
                         licence="GPL-2.0-or-later WITH Bootloader-exception",
                         home_page="https://pyinstaller.org", notes=PYINSTALLER_NOTE)
    return replace(component, name="PyInstaller bootloader",
                   licence="GPL-2.0-or-later WITH Bootloader-exception", notes=PYINSTALLER_NOTE)


FONTS = ROOT / "resources" / "fonts"


def _fonts() -> list[Component]:
    """The fonts shipped in resources/fonts (embedded in PDFs Cairn writes), with their OFL."""
    shipped = [("Atkinson Hyperlegible", "AtkinsonHyperlegible-OFL.txt",
                "https://brailleinstitute.org/freefont"),
               ("Lato", "OFL.txt", "https://www.latofonts.com")]
    return [Component(name=name, version="", licence="OFL-1.1", home_page=home,
                      texts=((licence, (FONTS / licence).read_text(encoding="utf-8")),))
            for name, licence, home in shipped if (FONTS / licence).is_file()]


def write(out: Path = DEFAULT_OUT) -> Path:
    """Write the licences file and return its path."""
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render(bundle_components()), encoding="utf-8")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where to write the file")
    args = parser.parse_args(argv)
    path = write(args.out)
    print(f"wrote {path} ({path.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
