"""Applying one received change to the records, field by field, by rules every laptop shares.

- An update wins when its clock stamp is the field's newest (stamps end with the device id,
  so ties break alike everywhere); the version it beats, unless someone overwrote that
  version knowingly (named it as base) or a person resolved it, is kept as a conflict.
- An insert of a record that is here already (the sample loaded on two laptops, a free tag
  with an id derived from its name) is merged: the newest insert's values win, field by field,
  where no update is newer. An insert meeting another record's unique name is set aside with
  a sentence, never a constraint error.
- A delete removes the record only when the deleter had seen every version of its fields and
  nothing else refers to it; otherwise the record stays and a "deleted" conflict says so. An
  edit arriving for a record deleted here brings it back (from the log) with that conflict.

Entries are applied in SQL, through replay's own plans, with foreign keys off (a record's
parent may arrive from another laptop later); what an entry changes beyond itself is logged
as a derived entry (see `sync_entries`), so that replaying the log rebuilds the store.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from app.store import sync_entries as log
from app.store.canonical import canonical_json
from app.store.replay import _apply, _plan
from app.store.tables import Base

Entry = Mapping[str, Any]


@dataclass
class Outcome:
    """What applying entries did: counts, records touched, conflicts opened and closed."""

    applied: int = 0
    lost: int = 0
    already: int = 0
    touched: dict[str, dict[str, set[str]]] = field(
        default_factory=lambda: {"insert": {}, "update": {}, "delete": {}})
    opened: list[str] = field(default_factory=list)
    closed: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def touch(self, op: str, entity: str, entity_id: str) -> None:
        self.touched[op].setdefault(entity, set()).add(entity_id)


@dataclass
class Context:
    """Where derived entries come from: this laptop, one clock tick each, the round's time."""

    conn: sqlite3.Connection
    device: str
    at: str
    tick: Any  # () -> str
    outcome: Outcome
    newer_inserts: dict[tuple[str, str], str] = field(default_factory=dict)


def apply_entry(ctx: Context, e: Entry) -> None:
    """Apply one received entry and log it (applied or lost)."""
    entity, entity_id, op = e["entity"], e["entity_id"], e["op"]
    plan = _plan(entity)
    if plan is None:  # a kind of record from a newer Cairn: kept in the log, applied later
        log.log_received(ctx.conn, e, False)
        ctx.outcome.lost += 1
        return
    present = _present(ctx.conn, plan, entity_id)
    if op == "insert":
        done = _insert(ctx, e, plan, present)
    elif op == "update":
        done = _update(ctx, e, plan, present)
    else:
        done = _delete(ctx, e, plan, present)
    log.log_received(ctx.conn, e, done)
    if done:
        ctx.outcome.applied += 1
        ctx.outcome.touch(op, entity, entity_id)
    else:
        ctx.outcome.lost += 1


def _present(conn: sqlite3.Connection, plan: Any, entity_id: str) -> bool:
    keys = entity_id.split(":", len(plan.keys) - 1)
    return conn.execute(f"SELECT 1 FROM {plan.table.name} WHERE {plan.where}",
                        keys).fetchone() is not None


def _insert(ctx: Context, e: Entry, plan: Any, present: bool) -> bool:
    entity, entity_id = e["entity"], e["entity_id"]
    if present:
        _merge_insert(ctx, e, plan)
        return False
    deleted_later = [d for d in log.deletes_of(ctx.conn, entity, entity_id) if d[1] > e["hlc"]]
    if deleted_later:
        return False  # deleted (here or elsewhere) after this insert was made
    problem = _apply(ctx.conn, entity, entity_id, "insert", None, e["value"])
    if problem:
        ctx.outcome.problems.append(f"A {entity.replace('_', ' ')} could not be added here: "
                                    f"it {problem.rstrip('.')}.")
        return False
    # Updates that arrived before their record (from a laptop whose files came first).
    for name, (entry_id, stamp) in log.versions(ctx.conn, entity, entity_id).items():
        if stamp > e["hlc"] and (early := log.entry(ctx.conn, entry_id)) is not None:
            _set_field(ctx, entity, entity_id, name, early["value"], entry_id)
    return True


