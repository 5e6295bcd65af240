"""Before Qt opens a window on Linux: are the system libraries of its X11 (xcb) platform there?

Without them Qt aborts with a message about plugins that helps no one (a stock Debian 12
desktop lacks libxcb-cursor0, for one). This reads what Qt's xcb plugin links against, tries
to load each library, and puts what is missing into one sentence naming the Debian/Ubuntu
packages to install. No Qt here: it runs before Qt loads the plugin.
"""

from __future__ import annotations

import ctypes
import os
import struct
import sys
from collections.abc import Iterable, Mapping
from importlib.util import find_spec
from pathlib import Path

# What Qt's xcb plugin and its XcbQpa library link against (PySide6 6.11), for when their
# files cannot be read.
XCB_NEEDS = (
    "libxcb.so.1", "libX11-xcb.so.1", "libX11.so.6", "libxcb-cursor.so.0", "libxcb-icccm.so.4",
    "libxcb-util.so.1", "libxcb-image.so.0", "libxcb-keysyms.so.1", "libxcb-randr.so.0",
    "libxcb-render-util.so.0", "libxcb-render.so.0", "libxcb-shape.so.0", "libxcb-shm.so.0",
    "libxcb-sync.so.1", "libxcb-xfixes.so.0", "libxcb-xkb.so.1", "libxkbcommon.so.0",
    "libxkbcommon-x11.so.0", "libGL.so.1", "libglib-2.0.so.0", "libgthread-2.0.so.0",
)
# Debian/Ubuntu package of each library whose name does not follow the usual rule
# (lower-cased name, then its version, with a dash when the name ends in a digit).
PACKAGES = {
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libxcb-util.so.1": "libxcb-util1",
}
ALWAYS_THERE = ("libc.so", "libm.so", "libstdc++.so", "libgcc_s.so", "libdl.so", "libpthread.so",
                "librt.so", "libQt6")

_DT_NEEDED = 1
_SHT_DYNAMIC = 6


def debian_package(library: str) -> str:
    """The Debian/Ubuntu package that holds a shared library (`libxcb-cursor.so.0` ->
    `libxcb-cursor0`)."""
    if library in PACKAGES:
        return PACKAGES[library]
    name, _, version = library.partition(".so.")
    name = name.lower()
    version = version.split(".")[0]
    if not version:
        return name
    return f"{name}-{version}" if name[-1].isdigit() else f"{name}{version}"


def needed_libraries(path: Path) -> list[str]:
    """The DT_NEEDED entries of a 64-bit little-endian ELF file (what it links against)."""
    data = path.read_bytes()
    if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        raise ValueError(f"{path.name} is not a 64-bit little-endian ELF file")
    shoff, = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum = struct.unpack_from("<HH", data, 0x3A)
    sections = [struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize)
                for i in range(shnum)]
    names: list[str] = []
    for _name, kind, _flags, _addr, offset, size, link, _info, _align, entsize in sections:
        if kind != _SHT_DYNAMIC:
            continue
        strings = sections[link][4]
        for at in range(offset, offset + size, entsize or 16):
            tag, value = struct.unpack_from("<qQ", data, at)
            if tag == 0:
                break
            if tag == _DT_NEEDED:
                end = data.index(b"\0", strings + value)
                names.append(data[strings + value:end].decode())
    return names


def xcb_needs() -> list[str]:
    """The system libraries Qt's xcb platform needs, read from the plugin when possible."""
    spec = find_spec("PySide6")
    if spec is not None and spec.origin is not None:
        qt = Path(spec.origin).parent / "Qt"
        files = [qt / "plugins" / "platforms" / "libqxcb.so", qt / "lib" / "libQt6XcbQpa.so.6"]
        try:
            found: list[str] = []
            for file in files:
                found += [n for n in needed_libraries(file) if n not in found]
            return [n for n in found if not n.startswith(ALWAYS_THERE)]
        except (OSError, ValueError, struct.error, IndexError):
            pass
    return list(XCB_NEEDS)


def missing_libraries(names: Iterable[str]) -> list[str]:
    """Those of `names` the dynamic loader cannot load (absent, or missing a need of its own)."""
    missing = []
    for name in names:
        try:
            ctypes.CDLL(name)
        except OSError:
            missing.append(name)
    return missing


def will_use_xcb(env: Mapping[str, str], platform: str = sys.platform) -> bool:
    """Whether Qt will open its windows through X11 (xcb) here."""
    if not platform.startswith("linux"):
        return False
    chosen = env.get("QT_QPA_PLATFORM", "").split(";")[0].strip()
    if chosen:
        return chosen == "xcb"
    # Qt's own choice: Wayland first on a Wayland session, X11 otherwise.
    return not (env.get("XDG_SESSION_TYPE") == "wayland" and env.get("WAYLAND_DISPLAY"))


def problem(env: Mapping[str, str] | None = None, needs: Iterable[str] | None = None,
            platform: str = sys.platform) -> str | None:
    """One sentence saying why the desktop app cannot open its window here, or None."""
    env = os.environ if env is None else env
    if not will_use_xcb(env, platform):
        return None
    missing = missing_libraries(xcb_needs() if needs is None else needs)
    if missing:
        packages = sorted({debian_package(name) for name in missing})
        return ("Cairn cannot open its window: the X11 display support of Qt needs system "
                f"libraries that are missing ({', '.join(missing)}); on Debian or Ubuntu "
                f"install them with `sudo apt install {' '.join(packages)}` (see the README "
                "for other systems).")
    if not env.get("DISPLAY"):
        return ("Cairn cannot open its window: no X11 display is set (DISPLAY is empty); "
                "start it from a desktop session, or on Wayland with QT_QPA_PLATFORM=wayland.")
    return None
