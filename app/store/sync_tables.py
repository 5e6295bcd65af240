"""Sync's tables (revision 0008): conflict resolutions (logged, so a resolution made on one
laptop closes the conflict on the others) and sync's own bookkeeping, local to this laptop.
Their entity name and local-only status are declared with every other table's in `tables`."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.store.tables import Base, UTCDateTime, _id


class ConflictResolutionRow(Base):
    """A person's answer to a conflict; logged, so resolving on one laptop closes the same
    conflict (same deterministic id) on the others."""

    __tablename__ = "conflict_resolutions"
    id: Mapped[str] = _id()  # the conflict's id
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str] = mapped_column(String(80))
    field: Mapped[str | None] = mapped_column(String(60), nullable=True)
    choice: Mapped[str] = mapped_column(String(10))  # mine | theirs | both
    resolved_at: Mapped[datetime] = mapped_column(UTCDateTime)
    resolved_by: Mapped[str] = mapped_column(String(120), default="")


class SyncPeerRow(Base):
    """Another laptop seen on the shared folder: the last of its files applied here."""

    __tablename__ = "sync_peers"
    device_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    last_seq: Mapped[int] = mapped_column(Integer, default=0)
    last_sha256: Mapped[str] = mapped_column(String(64), default="")


class SyncWrittenRow(Base):
    """A change file this laptop wrote: its seq, hash, and the last change-log seq it holds."""

    __tablename__ = "sync_written"
    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    device_id: Mapped[str] = mapped_column(String(36))
    sha256: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(200))
    last_change: Mapped[int] = mapped_column(Integer)
    entries_json: Mapped[str] = mapped_column(Text, default="")  # kept to write it again


class SyncFieldVersionRow(Base):
    """The change that set a field's current value (none: the record's insert did)."""

    __tablename__ = "sync_field_versions"
    entity: Mapped[str] = mapped_column(String(40), primary_key=True)
    entity_id: Mapped[str] = mapped_column(String(80), primary_key=True)
    field: Mapped[str] = mapped_column(String(60), primary_key=True)
    entry_id: Mapped[str] = mapped_column(String(36))
    hlc: Mapped[str] = mapped_column(String(80))


class SyncConflictRow(Base):
    """Two versions of a field (or an edit and a delete) kept for a person to choose."""

    __tablename__ = "sync_conflicts"
    id: Mapped[str] = _id()
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str] = mapped_column(String(80))
    field: Mapped[str | None] = mapped_column(String(60), nullable=True)
    kind: Mapped[str] = mapped_column(String(10))  # edit | deleted
    loser: Mapped[str] = mapped_column(String(36))  # the change that is not in the record
    detected_at: Mapped[datetime] = mapped_column(UTCDateTime)
    resolved: Mapped[bool] = mapped_column(Boolean, default=False)
    resolution: Mapped[str | None] = mapped_column(String(10), nullable=True)


class SyncLogRow(Base):
    """One readable line of the sync log."""

    __tablename__ = "sync_log"
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    kind: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text)


class SyncSetAsideRow(Base):
    """A file of the shared folder set aside (damaged, unreadable): retried every round."""

    __tablename__ = "sync_set_aside"
    name: Mapped[str] = mapped_column(String(200), primary_key=True)
    device_id: Mapped[str] = mapped_column(String(36))
    seq: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
