"""Theme commands: a session's themes, making a theme from notes, moving notes, dot votes."""

from __future__ import annotations

import argparse

from app.cli.common import add_command, emit_json, emit_table
from app.models import Theme
from app.services import capture
from app.services.planning import sessions
from app.services.sensemaking import themes, votes
from app.services.sensemaking.theme_query import list_themes, resolve_theme, theme_records
from app.store.engine import Store

TRAY = "tray"


def _print_theme(store: Store, theme: Theme, args: argparse.Namespace, sentence: str) -> None:
    if args.json:
        emit_json(theme_records(store, [theme])[0])
    else:
        print(sentence)


def _themes(store: Store, args: argparse.Namespace) -> None:
    session = sessions.resolve_session(store, args.session)
    records = theme_records(store, list_themes(store, session.id, by_votes=args.by_votes))
    if args.json:
        emit_json(records)
        return
    rows = [{**r, "notes": len(r["note_ids"]), "focus_areas": [f"#{a}" for a in r["focus_areas"]]}
            for r in records]
    emit_table(rows, [("id", "ID"), ("votes", "Votes"), ("notes", "Notes"),
                      ("focus_areas", "Focus areas"), ("title", "Title")],
               empty="No themes in this session yet. Try: cairn theme create")


def _create(store: Store, args: argparse.Namespace) -> None:
    session = sessions.resolve_session(store, args.session)
    note_ids = [capture.resolve_note(store, n).id for n in args.note or ()]
    done, _ = themes.create_theme(store, session.id, args.title, note_ids)
    assert done.theme is not None
    count = len(done.theme.note_ids)
    _print_theme(store, done.theme, args, f"Created theme '{done.theme.title}' "
                 f"({done.theme.id}) with {count} note{'' if count == 1 else 's'}.")


def _move(store: Store, args: argparse.Namespace) -> None:
    note_ids = [capture.resolve_note(store, n).id for n in args.notes]
    to_tray = args.to.strip().lower() == TRAY
    theme_id = None if to_tray else resolve_theme(store, args.to).id
    done, _ = themes.move_notes(store, note_ids, theme_id)
    if args.json:  # the notes moved, each with its theme_id now
        emit_json(capture.note_records(store, capture.notes_by_ids(store, note_ids)))
        return
    count = f"{len(note_ids)} note{'' if len(note_ids) == 1 else 's'}"
    where = "the tray" if done.theme is None else f"'{done.theme.title}' ({done.theme.id})"
    print(f"Moved {count} to {where}.")


def _vote(store: Store, args: argparse.Namespace) -> None:
    theme = resolve_theme(store, args.theme)
    done, _ = votes.add_votes(store, theme.id, args.add)
    assert done.theme is not None
    total = done.theme.votes
    _print_theme(store, done.theme, args, f"'{done.theme.title}' now has {total} "
                 f"vote{'' if total == 1 else 's'}.")


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = add_command(commands, "themes", "the session's themes with focus areas, votes, notes",
                    _themes)
    p.add_argument("session", metavar="SESSION")
    p.add_argument("--by-votes", action="store_true", help="most votes first")

    theme = commands.add_parser("theme", help="cluster notes into themes and record dot votes")
    theme_cmds = theme.add_subparsers(dest="theme_command", metavar="ACTION", required=True)
    p = add_command(theme_cmds, "create", "a new theme of a session, from notes if given",
                    _create)
    p.add_argument("session", metavar="SESSION")
    p.add_argument("--title", required=True)
    p.add_argument("--note", action="append", metavar="ID",
                   help="a note to put in the theme (repeatable)")
    p = add_command(theme_cmds, "move", "move notes into a theme, or back to the tray", _move)
    p.add_argument("notes", metavar="NOTE", nargs="+")
    p.add_argument("--to", required=True, metavar="THEME",
                   help=f"a theme id, or '{TRAY}' for the unclustered notes")
    p = add_command(theme_cmds, "vote", "record dot votes for a theme (negative takes away)",
                    _vote)
    p.add_argument("theme", metavar="THEME")
    p.add_argument("--add", type=int, required=True, metavar="N",
                   help="how many votes to add (e.g. 3, or -1 to take one away)")
