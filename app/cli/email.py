"""Email commands: `cairn email drafts` (one .eml per participant who may be emailed, no
password needed), `cairn email send` (queue the pack in the outbox and send what can go now)
and `cairn outbox` (show, send, and decide about the messages).

The SMTP password is never an argument: it comes from the keyring, or is asked for on the
terminal. `CAIRN_SMTP_PASSWORD` is read only when set, and exists for automated tests.
"""

from __future__ import annotations

import argparse
import getpass
import ipaddress
import os
import sys
from pathlib import Path
from typing import Any

from app import config
from app.cli.common import CommandError, add_command, emit_json, emit_table
from app.models import Preferences
from app.models.preferences import SmtpSecurity
from app.services.planning import sessions
from app.services.sharing import credentials, drafts, outbox, sending
from app.services.sharing.messages import Sender
from app.services.sharing.smtp_link import SmtpSettings, parse_server
from app.store.engine import Store

PREFERENCES_FILE = "preferences.json"  # beside the store, as the desktop app keeps it


def _preferences(args: argparse.Namespace) -> Preferences:
    return Preferences.load(config.data_dir(args.data_dir) / PREFERENCES_FILE)


def _sender(args: argparse.Namespace, prefs: Preferences) -> Sender:
    return Sender(prefs.your_name, (getattr(args, "sender", None) or prefs.smtp_from).strip())


def _left_out(rows: Any) -> list[dict[str, str]]:
    return [{"participant_id": p.participant_id, "name": p.name, "reason": p.reason}
            for p in rows]


def _drafts(store: Store, args: argparse.Namespace) -> None:
    session = sessions.resolve_session(store, args.session)
    done = drafts.write_drafts(store, session.id, Path(args.out),
                               _sender(args, _preferences(args)))
    if args.json:
        emit_json({"folder": str(done.folder),
                   "drafts": [{"participant_id": who.participant_id, "name": who.name,
                               "email": who.address, "path": str(path)}
                              for who, path in done.written],
                   "left_out": _left_out(done.left_out)})
        return
    count = len(done.written)
    print(f"Wrote {count} draft{'' if count == 1 else 's'} to {done.folder}."
          + (" Open them in your mail program and press Send." if count else ""))
    for person in done.left_out:
        print(f"No draft for {person.name}: {person.reason}.")


def _settings(args: argparse.Namespace, prefs: Preferences) -> SmtpSettings:
    """The server from the options, else from the preferences."""
    if args.smtp:
        host, port = parse_server(args.smtp)
        security = (SmtpSecurity.TLS if args.tls else
                    SmtpSecurity.STARTTLS if args.starttls else SmtpSecurity.NONE)
        user = args.user or ""
    elif prefs.smtp_host:
        host, port, security = prefs.smtp_host, prefs.smtp_port, prefs.smtp_security
        user = args.user or prefs.smtp_user
    else:
        raise CommandError("Say which server sends the mail: --smtp HOST:PORT.")
    if user and security == SmtpSecurity.NONE and not _local(host):
        raise CommandError("A password is only sent over an encrypted connection: add "
                           "--starttls or --tls.")
    return SmtpSettings(host=host, port=port, security=security, user=user)


