"""Planning commands: learning systems, focus areas, sessions, participants."""

from __future__ import annotations

import argparse
from typing import Any

from app.cli.common import add_command, emit_json, emit_table
from app.models import (
    FocusArea,
    LearningSystem,
    Sector,
    Session,
    SessionFormat,
    SessionParticipant,
)
from app.services.planning import focus_areas, participants, sessions, systems
from app.store.engine import Store


def system_record(s: LearningSystem) -> dict[str, Any]:
    return {"id": s.id, "name": s.name, "purpose": s.purpose, "principles": s.principles}


def focus_area_record(a: FocusArea) -> dict[str, Any]:
    return {"id": a.id, "key": a.key, "slug": a.slug, "name": a.name, "colour": a.colour,
            "retired": a.retired}


def session_record(s: Session) -> dict[str, Any]:
    return {"id": s.id, "system_id": s.system_id, "title": s.title, "starts": s.starts,
            "minutes": s.minutes, "format": s.format, "status": s.status, "kind": s.kind,
            "platform": s.platform, "join_link": s.join_link}


def participant_record(sp: SessionParticipant) -> dict[str, Any]:
    p, i = sp.participant, sp.invitation
    return {"id": p.id, "name": p.name, "email": p.email, "organisation": p.organisation,
            "sector": p.sector, "locality": p.locality, "may_name": i.may_name,
            "may_email": i.may_email, "may_quote": i.may_quote, "attended": i.attended,
            "access_needs": i.access_needs}


def _system_create(store: Store, args: argparse.Namespace) -> None:
    system, _ = systems.create_system(store, args.name, purpose=args.purpose or "")
    if args.json:
        emit_json(system_record(system))
    else:
        print(f"Created learning system '{system.name}' ({system.id}) with the four focus areas.")


def _system_list(store: Store, args: argparse.Namespace) -> None:
    found = [system_record(s) for s in systems.list_systems(store)]
    if args.json:
        emit_json(found)
    else:
        emit_table(found, [("id", "ID"), ("name", "Name")],
                   empty="No learning systems yet. Try: cairn demo")


def _focus_areas(store: Store, args: argparse.Namespace) -> None:
    system = systems.resolve_system(store, args.system)
    found = [focus_area_record(a) for a in focus_areas.list_focus_areas(store, system.id)]
    if args.json:
        emit_json(found)
    else:
        emit_table(found, [("key", "Key"), ("slug", "Slug"), ("name", "Name"),
                           ("retired", "Retired")], empty="No focus areas.")


def _session_create(store: Store, args: argparse.Namespace) -> None:
    system = systems.resolve_system(store, args.system)
    session, _ = sessions.create_session(
        store, system.id, args.title, sessions.parse_starts(args.starts),
        minutes=args.minutes, format=args.format,
    )
    if args.json:
        emit_json(session_record(session))
    else:
        print(f"Planned '{session.title}' ({session.id}) on "
              f"{session.starts.astimezone():%a %d %b %Y %H:%M}, {session.minutes} min.")


def _session_list(store: Store, args: argparse.Namespace) -> None:
    system_id = systems.resolve_system(store, args.system).id if args.system else None
    found = [session_record(s) for s in sessions.list_sessions(store, system_id)]
    if args.json:
        emit_json(found)
    else:
        emit_table(found, [("id", "ID"), ("starts", "Starts"), ("minutes", "Min"),
                           ("status", "Status"), ("title", "Title")], empty="No sessions yet.")


def _participants(store: Store, args: argparse.Namespace) -> None:
    session = sessions.resolve_session(store, args.session)
    found = [participant_record(p)
             for p in participants.list_session_participants(store, session.id)]
    if args.json:
        emit_json(found)
    else:
        emit_table(found, [("name", "Name"), ("organisation", "Organisation"),
                           ("sector", "Sector"), ("may_name", "May name"),
                           ("may_email", "May email"), ("may_quote", "May quote")],
                   empty="Nobody is invited to this session yet.")


def _participant_add(store: Store, args: argparse.Namespace) -> None:
    session = sessions.resolve_session(store, args.session)
    person: dict[str, Any] = {"email": args.email or "", "organisation": args.organisation or "",
                              "locality": args.locality or ""}
    if args.sector:
        person["sector"] = Sector.parse(args.sector)
    added, _ = participants.add_to_session(
        store, session.id, args.name, **person,
        consent={"may_name": args.may_name, "may_email": args.may_email,
                 "may_quote": args.may_quote},
    )
    if args.json:
        emit_json(participant_record(added))
    else:
        print(f"Invited {added.participant.id} to '{session.title}'.")


def _sector(text: str) -> str:
    try:
        return Sector.parse(text).value
    except ValueError as err:
        raise argparse.ArgumentTypeError(str(err)) from None


def _minutes(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number of minutes") from None


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    system = commands.add_parser("system", help="learning systems")
    system_cmds = system.add_subparsers(dest="system_command", metavar="ACTION", required=True)
    p = add_command(system_cmds, "create", "create a learning system (with the four focus areas)",
                    _system_create)
    p.add_argument("--name", required=True)
    p.add_argument("--purpose")
    p = add_command(system_cmds, "list", "list the learning systems", _system_list)

    p = add_command(commands, "focus-areas", "the focus areas with key, slug and name",
                    _focus_areas)
    p.add_argument("--system", metavar="ID")

    session = commands.add_parser("session", help="sessions")
    session_cmds = session.add_subparsers(dest="session_command", metavar="ACTION", required=True)
    p = add_command(session_cmds, "create", "plan a session", _session_create)
    p.add_argument("--title", required=True)
    p.add_argument("--starts", required=True, metavar="ISO8601")
    p.add_argument("--system", metavar="ID")
    p.add_argument("--minutes", type=_minutes, default=90)
    p.add_argument("--format", choices=[f.value for f in SessionFormat], default="online")
    p = add_command(session_cmds, "list", "list the sessions", _session_list)
    p.add_argument("--system", metavar="ID")

    p = add_command(commands, "participants", "who is invited to a session, with consent",
                    _participants)
    p.add_argument("session", metavar="SESSION")

    participant = commands.add_parser("participant", help="add participants")
    participant_cmds = participant.add_subparsers(dest="participant_command", metavar="ACTION",
                                                  required=True)
    p = add_command(participant_cmds, "add", "register someone and invite them to a session",
                    _participant_add)
    p.add_argument("session", metavar="SESSION")
    p.add_argument("--name", required=True)
    p.add_argument("--email")
    p.add_argument("--organisation")
    p.add_argument("--sector", type=_sector)
    p.add_argument("--locality")
    p.add_argument("--may-name", action="store_true", help="may be named in outputs")
    p.add_argument("--may-email", action="store_true", help="may be emailed the pack")
    p.add_argument("--may-quote", action="store_true", help="may be quoted")
