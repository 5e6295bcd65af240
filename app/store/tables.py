"""Typed SQLAlchemy tables for the whole domain.

Ids are UUIDv7 text (records merge across laptops). Link tables have composite keys.
Every write goes through a service, and the change log (see `changelog.py`) records it.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from app.store.canonical import canonical_time

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """Aware datetimes kept as canonical UTC text (`...T09:00:00.000000Z`): they sort as text,
    survive a round trip exactly and read the same in the row and in the change log."""

    impl = String(32)
    cache_ok = True

    @property
    def python_type(self) -> type[datetime]:
        return datetime

    def process_bind_param(self, value: datetime | None, dialect: object) -> str | None:
        return None if value is None else canonical_time(value)

    def process_result_value(self, value: str | None, dialect: object) -> datetime | None:
        return None if value is None else datetime.fromisoformat(value)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def _id() -> Mapped[str]:
    return mapped_column(String(36), primary_key=True)


def _fk(target: str, *, nullable: bool = False, ondelete: str = "CASCADE",
        index: bool = True) -> Mapped[str]:
    return mapped_column(
        String(36), ForeignKey(target, ondelete=ondelete), nullable=nullable, index=index
    )


def _rank() -> Mapped[str]:
    """A fractional rank: siblings sort by (rank, id), so moving one rewrites only that one."""
    return mapped_column(String(64))


def _optional_link_index(table: str, column: str) -> Index:
    """An index of only the rows that have the link (revision 0003): empty links cost no write."""
    return Index(f"ix_{table}_{column}", column, sqlite_where=text(f"{column} IS NOT NULL"))


class StoreMetaRow(Base):
    """Key/value facts about this store: the device id, the store's creation time."""

    __tablename__ = "store_meta"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class LearningSystemRow(Base):
    __tablename__ = "learning_systems"
    id: Mapped[str] = _id()
    name: Mapped[str] = mapped_column(String(200))
    purpose: Mapped[str] = mapped_column(Text, default="")
    principles: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class FocusAreaRow(Base):
    __tablename__ = "focus_areas"
    __table_args__ = (
        UniqueConstraint("system_id", "slug"),
        UniqueConstraint("system_id", "key"),
    )
    id: Mapped[str] = _id()
    system_id: Mapped[str] = _fk("learning_systems.id")
    key: Mapped[int | None] = mapped_column(Integer, nullable=True)
    slug: Mapped[str] = mapped_column(String(60))
    name: Mapped[str] = mapped_column(String(120))
    description: Mapped[str] = mapped_column(Text, default="")
    colour: Mapped[str] = mapped_column(String(7), default="#4C72B0")
    rank: Mapped[str] = _rank()
    retired: Mapped[bool] = mapped_column(Boolean, default=False)


class FreeTagRow(Base):
    __tablename__ = "free_tags"
    __table_args__ = (UniqueConstraint("system_id", "name"),)
    id: Mapped[str] = _id()
    system_id: Mapped[str] = _fk("learning_systems.id")
    name: Mapped[str] = mapped_column(String(60))


class SessionRow(Base):
    __tablename__ = "sessions"
    id: Mapped[str] = _id()
    system_id: Mapped[str] = _fk("learning_systems.id")
    title: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(40))
    starts: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    minutes: Mapped[int] = mapped_column(Integer)
    format: Mapped[str] = mapped_column(String(20))
    platform: Mapped[str] = mapped_column(String(120), default="")
    join_link: Mapped[str] = mapped_column(Text, default="")
    location: Mapped[str] = mapped_column(Text, default="")
    purpose: Mapped[str] = mapped_column(Text, default="")
    facilitators: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20))


class AgendaItemRow(Base):
    __tablename__ = "agenda_items"
    id: Mapped[str] = _id()
    session_id: Mapped[str] = _fk("sessions.id")
    rank: Mapped[str] = _rank()
    title: Mapped[str] = mapped_column(String(200))
    minutes: Mapped[int] = mapped_column(Integer)
    method: Mapped[str] = mapped_column(Text, default="")
    prompt: Mapped[str] = mapped_column(Text, default="")


