"""The `cairn` command line (filled in below)."""


def main(argv: list[str] | None = None) -> int:
    raise SystemExit("not yet")
