"""The capture view: opening a 20,000-note session, and Enter to the note on screen.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python tests/bench/bench_capture_gui.py [--rounds N]

- open: from asking for the capture view of a session with 20,000 notes to its first rows
  painted, against a bare QListWidget window showing its first 50 rows read with raw sqlite3
  from the same file, in the same run. Median of the rounds.
- enter: from Enter pressed in the entry to the new note painted at the top of the list
  (commit, FTS index and change log included), p50 and p95 over the saves, against a raw
  sqlite3 INSERT + COMMIT followed by a QListWidget insert and repaint.
Last line: `capture view: enter p95 <ms> ms, open <ms> ms (ratios ...)`.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtCore import QEvent, Qt  # noqa: E402
from PySide6.QtGui import QUndoStack  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QListWidget  # noqa: E402

from app.models import Preferences, new_id  # noqa: E402
from app.services.planning import (
    sessions,
    systems,  # noqa: E402
)
from app.services.planning.focus_areas import list_focus_areas  # noqa: E402
from app.store.engine import Store, open_store  # noqa: E402
from app.ui.context import AppContext, ChangeBus  # noqa: E402
from tests.bench.bench_capture import _fill, _pct, _sentence, _vocabulary  # noqa: E402

SESSION_NOTES = 20_000


def _paint(widget) -> None:
    """Process what is queued and paint now (offscreen too), as a screen refresh would."""
    QApplication.processEvents()
    widget.repaint()


def _open_capture(ctx: AppContext, session_id: str) -> tuple[float, object]:
    from app.ui.views.capture.capture_view import CaptureView

    t = time.perf_counter()
    view = CaptureView(ctx, session_id)
    view.resize(1366, 768)
    view.show()
    _paint(view)
    assert view.model.rowCount() > 0 and view.notes.visualRect(view.model.index(0)).height()
    return time.perf_counter() - t, view


def _open_bare(store: Store, session_id: str) -> float:
    t = time.perf_counter()
    conn = store.raw()
    rows = conn.execute("SELECT text FROM notes WHERE session_id = ? ORDER BY created_at DESC "
                        "LIMIT 50", (session_id,)).fetchall()
    conn.close()
    bare = QListWidget()
    bare.resize(1366, 768)
    bare.addItems([text for (text,) in rows])
    bare.show()
    _paint(bare)
    took = time.perf_counter() - t
    bare.close()
    bare.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return took


def _enter(view, text: str) -> float:
    entry = view.composer.entry
    entry.setPlainText(text)
    t = time.perf_counter()
    QTest.keyClick(entry, Qt.Key.Key_Return)
    _paint(view.notes)
    took = time.perf_counter() - t
    assert view.model.index(0).data() == text, "the note is not on top of the list"
    return took


def _enter_bare(store: Store, bare: QListWidget, session_id: str, text: str) -> float:
    conn = store.raw()
    t = time.perf_counter()
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("INSERT INTO bench_baseline (id, session_id, text, kind, captured_by, "
                 "speaker_label, starred, created_at) VALUES (?, ?, ?, 'insight', 'Bench', '', 0, "
                 "?)", (new_id(), session_id, text, time.strftime("%Y-%m-%dT%H:%M:%S")))
    conn.execute("COMMIT")
    bare.insertItem(0, text)
    _paint(bare)
    took = time.perf_counter() - t
    conn.close()
    return took


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=7, help="times the view is opened")
    parser.add_argument("--saves", type=int, default=300, help="notes saved with Enter")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    rng = random.Random(7)
    words = _vocabulary(rng)
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp), author="Bench")
        system, _ = systems.create_system(store, "Bench learning system")
        session, _ = sessions.create_session(store, system.id, "Big session",
                                             sessions.parse_starts("2026-03-02 10:00"))
        areas = [a.id for a in list_focus_areas(store, system.id)]
        print(f"filling a session with {SESSION_NOTES:,} notes ...", flush=True)
        _fill(store, [session.id], areas, SESSION_NOTES, rng, words)
        ctx = AppContext(store, Preferences(), Path(tmp) / "preferences.json", QUndoStack(),
                         ChangeBus())

        opens, bares, view = [], [], None
        for _ in range(args.rounds):
            bares.append(_open_bare(store, session.id))
            took, made = _open_capture(ctx, session.id)
            opens.append(took)
            if view is None:
                view = made
            else:
                made.close()  # type: ignore[attr-defined]
                made.deleteLater()  # type: ignore[attr-defined]
                # Gone now, not at some later turn of an event loop this script never runs.
                QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        open_ms, bare_ms = statistics.median(opens) * 1000, statistics.median(bares) * 1000
        print(f"open 20,000-note session to first rows painted: median {open_ms:.1f} ms "
              f"(bare list {bare_ms:.1f} ms)")

        bare = QListWidget()
        bare.resize(1366, 768)
        bare.show()
        enters, bare_enters = [], []
        for _ in range(args.saves):
            text = _sentence(rng, words)
            bare_enters.append(_enter_bare(store, bare, session.id, text))
            enters.append(_enter(view, text))
        p50, p95 = _pct(enters, 0.5), _pct(enters, 0.95)
        b50, b95 = _pct(bare_enters, 0.5), _pct(bare_enters, 0.95)
        print(f"Enter to note painted: p50 {p50:.2f} ms, p95 {p95:.2f} ms "
              f"(raw sqlite3 + bare list p50 {b50:.2f} ms, p95 {b95:.2f} ms)")
        view.close()  # type: ignore[union-attr]
        ctx.undo_stack.clear()
        store.close()
        del app
        print(f"capture view: enter p95 {p95:.1f} ms, open {open_ms:.1f} ms "
              f"(ratios {p95 / b95:.1f} and {open_ms / bare_ms:.1f} against bare Qt and raw "
              "sqlite3)")


if __name__ == "__main__":
    main()
