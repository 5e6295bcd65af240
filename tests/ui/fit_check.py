"""Opens every window, page and dialog of Cairn on a 1366x768 laptop screen and says what
does not fit: a window larger than the screen's available area or partly off it, or an
interactive widget (button, field, list, tab) lying outside its window.

    QT_QPA_PLATFORM=offscreen python tests/ui/fit_check.py SCALE [OUT.json]

SCALE is the text size in percent. Prints (or writes) JSON: {window name: [problem, ...]}.
Run in a process of its own by tests/ui/test_fit_every_window.py, because Qt's offscreen
screen is sized once, when the application starts.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
SCREEN = (1366, 768)
PAGES = ("welcome", "system", "session-details", "session-agenda", "session-participants",
         "capture")
DIALOGS = ("scribe", "preferences", "about", "new-system", "new-session", "add-focus-area",
           "add-person", "invite", "import-columns", "import-preview", "import-problems",
           "import-notes")

# Screens of later parts register in modules of their own, `tests/ui/fit_more_*.py`, each with
# `NAMES` (the windows it checks) and `check_windows(fit: Fit)`, run after the checks above.
_MORE = sorted(Path(__file__).parent.glob("fit_more_*.py"))


def _more_modules() -> list:
    import importlib

    return [importlib.import_module(f"tests.ui.{path.stem}") for path in _MORE]


NAMES = PAGES + DIALOGS + tuple(n for m in _more_modules() for n in m.NAMES)


@dataclass
class Fit:
    """What a `fit_more_*` module needs: the context and main window over the loaded sample,
    a sample session with notes, a scratch folder, and `check(name, window)` and
    `dialog(name, make)`, which show a window and record what does not fit."""

    app: Any
    ctx: Any
    window: Any
    system_id: str
    session_id: str
    work: Path
    check: Callable[[str, Any], None]
    dialog: Callable[[str, Callable[[], Any]], None]
CAPTURE = ("capture", "scribe", "import-notes")  # the capture screens
GOOD_LIST = ("Name,Email,Organisation,Sector,May name,May email,May quote,Access needs\n"
             "Isla Munro,isla.munro@example.org,Sutherland Care Partnership,hscp,yes,yes,no,\n"
             "Calum Mackay,calum@example.org,Assynt Foodbank,third sector,no,yes,no,"
             "Hearing loop and a seat near the front\n")
BAD_LIST = GOOD_LIST + ",hamish@example,Lairg Community Council,other,maybe,no,no,\n"
NOTES = "Note,Speaker,Tags\nTransport is the barrier,Housing officer,#digital\n"


def laptop_screen() -> None:
    """Make Qt's offscreen screen (800x600 by default) the 1366x768 laptop."""
    config = Path(tempfile.mkdtemp(prefix="cairn-fit-")) / "screen.json"
    config.write_text(json.dumps({"screens": [{
        "name": "laptop", "x": 0, "y": 0, "width": SCREEN[0], "height": SCREEN[1],
        "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}), encoding="utf-8")
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"


def settle(app, window) -> None:
    """Let layouts, deferred sizing and text fitting finish: until the window's geometry and
    its children's stop changing, within a deadline."""
    from PySide6.QtWidgets import QWidget

    def shape() -> list[tuple[int, int, int, int]]:
        return [(w.x(), w.y(), w.width(), w.height()) for w in
                (window, *window.findChildren(QWidget)) if w.isVisible()]

    deadline = time.monotonic() + 5
    last: list[tuple[int, int, int, int]] = []
    steady = 0
    while time.monotonic() < deadline and steady < 3:
        app.processEvents()
        now = shape()
        steady = steady + 1 if now == last else 0
        last = now
        time.sleep(0.01)


def problems_of(window) -> list[str]:
    """What does not fit in `window`, in sentences."""
    from PySide6.QtCore import QPoint, QRect
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractItemView,
        QAbstractScrollArea,
        QAbstractSpinBox,
        QComboBox,
        QLineEdit,
        QPlainTextEdit,
        QSlider,
        QTabBar,
        QTextEdit,
        QWidget,
    )

    interactive = (QAbstractButton, QComboBox, QLineEdit, QAbstractSpinBox, QAbstractItemView,
                   QPlainTextEdit, QTextEdit, QSlider, QTabBar)
    found: list[str] = []
    available = window.screen().availableGeometry()
    frame = window.frameGeometry()
    if frame.width() > available.width() or frame.height() > available.height():
        found.append(f"the window is {frame.width()}x{frame.height()}, larger than the "
                     f"screen's {available.width()}x{available.height()}")
    elif not available.contains(frame):
        found.append(f"the window at {frame.x()},{frame.y()} lies partly off the screen")

    def scrolls(widget: QWidget) -> bool:
        """Inside a scroll area's viewport: reached by scrolling, so it may lie out of view."""
        parent = widget.parentWidget()
        while parent is not None and parent is not window:
            area = parent.parentWidget()
            if isinstance(area, QAbstractScrollArea) and parent is area.viewport():
                return True
            parent = area
        return False

    inside = window.rect()
    for widget in window.findChildren(QWidget):
        if not isinstance(widget, interactive) or not widget.isVisible():
            continue
        if widget.window() is not window or scrolls(widget):
            continue
        rect = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
        if not inside.contains(rect):
            name = (widget.accessibleName() or widget.objectName()
                    or getattr(widget, "text", lambda: "")())
            found.append(f"{type(widget).__name__} '{name}' at {rect.x()},{rect.y()} "
                         f"{rect.width()}x{rect.height()} lies outside the "
                         f"{inside.width()}x{inside.height()} window")
    return found


def check_all(scale: int) -> dict[str, list[str]]:
    laptop_screen()
    from PySide6.QtCore import QSettings, QStandardPaths
    from PySide6.QtGui import QUndoStack
    from PySide6.QtWidgets import QApplication, QWidget

    from app.models import Preferences
    from app.services import demo
    from app.services.capture import note_import
    from app.services.planning import participants, sessions
    from app.services.planning.participant_file import (
        ParticipantFileError,
        read_participant_file,
        read_participant_table,
    )
    from app.store.engine import open_store
    from app.ui.context import AppContext, ChangeBus
    from app.ui.main_window import MainWindow
    from app.ui.style import apply_preferences

    app = QApplication.instance() or QApplication([sys.argv[0]])
    QStandardPaths.setTestModeEnabled(True)  # never the real window settings
    QSettings("Cairn", "Cairn").clear()
    work = Path(tempfile.mkdtemp(prefix="cairn-fit-"))
    store = open_store(work / "store", author="Morven Tait")
    prefs = Preferences(text_scale=scale)
    apply_preferences(app, prefs)
    ctx = AppContext(store, prefs, work / "preferences.json", QUndoStack(), ChangeBus())
    report: dict[str, list[str]] = {}

    def check(name: str, window: QWidget) -> None:
        window.show()
        settle(app, window)
        report[name] = problems_of(window)

    window = MainWindow(ctx, settings=QSettings(str(work / "settings.ini"),
                                                QSettings.Format.IniFormat))
    check("welcome", window)
    system, _ = demo.load_demo(store, now=datetime(2026, 12, 1, 9, 0).astimezone())
    window.close()
    window.deleteLater()
    window = MainWindow(ctx, settings=QSettings(str(work / "settings.ini"),
                                                QSettings.Format.IniFormat))
    window.select(system.id)
    check("system", window)
    session = max(sessions.list_sessions(store, system.id),
                  key=lambda s: len(participants.list_session_participants(store, s.id)))
    window.select(session.id)
    page = window.page
    for index, tab in enumerate(("details", "agenda", "participants")):
        page.tabs.setCurrentIndex(index)  # type: ignore[union-attr]
        check(f"session-{tab}", window)

    def dialog(name: str, make: Callable[[], QWidget]) -> None:
        made = make()
        check(name, made)
        made.close()

    from app.ui.dialogs.about import AboutDialog
    from app.ui.dialogs.new_system import NewSystemDialog
    from app.ui.dialogs.preferences import PreferencesDialog
    from app.ui.views.session.import_columns import ParticipantColumnsDialog
    from app.ui.views.session.import_dialogs import ImportPreviewDialog, ImportProblemsDialog
    from app.ui.views.session.new_session_dialog import NewSessionDialog
    from app.ui.views.session.person_dialogs import AddPersonDialog, InviteDialog
    from app.ui.views.system.add_focus_area import AddFocusAreaDialog

    dialog("preferences", lambda: PreferencesDialog(ctx, window))
    dialog("about", lambda: AboutDialog(window, data_folder=str(work)))
    dialog("new-system", lambda: NewSystemDialog(ctx, window))
    dialog("new-session", lambda: NewSessionDialog(ctx, system.id, window))
    dialog("add-focus-area", lambda: AddFocusAreaDialog(window))
    dialog("add-person", lambda: AddPersonDialog(ctx, session.id, window))
    dialog("invite", lambda: InviteDialog(ctx, session.id, system.id, window))
    good, bad = work / "invitees.csv", work / "invitees-bad.csv"
    good.write_text(GOOD_LIST, encoding="utf-8")
    bad.write_text(BAD_LIST, encoding="utf-8")
    dialog("import-columns", lambda: ParticipantColumnsDialog(read_participant_table(good),
                                                              window))
    read = read_participant_file(good)
    steps = participants.preview_import_to_session(store, session.id,
                                                   [d.import_fields() for d in read.drafts])
    dialog("import-preview", lambda: ImportPreviewDialog(good.name, read, steps, window,
                                                         can_go_back=True))
    try:
        read_participant_file(bad)
    except ParticipantFileError as err:
        refused = err
    dialog("import-problems", lambda: ImportProblemsDialog(bad.name, str(refused),
                                                           refused.problems, window))

    window.open_capture()
    capture = window.page
    check("capture", window)
    from app.ui.views.capture.import_dialog import ImportDialog

    notes = work / "notes.csv"
    notes.write_text(NOTES, encoding="utf-8")

    def notes_dialog() -> QWidget:
        made = ImportDialog(capture.session, capture)  # type: ignore[union-attr]
        made.show_table(note_import.read_table(notes))
        made.fit()
        return made

    dialog("import-notes", notes_dialog)
    capture.toggle_scribe()  # type: ignore[union-attr]
    scribe = capture.scribe  # type: ignore[union-attr]
    settle(app, scribe)
    report["scribe"] = problems_of(scribe)
    scribe.close()
    capture.back_requested.emit(session.id)  # type: ignore[union-attr]
    settle(app, window)
    fit = Fit(app, ctx, window, system.id, session.id, work, check, dialog)
    for module in _more_modules():
        module.check_windows(fit)
    window.close()
    ctx.tasks.shutdown()
    store.close()
    return report


if __name__ == "__main__":
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    found = check_all(int(sys.argv[1]))
    text = json.dumps(found, indent=1, ensure_ascii=False)
    if len(sys.argv) == 3:
        Path(sys.argv[2]).write_text(text, encoding="utf-8")
    else:
        print(text)
    # Leave at once: the application's objects go with the process.
    sys.stdout.flush()
    os._exit(0)
