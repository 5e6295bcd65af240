"""Sensemaking commands for knowledge into action: actions, evidence (with RIS import and
attached files) and coverage, including who was heard (aggregates only, never names)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from app.cli.common import add_command, emit_json, emit_table
from app.models import Evidence
from app.services.planning import systems
from app.services.sensemaking import actions, attachments, coverage, evidence, ris
from app.store.engine import Store


def action_record(listed: actions.ListedAction) -> dict[str, Any]:
    a = listed.action
    return {"id": a.id, "system_id": a.system_id, "session_id": a.session_id, "what": a.what,
            "owner": a.owner, "due": a.due, "status": a.status, "overdue": listed.overdue,
            "theme_ids": list(a.theme_ids)}


def evidence_record(e: Evidence) -> dict[str, Any]:
    return {"id": e.id, "system_id": e.system_id, "kind": e.kind, "title": e.title,
            "citation": e.citation, "link": e.link, "summary": e.summary,
            "file_name": e.file_name, "file_sha256": e.file_sha256,
            "theme_ids": list(e.theme_ids)}


def reference_record(r: ris.Reference) -> dict[str, Any]:
    return {"line": r.line, "kind": r.kind, "title": r.title, "citation": r.citation,
            "link": r.link, "summary": r.summary}


def _actions(store: Store, args: argparse.Namespace) -> None:
    system = systems.resolve_system(store, args.system)
    found = [action_record(a) for a in actions.list_actions(store, system.id)]
    if args.json:
        emit_json(found)
        return
    for row in found:
        row["status"] = "OVERDUE" if row["overdue"] else row["status"]
    emit_table(found, [("due", "Due"), ("status", "Status"), ("owner", "Owner"),
                       ("what", "What")], empty="No actions yet.")


def _evidence_list(store: Store, args: argparse.Namespace) -> None:
    system = systems.resolve_system(store, args.system)
    found = [evidence_record(e) for e in evidence.list_evidence(store, system.id)]
    if args.json:
        emit_json(found)
    else:
        emit_table(found, [("id", "ID"), ("kind", "Kind"), ("title", "Title"),
                           ("file_name", "File")],
                   empty="No evidence yet. Try: cairn evidence import FILE.ris")


def _evidence_attach(store: Store, args: argparse.Namespace) -> None:
    found = evidence.resolve_evidence(store, args.evidence)
    attached, _ = attachments.attach_file(store, found.id, Path(args.file))
    if args.json:
        emit_json(evidence_record(attached))
    else:
        print(f"Attached {attached.file_name} to '{attached.title}'.")


def _evidence_detach(store: Store, args: argparse.Namespace) -> None:
    found = evidence.resolve_evidence(store, args.evidence)
    detached, _ = attachments.detach_file(store, found.id)
    if args.json:
        emit_json(evidence_record(detached))
    else:
        print(f"Removed {found.file_name} from '{detached.title}'.")


def _evidence_import(store: Store, args: argparse.Namespace) -> None:
    system = systems.resolve_system(store, args.system)
    references = ris.read_ris(Path(args.file))
    if args.dry_run:
        plan = evidence.preview_import(store, system.id, references)
        added: list[Evidence] = []
    else:
        added, plan, _ = evidence.import_references(store, system.id, references)
    if args.json:
        emit_json({"dry_run": args.dry_run, "imported": [evidence_record(e) for e in added],
                   "new": [reference_record(r) for r in plan.new],
                   "already_there": [reference_record(r) for r in plan.already_there]})
        return
    verb = "Would import" if args.dry_run else "Imported"
    print(f"{verb} {len(plan.new)} reference{'s' * (len(plan.new) != 1)} into "
          f"'{system.name}'.")
    for r in plan.new:
        print(f"  line {r.line}: {r.kind.label}: {r.title}")
    if plan.already_there:
        print(f"Left out {len(plan.already_there)} already in the learning system:")
        for r in plan.already_there:
            print(f"  line {r.line}: {r.title}")


def coverage_record(c: coverage.Coverage) -> dict[str, Any]:
    def heard(rows: tuple[coverage.HeardRow, ...]) -> list[dict[str, Any]]:
        return [vars(r).copy() for r in rows]

    return {
        "system_id": c.system_id,
        "sessions": [{"session_id": x.session_id, "title": x.title, "notes": x.notes,
                      "untagged": x.untagged,
                      "focus_areas": {slug: vars(cell).copy() for slug, cell in x.cells.items()}}
                     for x in c.sessions],
        "focus_areas": [vars(a).copy() for a in c.areas],
        "kinds": c.kinds,
        "heard": {"by_sector": heard(c.by_sector), "by_organisation": heard(c.by_organisation),
                  "by_locality": heard(c.by_locality), "by_role": c.by_role,
                  "no_speaker": c.no_speaker},
    }


def _coverage(store: Store, args: argparse.Namespace) -> None:
    system = systems.resolve_system(store, args.system)
    found = coverage.coverage(store, system.id)
    if args.json:
        emit_json(coverage_record(found))
        return
    print(f"Coverage of '{system.name}': notes/themes per focus area per session")
    slugs = [a.slug for a in found.areas]
    grid = [{"title": x.title, **{slug: f"{x.cells[slug].notes}/{x.cells[slug].themes}"
                                  for slug in slugs}, "untagged": x.untagged}
            for x in found.sessions]
    emit_table(grid, [("title", "Session"), *((slug, slug) for slug in slugs),
                      ("untagged", "untagged")], empty="No sessions yet.")
    thin = [a.slug for a in found.areas if a.thin]
    if thin:
        print(f"Little or no evidence: {', '.join(thin)}.")
    print()
    print("Kinds of note: " + ", ".join(f"{k} {n}" for k, n in found.kinds.items()))
    print()
    print("Who was heard, by sector (people invited, attended, spoke; notes they spoke):")
    emit_table([vars(r) for r in found.by_sector],
               [("value", "Sector"), ("invited", "Invited"), ("attended", "Attended"),
                ("speakers", "Spoke"), ("contributions", "Notes")], empty="Nobody invited.")
    print(f"Notes by a role (not a registered participant): {found.by_role}; "
          f"with no speaker: {found.no_speaker}.")


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = add_command(commands, "actions", "the actions of a learning system, overdue first",
                    _actions)
    p.add_argument("--system", metavar="ID")

    group = commands.add_parser("evidence", help="evidence: list, import references, attach files")
    evidence_cmds = group.add_subparsers(dest="evidence_command", metavar="ACTION",
                                         required=True)
    p = add_command(evidence_cmds, "list", "the evidence of a learning system", _evidence_list)
    p.add_argument("--system", metavar="ID")
    p = add_command(evidence_cmds, "import",
                    "import references from a RIS file (Zotero, EndNote, PubMed...): all "
                    "or none", _evidence_import)
    p.add_argument("file", metavar="FILE.ris")
    p.add_argument("--system", metavar="ID")
    p.add_argument("--dry-run", action="store_true",
                   help="print what would be imported and change nothing")
    p = add_command(evidence_cmds, "attach", "attach a file (up to 50 MB) to a piece of "
                    "evidence; a copy is kept with the store", _evidence_attach)
    p.add_argument("evidence", metavar="EVIDENCE")
    p.add_argument("file", metavar="FILE")
    p = add_command(evidence_cmds, "detach", "remove the attached file from a piece of "
                    "evidence", _evidence_detach)
    p.add_argument("evidence", metavar="EVIDENCE")

    p = add_command(commands, "coverage", "notes and themes per focus area per session, "
                    "kinds of note, and who was heard", _coverage)
    p.add_argument("--system", metavar="ID")
