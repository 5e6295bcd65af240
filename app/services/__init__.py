"""What Cairn can do, one package per capability, for the desktop app and the command line alike.

Every public function that changes data is one unit of work: it validates, writes through the
store (which appends the change log in the same transaction) and returns the `Changes` it made,
or raises a `CairnError` whose text is one sentence for the person at the keyboard, having
changed nothing. Services never import Qt.
"""
