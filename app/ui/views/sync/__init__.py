"""Sync in the windows: the status bar's part, Sync now and its timers, the conflicts view,
the sync log, and the Preferences page for the shared folder. They call only the public API
of `app.services.sync`; rounds run on the task manager, one at a time.

- `wording`: the sentences (how long ago, the status, a round, a conflict, a log line).
- `runner`: `SyncRunner`, one per main window: rounds on demand, on the timer and when the
  shared folder comes back; what a round received goes out on `ctx.bus.changed`.
- `status_part`: "Synced 2 min ago · 3 changes to send", "Offline", "Syncing…", conflicts.
- `conflicts_view` / `conflict_editor`: both versions side by side; keep mine, theirs, both,
  or an edited text.
- `log_view`: the sync log, newest first, with Copy.
- `preferences_page`: the shared folder and what it holds, this laptop's name, how often, Join.
- `install`: the File menu's sync commands (F9), the toolbar button and the status bar part.
"""
