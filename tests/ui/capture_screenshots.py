"""Screenshots of the capture screens at 1366x768, at 100% and 200% text size.

    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/ui/capture_screenshots.py OUTDIR

Loads the sample learning system into a throwaway store, opens the capture view of its
session with the most notes, and saves: the view with the clock running, a search with its
matched words highlighted, the filters, a note saved while a filter hides it (pinned), the
near-duplicate hint, the paste offer, focus mode, scribe mode (alone and on its screen), an
empty list, and the import dialog (column mapping and review), as PNG files like `capture-search-200.png`.
Run it again with QT_SCALE_FACTOR=2 (into another folder) for a high-density screen; under
`xvfb-run -s "-screen 0 1366x768x24"` with QT_QPA_PLATFORM=xcb it shoots a real X server.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtGui import QUndoStack  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from app.models import Preferences  # noqa: E402
from app.services import capture, demo  # noqa: E402
from app.services.planning import sessions  # noqa: E402
from app.store.engine import open_store  # noqa: E402
from app.ui.context import AppContext, ChangeBus  # noqa: E402
from app.ui.style import apply_preferences  # noqa: E402
from tests.ui.session_screenshots import SIZE, close_all, run, save  # noqa: E402  (sets the screen)

TABLE = (
    "Comment,Who,Type,Tags\n"
    "Lift sharing between the two surgeries saved four hours a week,Practice manager,enabler,"
    "connected-communities\n"
    "Nobody owns the weekend discharge rota,Ward sister,barrier,\n"
    "Could the library host the carers' drop-in?,anonymous,idea,quality-of-life\n"
)
# As Teams gives it through Microsoft Graph: unpadded timings, names with character references.
TRANSCRIPT = (
    "WEBVTT\n\n0:1:2.0 --> 0:1:9.0\n<v Iona Fictional>The bus timetable changed "
    "and nobody told the day centre.</v>\n\n0:1:10.0 --> 0:1:18.0\n<v Carlos Far&#237;as>"
    "We started phoning people the night before instead.</v>\n\n0:1:20.0 --> "
    "0:1:31.0\n<v Iona Fictional>That one call stopped most of the missed visits.</v>\n"
)


def settle(view) -> None:
    for _ in range(200):
        QApplication.processEvents()
        if not view.busy():
            break
    QApplication.processEvents()


def wait_for(condition, seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        QApplication.processEvents()


def opened_import(view, path: Path):
    """The import dialog for `path`, once the file has been read on the task manager."""
    view.import_dialog = None
    view.import_notes(path)
    deadline = time.monotonic() + 30
    while view.import_dialog is None or not view.import_dialog.isVisible():
        if time.monotonic() > deadline:
            raise SystemExit(f"{path.name} was not read within 30 s")
        QApplication.processEvents()
    return view.import_dialog


def shoot(app: QApplication, folder: Path, out: Path, scale: int) -> None:
    from app.ui.main_window import MainWindow

    prefs = Preferences(text_scale=scale)
    apply_preferences(app, prefs)
    store = open_store(folder / f"store-{scale}", author="Morven Tait")
    demo.load_demo(store)
    conn = store.raw()
    busiest = conn.execute("SELECT session_id FROM notes GROUP BY session_id "
                           "ORDER BY count(*) DESC LIMIT 1").fetchone()[0]
    conn.close()
    ctx = AppContext(store, prefs, folder / "preferences.json", QUndoStack(), ChangeBus())
    settings = QSettings(str(folder / f"settings-{scale}.ini"), QSettings.Format.IniFormat)
    window = MainWindow(ctx, settings=settings)
    # At QT_SCALE_FACTOR=2 a 1366x768 screen is 683x384 points: the window fits what is there.
    room = (app.primaryScreen() or window.screen()).availableGeometry()
    window.resize(min(SIZE[0], room.width()), min(SIZE[1], room.height()))
    window.show()
    window.select(busiest)
    window.open_capture()
    view = window.page
    settle(view)
    view.agenda.start_or_pause()
    view.composer.set_text("@Housing officer: Tenants hear about the befriending scheme only "
                           "from the GP #transport")
    view.composer.toggle_key(1)
    settle(view)
    save(window, out, "capture", scale)
    state = view.session.clock.state
    state.running_since -= 12 * 60  # type: ignore[operator]  # the welcome runs 2 minutes over
    state.block_since -= 12 * 60  # type: ignore[operator]
    view.agenda.refresh()
    save(window, out, "capture-overrun", scale)

    view.composer.set_text("")
    view.filters.search.setText("partn")
    view.filters.search_now()
    settle(view)
    save(window, out, "capture-search", scale)

    view.filters.search.clear()
    view.filters.filters_button.setChecked(True)
    view.filters.search_now()
    settle(view)
    save(window, out, "capture-filters", scale)
    view.filters.starred.setChecked(True)
    settle(view)
    view.composer.set_text("Nobody owns the weekend discharge rota #strategic-planning")
    view.composer.save()
    settle(view)
    save(window, out, "capture-pinned", scale)
    view.show_all()
    settle(view)
    view.filters.filters_button.setChecked(False)

    view.toggle_focus()
    settle(view)
    wait_for(lambda: window.isFullScreen())
    save(window, out, "capture-focus", scale)
    view.toggle_side()
    settle(view)
    save(window, out, "capture-focus-no-agenda", scale)
    view.toggle_side()
    view.toggle_focus()
    settle(view)

    first = view.model.index(0).data()
    view.composer.set_text(first[:-2] if first else "")
    view.composer.hint.look_now()
    settle(view)
    save(window, out, "capture-duplicate-hint", scale)

    view.composer.set_text("Volunteer drivers are ageing out\nNo cover for the winter rota\n"
                           "Fuel cards helped")
    view.composer.paste_offer.offer(3)
    save(window, out, "capture-paste", scale)
    view.composer.set_text("")
    view.composer.paste_offer.hide()

    view.toggle_scribe()
    settle(view)
    save(view.scribe, out, "capture-scribe", scale)
    screen = view.scribe.screen()
    QApplication.processEvents()
    screen.grabWindow(0).save(str(out / f"capture-scribe-screen-{scale}.png"))
    view.scribe.close()

    table = folder / "notes-from-flipchart.csv"
    table.write_text(TABLE, encoding="utf-8")
    dialog = opened_import(view, table)
    save(dialog, out, "capture-import-columns", scale)
    dialog.review_table()
    settle(view)
    save(dialog, out, "capture-import-review", scale)
    dialog.reject()
    transcript = folder / "teams-transcript.vtt"
    transcript.write_text(TRANSCRIPT, encoding="utf-16")  # with its byte order mark, as Teams saves
    opened_import(view, transcript)
    settle(view)
    save(view.import_dialog, out, "capture-import-transcript", scale)
    view.import_dialog.reject()
    settle(view)

    # A session with no notes yet: the list says how to start.
    quiet = next(s.id for s in sessions.list_sessions(store)
                 if not capture.note_ids(store, s.id, capture.NoteFilter()))
    view.go_back()
    window.select(quiet)
    window.open_capture()
    settle(window.page)
    save(window, out, "capture-empty", scale)
    settle(window.page)
    close_all(ctx, window, store)


if __name__ == "__main__":
    sys.exit(run(sys.argv, __doc__ or "", shoot, "capture*.png"))
