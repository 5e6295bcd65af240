"""Entry point of the bundled `cairn` executable: the command line (no command opens the app)."""

from app.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
