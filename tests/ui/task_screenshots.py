"""Screenshots of long work under way: the status bar's task, the import review, the sample.

    xvfb-run -s "-screen 0 1366x768x24" env QT_QPA_PLATFORM=xcb \\
        .venv/bin/python tests/ui/task_screenshots.py OUTDIR [--scale 100 200]

Saves, for each text size: the main window with an import under way (label, progress, Cancel)
and its status bar alone, the welcome page while the sample loads, and the review of a
5,000-note import. Run once more with QT_SCALE_FACTOR=2 for a high-density screen.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import threading
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
SIZE = (1366, 768)


def main(out: Path, scales: list[int]) -> None:
    from PySide6.QtCore import QSettings, QStandardPaths
    from PySide6.QtGui import QUndoStack
    from PySide6.QtWidgets import QApplication, QWidget

    from app.models import Preferences
    from app.services import demo
    from app.services.capture import note_import
    from app.services.planning import sessions
    from app.store.engine import open_store
    from app.ui.context import AppContext, ChangeBus
    from app.ui.main_window import MainWindow
    from app.ui.style import apply_preferences
    from app.ui.tasks import Progress
    from app.ui.views.capture.capture_view import CaptureView
    from app.ui.views.capture.import_dialog import ImportDialog

    app = QApplication([sys.argv[0]])
    QStandardPaths.setTestModeEnabled(True)
    out.mkdir(parents=True, exist_ok=True)
    suffix = "-hidpi" if app.primaryScreen().devicePixelRatio() > 1 else ""

    def settle() -> None:
        """Deliver what is queued (layouts, text fitting); grab() then paints the widget itself."""
        for _ in range(15):
            QApplication.sendPostedEvents()
            app.processEvents()

    def shoot(widget: QWidget, name: str) -> None:
        settle()
        widget.grab().save(str(out / f"{name}{suffix}.png"))
        print("saved", out / f"{name}{suffix}.png")

    for scale in scales:
        QSettings("Cairn", "Cairn").clear()
        work = Path(tempfile.mkdtemp(prefix="cairn-task-shots-"))
        prefs = Preferences(text_scale=scale)
        apply_preferences(app, prefs)

        # The welcome page while the sample loads (held before it writes, then let go).
        empty = open_store(work / "empty")
        ctx = AppContext(empty, prefs, work / "p.json", QUndoStack(), ChangeBus())
        window = MainWindow(ctx)
        window.resize(*SIZE)
        window.show()
        blocker = empty.raw()
        blocker.execute("BEGIN IMMEDIATE")  # the load waits for the write lock meanwhile
        window.load_sample()
        shoot(window, f"sample-loading-{scale}")
        blocker.execute("ROLLBACK")
        blocker.close()
        while ctx.tasks.busy():
            app.processEvents()
        window.close()
        ctx.tasks.shutdown()

        # An import under way: 2,300 of 5,000, with Cancel.
        store = open_store(work / "full")
        system, _ = demo.load_demo(store)
        ctx = AppContext(store, prefs, work / "p.json", QUndoStack(), ChangeBus())
        window = MainWindow(ctx)
        window.resize(*SIZE)
        window.show()
        window.select(system.id)
        gate = threading.Event()

        def held(progress: Progress, gate: threading.Event = gate) -> None:
            progress.report(2_300, 5_000, "Checking the notes")
            gate.wait(30)

        ctx.tasks.run(held, lambda _r: None, label="Importing 5,000 notes from flipchart.txt",
                      cancellable=True)
        shoot(window, f"task-import-{scale}")
        settle()
        window.statusBar().grab().save(str(out / f"task-statusbar-{scale}{suffix}.png"))
        gate.set()
        while ctx.tasks.busy():
            app.processEvents()

        # The review of a 5,000-note file.
        session, _ = sessions.create_session(store, system.id, "Big workshop",
                                             datetime(2026, 3, 2, 10, 0).astimezone())
        view = CaptureView(ctx, session.id)
        view.resize(*SIZE)
        view.show()
        path = work / "flipchart.txt"
        path.write_text("".join(f"Note {n}: the ferry timetable decides when the clinic opens, "
                                "and people wait in the rain for the bus #trust\n"
                                for n in range(1, 5001)), encoding="utf-8")
        dialog = ImportDialog(view.session, view)
        dialog.file_name = path.name
        dialog.show_notes(note_import.read_text_notes(path))
        dialog.fit()
        dialog.show()
        shoot(dialog, f"import-review-{scale}")
        dialog.close()
        view.close()
        window.close()
        ctx.tasks.shutdown()
        store.close()
        empty.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--scale", type=int, nargs="*", default=[100, 200])
    args = parser.parse_args()
    main(args.out, args.scale)
