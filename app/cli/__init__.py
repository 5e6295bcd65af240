"""The `cairn` command line: parses, calls the same services as the windows, prints.

Errors are one sentence on stderr with exit code 1 (2 for a malformed command line), and
leave the data as it was: every service call is one transaction.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence


def build_parser() -> argparse.ArgumentParser:
    from app import __version__
    from app.cli import admin, evidence, export, imports, planning, recurring, sync, themes
    from app.cli import capture as capture_commands
    from app.cli import email as email_commands
    from app.cli.common import add_common

    parser = argparse.ArgumentParser(
        prog="cairn",
        description="Plan, capture and make sense of sensemaking workshops. "
        "Without a command, opens the desktop app.",
    )
    parser.add_argument("--version", action="version", version=f"cairn {__version__}")
    add_common(parser, top_level=True)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for group in (admin, planning, capture_commands, imports, themes, evidence, recurring,
                  export, email_commands, sync):
        group.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    if list(sys.argv[1:] if argv is None else argv) == ["--version"]:
        # Answer at once, without loading every command's services.
        from app import __version__

        print(f"cairn {__version__}")
        return 0
    # Imported here, not at the top: `--version` above answers without pydantic or SQLAlchemy.
    from app.cli.common import CommandError, add_common, open_from_args
    from app.models import CairnError

    # No command: the desktop app, started without loading every command's services.
    only_options = argparse.ArgumentParser(add_help=False)
    add_common(only_options, top_level=True)
    options, rest = only_options.parse_known_args(argv)
    if not rest:
        from app.main import run

        return run(options.data_dir)
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:  # e.g. options the short parser did not know
        from app.main import run

        return run(args.data_dir)
    try:
        store = open_from_args(args)
    except CairnError as err:
        print(f"cairn: {err}", file=sys.stderr)
        return 1
    try:
        return int(args.handler(store, args) or 0)
    except (CairnError, CommandError) as err:
        print(f"cairn: {err}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0
    finally:
        store.close()
