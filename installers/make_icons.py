"""Render resources/icons/cairn.svg into the PNG, .ico and .icns files the installers need.

Run: .venv/bin/python installers/make_icons.py [--check]

Qt's own SVG renderer (QtSvg, part of PySide6-Essentials) draws each size; Pillow (already
installed as a dependency of reportlab) packs them into the Windows .ico and the macOS .icns.
Every size is rendered from the vector source rather than scaled down from a large bitmap, so
the 16 and 32 pixel icons stay crisp. The outputs are committed with `cairn.svg.sha256`, the
digest of the SVG they were drawn from (file times mean nothing after a git checkout);
`build.py` re-runs this script when the SVG no longer matches. `--check` exits 1 if any output
is missing or stale.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "resources" / "icons"
SOURCE = ICONS / "cairn.svg"
STAMP = ICONS / "cairn.svg.sha256"

PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_SIZES = (16, 32, 64, 128, 256, 512, 1024)
DEFAULT_PNG_SIZE = 256


def outputs() -> list[Path]:
    """Every file this script writes."""
    pngs = [ICONS / f"cairn-{size}.png" for size in PNG_SIZES]
    return [*pngs, ICONS / "cairn.png", ICONS / "cairn.ico", ICONS / "cairn.icns"]


def _digest() -> str:
    import hashlib

    return hashlib.sha256(SOURCE.read_bytes()).hexdigest()


def stale() -> list[Path]:
    """Outputs that are missing, or all of them when the SVG changed since they were drawn."""
    drawn_from = STAMP.read_text(encoding="ascii").strip() if STAMP.exists() else ""
    if drawn_from != _digest():
        return outputs()
    return [p for p in outputs() if not p.exists()]


def render(sizes: set[int]):  # -> dict[int, PIL.Image.Image]
    """Draw the SVG at each size with QSvgRenderer; return Pillow RGBA images by size."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PIL import Image
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])  # noqa: F841
    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        raise SystemExit(f"{SOURCE} is not a valid SVG.")
    images = {}
    for size in sorted(sizes):
        image = QImage(size, size, QImage.Format.Format_RGBA8888)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        renderer.render(painter)
        painter.end()
        data = bytes(image.constBits())
        images[size] = Image.frombuffer(
            "RGBA", (size, size), data, "raw", "RGBA", image.bytesPerLine(), 1
        ).copy()
    return images


def write_all() -> list[Path]:
    """Render every size and write every output; returns the files written."""
    images = render(set(PNG_SIZES) | set(ICO_SIZES) | set(ICNS_SIZES))
    for size in PNG_SIZES:
        images[size].save(ICONS / f"cairn-{size}.png", optimize=True)
    images[DEFAULT_PNG_SIZE].save(ICONS / "cairn.png", optimize=True)

    largest_ico = max(ICO_SIZES)
    images[largest_ico].save(
        ICONS / "cairn.ico",
        format="ICO",
        sizes=[(s, s) for s in ICO_SIZES],
        append_images=[images[s] for s in ICO_SIZES if s != largest_ico],
    )
    largest_icns = max(ICNS_SIZES)
    images[largest_icns].save(
        ICONS / "cairn.icns",
        format="ICNS",
        append_images=[images[s] for s in ICNS_SIZES if s != largest_icns],
    )
    STAMP.write_text(_digest() + "\n", encoding="ascii")
    return outputs()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="only report whether the generated icons are up to date")
    args = parser.parse_args(argv)
    if args.check:
        behind = stale()
        for path in behind:
            print(f"out of date: {path.relative_to(ROOT)}")
        return 1 if behind else 0
    for path in write_all():
        print(f"wrote {path.relative_to(ROOT)} ({path.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
