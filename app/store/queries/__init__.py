"""Reads the services need written as plain SQL, kept here so that SQL text lives in the store.

Each module answers one service module's questions (`note_links` for what a note points at,
`note_search` for full-text search, `note_changes` for near-duplicate hints) and takes the
caller's ORM session, so a read inside a unit of work sees that unit's own writes. Plain SQL
through the sqlite3 connection is used where a statement runs for every note saved or every
keystroke: there, building an SQLAlchemy statement costs more than SQLite takes to answer.
"""
