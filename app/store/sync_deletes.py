"""Deletes when changes cross: a record is gone only when a delete had seen every version
of its fields and nothing else still points to it.

- A delete meeting a field version its deleter had not seen, or a record pointing to it,
  keeps the record and opens a "deleted" conflict.
- An edit arriving for a record deleted here brings it back from the log (its newest insert,
  each field's newest value), unless a delete had seen every version it would then have.
- A record added to one deleted here (a tag on a deleted note) brings that one back too.
- A record kept that way is deleted after all once a delete covers it (a later version that
  delete had seen arrives, or what pointed to it goes): whatever order changes arrive in,
  every laptop ends the same.
"""

from __future__ import annotations

import json
import sqlite3
from functools import cache
from typing import Any

from app.store import sync_entries as log
from app.store.canonical import canonical_json
from app.store.replay import _apply, _plan
from app.store.sync_context import (
    Context,
    Entry,
    close_all,
    deletes_of,
    entity_of,
    is_here,
    logged_delete,
    maybe_conflict,
    plan_of,
)
from app.store.tables import Base


def keep_parents(ctx: Context, plan: Any, record: dict[str, Any]) -> None:
    """A record added to one deleted here meanwhile (a tag on a deleted note) brings that one
    back, with a "deleted" conflict, as an edit of it would."""
    for column, parent, entity in _parents(plan.table.name):
        value = record.get(column)
        if value is None or is_here(ctx, parent, str(value)):
            continue
        deletes = deletes_of(ctx, entity, str(value))
        if deletes and bring_back(ctx, entity, str(value)):
            for delete_id, _, _ in deletes:
                maybe_conflict(ctx, entity, str(value), "deleted", delete_id, None)


def covering(ctx: Context, entity: str, entity_id: str,
             winners: set[str]) -> tuple[str, list[str]] | None:
    """A delete of the record that had seen every one of these field versions: (its id, what
    it had seen); None when no delete covers them."""
    for delete_id, _, seen in deletes_of(ctx, entity, entity_id):
        if winners <= set(seen):
            return delete_id, seen
    return None


def stays_deleted(ctx: Context, e: Entry) -> bool:
    """Whether an edit arriving for a record deleted here leaves it deleted: some delete had
    seen every version its fields would then have."""
    entity, entity_id, name = e["entity"], e["entity_id"], e["field"]
    versions = log.versions(ctx.conn, entity, entity_id)
    winners = {field: v for field, (v, _) in versions.items()}
    if name not in versions or versions[name][1] < e["hlc"]:
        winners[name] = e["id"]
    return covering(ctx, entity, entity_id, set(winners.values())) is not None


def bring_back(ctx: Context, entity: str, entity_id: str) -> bool:
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
    plan = _plan(entity)
    if plan is not None:
        keep_parents(ctx, plan, record)
    return True


def delete(ctx: Context, e: Entry, plan: Any, here: bool) -> bool:
    """A received delete: applied when it had seen every field version and nothing points to
    the record; otherwise the record stays, with a "deleted" conflict."""
    entity, entity_id = e["entity"], e["entity_id"]
    if not here:
        return False
    seen = set(json.loads(e["value"]) if e["value"] else [])
    unseen = [v for v, _ in log.versions(ctx.conn, entity, entity_id).values() if v not in seen]
    if unseen and len(plan.keys) == len(plan.columns):
        return False  # a link added again meanwhile: the add the deleter had not seen stays
    if unseen or _referred_to(ctx.conn, plan, entity_id):
        maybe_conflict(ctx, entity, entity_id, "deleted", e["id"], None)
        return False
    if _apply(ctx.conn, entity, entity_id, "delete", None, None):
        return False
    _gone(ctx, plan, entity, entity_id)
    return True


def recheck(ctx: Context, plan: Any, entity: str, entity_id: str) -> None:
    """A record kept against a delete is deleted after all when a delete now covers it."""
    deletes = deletes_of(ctx, entity, entity_id)
    if not deletes or not is_here(ctx, plan, entity_id):
        return  # (most records were never deleted anywhere)
    winners = {v for v, _ in log.versions(ctx.conn, entity, entity_id).values()}
    found = covering(ctx, entity, entity_id, winners)
    if found is None or _referred_to(ctx.conn, plan, entity_id):
        return
    if _apply(ctx.conn, entity, entity_id, "delete", None, None):
        return
    log.log_derived(ctx.conn, ctx.device, ctx.tick(), ctx.at, entity, entity_id, "delete",
                    None, canonical_json(sorted(found[1])) if found[1] else None)
    logged_delete(ctx, entity, entity_id)
    ctx.outcome.touch("delete", entity, entity_id)
    _gone(ctx, plan, entity, entity_id)


def _gone(ctx: Context, plan: Any, entity: str, entity_id: str) -> None:
    """After a record is deleted: its conflicts close, and the records it pointed to that were
    kept only for it may go now."""
    close_all(ctx, entity, entity_id)
    ctx.here.discard((plan.table.name, entity_id))
    row_keys = entity_id.split(":", len(plan.keys) - 1)
    values = dict(zip(plan.keys, row_keys, strict=True))
    for fk in plan.table.foreign_keys:
        value, parent = values.get(fk.parent.name), plan_of(fk.column.table.name)
        if value is not None and parent is not None:
            recheck(ctx, parent, entity_of(fk.column.table.name), str(value))


def _referred_to(conn: sqlite3.Connection, plan: Any, entity_id: str) -> bool:
    """Whether another record still points to this one (one the deleter had not seen)."""
    if len(plan.keys) != 1:
        return False
    return any(conn.execute(sql, (entity_id,)).fetchone() for sql in _pointing(plan.table.name))


@cache
def _parents(table_name: str) -> tuple[tuple[str, Any, str], ...]:
    """(column, plan, entity) of each logged record a record of `table_name` points to."""
    table = Base.metadata.tables[table_name]
    return tuple((fk.parent.name, plan_of(fk.column.table.name), entity_of(fk.column.table.name))
                 for fk in table.foreign_keys if plan_of(fk.column.table.name) is not None)


@cache
def _pointing(table_name: str) -> tuple[str, ...]:
    """Queries finding a logged record that points to one of `table_name`."""
    return tuple(f"SELECT 1 FROM {child.name} WHERE {fk.parent.name} = ? LIMIT 1"
                 for child in Base.metadata.sorted_tables for fk in child.foreign_keys
                 if fk.column.table.name == table_name and plan_of(child.name) is not None)
