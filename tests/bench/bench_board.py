"""The theme board: opening a session of 5,000 notes in 200 themes, and moving a note.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python tests/bench/bench_board.py [--rounds N]

- open: from asking for the board page of the session to its cards painted, against opening
  the plain note list of the same session (the capture view's `NoteListView` over its
  `NoteListModel`) to its first rows painted, in the same run. Median of the rounds.
- move: one note moved from one theme to another as the board's drop does it (the operation,
  its undo step, the change bus, the model's row move and the cards repainted), median and
  worst over the moves.
Last line: `board: ratio <r> (open <ms> ms, note list <ms> ms, move <ms> ms)`.
Targets: open under 500 ms, move under 50 ms, ratio under 3.
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

from PySide6.QtCore import QEvent, QSettings  # noqa: E402
from PySide6.QtGui import QUndoStack  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from app.models import Preferences  # noqa: E402
from app.services import capture  # noqa: E402
from app.services.planning import sessions, systems  # noqa: E402
from app.services.planning.focus_areas import list_focus_areas  # noqa: E402
from app.services.sensemaking import themes  # noqa: E402
from app.store.engine import open_store  # noqa: E402
from app.ui.context import AppContext, ChangeBus  # noqa: E402
from tests.bench.bench_capture import _fill, _vocabulary  # noqa: E402

NOTES, THEMES = 5_000, 200


def _paint(widget: QWidget) -> None:
    """Process what is queued and paint now (offscreen too), as a screen refresh would."""
    QApplication.processEvents()
    widget.repaint()


def _gone(widget: QWidget) -> None:
    widget.close()
    widget.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _open_board(ctx: AppContext, session_id: str, settings: QSettings) -> tuple[float, object]:
    from app.ui.views.board.board_view import BoardView

    t = time.perf_counter()
    page = BoardView(ctx, session_id, settings=settings)
    page.resize(1366, 768)
    page.show()
    _paint(page)
    took = time.perf_counter() - t
    cards = [c for k, c in page.canvas.cards.items() if k]
    assert len(cards) >= 3 and all(c.isVisible() for c in cards[:3]), "no theme cards shown"
    first = page.model.top_index(page.model.order[0])
    assert page.model.rowCount(first) > 0
    return took, page


def _open_note_list(ctx: AppContext, session_id: str) -> float:
    from app.ui.item_models.note_cards import NoteLabels
    from app.ui.item_models.note_model import NoteListModel
    from app.ui.views.capture.note_list import NoteListView

    t = time.perf_counter()
    session = sessions.get_session(ctx.store, session_id)
    model = NoteListModel(ctx.store, session_id, NoteLabels.load(ctx.store, session))
    view = NoteListView()
    view.setModel(model)
    model.load()
    view.resize(1366, 768)
    view.show()
    _paint(view)
    took = time.perf_counter() - t
    assert model.rowCount() > 0 and view.visualRect(model.index(0)).height() > 0
    _gone(view)
    return took


def _move(page, note_id: str, to: str) -> float:
    t = time.perf_counter()
    page.board_actions.drop_notes([note_id], to)
    _paint(page)
    took = time.perf_counter() - t
    assert page.model.parent_of[note_id] == to, "the note did not move on the board"
    return took


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=7, help="times the board is opened")
    parser.add_argument("--moves", type=int, default=60, help="notes moved between themes")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    rng = random.Random(11)
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp), author="Bench")
        system, _ = systems.create_system(store, "Bench learning system")
        session, _ = sessions.create_session(store, system.id, "Big workshop",
                                             sessions.parse_starts("2026-03-02 10:00"))
        areas = [a.id for a in list_focus_areas(store, system.id)]
        print(f"filling a session with {NOTES:,} notes in {THEMES} themes ...", flush=True)
        _fill(store, [session.id], areas, NOTES, rng, _vocabulary(rng))
        ids = list(reversed(capture.note_ids(store, session.id)))
        per = NOTES // THEMES
        for n in range(THEMES):
            themes.create_theme(store, session.id, f"Theme {n + 1}", ids[n * per:(n + 1) * per])
        ctx = AppContext(store, Preferences(), Path(tmp) / "preferences.json", QUndoStack(),
                         ChangeBus())
        settings = QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat)

        opens, lists, page = [], [], None
        for _ in range(args.rounds):
            lists.append(_open_note_list(ctx, session.id))
            took, made = _open_board(ctx, session.id, settings)
            opens.append(took)
            if page is None:
                page = made
            else:
                _gone(made)  # type: ignore[arg-type]
        open_ms = statistics.median(opens) * 1000
        list_ms = statistics.median(lists) * 1000
        print(f"open the board of {NOTES:,} notes in {THEMES} themes to cards painted: median "
              f"{open_ms:.1f} ms (plain note list {list_ms:.1f} ms)")

        model = page.model  # type: ignore[attr-defined]
        shown = model.order[:3]  # themes whose cards are on screen
        moves = []
        for k in range(args.moves):
            source, target = shown[k % 3], shown[(k + 1) % 3]
            note = rng.choice(model.notes_of[source])
            moves.append(_move(page, note, target))
        move_ms = statistics.median(moves) * 1000
        print(f"move a note between themes, operation to board repainted: median {move_ms:.1f} "
              f"ms, worst {max(moves) * 1000:.1f} ms over {len(moves)} moves")
        _gone(page)  # type: ignore[arg-type]
        ctx.undo_stack.clear()
        ctx.tasks.shutdown()
        store.close()
        del app
        print(f"board: ratio {open_ms / list_ms:.1f} (open {open_ms:.0f} ms, note list "
              f"{list_ms:.0f} ms, move {move_ms:.0f} ms)")


if __name__ == "__main__":
    main()