class AgendaItemFocusAreaRow(Base):
    __tablename__ = "agenda_item_focus_areas"
    agenda_item_id: Mapped[str] = mapped_column(
        ForeignKey("agenda_items.id", ondelete="CASCADE"), primary_key=True
    )
    focus_area_id: Mapped[str] = mapped_column(
        ForeignKey("focus_areas.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class SessionTemplateRow(Base):
    """A template saved by a facilitator; the built-in ones ship in resources/templates."""

    __tablename__ = "session_templates"
    id: Mapped[str] = _id()
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(40))
    minutes: Mapped[int] = mapped_column(Integer)
    format: Mapped[str] = mapped_column(String(20))
    purpose: Mapped[str] = mapped_column(Text, default="")
    items_json: Mapped[str] = mapped_column(Text, default="[]")


class ParticipantRow(Base):
    __tablename__ = "participants"
    id: Mapped[str] = _id()
    system_id: Mapped[str] = _fk("learning_systems.id")
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(320), default="")
    organisation: Mapped[str] = mapped_column(String(200), default="")
    sector: Mapped[str] = mapped_column(String(40))
    locality: Mapped[str] = mapped_column(String(200), default="")


class InvitationRow(Base):
    __tablename__ = "invitations"
    __table_args__ = (UniqueConstraint("session_id", "participant_id"),)
    id: Mapped[str] = _id()
    session_id: Mapped[str] = _fk("sessions.id")
    participant_id: Mapped[str] = _fk("participants.id")
    attended: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    may_name: Mapped[bool] = mapped_column(Boolean, default=False)
    may_email: Mapped[bool] = mapped_column(Boolean, default=False)
    may_quote: Mapped[bool] = mapped_column(Boolean, default=False)
    access_needs: Mapped[str] = mapped_column(Text, default="")


class RecurringThemeRow(Base):
    """A theme that recurs across sessions of a learning system: the session themes linked to
    it (`themes.recurring_id`) are one theme seen again (revision 0006)."""

    __tablename__ = "recurring_themes"
    id: Mapped[str] = _id()
    system_id: Mapped[str] = _fk("learning_systems.id")
    title: Mapped[str] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class ThemeRow(Base):
    __tablename__ = "themes"
    id: Mapped[str] = _id()
    system_id: Mapped[str] = _fk("learning_systems.id")
    session_id: Mapped[str | None] = _fk("sessions.id", nullable=True)
    title: Mapped[str] = mapped_column(String(300))
    synthesis: Mapped[str] = mapped_column(Text, default="")
    rank: Mapped[str] = _rank()
    # Deleting a recurring theme unlinks its themes; they stay (revision 0006).
    recurring_id: Mapped[str | None] = _fk("recurring_themes.id", nullable=True,
                                            ondelete="SET NULL")


