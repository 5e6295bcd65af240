"""The local store: the only package with SQL in it.

- `tables`: the typed tables; each is either logged (`ENTITY_OF_TABLE`) or local-only.
- `canonical`: one text per value (UTC times with `Z`, dates, enums by value, sorted JSON),
  used by the rows' column types and by the change log alike.
- `changelog`: the change log and its one writer, `append`; every unit of work is one
  operation (one op id, one time) whether its rows went through the ORM's flush or through
  `logged_insert`, capture's executemany hot path.
- `engine`: opening a store (pragmas, migrations after a backup), units of work on the one
  write connection, reads on a pool of their own.
- `repos`: reads that return domain models; ordered lists come back in (rank, id) order with
  each record's `position` filled in.
- `health` and `replay`: what `cairn check` runs, the replay rebuilding a copy of the store
  from its change log alone and comparing it record by record.
- `migrate` and `migrations/`: Alembic, run from code: a new store is built under a temporary
  name and renamed into place; an upgrade is one transaction, after a copy in `backups/`
  (`backups`), which a retry of a failed upgrade uses again while the store is unchanged.
- `access`, `soundness` and `faults`: a store Cairn may not write is opened read-only; SQLite's
  quick check runs beside the app's start-up (a command's, before its first write, unless the
  file is as Cairn left it on closing it sound) and no write precedes its answer; every failure
  of SQLite becomes one sentence (a full disk, a read-only store, damage and how to restore a
  backup).
- `device`: this laptop's id in the store, which every change-log entry carries.
"""
