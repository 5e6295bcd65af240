"""A person typing into the real capture view, for the kill -9 test of the desktop app.

    python tests/e2e/gui_typist.py DATA_DIR SESSION_ID SEED [HOLD_NOTE:HOLD_CHARS]

Opens the main window on DATA_DIR (offscreen), selects the session, opens capture (F5) and
types notes a key at a time, with pauses between words, pressing Enter after each. It prints,
flushed, one line per event the parent can rely on:

    typing <n>      note n is being typed from now on (its text is `note_text(n)`)
    saved <id>      the note was committed to the store (the composer said so)
    drafted         a draft write reached the disk
    holding         (with HOLD_NOTE:HOLD_CHARS) it stopped after that many characters of that
                    note, and the draft on disk is now exactly what it typed of it

and types until it is killed (or, holding, waits to be killed).
"""

from __future__ import annotations

import os
import random
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

WORDS = ("ferry", "timetable", "clinic", "carers", "broadband", "respite", "volunteers",
         "drivers", "housing", "officer", "trust", "referrals", "Gaelic", "glens", "winter")


def note_text(n: int) -> str:
    """The n-th note: the same for the typist and the test that checks what was kept."""
    rng = random.Random(n)
    return f"Note {n}: " + " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 8)))


def main(data_dir: str, session_id: str, seed: int, hold: tuple[int, int] | None = None) -> int:
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtGui import QUndoStack
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from app.models import Preferences
    from app.store.engine import open_store
    from app.ui.context import AppContext, ChangeBus
    from app.ui.main_window import MainWindow

    app = QApplication(sys.argv[:1])
    store = open_store(Path(data_dir))
    ctx = AppContext(store, Preferences(), Path(data_dir) / "preferences.json", QUndoStack(),
                     ChangeBus())
    window = MainWindow(ctx)
    window.show()
    window.select(session_id)
    window.capture_action.trigger()
    view = window.page
    composer = view.composer
    composer.saved.connect(lambda note: print(f"saved {note.id}", flush=True))
    composer.drafts.written.connect(lambda: print("drafted", flush=True))
    rng = random.Random(seed)
    state = {"n": 0, "at": 0}

    def held() -> None:
        """Stopped typing: the draft is written once typing has paused; say so when it is."""
        assert hold is not None
        if composer.drafts.load() == note_text(hold[0])[:hold[1]]:
            print("holding", flush=True)
            return
        QTimer.singleShot(20, held)

    def key() -> None:
        text = note_text(state["n"])
        if state["at"] == 0:
            print(f"typing {state['n']}", flush=True)
        if hold is not None and (state["n"], state["at"]) == hold:
            held()
            return
        if state["at"] < len(text):
            QTest.keyClick(composer.entry, text[state["at"]])
            state["at"] += 1
            # Mostly quick keys; now and then a pause long enough for a draft to be written.
            pause = 600 if text[state["at"] - 1] == " " and rng.random() < 0.3 else rng.choice(
                (2, 5, 10))
        else:
            QTest.keyClick(composer.entry, Qt.Key.Key_Return)
            state["n"], state["at"] = state["n"] + 1, 0
            pause = rng.choice((5, 50, 500))
        QTimer.singleShot(pause, key)

    QTimer.singleShot(50, key)
    return app.exec()


if __name__ == "__main__":
    hold_at = None
    if len(sys.argv) > 4:
        hold_note, hold_chars = sys.argv[4].split(":")
        hold_at = (int(hold_note), int(hold_chars))
    sys.exit(main(sys.argv[1], sys.argv[2], int(sys.argv[3]), hold_at))