class ThemeVoteRow(Base):
    """Dot votes entered for a theme at one go (negative for "−"): records, not a counter, so
    votes entered on two laptops add up after sync (revision 0005). A theme's votes are the sum."""

    __tablename__ = "theme_votes"
    id: Mapped[str] = _id()
    theme_id: Mapped[str] = _fk("themes.id")
    count: Mapped[int] = mapped_column(Integer)
    entered_by: Mapped[str] = mapped_column(String(120), default="")
    device_id: Mapped[str] = mapped_column(String(36), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class ThemeFocusAreaRow(Base):
    __tablename__ = "theme_focus_areas"
    theme_id: Mapped[str] = mapped_column(
        ForeignKey("themes.id", ondelete="CASCADE"), primary_key=True
    )
    focus_area_id: Mapped[str] = mapped_column(
        ForeignKey("focus_areas.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class NoteRow(Base):
    __tablename__ = "notes"
    __table_args__ = (
        Index("ix_notes_session_created", "session_id", "created_at"),
        *(_optional_link_index("notes", c)
          for c in ("agenda_item_id", "speaker_participant_id", "theme_id")),
    )
    id: Mapped[str] = _id()
    session_id: Mapped[str] = mapped_column(
        ForeignKey("sessions.id", ondelete="CASCADE"), nullable=False
    )
    agenda_item_id: Mapped[str | None] = _fk(
        "agenda_items.id", nullable=True, ondelete="SET NULL", index=False
    )
    text: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(40))
    captured_by: Mapped[str] = mapped_column(String(120), default="")
    speaker_participant_id: Mapped[str | None] = _fk(
        "participants.id", nullable=True, ondelete="SET NULL", index=False
    )
    speaker_label: Mapped[str] = mapped_column(String(200), default="")
    theme_id: Mapped[str | None] = _fk("themes.id", nullable=True, ondelete="SET NULL", index=False)
    starred: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class NoteFocusAreaRow(Base):
    __tablename__ = "note_focus_areas"
    note_id: Mapped[str] = mapped_column(
        ForeignKey("notes.id", ondelete="CASCADE"), primary_key=True
    )
    focus_area_id: Mapped[str] = mapped_column(
        ForeignKey("focus_areas.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class NoteTagRow(Base):
    __tablename__ = "note_tags"
    note_id: Mapped[str] = mapped_column(
        ForeignKey("notes.id", ondelete="CASCADE"), primary_key=True
    )
    tag_id: Mapped[str] = mapped_column(
        ForeignKey("free_tags.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class ActionRow(Base):
    __tablename__ = "actions"
    id: Mapped[str] = _id()
    system_id: Mapped[str] = _fk("learning_systems.id")
    session_id: Mapped[str | None] = _fk("sessions.id", nullable=True, ondelete="SET NULL")
    what: Mapped[str] = mapped_column(Text)
    owner: Mapped[str] = mapped_column(String(200), default="")
    due: Mapped[date | None] = mapped_column(Date, nullable=True)
    status: Mapped[str] = mapped_column(String(20))


class ActionThemeRow(Base):
    __tablename__ = "action_themes"
    action_id: Mapped[str] = mapped_column(
        ForeignKey("actions.id", ondelete="CASCADE"), primary_key=True
    )
    theme_id: Mapped[str] = mapped_column(
        ForeignKey("themes.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class EvidenceRow(Base):
    __tablename__ = "evidence"
    id: Mapped[str] = _id()
    system_id: Mapped[str] = _fk("learning_systems.id")
    kind: Mapped[str] = mapped_column(String(40))
    title: Mapped[str] = mapped_column(String(300))
    citation: Mapped[str] = mapped_column(Text, default="")
    link: Mapped[str] = mapped_column(Text, default="")
    summary: Mapped[str] = mapped_column(Text, default="")
    # An attached file (revision 0006): its name as given, and the SHA-256 of its content,
    # which names its copy in the store's attachments folder ("" when none is attached).
    file_name: Mapped[str] = mapped_column(String(255), default="")
    file_sha256: Mapped[str] = mapped_column(String(64), default="")


class EvidenceThemeRow(Base):
    __tablename__ = "evidence_themes"
    evidence_id: Mapped[str] = mapped_column(
        ForeignKey("evidence.id", ondelete="CASCADE"), primary_key=True
    )
    theme_id: Mapped[str] = mapped_column(
        ForeignKey("themes.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class ChangeLogRow(Base):
    """One field of one record changed on this laptop: what sync will export.

    `seq` is local order only (never merged); `id` is the change's global identity; `op_id`
    names the user operation (one unit of work) it belongs to, and all of an operation's
    entries share its `at`.
    """

    __tablename__ = "change_log"
    # Sync looks up the changes that overwrote one (`base`) and the deletes of one record;
    # partial indexes, so that inserts (capture) pay nothing for them (revision 0008).
    __table_args__ = (
        Index("ix_change_log_base", "base", sqlite_where=text("base IS NOT NULL")),
        Index("ix_change_log_deleted", "entity_id", sqlite_where=text("op = 'delete'")),
    )
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    id: Mapped[str] = mapped_column(String(36), unique=True)
    op_id: Mapped[str] = mapped_column(String(36))
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    device_id: Mapped[str] = mapped_column(String(36))
    author: Mapped[str] = mapped_column(String(120), default="")
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str] = mapped_column(String(80))  # not indexed: nothing reads by it (0003)
    op: Mapped[str] = mapped_column(String(10))  # insert | update | delete
    field: Mapped[str | None] = mapped_column(String(60), nullable=True)
    value: Mapped[str | None] = mapped_column(Text, nullable=True)  # canonical JSON
    exported: Mapped[bool] = mapped_column(Boolean, default=False, server_default=text("0"))
    # Sync (revision 0008): the hybrid logical clock, the change this update overwrote, and
    # whether the change is in the records (0: a received change that lost; replay skips it).
    hlc: Mapped[str] = mapped_column(String(80), default="", server_default=text("''"))
    base: Mapped[str | None] = mapped_column(String(36), nullable=True)
    applied: Mapped[bool] = mapped_column(Boolean, default=True, server_default=text("1"))


# Every table is either logged (and synced) or local to this laptop; a test holds each table
# to exactly one of the two.

# Entity names in the change log, one per logged table: sync and Changes speak these names.
ENTITY_OF_TABLE: dict[str, str] = {
    "learning_systems": "system",
    "focus_areas": "focus_area",
    "free_tags": "free_tag",
    "sessions": "session",
    "agenda_items": "agenda_item",
    "agenda_item_focus_areas": "agenda_item_focus_area",
    "session_templates": "session_template",
    "participants": "participant",
    "invitations": "invitation",
    "recurring_themes": "recurring_theme",
    "themes": "theme",
    "theme_focus_areas": "theme_focus_area",
    "theme_votes": "theme_vote",
    "notes": "note",
    "note_focus_areas": "note_focus_area",
    "note_tags": "note_tag",
    "actions": "action",
    "action_themes": "action_theme",
    "evidence": "evidence",
    "evidence_themes": "evidence_theme",
    "email_templates": "email_template",
    "conflict_resolutions": "conflict_resolution",
}

# Facts about this laptop and its own bookkeeping: never logged, never synced. (Drafts and
# preferences are files beside the store; the email outbox and sync's state are tables here.)
LOCAL_ONLY_TABLES: frozenset[str] = frozenset({
    "store_meta", "change_log", "outbox", "sync_peers", "sync_written", "sync_field_versions",
    "sync_conflicts", "sync_log", "sync_set_aside"})


# --- Email the pack (revision 0007) ------------------------------------------------------------


class EmailTemplateRow(Base):
    """The subject and body of the pack's email, one per learning system: keyed by the system,
    so the template two laptops edit is one record and their edits merge field by field."""

    __tablename__ = "email_templates"
    system_id: Mapped[str] = mapped_column(
        String(36), ForeignKey("learning_systems.id", ondelete="CASCADE"), primary_key=True
    )
    subject: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)


class OutboxRow(Base):
    """One email waiting to go, going, or gone: local to this laptop and never synced, so two
    laptops never send the same message. The message is kept whole (`eml`), Message-ID and
    all, so every try sends exactly the same bytes. No link to the session or participant:
    deleting either keeps the record of what was sent."""

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_status_next_try", "status", "next_try"),)
    id: Mapped[str] = _id()
    message_id: Mapped[str] = mapped_column(String(255), unique=True)
    session_id: Mapped[str] = mapped_column(String(36), index=True)
    session_title: Mapped[str] = mapped_column(String(200), default="")
    participant_id: Mapped[str] = mapped_column(String(36), default="")
    recipient: Mapped[str] = mapped_column(String(320))
    recipient_name: Mapped[str] = mapped_column(String(200), default="")
    subject: Mapped[str] = mapped_column(String(300), default="")
    eml: Mapped[bytes] = mapped_column(LargeBinary)
    # queued | sending | sent | failed | may-have-been-sent (see sharing.outbox)
    status: Mapped[str] = mapped_column(String(20))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_try: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    last_error: Mapped[str] = mapped_column(Text, default="")
    queued_at: Mapped[datetime] = mapped_column(UTCDateTime)
    attempt_started: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


# Sync's tables (revision 0008) are declared in their own module; importing it here puts them
# in the metadata whichever of the two modules is imported first.
from app.store import sync_tables  # noqa: E402,F401
