"""This laptop's id in its store: read on every open, written the first time.

Every change-log entry carries it, so that sync can tell the laptops' changes apart.
"""

from __future__ import annotations

import socket
import sqlite3
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.exc import DBAPIError

from app.models.base import new_id, utcnow
from app.store import faults
from app.store.canonical import canonical_time
from app.store.tables import StoreMetaRow

if TYPE_CHECKING:
    from app.store.engine import Store


def stored_id(store: Store) -> str | None:
    """This laptop's id as the store holds it, if it holds one yet."""
    with store.read() as s:
        row = s.scalar(select(StoreMetaRow).where(StoreMetaRow.key == "device_id"))
        return row.value if row is not None else None


def device_id(store: Store, device_name: str) -> str:
    """This laptop's id in the store, written once (with its name and the time) when missing;
    "" for a store no write may reach."""
    found = stored_id(store)
    if found is not None:
        return found
    if store.write_refusal() is not None:
        return ""  # no write may reach this store; nothing will need the id
    made = new_id()
    try:
        with store._writer() as s, s.begin():
            s.add(StoreMetaRow(key="device_id", value=made))
            s.add(StoreMetaRow(key="device_name", value=device_name or socket.gethostname()))
            s.add(StoreMetaRow(key="created_at", value=canonical_time(utcnow())))
    except (sqlite3.Error, DBAPIError) as exc:
        told = faults.describe(exc, store.path,
                               doing="Cairn could not record this laptop's id in the store")
        if told is None:
            raise
        raise told from exc
    return made