def prepare(ctx: Context, entries: list[Entry]) -> None:
    """Before applying an operation: the newest inserts of the records it inserts that are
    here already, found in one pass over the log (rare: the sample loaded on two laptops)."""
    here = []
    for e in entries:
        key = (e["entity"], e["entity_id"])
        plan = _plan(e["entity"])
        if (e["op"] == "insert" and plan is not None and key not in ctx.newer_inserts
                and _present(ctx.conn, plan, e["entity_id"])):
            here.append(key)
    if here:
        found = log.inserts_of(ctx.conn, here)
        ctx.newer_inserts.update({key: found.get(key, "") for key in here})


def _merge_insert(ctx: Context, e: Entry, plan: Any) -> None:
    """Another copy of a record that is here: the newest insert's values win, field by field,
    where no update is newer."""
    entity, entity_id = e["entity"], e["entity_id"]
    key = (entity, entity_id)
    if key not in ctx.newer_inserts:
        ctx.newer_inserts.update(log.inserts_of(ctx.conn, [key]))
    if e["hlc"] <= ctx.newer_inserts.get(key, ""):
        return
    ctx.newer_inserts[key] = e["hlc"]
    record = json.loads(e["value"] or "{}")
    current = _row(ctx.conn, plan, entity_id)
    updated = log.versions(ctx.conn, entity, entity_id)
    for name, value in record.items():
        if name in plan.keys or name not in current or name in updated:
            continue
        if plan.stored[name](value) != current[name]:
            _set_field(ctx, entity, entity_id, name, canonical_json(value), None)


def _update(ctx: Context, e: Entry, plan: Any, present: bool) -> bool:
    entity, entity_id, name = e["entity"], e["entity_id"], e["field"]
    if name not in plan.columns:
        return False
    if e["base"]:
        _close(ctx, log.conflict_id(entity, entity_id, name, e["base"]))
    if not present:
        return _update_absent(ctx, e, plan)
    current = log.versions(ctx.conn, entity, entity_id).get(name)
    if current is not None and current[1] >= e["hlc"]:
        _maybe_conflict(ctx, e, "edit", e["id"], name)
        return False
    problem = _apply(ctx.conn, entity, entity_id, "update", name, e["value"])
    if problem:
        ctx.outcome.problems.append(f"A change to a {entity.replace('_', ' ')} could not be "
                                    f"applied here: it {problem.rstrip('.')}.")
        return False
    log.set_version(ctx.conn, entity, entity_id, name, e["id"], e["hlc"])
    if current is not None and current[0] != e["base"]:
        _maybe_conflict(ctx, e, "edit", current[0], name)
    return True


def _update_absent(ctx: Context, e: Entry, plan: Any) -> bool:
    """An edit of a record not here: deleted here (brought back, with a "deleted" conflict,
    unless the deleter had seen this edit), or not arrived yet (its version waits for it)."""
    entity, entity_id, name = e["entity"], e["entity_id"], e["field"]
    deletes = log.deletes_of(ctx.conn, entity, entity_id)
    if (deletes and all(e["id"] not in seen for _, _, seen in deletes)
            and _bring_back(ctx, entity, entity_id)):
        for delete_id, _, _ in deletes:
            _maybe_conflict(ctx, e, "deleted", delete_id, None)
        return _update(ctx, e, plan, True)
    current = log.versions(ctx.conn, entity, entity_id).get(name)
    if current is None or current[1] < e["hlc"]:
        log.set_version(ctx.conn, entity, entity_id, name, e["id"], e["hlc"])
    return False


