"""`cairn sync`, `cairn conflicts` and `cairn conflict resolve`: sync with a shared folder."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.cli.common import add_command, emit_json, emit_table
from app.store.engine import Store

ROUND_FIELDS = ("sent", "received", "conflicts", "set_aside", "waiting", "messages",
                "needs_confirmation", "started_at", "finished_at")


def _sync(store: Store, args: argparse.Namespace) -> int:
    from app.services.sync import run_round

    shared = Path(args.shared_dir)
    done = run_round(store, shared, allow_mass_delete=args.yes)
    if done.needs_confirmation and not args.yes and not args.json and _ask(done.needs_confirmation):
        done = run_round(store, shared, allow_mass_delete=True)
    if args.json:
        emit_json(done.model_dump(include=set(ROUND_FIELDS)))
    else:
        for line in done.messages:
            print(line)
    if done.needs_confirmation:
        print(f"cairn: {done.needs_confirmation} (cairn sync --yes applies them.)",
              file=sys.stderr)
        return 1
    return 0


def _ask(question: str) -> bool:
    """Ask on the terminal; never when input is piped (then --yes is the answer)."""
    if not sys.stdin.isatty():
        return False
    print(question)
    return input("Apply them? [y/N] ").strip().lower() in ("y", "yes")


def _conflicts(store: Store, args: argparse.Namespace) -> int:
    from app.services.sync import conflicts

    found = conflicts(store, include_resolved=args.all)
    if args.json:
        emit_json([c.model_dump() for c in found])
        return 0
    emit_table([{**c.model_dump(), "id": c.id[:8], "what": c.label,
                 "field": c.field or "(deleted)"} for c in found],
               [("id", "ID"), ("what", "RECORD"), ("field", "FIELD"), ("mine", "MINE"),
                ("theirs", "THEIRS"), ("their_device", "OTHER LAPTOP")],
               empty="No conflicts: every concurrent edit has been settled.")
    return 0


def _resolve(store: Store, args: argparse.Namespace) -> int:
    from app.services.sync import resolve_conflict

    resolve_conflict(store, args.conflict, args.keep)
    if args.json:
        emit_json({"id": args.conflict, "keep": args.keep, "resolved": True})
    else:
        print(f"Resolved: kept {args.keep}.")
    return 0


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    sync = add_command(commands, "sync", "one sync round with a shared folder", _sync)
    sync.add_argument("--shared-dir", metavar="DIR", required=True,
                      help="the shared folder (a network share, a synced cloud folder, a USB "
                      "stick)")
    sync.add_argument("--yes", action="store_true",
                      help="apply a round that deletes many records without asking")
    listing = add_command(commands, "conflicts", "concurrent edits kept side by side",
                          _conflicts)
    listing.add_argument("--all", action="store_true", help="resolved ones too")
    conflict = commands.add_parser("conflict", help="settle a conflict")
    actions = conflict.add_subparsers(dest="conflict_command", metavar="ACTION", required=True)
    resolve = add_command(actions, "resolve", "keep mine, theirs or both", _resolve)
    resolve.add_argument("conflict", metavar="ID", help="a conflict id (a prefix is enough)")
    resolve.add_argument("--keep", choices=("mine", "theirs", "both"), required=True)
