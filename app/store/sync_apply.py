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

Most entries add a record that is new here and was never deleted: such an insert is tried
straight away (a record that is here after all makes it fail, and is then merged), its value
is decoded once, and the round's context answers "deleted anywhere?" and "is its parent
here?" without asking the store each time.
"""

from __future__ import annotations

import json
from typing import Any

from app.store import sync_entries as log
from app.store.canonical import canonical_json
from app.store.replay import _apply, _insert_record, _plan
from app.store.sync_context import (
    Context,
    Entry,
    Outcome,
    added,
    close,
    deletes_of,
    is_here,
    logged_delete,
    maybe_conflict,
    row,
    set_field,
)
from app.store.sync_deletes import (
    bring_back,
    covering,
    delete,
    keep_parents,
    recheck,
    stays_deleted,
)

__all__ = ["Context", "Outcome", "apply_entry", "prepare"]


def apply_entry(ctx: Context, e: Entry) -> None:
    """Apply one received entry and log it (applied or lost)."""
    entity, entity_id, op = e["entity"], e["entity_id"], e["op"]
    plan = _plan(entity)
    if plan is None:  # a kind of record from a newer Cairn: kept in the log, applied later
        log.log_received(ctx.conn, e, False)
        ctx.outcome.lost += 1
        return
    if op == "insert":
        done = _insert(ctx, e, plan)
    elif op == "update":
        done = _update(ctx, e, plan, is_here(ctx, plan, entity_id))
    else:
        done = delete(ctx, e, plan, is_here(ctx, plan, entity_id))
    log.log_received(ctx.conn, e, done)
    if op == "delete":
        logged_delete(ctx, entity, entity_id)
    if done:
        ctx.outcome.applied += 1
        ctx.outcome.touch(op, entity, entity_id)
    else:
        ctx.outcome.lost += 1


def _insert(ctx: Context, e: Entry, plan: Any) -> bool:
    entity, entity_id = e["entity"], e["entity_id"]
    if len(plan.keys) == len(plan.columns):
        return _insert_link(ctx, e, plan)
    deletes = deletes_of(ctx, entity, entity_id)
    if deletes:  # (rare) deleted here or elsewhere: here still, or deleted after this insert?
        if is_here(ctx, plan, entity_id):
            _merge_insert(ctx, e, plan)
            return False
        if any(stamp > e["hlc"] for _, stamp, _ in deletes):
            return False
    record, problem = _add(ctx, plan, e)
    if problem:
        if is_here(ctx, plan, entity_id):  # another copy of a record that is here
            _merge_insert(ctx, e, plan)
        else:
            ctx.outcome.problems.append(f"A {entity.replace('_', ' ')} could not be added "
                                        f"here: it {problem.rstrip('.')}.")
        return False
    # Updates that arrived before their record (from a laptop whose files came first).
    for name, (entry_id, stamp) in log.versions(ctx.conn, entity, entity_id).items():
        if stamp > e["hlc"] and (early := log.entry(ctx.conn, entry_id)) is not None:
            set_field(ctx, entity, entity_id, name, early["value"], entry_id)
    keep_parents(ctx, plan, record)
    return True


def _add(ctx: Context, plan: Any, e: Entry) -> tuple[Any, str]:
    """Insert the entry's record: (the record, "" or why it could not be added)."""
    try:
        record = json.loads(e["value"] or "null")
    except (ValueError, TypeError) as err:
        return None, f"holds a value that cannot be read: {err}."
    problem = _insert_record(ctx.conn, plan, e["entity_id"], record)
    if not problem:
        added(ctx, plan, e["entity_id"])
    return record, problem


def _insert_link(ctx: Context, e: Entry, plan: Any) -> bool:
    """A link row (a tag on a note) added: its newest add is its version, and it is there
    unless a delete had seen that add (adds and removals on two laptops both count)."""
    entity, entity_id = e["entity"], e["entity_id"]
    if not deletes_of(ctx, entity, entity_id):  # no removal to weigh it against: one statement
        log.newer_version(ctx.conn, entity, entity_id, "", e["id"], e["hlc"])
    else:
        current = log.versions(ctx.conn, entity, entity_id).get("")
        newest = e["id"] if current is None or current[1] < e["hlc"] else current[0]
        if newest == e["id"]:
            log.set_version(ctx.conn, entity, entity_id, "", e["id"], e["hlc"])
        if is_here(ctx, plan, entity_id) or covering(ctx, entity, entity_id,
                                                      {newest}) is not None:
            return False
    record, problem = _add(ctx, plan, e)
    if problem:
        return False  # here already, or a link to a record that never arrived here
    keep_parents(ctx, plan, record)
    return True


