"""Export commands: the summary pack (PDF, Word, web page), the session's data (CSV, Excel,
JSON, REFI-QDA) and `cairn export names`, the pre-flight list of every personal name an export
would show. Nobody is named unless `--names` is given, and then only those who consented."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.common import CommandError, add_command, emit_json, emit_table
from app.models.pack import Pack, PackOptions, PackSection
from app.services.exports import packs
from app.services.exports.data_exports import data_names
from app.services.planning import sessions, systems
from app.store.engine import Store

FORM_NAMES = {"pdf": "summary pack", "docx": "Word version of the pack",
              "html": "web-page version of the pack", "csv": "CSV table",
              "xlsx": "Excel workbook", "json": "JSON file", "qdpx": "REFI-QDA project"}


def _options(args: argparse.Namespace) -> PackOptions:
    left_out = {PackSection(s) for s in getattr(args, "leave_out", None) or ()}
    charts = not getattr(args, "no_charts", False)
    if not charts:
        left_out.add(PackSection.CHARTS)
    return PackOptions(names=args.names, sections=frozenset(PackSection) - left_out,
                       charts=charts)


def _target(store: Store, args: argparse.Namespace) -> tuple[str | None, str | None]:
    """(session id, system id): the session given, or the learning system of `--system`."""
    session = getattr(args, "session", None)
    system = getattr(args, "system", None)
    if session and system:
        raise CommandError("Give either a session or --system, not both.")
    if session:
        return sessions.resolve_session(store, session).id, None
    if system:
        return None, systems.resolve_system(store, system).id
    raise CommandError("Say which session to export (or --system ID for a learning system).")


def _size(n: int) -> str:
    return f"{n / 1_048_576:.1f} MB" if n >= 1_048_576 else f"{max(1, round(n / 1024))} KB"


def _written(args: argparse.Namespace, out: Path, fmt: str, named: int | None) -> None:
    size = out.stat().st_size
    if args.json:
        record: dict[str, object] = {"path": str(out), "format": fmt, "bytes": size}
        if named is not None:
            record["names"] = named
        emit_json(record)
        return
    who = ""
    if named is not None:
        who = (" Nobody is named." if named == 0 else
               f" Names shown in {named} place{'' if named == 1 else 's'}: "
               "cairn export names lists where and why.")
    print(f"Wrote the {FORM_NAMES[fmt]} to {out} ({_size(size)}).{who}")


def _pack(fmt: str):  # type: ignore[no-untyped-def]
    def run(store: Store, args: argparse.Namespace) -> None:
        session_id, system_id = _target(store, args)
        options = _options(args)
        out = Path(args.out)
        if not out.parent.is_dir():
            raise CommandError(f"The folder {out.parent} is not there: choose another.")
        pack = packs.build_pack(store, options, session_id=session_id, system_id=system_id)
        written = packs.write_built(pack, out, fmt)
        _written(args, written, fmt, len(pack.names))
    return run


def _data(fmt: str):  # type: ignore[no-untyped-def]
    def run(store: Store, args: argparse.Namespace) -> None:
        session = sessions.resolve_session(store, args.session)
        written = packs.write_export(store, Path(args.out), fmt, _options(args),
                                     session_id=session.id, table=getattr(args, "table", "notes"))
        _written(args, written, fmt, None)
    return run


def _names(store: Store, args: argparse.Namespace) -> None:
    session_id, system_id = _target(store, args)
    if args.data:
        if session_id is None:
            raise CommandError("Data exports are of one session: give SESSION, not --system.")
        uses = data_names(store, session_id, args.data, _options(args), table=args.table)
    else:
        pack: Pack = packs.build_pack(store, _options(args), session_id=session_id,
                                      system_id=system_id)
        uses = list(pack.names)
    rows = [{"name": u.name, "where": u.where, "why": u.why} for u in uses]
    if args.json:
        emit_json(rows)
        return
    empty = ("Nobody will be named." if args.names else
             "Nobody will be named (without --names, nobody ever is).")
    emit_table(rows, [("name", "Name"), ("where", "Where"), ("why", "Why")], empty=empty)


def _common(p: argparse.ArgumentParser, *, sections: bool) -> None:
    p.add_argument("--names", action="store_true",
                   help="name the participants who consented to be named (default: nobody)")
    if sections:
        p.add_argument("--leave-out", metavar="SECTION", action="append",
                       choices=[s.value for s in PackSection],
                       help="a section to leave out (repeatable): "
                       + ", ".join(s.value for s in PackSection))
        p.add_argument("--no-charts", action="store_true", help="no charts")


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    export = commands.add_parser("export", help="the summary pack and the session's data, "
                                 "with consent applied")
    forms = export.add_subparsers(dest="export_command", metavar="FORM", required=True)
    p = add_command(forms, "pack", "the PDF summary pack of a session, or of a learning "
                    "system with --system", _pack("pdf"))
    p.add_argument("session", metavar="SESSION", nargs="?")
    p.add_argument("--system", metavar="ID", help="the learning-system pack: all its sessions")
    p.add_argument("--out", metavar="FILE", required=True)
    _common(p, sections=True)
    for fmt, what in (("docx", "the pack as a Word document (accessible)"),
                      ("html", "the pack as one web page (accessible)")):
        p = add_command(forms, fmt, what, _pack(fmt))
        p.add_argument("session", metavar="SESSION", nargs="?")
        p.add_argument("--system", metavar="ID")
        p.add_argument("--out", metavar="FILE", required=True)
        _common(p, sections=True)
    for fmt, what in (("csv", "a table of the session's notes, themes or actions"),
                      ("xlsx", "the session's notes, themes and actions as an Excel workbook"),
                      ("json", "everything about the session, as JSON"),
                      ("qdpx", "the session as a REFI-QDA project (QualCoder, NVivo, ATLAS.ti, "
                               "MAXQDA)")):
        p = add_command(forms, fmt, what, _data(fmt))
        p.add_argument("session", metavar="SESSION")
        p.add_argument("--out", metavar="FILE", required=True)
        if fmt == "csv":
            p.add_argument("--table", choices=packs.CSV_TABLES, default="notes")
        _common(p, sections=False)
    p = add_command(forms, "names", "the pre-flight list: every personal name an export would "
                    "show, where and why", _names)
    p.add_argument("session", metavar="SESSION", nargs="?")
    p.add_argument("--system", metavar="ID")
    p.add_argument("--data", choices=packs.DATA_FORMATS,
                   help="the names a data export of this form would hold (default: the pack's)")
    p.add_argument("--table", choices=packs.CSV_TABLES, default="notes",
                   help="with --data csv: the table")
    _common(p, sections=True)
