"""Entry point of the bundled windowed `cairn-gui` executable (Windows, macOS): the desktop app."""

from app.main import run

if __name__ == "__main__":
    raise SystemExit(run())
