"""Helpers for the capture tests: typing a note, reading the store and the list."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.services import capture
from app.ui.views.capture.capture_view import CaptureView
from tests.ui.session_helpers import delete_now


def open_view(ctx, session_id: str, clock, settings, qtbot) -> CaptureView:
    # Not handed to qtbot.addWidget: the view is closed by `close_view`, after its background
    # work (draft writes, near-duplicate lookups) has finished.
    made = CaptureView(ctx, session_id, now=clock, settings=settings)
    made.resize(1366, 768)
    made.show()
    made.activateWindow()
    # Keys and shortcuts reach a widget only once its window is active.
    qtbot.waitUntil(lambda: QApplication.activeWindow() is made)
    qtbot.waitUntil(lambda: made.composer.entry.hasFocus())
    return made


def close_view(qtbot, view: CaptureView) -> None:
    qtbot.waitUntil(lambda: not view.busy(), timeout=5000)
    delete_now(view)


def type_note(qtbot, view: CaptureView, text: str, *, enter: bool = True) -> None:
    entry = view.composer.entry
    entry.setFocus()
    qtbot.keyClicks(entry, text)
    if enter:
        qtbot.keyClick(entry, Qt.Key.Key_Return)


def fill(qtbot, view, *texts: str) -> None:
    for text in texts:
        type_note(qtbot, view, text)


def select_rows(view, *wanted: int) -> None:
    view.notes.setFocus()
    view.notes.clearSelection()
    view.notes.select_row(wanted[0])
    selection = view.notes.selectionModel()
    for row in wanted[1:]:
        selection.select(view.model.index(row), selection.SelectionFlag.Select)


def stored(ctx, session_id: str):
    return capture.list_notes(ctx.store, session_id)


def rows(view: CaptureView) -> list[str]:
    model = view.model
    return [model.index(r).data() for r in range(model.rowCount())]


def bulk_notes(store, session_id: str, count: int, *, words: str = "note") -> None:
    """Many notes at once through plain inserts (the search index follows by trigger)."""
    from datetime import UTC, datetime, timedelta

    from app.models import new_id

    # Earlier than anything typed during the test, so a new note is always the newest.
    start = datetime.now(UTC) - timedelta(days=2)
    conn = store.raw()
    try:
        conn.execute("BEGIN")
        conn.executemany(
            "INSERT INTO notes (id, session_id, text, kind, captured_by, speaker_label, starred, "
            "created_at) VALUES (?, ?, ?, 'insight', 'Bulk', '', 0, ?)",
            [(new_id(), session_id, f"{words} {n}",
              (start + timedelta(seconds=n)).isoformat(timespec="microseconds"))
             for n in range(count)])
        conn.execute("COMMIT")
    finally:
        conn.close()
