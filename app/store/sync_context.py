"""What applying received changes shares: the outcome, where derived changes come from, and
the small steps the rules are made of (is a record here, set a field, keep a conflict)."""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from app.store import sync_entries as log
from app.store.replay import _apply, _plan
from app.store.tables import ENTITY_OF_TABLE

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
    """Where derived entries come from: this laptop, one clock tick each, the round's time.

    It also remembers, within a round, what the store would answer again and again: which
    records are here (`here`: those seen or added; a delete takes them out), which records
    the log holds deletes of (`deleted`, read once: few are), and the newest inserts of
    records added twice. What anyone else writes meanwhile makes it `forget` all of it.
    """

    conn: sqlite3.Connection
    device: str
    at: str
    tick: Any  # () -> str
    outcome: Outcome
    newer_inserts: dict[tuple[str, str], str] = field(default_factory=dict)
    here: set[tuple[str, Any]] = field(default_factory=set)  # (table, id) of records here
    operation: list[Entry] = field(default_factory=list)  # the operation being applied
    deleted: set[tuple[str, str]] | None = None  # (entity, id) with deletes; None: not read

    def forget(self) -> None:
        """Someone else wrote to the store: what was remembered may be out of date."""
        self.newer_inserts.clear()
        self.here.clear()
        self.deleted = None


def present(conn: sqlite3.Connection, plan: Any, entity_id: str) -> bool:
    keys = entity_id.split(":", len(plan.keys) - 1)
    return conn.execute(f"SELECT 1 FROM {plan.table.name} WHERE {plan.where}",
                        keys).fetchone() is not None


def is_here(ctx: Context, plan: Any, entity_id: str) -> bool:
    """Whether the record is in the store, asked once per round for a record found there."""
    key = (plan.table.name, entity_id)
    if key in ctx.here:
        return True
    if not present(ctx.conn, plan, entity_id):
        return False
    if len(plan.keys) == 1:
        ctx.here.add(key)
    return True


def added(ctx: Context, plan: Any, entity_id: str) -> None:
    """A record this round put in the store (its children, arriving next, ask for it)."""
    if len(plan.keys) == 1:
        ctx.here.add((plan.table.name, entity_id))


def deletes_of(ctx: Context, entity: str, entity_id: str) -> list[tuple[str, str, list[str]]]:
    """The deletes of one record in the log (see `sync_entries.deletes_of`); most records
    have none, which the set of deleted records answers without asking the log."""
    if ctx.deleted is None:
        ctx.deleted = log.deleted_records(ctx.conn)
    if (entity, entity_id) not in ctx.deleted:
        return []
    return log.deletes_of(ctx.conn, entity, entity_id)


def logged_delete(ctx: Context, entity: str, entity_id: str) -> None:
    """A delete of this record went into the log (received or derived)."""
    if ctx.deleted is not None:
        ctx.deleted.add((entity, entity_id))


def plan_of(table_name: str) -> Any:
    entity = ENTITY_OF_TABLE.get(table_name)
    return None if entity is None else _plan(entity)


def entity_of(table_name: str) -> str:
    return ENTITY_OF_TABLE.get(table_name, "")


def set_field(ctx: Context, entity: str, entity_id: str, name: str, value: str,
               version: str | None) -> None:
    """Set one field as a derived change (logged so that replay agrees)."""
    if _apply(ctx.conn, entity, entity_id, "update", name, value):
        return
    log.log_derived(ctx.conn, ctx.device, ctx.tick(), ctx.at, entity, entity_id, "update",
                    name, value, version)
    ctx.outcome.touch("update", entity, entity_id)


def row(conn: sqlite3.Connection, plan: Any, entity_id: str) -> dict[str, Any]:
    names = sorted(plan.columns)
    keys = entity_id.split(":", len(plan.keys) - 1)
    row = conn.execute(f"SELECT {', '.join(names)} FROM {plan.table.name} WHERE {plan.where}",
                       keys).fetchone()
    return {} if row is None else dict(zip(names, row, strict=True))


def maybe_conflict(ctx: Context, entity: str, entity_id: str, kind: str, loser: str,
                    name: str | None, *, shown: bool = True) -> None:
    """Keep the losing version as a conflict, unless it was overwritten knowingly or resolved.
    `shown=False` keeps it as already settled (its record stays deleted here: nothing to
    choose), so that the version is still on record."""
    conflict = log.conflict_id(entity, entity_id, name, loser)
    if log.superseded(ctx.conn, loser, conflict) and kind == "edit":
        return
    if ctx.conn.execute("SELECT 1 FROM conflict_resolutions WHERE id = ?",
                        (conflict,)).fetchone():
        return
    done = ctx.conn.execute(
        "INSERT OR IGNORE INTO sync_conflicts (id, entity, entity_id, field, kind, loser, "
        "detected_at, resolved, resolution) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL)",
        (conflict, entity, entity_id, name, kind, loser, ctx.at, 0 if shown else 1))
    if done.rowcount and shown:
        ctx.outcome.opened.append(conflict)


def close(ctx: Context, conflict: str) -> None:
    done = ctx.conn.execute("UPDATE sync_conflicts SET resolved = 1 WHERE id = ? AND "
                            "resolved = 0", (conflict,))
    if done.rowcount:
        ctx.outcome.closed.append(conflict)


def close_all(ctx: Context, entity: str, entity_id: str) -> None:
    """Close every open conflict of a record that is gone."""
    for (conflict,) in ctx.conn.execute(
            "SELECT id FROM sync_conflicts WHERE entity = ? AND entity_id = ? AND resolved = 0",
            (entity, entity_id)).fetchall():
        close(ctx, conflict)
