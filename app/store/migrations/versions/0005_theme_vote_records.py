"""theme vote records: dot votes as records that add up across laptops, not a counter

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 09:00:00.000000

Two facilitators recording dot votes on two laptops would each overwrite the other's counter
when they sync. Votes become records (`theme_votes`: how many, entered by whom, on which
laptop, when), and a theme's votes are their sum, so both laptops' votes count.

- Each theme's counter that is not zero becomes one vote record, entered by
  "(upgrade to 0005)" on this laptop, and the `themes.votes` column is dropped.
- The change log never shipped anywhere (sync does not exist yet), and replaying it must still
  rebuild the store: theme inserts lose their `votes` field, updates of it are removed, and
  one operation inserting the new vote records is appended.

What follows is frozen as of this revision: later changes to the application's tables must
not change what this migration does.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

UPGRADE_AUTHOR = "(upgrade to 0005)"


def _canonical_json(value: object) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _now() -> str:
    return datetime.now(UTC).replace(tzinfo=None).isoformat(timespec="microseconds") + "Z"


def _new_id() -> str:
    import uuid6

    return str(uuid6.uuid7())


def upgrade() -> None:
    op.create_table(
        "theme_votes",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("theme_id", sa.String(length=36), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("entered_by", sa.String(length=120), nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(["theme_id"], ["themes.id"],
                                name=op.f("fk_theme_votes_theme_id_themes"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_theme_votes")),
    )
    op.create_index(op.f("ix_theme_votes_theme_id"), "theme_votes", ["theme_id"])
    conn = op.get_bind()
    found = conn.execute(sa.text("SELECT value FROM store_meta WHERE key = 'device_id'")).first()
    device = found[0] if found else ""
    at = _now()
    votes = [{"id": _new_id(), "theme_id": theme_id, "count": count,
              "entered_by": UPGRADE_AUTHOR, "device_id": device, "created_at": at}
             for theme_id, count in conn.execute(sa.text(
                 "SELECT id, votes FROM themes WHERE votes != 0 ORDER BY id"))]
    if votes:
        conn.execute(sa.text(
            "INSERT INTO theme_votes (id, theme_id, count, entered_by, device_id, created_at) "
            "VALUES (:id, :theme_id, :count, :entered_by, :device_id, :created_at)"), votes)
    # Rebuilt with the other tables' foreign keys off (Alembic's connection leaves them off),
    # so dropping the old table cascades to nothing.
    with op.batch_alter_table("themes", recreate="always") as batch:
        batch.drop_column("votes")
    _rewrite_log(conn, votes, device, at)


def downgrade() -> None:
    conn = op.get_bind()
    with op.batch_alter_table("themes") as batch:
        batch.add_column(sa.Column("votes", sa.Integer(), nullable=False,
                                   server_default="0"))
    sums = [{"id": theme_id, "votes": total} for theme_id, total in conn.execute(sa.text(
        "SELECT theme_id, sum(count) FROM theme_votes GROUP BY theme_id"))]
    if sums:
        conn.execute(sa.text("UPDATE themes SET votes = max(:votes, 0) WHERE id = :id"), sums)
    conn.execute(sa.text("DELETE FROM change_log WHERE entity = 'theme_vote'"))
    op.drop_index(op.f("ix_theme_votes_theme_id"), table_name="theme_votes")
    op.drop_table("theme_votes")


def _rewrite_log(conn: sa.Connection, votes: list[dict[str, object]], device: str,
                 at: str) -> None:
    """Theme inserts without `votes`, no updates of it, then one operation adding the votes."""
    conn.execute(sa.text(
        "DELETE FROM change_log WHERE entity = 'theme' AND op = 'update' AND field = 'votes'"))
    changed = []
    for seq, value in conn.execute(sa.text(
            "SELECT seq, value FROM change_log WHERE entity = 'theme' AND op = 'insert'")):
        record = json.loads(value)
        if "votes" in record:
            del record["votes"]
            changed.append({"seq": seq, "value": _canonical_json(record)})
    if changed:
        conn.execute(sa.text("UPDATE change_log SET value = :value WHERE seq = :seq"), changed)
    if not votes:
        return
    op_id = _new_id()
    conn.execute(sa.text(
        "INSERT INTO change_log (id, op_id, at, device_id, author, entity, entity_id, op, "
        "field, value, exported) VALUES (:id, :op_id, :at, :device_id, :author, 'theme_vote', "
        ":entity_id, 'insert', NULL, :value, 0)"),
        [{"id": _new_id(), "op_id": op_id, "at": at, "device_id": device,
          "author": UPGRADE_AUTHOR, "entity_id": vote["id"], "value": _canonical_json(vote)}
         for vote in votes])
