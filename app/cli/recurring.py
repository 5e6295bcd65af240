"""Recurring theme commands: a learning system's recurring themes with their timelines, and
linking session themes as one (`cairn theme link` / `cairn theme unlink`)."""

from __future__ import annotations

import argparse

from app.cli.common import add_command, emit_json
from app.services.planning import systems
from app.services.sensemaking import recurring
from app.services.sensemaking.recurring_query import (
    Recurring,
    list_recurring,
    recurring_records,
)
from app.services.sensemaking.theme_query import resolve_theme
from app.store.engine import Store


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _print_timeline(found: Recurring) -> None:
    print(f"{found.theme.title}  ({found.id}; {_plural(found.sessions, 'session')}, "
          f"{_plural(found.notes, 'note')}, {_plural(found.votes, 'vote')})")
    for a in found.timeline:
        print(f"  {a.starts.astimezone().strftime('%Y-%m-%d')}  {a.session_title}: "
              f"'{a.title}' ({a.theme_id[:8]}), {_plural(a.notes, 'note')}, "
              f"{_plural(a.votes, 'vote')}")


def _list(store: Store, args: argparse.Namespace) -> None:
    system = systems.resolve_system(store, args.system)
    found = list_recurring(store, system.id)
    if args.json:
        emit_json(recurring_records(found))
        return
    if not found:
        print("No recurring themes in this learning system yet. Try: cairn theme link")
        return
    for n, item in enumerate(found):
        if n:
            print()
        _print_timeline(item)


def _print_result(found: Recurring | None, args: argparse.Namespace, sentence: str) -> None:
    if args.json:
        emit_json(recurring_records([found])[0] if found is not None else None)
    else:
        print(sentence)


def _link(store: Store, args: argparse.Namespace) -> None:
    theme_ids = [resolve_theme(store, t).id for t in args.themes]
    done, _ = recurring.link_themes(store, theme_ids, title=args.title)
    found = done.recurring
    assert found is not None
    _print_result(found, args, f"'{found.theme.title}' ({found.id}) now recurs in "
                  f"{_plural(found.sessions, 'session')}.")


def _unlink(store: Store, args: argparse.Namespace) -> None:
    theme = resolve_theme(store, args.theme)
    done, _ = recurring.unlink_theme(store, theme.id)
    found = done.recurring
    assert found is not None
    _print_result(found, args, f"'{theme.title}' is no longer part of '{found.theme.title}', "
                  f"which now recurs in {_plural(found.sessions, 'session')}.")


def _theme_actions(commands: argparse._SubParsersAction) -> argparse._SubParsersAction:  # type: ignore[type-arg]
    """The ACTION subcommands of `cairn theme`, registered by app.cli.themes."""
    theme = commands.choices["theme"]
    return next(a for a in theme._actions if isinstance(a, argparse._SubParsersAction))


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = add_command(commands, "recurring",
                    "recurring themes across sessions, each with its timeline", _list)
    p.add_argument("--system", metavar="ID")
    actions = _theme_actions(commands)
    p = add_command(actions, "link", "link themes of different sessions as one recurring "
                    "theme (joining one they are already part of)", _link)
    p.add_argument("themes", metavar="THEME", nargs="+")
    p.add_argument("--title", metavar="T", help="the recurring theme's title (default: the "
                   "first theme's, or the one joined)")
    p = add_command(actions, "unlink", "take a theme out of its recurring theme", _unlink)
    p.add_argument("theme", metavar="THEME")
