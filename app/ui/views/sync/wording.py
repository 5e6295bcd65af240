"""What the sync windows say, in words: how long ago, the status bar's sentence, a conflict's
row, a sync-log line. Plain functions of the sync models, so the sentences are tested alone."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from app.models.sync import Conflict, SharedFolderInfo, SyncLogEntry, SyncRound, SyncStatus

FIELD_WORDS = {"text": "text", "title": "title", "synthesis": "synthesis", "name": "name"}


@dataclass(frozen=True)
class SyncState:
    """What the status bar shows: the last status read, and what the runner is doing now."""

    status: SyncStatus | None = None
    running: bool = False
    offline: bool = False  # the shared folder could not be reached at the last attempt
    progress: str = ""  # what the round is doing, while it runs


def local(moment: datetime) -> datetime:
    """`moment` in this laptop's time zone (a naive time is taken as UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone()


def ago(moment: datetime, now: datetime | None = None) -> str:
    """How long ago, as a person says it: "just now", "2 min ago", "3 h ago", "on 4 Dec"."""
    now = now or datetime.now(UTC)
    seconds = (local(now) - local(moment)).total_seconds()
    if seconds < 60:
        return "just now"
    if seconds < 3600:
        return f"{int(seconds // 60)} min ago"
    if seconds < 24 * 3600:
        return f"{int(seconds // 3600)} h ago"
    moment = local(moment)
    year = "" if seconds < 300 * 24 * 3600 else f" {moment.year}"
    return f"on {moment.day} {moment:%b}{year}"  # %-d is not there on Windows


def when(moment: datetime) -> str:
    """A date and time for a list: "Mon 30 Nov, 14:05"."""
    moment = local(moment)
    return f"{moment:%a} {moment.day} {moment:%b, %H:%M}"


def plural(count: int, word: str, many: str = "") -> str:
    return f"{count} {word if count == 1 else (many or word + 's')}"


def status_parts(state: SyncState, now: datetime | None = None) -> tuple[str, str]:
    """The status bar's short text and the sentence a screen reader hears."""
    status = state.status
    if state.running:
        text = "Syncing…"
        return text, "Syncing with the shared folder" + (f": {state.progress}."
                                                         if state.progress else ".")
    pending = status.pending_changes if status is not None else 0
    waiting = f" · {pending} to send" if pending else ""
    if state.offline:
        return (f"Offline{waiting}", "Offline: the shared folder cannot be reached; Cairn "
                "syncs when it is back." + (f" {plural(pending, 'change')} to send." if pending
                                            else ""))
    if status is None or status.last_sync_at is None:
        return f"Not synced yet{waiting}", "Not synced yet" + (
            f", {plural(pending, 'change')} to send." if pending else ".")
    said = ago(status.last_sync_at, now)
    text = f"Synced {said}{waiting}"
    return text, f"Last synced {said}" + (f", {plural(pending, 'change')} to send." if pending
                                          else ", nothing to send.")


def round_sentence(result: SyncRound) -> str:
    """One sentence for the status bar once a round has finished."""
    parts = []
    if result.received:
        parts.append(f"received {plural(result.received, 'change')}")
    if result.sent:
        parts.append(f"sent {plural(result.sent, 'change')}")
    if result.conflicts:
        parts.append(f"{plural(result.conflicts, 'conflict')} to look at")
    if result.set_aside:
        parts.append(f"{plural(result.set_aside, 'file')} set aside")
    if result.waiting:
        parts.append(f"{plural(result.waiting, 'file')} waiting for an earlier one")
    if not parts:
        return "Synced: nothing new."
    text = ", ".join(parts[:-1]) + (" and " if len(parts) > 1 else "") + parts[-1]
    return f"Synced: {text}."


def field_words(conflict: Conflict) -> str:
    """Which part of the record the two versions are of."""
    if conflict.kind == "deleted":
        return "deleted on one laptop, edited on another"
    field = conflict.field or ""
    return FIELD_WORDS.get(field, field.replace("_", " "))


def conflict_row(conflict: Conflict) -> tuple[str, str, str, str]:
    """The conflicts list's columns: record, what, their laptop, when."""
    return (conflict.label, field_words(conflict), conflict.their_device or "another laptop",
            when(conflict.detected_at))


def conflict_sentence(conflict: Conflict) -> str:
    """The whole row as a screen reader says it."""
    record, what, device, at = conflict_row(conflict)
    return f"{record}: {what}; the other version from {device}, found {at}."


def edited_text(conflict: Conflict) -> str:
    """What the editor starts with: both versions, mine first, the other laptop's below."""
    if conflict.mine == conflict.theirs:
        return conflict.mine
    return f"{conflict.mine}\n\n{conflict.theirs}".strip()


def log_line(entry: SyncLogEntry) -> str:
    """One line of the sync log as shown and copied: the time, then the sentence."""
    return f"{when(entry.at)}  {entry.text}"


def shared_sentence(info: SharedFolderInfo) -> str:
    """What a shared folder holds, for the preferences page."""
    if not info.reachable:
        return info.message or "The shared folder cannot be read."
    if not info.systems and not info.devices:
        return ("No Cairn data there yet: the first sync (Join) puts this laptop's learning "
                "systems there.")
    systems = ", ".join(f"“{s.name}”" for s in info.systems) or "none named yet"
    devices = "; ".join(
        f"“{d.name}”" + (f" (last wrote {ago(d.last_written_at)})" if d.last_written_at
                         else "") for d in info.devices)
    return (f"Learning systems: {systems}.\n"
            f"{plural(len(info.devices), 'laptop')} "
            f"{'syncs' if len(info.devices) == 1 else 'sync'} there: {devices or 'none yet'}.")