def prepare(ctx: Context, entries: list[Entry]) -> None:
    """Before applying an operation: remembered, so that the first record it inserts that is
    here already looks up the others' newest inserts in the same pass over the log."""
    ctx.operation = entries


def _newest_inserts(ctx: Context, key: tuple[str, str]) -> None:
    """The newest inserts of this record and of the operation's other records that are here
    already, found in one pass over the log (rare: the sample loaded on two laptops)."""
    here = [key]
    for e in ctx.operation:
        other = (e["entity"], e["entity_id"])
        plan = _plan(e["entity"])
        if (e["op"] == "insert" and plan is not None and other not in ctx.newer_inserts
                and other != key and is_here(ctx, plan, e["entity_id"])):
            here.append(other)
    found = log.inserts_of(ctx.conn, here)
    ctx.newer_inserts.update({k: found.get(k, "") for k in here})


def _merge_insert(ctx: Context, e: Entry, plan: Any) -> None:
    """Another copy of a record that is here: the newest insert's values win, field by field,
    where no update is newer."""
    entity, entity_id = e["entity"], e["entity_id"]
    key = (entity, entity_id)
    if key not in ctx.newer_inserts:
        _newest_inserts(ctx, key)
    if e["hlc"] <= ctx.newer_inserts.get(key, ""):
        return
    ctx.newer_inserts[key] = e["hlc"]
    record = json.loads(e["value"] or "{}")
    current = row(ctx.conn, plan, entity_id)
    updated = log.versions(ctx.conn, entity, entity_id)
    for name, value in record.items():
        if name in plan.keys or name not in current or name in updated:
            continue
        if plan.stored[name](value) != current[name]:
            set_field(ctx, entity, entity_id, name, canonical_json(value), None)


def _update(ctx: Context, e: Entry, plan: Any, here: bool) -> bool:
    entity, entity_id, name = e["entity"], e["entity_id"], e["field"]
    if name not in plan.columns:
        return False
    if e["base"]:
        close(ctx, log.conflict_id(entity, entity_id, name, e["base"]))
    if not here:
        return _update_absent(ctx, e, plan)
    current = log.versions(ctx.conn, entity, entity_id).get(name)
    if current is not None and current[1] >= e["hlc"]:
        maybe_conflict(ctx, e["entity"], e["entity_id"], "edit", e["id"], name)
        return False
    problem = _apply(ctx.conn, entity, entity_id, "update", name, e["value"])
    if problem:
        ctx.outcome.problems.append(f"A change to a {entity.replace('_', ' ')} could not be "
                                    f"applied here: it {problem.rstrip('.')}.")
        return False
    log.set_version(ctx.conn, entity, entity_id, name, e["id"], e["hlc"])
    if current is not None and current[0] != e["base"]:
        maybe_conflict(ctx, e["entity"], e["entity_id"], "edit", current[0], name)
    recheck(ctx, plan, entity, entity_id)
    return True


def _update_absent(ctx: Context, e: Entry, plan: Any) -> bool:
    """An edit of a record not here: deleted here (brought back, with a "deleted" conflict,
    unless a delete had seen every version it would then have), or not arrived yet (its
    version waits for it)."""
    entity, entity_id, name = e["entity"], e["entity_id"], e["field"]
    deletes = deletes_of(ctx, entity, entity_id)
    if deletes and not stays_deleted(ctx, e) and bring_back(ctx, entity, entity_id):
        for delete_id, _, _ in deletes:
            maybe_conflict(ctx, e["entity"], e["entity_id"], "deleted", delete_id, None)
        return _update(ctx, e, plan, True)
    current = log.versions(ctx.conn, entity, entity_id).get(name)
    if current is None or current[1] < e["hlc"]:
        log.set_version(ctx.conn, entity, entity_id, name, e["id"], e["hlc"])
    elif deletes and current[0] != e["id"]:
        # It lost to a newer version that a delete here had seen: the record stays deleted,
        # and the losing edit is kept on record (settled), as the other laptops keep it.
        maybe_conflict(ctx, entity, entity_id, "edit", e["id"], name, shown=False)
    return False
