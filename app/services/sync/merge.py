"""Merging received change files into the store, with the guard against mass deletes.

The rules (field by field, newest clock stamp wins and the other version is kept as a
conflict; deletes that keep a record edited meanwhile; copies of one record merged) live with
the store, in `app.store.sync_apply`, because they are applied in SQL. Here: what a round
asks of them, and what it tells a person afterwards.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from app.models import Changes
from app.store import sync_state
from app.store.engine import Store
from app.store.sync_apply import Outcome
from app.store.sync_store import Received, apply_files

MASS_DELETE_SHARE = 0.25
MASS_DELETE_MIN = 20
# How a person calls each kind of record, one and many.
_WORDS = {"note": ("note", "notes"), "theme": ("theme", "themes"),
          "session": ("session", "sessions"), "system": ("learning system", "learning systems"),
          "participant": ("participant", "participants"), "action": ("action", "actions"),
          "evidence": ("piece of evidence", "pieces of evidence"),
          "agenda_item": ("agenda block", "agenda blocks"),
          "focus_area": ("focus area", "focus areas"), "free_tag": ("tag", "tags"),
          "theme_vote": ("vote record", "vote records")}


def words(entity: str, count: int) -> str:
    one, many = _WORDS.get(entity, (entity.replace("_", " "), entity.replace("_", " ") + "s"))
    return f"{count} {one if count == 1 else many}"


def mass_delete(store: Store, files: Sequence[Received]) -> str:
    """A sentence when these files would delete more than a quarter (and more than 20) of the
    records of one kind here; "" otherwise."""
    deletes: dict[str, set[str]] = defaultdict(set)
    for f in files:
        for e in f.entries:
            if e["op"] == "delete":
                deletes[str(e["entity"])].add(str(e["entity_id"]))
    for entity, (here, total) in sync_state.removals(store, deletes).items():
        if here > MASS_DELETE_MIN and here > MASS_DELETE_SHARE * total:
            return (f"The changes received would delete {words(entity, here)} of the {total} "
                    "here; nothing was applied. Sync again and confirm to apply them.")
    return ""


def merge_files(store: Store, files: Sequence[Received],
                progress: Callable[[int, int, str], None] | None = None) -> Outcome:
    """Apply received files (idempotent) and close conflicts resolved elsewhere."""
    outcome = apply_files(store, files, progress)
    if any(e["entity"] == "conflict_resolution" for f in files for e in f.entries):
        sync_state.close_resolved(store)
    return outcome


def changes_of(outcome: Outcome) -> Changes:
    """What the views must refresh: every record a round changed."""
    def frozen(part: Mapping[str, set[str]]) -> dict[str, frozenset[str]]:
        return {k: frozenset(v) for k, v in part.items()}

    t = outcome.touched
    return Changes(frozen(t["insert"]), frozen(t["update"]), frozen(t["delete"]))


def received_lines(files: Sequence[Received]) -> list[str]:
    """'Received 42 notes and 3 themes from the laptop "Orkney office".', one per laptop."""
    by_device: dict[str, Counter[str]] = defaultdict(Counter)
    names: dict[str, str] = {}
    for f in files:
        names[f.device_id] = f.device_name
        seen: set[tuple[str, Any]] = set()
        for e in f.entries:
            key = (e["entity"], e["entity_id"])
            if key not in seen and e["entity"] in _WORDS:
                seen.add(key)
                by_device[f.device_id][str(e["entity"])] += 1
    lines = []
    for device, counts in by_device.items():
        parts = [words(entity, n) for entity, n in counts.most_common()]
        listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
        lines.append(f'Received changes to {listed} from the laptop '
                     f'"{names[device] or "unnamed"}".')
    return lines
