"""a canonical, replayable change log: operation ids, one text per value, ranks, a re-based log

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 09:00:00.000000

Sync will ship the change log to other laptops, so before a file format freezes it:

- `change_log.op_id`: the user operation (one unit of work) an entry belongs to.
- Times are written one way everywhere, `2026-12-08T09:00:00.000000Z` (UTC, microseconds,
  `Z`); rows written before this revision said `+00:00`, and are converted.
- Agenda blocks, focus areas and themes are ordered by a text `rank` (fractional indexing)
  instead of an integer `position`, so moving one writes one row. Ranks follow the old order.
- The old log was never shipped anywhere (sync did not exist), and its entries had no
  operation ids and other forms of the same values. It is re-based: replaced by one baseline
  operation that inserts every record as it now stands, in the canonical form, so that
  replaying the log rebuilds the store. The baseline is marked: its author is
  "(baseline at upgrade to 0004)" and its op_id is kept in `store_meta` as `log_baseline_op`.

What follows is frozen as of this revision (tables, columns, entity names): later changes to
the application's tables must not change what this migration does.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from alembic import op
from fractional_indexing import generate_n_keys_between

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

BASELINE_AUTHOR = "(baseline at upgrade to 0004)"
BASELINE_KEY = "log_baseline_op"

# Ordered tables: the columns that scope their order, and the old order within a scope.
ORDERED = {
    "agenda_items": (("session_id",), "position, id"),
    "focus_areas": (("system_id",), "position, name, id"),
    "themes": (("system_id", "session_id"), "position, id"),
}
TIMES = {"learning_systems": "created_at", "sessions": "starts", "notes": "created_at"}
# Logged tables and their entity names, parents before children.
ENTITIES = {
    "learning_systems": "system",
    "session_templates": "session_template",
    "evidence": "evidence",
    "focus_areas": "focus_area",
    "free_tags": "free_tag",
    "participants": "participant",
    "sessions": "session",
    "actions": "action",
    "agenda_items": "agenda_item",
    "invitations": "invitation",
    "themes": "theme",
    "action_themes": "action_theme",
    "agenda_item_focus_areas": "agenda_item_focus_area",
    "evidence_themes": "evidence_theme",
    "notes": "note",
    "theme_focus_areas": "theme_focus_area",
    "note_focus_areas": "note_focus_area",
    "note_tags": "note_tag",
}


def _canonical_time(text: str) -> str:
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:  # never written so, but a naive time can only have meant UTC
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="microseconds") + "Z"


def _offset_time(text: str) -> str:
    return datetime.fromisoformat(text).astimezone(UTC).isoformat(timespec="microseconds")


def _canonical_json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _new_id() -> str:
    import uuid6

    return str(uuid6.uuid7())


def upgrade() -> None:
    conn = op.get_bind()
    _positions_to_ranks(conn)
    for table, column in TIMES.items():
        _rewrite(conn, table, column, _canonical_time)
    _rewrite(conn, "session_templates", "items_json",
             lambda text: _canonical_json(json.loads(text)))
    conn.execute(sa.text("DELETE FROM change_log"))
    with op.batch_alter_table("change_log", recreate="always") as batch:
        batch.add_column(sa.Column("op_id", sa.String(length=36), nullable=False))
    _write_baseline(conn)


def downgrade() -> None:
    conn = op.get_bind()
    with op.batch_alter_table("change_log", recreate="always") as batch:
        batch.drop_column("op_id")
    conn.execute(sa.text("DELETE FROM store_meta WHERE key = :key"), {"key": BASELINE_KEY})
    for table, column in TIMES.items():
        _rewrite(conn, table, column, _offset_time)
    _rewrite(conn, "change_log", "at", _offset_time)
    for table, (scope, _) in ORDERED.items():
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("position", sa.Integer(), nullable=True))
        groups = defaultdict(list)
        for row in conn.execute(sa.text(
                f"SELECT id, {', '.join(scope)} FROM {table} ORDER BY rank, id")):
            groups[tuple(row[1:])].append(row[0])
        updates = [{"id": i, "position": n} for ids in groups.values() for n, i in enumerate(ids)]
        if updates:
            conn.execute(sa.text(f"UPDATE {table} SET position = :position WHERE id = :id"),
                         updates)
        with op.batch_alter_table(table, recreate="always") as batch:
            batch.alter_column("position", existing_type=sa.Integer(), nullable=False)
            batch.drop_column("rank")


def _positions_to_ranks(conn: sa.Connection) -> None:
    for table, (scope, order) in ORDERED.items():
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("rank", sa.String(length=64), nullable=True))
        groups = defaultdict(list)
        for row in conn.execute(sa.text(
                f"SELECT id, {', '.join(scope)} FROM {table} ORDER BY {order}")):
            groups[tuple(row[1:])].append(row[0])
        updates = [{"id": i, "rank": rank} for ids in groups.values()
                   for i, rank in zip(ids, generate_n_keys_between(None, None, len(ids)),
                                      strict=True)]
        if updates:
            conn.execute(sa.text(f"UPDATE {table} SET rank = :rank WHERE id = :id"), updates)
        # Rebuilt with the other tables' foreign keys off (Alembic's connection leaves them
        # off), so dropping the old table cascades to nothing.
        with op.batch_alter_table(table, recreate="always") as batch:
            batch.alter_column("rank", existing_type=sa.String(length=64), nullable=False)
            batch.drop_column("position")


def _rewrite(conn: sa.Connection, table: str, column: str,
             convert: Callable[[str], str]) -> None:
    rows = conn.execute(sa.text(
        f"SELECT rowid, {column} FROM {table} WHERE {column} IS NOT NULL")).all()
    converted = ((rowid, value, convert(value)) for rowid, value in rows)
    changed = [{"rowid": rowid, "value": new} for rowid, old, new in converted if new != old]
    if changed:
        conn.execute(sa.text(f"UPDATE {table} SET {column} = :value WHERE rowid = :rowid"),
                     changed)


def _write_baseline(conn: sa.Connection) -> None:
    """One operation inserting every record as it stands, so replaying the log rebuilds it."""
    op_id, at = _new_id(), _canonical_time(datetime.now(UTC).isoformat())
    found = conn.execute(sa.text("SELECT value FROM store_meta WHERE key = 'device_id'")).first()
    device = found[0] if found else ""
    entries = []
    for table, entity in ENTITIES.items():
        info = conn.execute(sa.text(f"PRAGMA table_info({table})")).all()
        columns = [c[1] for c in info]
        flags = {c[1] for c in info if c[2].upper() == "BOOLEAN"}
        keys = [c[1] for c in sorted((c for c in info if c[5]), key=lambda c: c[5])]
        for row in conn.execute(sa.text(
                f"SELECT {', '.join(columns)} FROM {table} ORDER BY {', '.join(keys)}")):
            record = {c: (bool(v) if c in flags and v is not None else v)
                      for c, v in zip(columns, row, strict=True)}
            entries.append({
                "id": _new_id(), "op_id": op_id, "at": at, "device_id": device,
                "author": BASELINE_AUTHOR, "entity": entity,
                "entity_id": ":".join(str(record[k]) for k in keys),
                "value": _canonical_json(record)})
    if not entries:
        return
    conn.execute(sa.text(
        "INSERT INTO change_log (id, op_id, at, device_id, author, entity, entity_id, op, "
        "field, value, exported) VALUES (:id, :op_id, :at, :device_id, :author, :entity, "
        ":entity_id, 'insert', NULL, :value, 0)"), entries)
    conn.execute(sa.text("INSERT OR REPLACE INTO store_meta (key, value) VALUES (:key, :value)"),
                 {"key": BASELINE_KEY, "value": op_id})
