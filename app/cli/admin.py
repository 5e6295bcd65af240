"""Store-wide commands: the sample learning system and the store check."""

from __future__ import annotations

import argparse

from app.cli.common import add_command, emit_json
from app.store.engine import Store


def _demo(store: Store, args: argparse.Namespace) -> int:
    from app.services.demo import load_demo

    system, changes = load_demo(store)
    if args.json:
        emit_json({"id": system.id, "name": system.name, "created": bool(changes)})
    elif changes:
        print(f"Loaded the sample learning system '{system.name}' ({system.id}).")
    else:
        print(f"The sample learning system is already here ({system.id}); nothing was added.")
    return 0


def _check(store: Store, args: argparse.Namespace) -> int:
    from app.services.core.check import run_check

    report = run_check(store, with_replay=args.replay)
    if args.json:
        data = {**report.model_dump(), "ok": report.ok}
        if report.replay is not None:
            data["replay"] = {**report.replay.model_dump(), "ok": report.replay.ok}
        emit_json(data)
    else:
        print("\n".join(report.lines()))
        print(report.verdict())
    return 0 if report.ok else 1


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    add_command(commands, "demo", "load the sample learning system (once)", _demo)
    check = add_command(commands, "check",
                        "check the local store (integrity, links, pending sync)", _check)
    check.add_argument("--replay", action="store_true",
                       help="also rebuild a copy from the change log alone and compare it "
                       "with the store, record by record")
