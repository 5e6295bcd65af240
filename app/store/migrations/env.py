"""Alembic environment: SQLite batch mode, Cairn's metadata, a URL given by the caller."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine, pool

from app.store.tables import Base

config = context.config
target_metadata = Base.metadata

# The FTS5 note index (revision 0002) and its shadow tables are kept by triggers, not declared
# as tables: comparing the schema with the metadata must leave them out.
UNDECLARED_TABLE_PREFIXES = ("note_search",)


def include_name(name: str | None, type_: str, parent_names: object) -> bool:
    if type_ == "table" and name:
        return not name.startswith(UNDECLARED_TABLE_PREFIXES)
    return True


def run_migrations_offline() -> None:
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=target_metadata,
        render_as_batch=True,
        literal_binds=True,
        include_name=include_name,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    given = config.attributes.get("connection")
    if given is not None:  # Cairn's own, already in the one transaction of the whole upgrade
        _run_migrations(given)
        return
    engine = create_engine(str(config.get_main_option("sqlalchemy.url")), poolclass=pool.NullPool)
    with engine.connect() as connection:
        _run_migrations(connection)
    engine.dispose()


def _run_migrations(connection: Connection) -> None:
    context.configure(
        connection=connection, target_metadata=target_metadata, render_as_batch=True,
        include_name=include_name,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
