"""What every capability stands on: validate-then-write, deletes that undo exactly, atomic
files and the store's health check. No user operation lives here."""