def _bring_back(ctx: Context, entity: str, entity_id: str) -> bool:
    """Re-insert a deleted record from the log: its newest insert, each field's newest value."""
    inserted, fields = log.history(ctx.conn, entity, entity_id)
    if inserted is None:
        return False
    record = json.loads(inserted["value"])
    for name, (stamp, value, _) in fields.items():
        if stamp > inserted["hlc"] and name in record:
            record[name] = json.loads(value)
    value = canonical_json(record)
    if _apply(ctx.conn, entity, entity_id, "insert", None, value):
        return False
    log.log_derived(ctx.conn, ctx.device, ctx.tick(), ctx.at, entity, entity_id, "insert",
                    None, value)
    ctx.outcome.touch("insert", entity, entity_id)
    return True


def _delete(ctx: Context, e: Entry, plan: Any, present: bool) -> bool:
    entity, entity_id = e["entity"], e["entity_id"]
    if not present:
        return False
    seen = set(json.loads(e["value"]) if e["value"] else [])
    unseen = [v for v, _ in log.versions(ctx.conn, entity, entity_id).values() if v not in seen]
    if unseen or _referred_to(ctx.conn, plan, entity_id):
        _maybe_conflict(ctx, e, "deleted", e["id"], None)
        return False
    return not _apply(ctx.conn, entity, entity_id, "delete", None, None)


def _referred_to(conn: sqlite3.Connection, plan: Any, entity_id: str) -> bool:
    """Whether another record still points to this one (one the deleter had not seen)."""
    if len(plan.keys) != 1:
        return False
    for child in Base.metadata.sorted_tables:
        for fk in child.foreign_keys:
            if fk.column.table is plan.table and _plan_of(child.name) is not None:
                column = fk.parent.name
                if conn.execute(f"SELECT 1 FROM {child.name} WHERE {column} = ? LIMIT 1",
                                (entity_id,)).fetchone():
                    return True
    return False


def _plan_of(table_name: str) -> Any:
    from app.store.tables import ENTITY_OF_TABLE

    entity = ENTITY_OF_TABLE.get(table_name)
    return None if entity is None else _plan(entity)


def _set_field(ctx: Context, entity: str, entity_id: str, name: str, value: str,
               version: str | None) -> None:
    """Set one field as a derived change (logged so that replay agrees)."""
    if _apply(ctx.conn, entity, entity_id, "update", name, value):
        return
    log.log_derived(ctx.conn, ctx.device, ctx.tick(), ctx.at, entity, entity_id, "update",
                    name, value, version)
    ctx.outcome.touch("update", entity, entity_id)


def _row(conn: sqlite3.Connection, plan: Any, entity_id: str) -> dict[str, Any]:
    names = sorted(plan.columns)
    keys = entity_id.split(":", len(plan.keys) - 1)
    row = conn.execute(f"SELECT {', '.join(names)} FROM {plan.table.name} WHERE {plan.where}",
                       keys).fetchone()
    return {} if row is None else dict(zip(names, row, strict=True))


def _maybe_conflict(ctx: Context, e: Entry, kind: str, loser: str, name: str | None) -> None:
    """Keep the losing version as a conflict, unless it was overwritten knowingly or resolved."""
    entity, entity_id = e["entity"], e["entity_id"]
    conflict = log.conflict_id(entity, entity_id, name, loser)
    if log.superseded(ctx.conn, loser, conflict) and kind == "edit":
        return
    if ctx.conn.execute("SELECT 1 FROM conflict_resolutions WHERE id = ?",
                        (conflict,)).fetchone():
        return
    done = ctx.conn.execute(
        "INSERT OR IGNORE INTO sync_conflicts (id, entity, entity_id, field, kind, loser, "
        "detected_at, resolved, resolution) VALUES (?, ?, ?, ?, ?, ?, ?, 0, NULL)",
        (conflict, entity, entity_id, name, kind, loser, ctx.at))
    if done.rowcount:
        ctx.outcome.opened.append(conflict)


def _close(ctx: Context, conflict: str) -> None:
    done = ctx.conn.execute("UPDATE sync_conflicts SET resolved = 1 WHERE id = ? AND "
                            "resolved = 0", (conflict,))
    if done.rowcount:
        ctx.outcome.closed.append(conflict)
