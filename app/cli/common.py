"""What every command shares: --data-dir and --json, opening the store, printing records."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, datetime
from enum import Enum
from typing import TYPE_CHECKING, Any

from app import config

if TYPE_CHECKING:
    from app.store.engine import Store


class CommandError(Exception):
    """A command that cannot go on; its text is the sentence to print."""


def add_common(parser: argparse.ArgumentParser, *, top_level: bool = False) -> None:
    """--data-dir and --json, accepted before or after the command name."""
    default: Any = None if top_level else argparse.SUPPRESS
    parser.add_argument("--data-dir", metavar="DIR", default=default,
                        help=f"where Cairn keeps its data (default: ${config.DATA_DIR_ENV} "
                        "or the system's per-user data folder)")
    parser.add_argument("--json", action="store_true",
                        default=False if top_level else argparse.SUPPRESS,
                        help="print JSON only on standard output")


def add_command(group: Any, name: str, help: str, handler: Callable[..., Any],
                **options: Any) -> argparse.ArgumentParser:
    """One command with the common options and the function that runs it; add its arguments."""
    parser: argparse.ArgumentParser = group.add_parser(name, help=help, **options)
    add_common(parser)
    parser.set_defaults(handler=handler)
    return parser


def open_from_args(args: argparse.Namespace) -> Store:
    """The store of `--data-dir`; SQLite's quick check runs before the command's first write,
    and only if the file may have changed since Cairn last closed it sound."""
    from app.store.engine import open_store

    return open_store(config.data_dir(args.data_dir), always_check=False)


def plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, tuple | list):
        return [plain(v) for v in value]
    if isinstance(value, Mapping):
        return {k: plain(v) for k, v in value.items()}
    return value


def emit_json(data: Any) -> None:
    json.dump(plain(data), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def emit_table(rows: Sequence[Mapping[str, Any]], columns: Sequence[tuple[str, str]],
               *, empty: str) -> None:
    """A plain aligned table for people; `columns` pairs a field with its heading."""
    if not rows:
        print(empty)
        return
    texts = [[_cell(row.get(field)) for field, _ in columns] for row in rows]
    widths = [max(len(h), *(len(t[i]) for t in texts)) for i, (_, h) in enumerate(columns)]
    print("  ".join(h.ljust(w) for (_, h), w in zip(columns, widths, strict=True)).rstrip())
    for t in texts:
        print("  ".join(c.ljust(w) for c, w in zip(t, widths, strict=True)).rstrip())


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime):
        return value.astimezone().strftime("%Y-%m-%d %H:%M")
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, Iterable) and not isinstance(value, str):
        return ", ".join(str(v) for v in value)
    return str(value)
