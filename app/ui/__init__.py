"""The desktop app: the only package that imports PySide6.

How it is put together:
- `context.AppContext` is what every window shares: the store, the preferences, one undo stack
  and the change bus. A service returns the `Changes` it made; `AppContext.announce` puts them on
  the bus, and every open view and item model updates itself from them (nothing polls).
- `commands` turns each edit into an undoable command: the service call runs first (and may be
  refused with one sentence), and only then is the command pushed. A user action is one
  service call and one command however many records it touches (notes pasted, deleted,
  starred or imported, people invited); a refused one pushes nothing. Item models adapt
  service results and never perform an edit: a cell edit, tick, drop or move goes to their
  view through `item_models.row_edits.RowEdits`, and the view's `commands.TableEdits` makes
  the one service call and pushes the one undo step.
- `item_models` holds the Qt models (navigator, agenda, participants, the lazy note list);
  `views` holds one package per capability (system, session, capture), `dialogs` the rest.
- Shared pieces, so every screen behaves alike: `buttons.action_button`, `fields` (committing
  text fields, labelled form rows), `flow` (rows that wrap at large text), `tables` (tables of
  records and their named cell editors), `dialogs.parts` (OK/Cancel, hints, sizes),
  `style.scrolled` (a page in a named, frameless scroll area).
- Long work (imports, the sample, run sheets, searches, near-duplicate look-ups, drafts) runs
  on the application's one `tasks.TaskManager` (`AppContext.tasks`, made by `app.main`):
  worker threads, outcomes back on the GUI thread by a queued signal whatever widget asked,
  progress and Cancel in the status bar (`task_status.TaskStatus`) for work with a label. What
  a task committed is announced even if the window that asked has closed. A keystroke never
  waits for a task; writes still take turns on the store's one writer.
- Live capture keeps its state in `views.capture.capture_session.CaptureSession`, shared by the
  capture view and scribe mode, so both windows show the same notes and undo the same steps.
"""
