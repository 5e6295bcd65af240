"""One sync round: send this laptop's changes, read what the others wrote, merge it.

1. The shared folder is checked first: a missing or unplugged one raises
   `SharedFolderUnavailable` with nothing changed, and `Cairn sync/` is created only by the
   first round of a laptop that has never synced (never the chosen folder itself).
2. This laptop's unsent changes are written as new change files (a file is recorded as
   sent, and its changes marked, only once it is whole on the share); its own files that
   the share lost or damaged are written again.
3. The inbox is read (chains verified, gaps waiting, damaged files set aside); a copied data
   folder is given a new device id and its changes sent again under it.
4. A round that would delete more than a quarter of the records of one kind stops and asks
   (`needs_confirmation`) unless `allow_mass_delete`; otherwise the files are merged, one
   received operation per transaction, and what happened goes into the sync log.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from app.models.base import utcnow
from app.models.sync import SyncRound
from app.services.exports.pack_text import counted
from app.services.sync.changefiles import ChangeFileClash, mark_format, publish
from app.services.sync.clock import far_ahead
from app.services.sync.folder import FolderTransport
from app.services.sync.inbox import read_inbox
from app.services.sync.merge import changes_of, mass_delete, merge_files, received_lines
from app.services.sync.transport import ROOT, Transport
from app.store import sync_state
from app.store.engine import Store
from app.store.sync_store import Received

FILE_ENTRIES = 5000  # changes per file: a few hundred kB, written and read at once
SET_ASIDE_FOLDER = "sync-set-aside"
Progress = Callable[[int, int, str], None]


def run_round(store: Store, shared_folder: Path, *, device_name: str = "",
              allow_mass_delete: bool = False, progress: Progress | None = None) -> SyncRound:
    """One round with the shared folder; raises SharedFolderUnavailable (nothing changed)."""
    started = utcnow()
    report = SyncRound(started_at=started)
    name = device_name or _stored_name(store)
    first = not (shared_folder / ROOT).is_dir() and not _has_synced(store)
    transport = FolderTransport(shared_folder, create=first)
    if first:
        mark_format(transport, store.device_id)
    try:
        report.sent += _send(store, transport, name)
        clash = False
    except ChangeFileClash:
        clash = True  # another laptop writes under this laptop's id: a copied data folder
    names = sync_state.peer_names(store)
    inbox = read_inbox(transport, store.device_id, sync_state.seen(store),
                       sync_state.own_files(store), store.path.parent / SET_ASIDE_FOLDER,
                       names=names)
    lines: list[tuple[str, str]] = []
    if inbox.clone_suspected or clash:
        old = store.device_id
        made, again = sync_state.new_device_id(store)
        lines.append(("device", f"This data folder is a copy of another laptop's (both used "
                                f"the id {old[:8]}); it now has its own id {made[:8]}, and "
                                f"its {again} changes are sent again under it. Nothing was "
                                "lost."))
        report.sent += _send(store, transport, name)
    else:
        report.sent += _rewrite_own(store, transport, name, inbox.own_to_rewrite)
    files = [Received(f.device_id, f.device_name, f.seq, f.sha256, f.entries)
             for f in inbox.files]
    report.set_aside = len(inbox.set_aside) + len(inbox.newer)
    report.waiting = len(inbox.waiting)
    sync_state.set_aside(store, [(a.name, a.device_id, a.seq, a.reason)
                                 for a in inbox.set_aside])
    lines += [("set_aside", a.reason) for a in inbox.set_aside]
    lines += [("problem", text) for text in inbox.waiting + inbox.newer]
    asked = "" if allow_mass_delete else mass_delete(store, files)
    if asked:
        report.needs_confirmation = asked
        lines.append(("problem", asked))
        return _finish(store, report, lines)
    outcome = merge_files(store, files, progress)
    report.received = outcome.applied + outcome.lost
    report.conflicts = len(outcome.opened)
    report.changes = changes_of(outcome)
    if report.received:
        lines += [("received", text) for text in received_lines(files)]
    if outcome.opened:
        lines.append(("conflict", f"{len(outcome.opened)} concurrent "
                      f"{'edit was' if len(outcome.opened) == 1 else 'edits were'} kept side "
                      "by side for you to choose."))
    lines += [("problem", text) for text in outcome.problems[:20]]
    warning = far_ahead(((str(e["hlc"]), str(e["device_id"])) for f in files
                         for e in f.entries), {**names, **inbox.devices})
    if warning:
        lines.append(("problem", warning))
    return _finish(store, report, lines)


def _finish(store: Store, report: SyncRound, lines: list[tuple[str, str]]) -> SyncRound:
    report.finished_at = utcnow()
    if report.sent:
        lines.insert(0, ("sent", f"Sent {counted(report.sent, 'change')} to the shared folder."))
    summary = (f"Sync round: {report.sent} sent, {report.received} received, "
               f"{report.conflicts} in conflict, {report.set_aside} set aside.")
    if report.needs_confirmation:
        summary = "Sync round stopped to ask before deleting many records."
    lines.append(("round", summary))
    report.messages = [text for _, text in lines]
    sync_state.write_log(store, lines)  # a durable commit: covers the round's applied changes
    return report


def _send(store: Store, transport: Transport, name: str) -> int:
    """Write every unsent change of this laptop, a file at a time; how many were sent."""
    sent = 0
    while True:
        batch = sync_state.unsent(store, FILE_ENTRIES)
        if not batch:
            return sent
        seq, prev = sync_state.next_file(store)
        entries = [entry for _, entry in batch]
        written = publish(transport, store.device_id, name, seq, prev, entries,
                          _systems(entries))
        sync_state.record_sent(store, seq, written.sha256, written.name, batch[-1][0], entries)
        sent += len(entries)


def _rewrite_own(store: Store, transport: Transport, name: str, seqs: list[int]) -> int:
    """Write again this laptop's files the share lost or damaged (same seq, same bytes)."""
    done = 0
    for seq in seqs:
        prev, entries = sync_state.own_entries(store, seq)
        if entries:
            publish(transport, store.device_id, name, seq, prev, entries, _systems(entries))
            done += len(entries)
    return done


def _systems(entries: list[dict[str, object]]) -> list[tuple[str, str]]:
    """Learning systems named or renamed in these changes: (id, name)."""
    import json

    named: dict[str, str] = {}
    for e in entries:
        if e["entity"] != "system":
            continue
        if e["op"] == "insert" and e["value"]:
            named[str(e["entity_id"])] = str(json.loads(str(e["value"])).get("name", ""))
        elif e["op"] == "update" and e["field"] == "name" and e["value"]:
            named[str(e["entity_id"])] = str(json.loads(str(e["value"])))
    return sorted(named.items())


def _has_synced(store: Store) -> bool:
    return bool(sync_state.own_files(store) or sync_state.seen(store))


def _stored_name(store: Store) -> str:
    return sync_state.device_name(store)
