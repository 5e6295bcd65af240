"""What Cairn can do, one package per capability, for the desktop app and the command line alike.

Every public function that changes data is one unit of work: it validates, writes through the
store (which appends the change log in the same transaction) and returns the `Changes` it made,
or raises a `CairnError` whose text is one sentence for the person at the keyboard, having
changed nothing. Services never import Qt.

One user action is one function, however many records it touches (`capture.add_notes`,
`capture.import_notes`, `capture.delete_notes`, `participants.invite_many`,
`participants.import_to_session`): callers never assemble an action out of several calls, so
it happens whole or not at all, and undo is the one opposite call. Packages: `core` (what the
others stand on), `planning`, `capture`; `demo` loads the sample from `resources/sample/`.
Files are rendered by `app.documents` and written here; SQL text stays in `app.store`.
"""