def _local(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


def _password(settings: SmtpSettings) -> str | None:
    """From the test variable when set, else the keyring, else asked on the terminal."""
    if not settings.user:
        return None
    if (given := os.environ.get(credentials.TEST_PASSWORD_ENV)) is not None:
        return given
    try:
        kept = credentials.stored_password(settings.host, settings.user)
    except credentials.NoKeyring:
        kept = None
    if kept is not None:
        return kept
    if not sys.stdin.isatty():
        raise CommandError(f"No password for {settings.user} at {settings.host} is kept in the "
                           "keyring, and there is no terminal to ask for it on.")
    return getpass.getpass(f"Password for {settings.user} at {settings.host}: ")


def _send_round(store: Store, args: argparse.Namespace,
                prefs: Preferences) -> sending.SendReport:
    settings = _settings(args, prefs)
    sender = _sender(args, prefs)
    return sending.send_due(store, settings, _password(settings), sender.address,
                            everything=True)


def _send(store: Store, args: argparse.Namespace) -> None:
    session = sessions.resolve_session(store, args.session)
    prefs = _preferences(args)
    _settings(args, prefs)  # refuse a bad server before anything is queued
    queued, _ = outbox.queue_session(store, session.id, _sender(args, prefs))
    report = _send_round(store, args, prefs)
    if args.json:
        emit_json({"queued": [m.id for m in queued.messages], "already": queued.already,
                   "left_out": _left_out(queued.left_out), "sent": report.sent,
                   "failed": report.failed, "later": report.later,
                   "may_have_been_sent": report.unsure, "problem": report.problem})
        return
    count = len(queued.messages)
    print(f"Queued {count} message{'' if count == 1 else 's'}"
          + (f" ({queued.already} already in the outbox, not queued twice)"
             if queued.already else "") + ".")
    for person in queued.left_out:
        print(f"Not emailed: {person.name}: {person.reason}.")
    print(report.summary())


def _record(m: outbox.OutboxMessage) -> dict[str, Any]:
    return {"id": m.id, "message_id": m.message_id, "session_id": m.session_id,
            "session_title": m.session_title, "recipient": m.recipient,
            "recipient_name": m.recipient_name, "subject": m.subject,
            "status": m.status.value, "attempts": m.attempts, "next_try": m.next_try,
            "last_error": m.last_error, "queued_at": m.queued_at, "sent_at": m.sent_at}


def _outbox(store: Store, args: argparse.Namespace) -> None:
    sending.recover(store)
    for ids, decide in ((args.send_again, outbox.send_again), (args.mark_sent, outbox.mark_sent),
                        (args.remove, outbox.remove)):
        if ids:
            decide(store, [_resolve(store, i) for i in ids])
    summary = ""
    if args.send:
        summary = _send_round(store, args, _preferences(args)).summary()
    rows = [_record(m) for m in outbox.list_outbox(store)]
    if args.json:
        emit_json(rows)
        return
    if summary:
        print(summary)
    shown = [{**r, "id": r["id"][-8:], "status": outbox.OutboxStatus(r["status"]).label}
             for r in rows]
    emit_table(shown, [("id", "Id"), ("status", "Status"), ("recipient_name", "To"),
                       ("recipient", "Address"), ("session_title", "Session"),
                       ("attempts", "Tries"), ("last_error", "Last answer")],
               empty="The outbox is empty.")


def _resolve(store: Store, given: str) -> str:
    """An outbox id from the whole id or its end as `cairn outbox` shows it."""
    found = [m.id for m in outbox.list_outbox(store) if m.id == given or m.id.endswith(given)]
    if len(found) != 1:
        raise CommandError(f"'{given}' names {'no' if not found else 'more than one'} message "
                           "in the outbox.")
    return found[0]


def _server_options(p: argparse.ArgumentParser, *, required: bool) -> None:
    p.add_argument("--smtp", metavar="HOST:PORT", required=required,
                   help="the SMTP server" + ("" if required else
                                             " (default: the one in the app's settings)"))
    how = p.add_mutually_exclusive_group()
    how.add_argument("--starttls", action="store_true",
                     help="upgrade the connection with STARTTLS (usually port 587)")
    how.add_argument("--tls", action="store_true", help="TLS from the start (usually port 465)")
    p.add_argument("--user", metavar="U", help="log in as U; the password comes from the "
                   "keyring or is asked for, never given here")
    p.add_argument("--from", dest="sender", metavar="ADDR",
                   help="the address the pack is sent from (default: the app's settings)")


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    email = commands.add_parser("email", help="email the summary pack to the participants who "
                                "agreed")
    verbs = email.add_subparsers(dest="email_command", metavar="WHAT", required=True)
    p = add_command(verbs, "drafts", "one .eml draft per participant who agreed to be emailed, "
                    "the pack attached; no password needed", _drafts)
    p.add_argument("session", metavar="SESSION")
    p.add_argument("--out", metavar="DIR", required=True, help="the folder for the drafts")
    p.add_argument("--from", dest="sender", metavar="ADDR", help="the address shown as sender")
    p = add_command(verbs, "send", "queue the pack to each participant who agreed, and send "
                    "what can go now; nothing is ever sent twice", _send)
    p.add_argument("session", metavar="SESSION")
    _server_options(p, required=True)
    p = add_command(commands, "outbox", "the email outbox: what is queued, sent, failed, or "
                    "may have been sent", _outbox)
    p.add_argument("--send", action="store_true", help="send what is queued now")
    for flag, what in (("--send-again", "queue again a message that failed or may have been "
                                        "sent"),
                       ("--mark-sent", "record that such a message did go"),
                       ("--remove", "take a message out of the outbox")):
        p.add_argument(flag, metavar="ID", action="append", default=[],
                       help=f"{what} (repeatable)")
    _server_options(p, required=False)
