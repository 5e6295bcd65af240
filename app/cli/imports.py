"""Import commands: notes and participants from files, through the same operations as the
import dialogs, all or nothing.

`--dry-run` reads the file, checks every record against the store as the import would, prints
what would be imported and every problem by line, and writes nothing. With any problem nothing
is imported: one sentence and then one line per problem ("line 7: ...") go to standard error,
and the exit code is 1. Both commands report through `_report`, for people or as JSON.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.cli.common import add_command, emit_json
from app.models import NotesRefused
from app.services import capture
from app.services.capture import note_import
from app.services.planning import participants, sessions
from app.services.planning.participant_file import ParticipantFileError, read_participant_file
from app.store.engine import Store


@dataclass
class Outcome:
    """What an import did, or (dry run) would do, and what stopped it."""

    what: str  # "note" or "participant"
    file: str
    session_title: str
    dry_run: bool
    records: list[dict[str, Any]] = field(default_factory=list)  # saved, or that would be
    ids: list[str] = field(default_factory=list)
    problems: list[tuple[int | None, str]] = field(default_factory=list)
    aside: str = ""  # a further remark for people ("2 already invited were left as they were")
    left_out: list[str] = field(default_factory=list)  # rows of the file not imported, and why
    marked: list[str] = field(default_factory=list)  # invitations marked as attended

    def count(self, n: int) -> str:
        return f"{n:,} {self.what}{'s' * (n != 1)}"


def _import_notes(store: Store, args: argparse.Namespace) -> int:
    session = sessions.resolve_session(store, args.session)
    path = Path(args.file)
    notes = note_import.read_note_file(path)
    outcome = Outcome("note", path.name, session.title, args.dry_run)
    if args.dry_run:
        preview = capture.preview_import(store, session.id, notes)
        outcome.problems = [(p.line, p.problem) for p in preview.problems]
        outcome.records = [
            {"line": n.line, "source": n.source, "text": n.text, "kind": n.kind.value,
             "speaker": n.speaker, "focus_areas": list(n.focus_areas), "tags": list(n.tags)}
            for n in preview.notes]
        return _report(outcome, args.json)
    try:
        saved, _ = capture.import_notes(store, session.id, notes)
    except NotesRefused as refused:
        outcome.problems = [(p.line, p.problem) for p in refused.problems]
        return _report(outcome, args.json)
    outcome.ids = [n.id for n in saved]
    outcome.records = [{"id": n.id} for n in saved]
    return _report(outcome, args.json)


def _import_participants(store: Store, args: argparse.Namespace) -> int:
    session = sessions.resolve_session(store, args.session)
    path = Path(args.file)
    outcome = Outcome("participant", path.name, session.title, args.dry_run)
    try:
        read = read_participant_file(path, keep_first=args.keep_first)
    except ParticipantFileError as err:
        if not err.by_line:
            raise
        outcome.problems = [(line, text) for line, text in err.by_line]
        if err.duplicates_only:
            outcome.aside = "add --keep-first to import the first line of each e-mail address"
        return _report(outcome, args.json)
    drafts = read.drafts
    rows = [d.import_fields() for d in drafts]
    outcome.left_out = read.left_out
    asides = []
    if args.dry_run:
        steps = participants.preview_import_to_session(store, session.id, rows)
        outcome.records = [{"line": d.line, **d.import_fields(), "step": step}
                           for d, step in zip(drafts, steps, strict=True) if step != "leave"]
        left = steps.count("leave")
        if left:
            asides.append(f"{left} already invited would be left as they are")
    else:
        result, _ = participants.import_to_session(store, session.id, rows)
        outcome.ids = [a.participant.id for a in result.added]
        outcome.records = [{"id": a.participant.id, "name": a.participant.name,
                            "invitation_id": a.invitation.id} for a in result.added]
        outcome.marked = sorted(result.marked)
        if result.marked:
            asides.append(f"{len(result.marked)} already invited marked as attended")
        if result.left:
            asides.append(f"{result.left} already invited {'was' if result.left == 1 else 'were'}"
                          " left as they were")
    outcome.aside = "; ".join(asides)
    return _report(outcome, args.json)


def _report(outcome: Outcome, as_json: bool) -> int:
    """Print what was (or would be) imported and every problem; the exit code."""
    problems = [{"line": line, "problem": text} for line, text in outcome.problems]
    n = len(outcome.records)
    if as_json:
        extra: dict[str, Any] = {"left_out": outcome.left_out} if outcome.what == "participant" \
            else {}
        if outcome.dry_run:
            emit_json({"would_import": n, "records": outcome.records, "problems": problems,
                       **extra})
        else:
            if outcome.what == "participant":
                extra["marked_attended"] = outcome.marked
            emit_json({"imported": 0 if problems else n, "ids": outcome.ids,
                       "problems": problems, **extra})
    elif outcome.dry_run:
        print(f"Would import {outcome.count(n)} from {outcome.file} into "
              f"'{outcome.session_title}'" + (":" if n else "."))
        for record in outcome.records:
            print(_line_for_people(record))
        if outcome.aside and not problems:
            print(outcome.aside[0].upper() + outcome.aside[1:] + ".")
    elif not problems:
        print(f"Imported {outcome.count(n)} from {outcome.file} into "
              f"'{outcome.session_title}'" + (f"; {outcome.aside}." if outcome.aside else "."))
    if not as_json and not problems and outcome.left_out:
        print("Left out of the file:")
        for sentence in outcome.left_out:
            print(f"  {sentence}")
    if not problems:
        return 0
    rows = len({line for line, _ in outcome.problems})
    print(f"cairn: {outcome.count(rows) if rows > 1 else 'One ' + outcome.what} in "
          f"{outcome.file} {'need' if rows > 1 else 'needs'} fixing; nothing was imported.",
          file=sys.stderr)
    for line, text in outcome.problems:
        print(f"line {line}: {text}" if line is not None else text, file=sys.stderr)
    if outcome.aside and not as_json:
        print(outcome.aside[0].upper() + outcome.aside[1:] + ".", file=sys.stderr)
    sys.stderr.flush()
    return 1


def _line_for_people(record: dict[str, Any]) -> str:
    """One record of a dry run on one line: where it is in the file, then what it holds."""
    if "text" in record:
        tags = " ".join(f"#{t}" for t in [*record["focus_areas"], *record["tags"]])
        said = f"{record['speaker']}: " if record["speaker"] else ""
        text = " ".join(record["text"].split())
        return f"line {record['line']}: [{record['kind']}] {said}{text}" + \
            (f"  (tags: {tags})" if tags else "")
    consent = [c for c in ("name", "email", "quote") if record[f"may_{c}"]]
    step = {"add": "add to the register and invite", "attend": "mark as attended"}.get(
        record["step"], "invite")
    email = f" <{record['email']}>" if record["email"] else ""
    may = f"; may {', '.join(consent)}" if consent else ""
    return f"line {record['line']}: {record['name']}{email} ({step}{may})"


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    group = commands.add_parser("import", help="import notes or participants from a file")
    kinds = group.add_subparsers(dest="import_command", metavar="WHAT", required=True)
    for name, handler, files in (
            ("notes", _import_notes, "a .txt (one note a line), .csv or .xlsx (columns guessed "
             "from the headings) or .vtt transcript"),
            ("participants", _import_participants, "a .csv or .xlsx participant list, or a "
             "Teams or Zoom attendance report (its people marked as attended)")):
        p = add_command(kinds, name, f"import {name} into a session, all or nothing", handler,
                        description=f"Import {name} from {files} into a session: all of them, "
                        "or none when any has a problem. Problems are listed by line on "
                        "standard error.")
        p.add_argument("session", metavar="SESSION")
        p.add_argument("file", metavar="FILE")
        p.add_argument("--dry-run", action="store_true",
                       help="print what would be imported and every problem; change nothing")
        if name == "participants":
            p.add_argument("--keep-first", action="store_true",
                           help="where an e-mail address is on several lines, import the first "
                           "and leave out the rest (each one is listed)")
