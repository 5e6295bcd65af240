"""What every capability stands on: validate-then-write, deletes that undo exactly, ranks
that order records by moving one row, atomic files and the store's check (with its replay of
the change log). No user operation lives here."""
