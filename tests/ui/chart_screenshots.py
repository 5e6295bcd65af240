"""Screenshots of the "Coverage" and "Who was heard" tabs at 1366x768, at 100% and 200% text.

    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/ui/chart_screenshots.py OUTDIR

Loads the sample learning system into a throwaway store, adds a focus area with a single note
(so one is thin), and saves each tab of the learning-system screen: the charts, the charts
scrolled to the end, the tables, the keyboard on a cell, the other groupings, and (at 100%)
the dark and high-contrast themes, as PNG files like `coverage-table-200.png`. Run it again
with QT_SCALE_FACTOR=2 (into another folder) for a high-density screen; under
`xvfb-run -s "-screen 0 1366x768x24"` with QT_QPA_PLATFORM=xcb it shoots a real X server.
"""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtCore import QSettings, Qt  # noqa: E402
from PySide6.QtGui import QUndoStack  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from app.models import Preferences  # noqa: E402
from app.services import capture, demo  # noqa: E402
from app.services.planning import focus_areas, sessions  # noqa: E402
from app.store.engine import open_store  # noqa: E402
from app.ui.context import AppContext, ChangeBus  # noqa: E402
from app.ui.style import apply_preferences  # noqa: E402
from tests.ui.fit_check import settle  # noqa: E402
from tests.ui.session_screenshots import SIZE, close_all, run  # noqa: E402  (sets the screen)


def save(window, out: Path, name: str, scale: int) -> None:
    """Save `window` once its layout has settled (charts size themselves to their width)."""
    settle(QApplication.instance(), window)
    window.grab().save(str(out / f"{name}-{scale}.png"))


def tab_index(view, label: str) -> int:
    return next(i for i in range(view.tabs.count()) if view.tabs.tabText(i) == label)


def shoot(app: QApplication, folder: Path, out: Path, scale: int) -> None:
    from app.ui.main_window import MainWindow

    prefs = Preferences(text_scale=scale)
    apply_preferences(app, prefs)
    store = open_store(folder / f"store-{scale}", author="Morven Tait")
    system, _ = demo.load_demo(store, now=datetime(2026, 12, 1, 9, 0).astimezone())
    area, _ = focus_areas.add_focus_area(store, system.id, "Inequalities")
    first = sessions.list_sessions(store, system.id)[0]
    capture.add_note(store, first.id, "Rural bus cuts hit carers hardest",
                     focus_area_ids=[area.id])
    ctx = AppContext(store, prefs, folder / "preferences.json", QUndoStack(), ChangeBus())
    window = MainWindow(ctx, settings=QSettings(str(folder / f"settings-{scale}.ini"),
                                                QSettings.Format.IniFormat))
    room = window.screen().availableGeometry()  # smaller than 1366x768 at QT_SCALE_FACTOR=2
    window.resize(min(SIZE[0], room.width()), min(SIZE[1], room.height()))
    window.show()
    window.select(system.id)
    view = window.page

    view.tabs.setCurrentIndex(tab_index(view, "Coverage"))
    tab = view.tab_page(view.tabs.currentIndex())
    save(window, out, "coverage", scale)
    tab.grid.setFocus()
    tab.grid.set_current(len(tab.grid.items()) - 1)
    save(window, out, "coverage-keyboard", scale)
    bar = tab.scroll.verticalScrollBar()
    bar.setValue(bar.maximum())
    save(window, out, "coverage-end", scale)
    bar.setValue(0)
    for panel in (tab.grid_panel, tab.kinds_panel):
        panel.show_table(True)
    save(window, out, "coverage-table", scale)
    bar.setValue(bar.maximum())
    save(window, out, "coverage-table-end", scale)
    for panel in (tab.grid_panel, tab.kinds_panel):
        panel.show_table(False)

    view.tabs.setCurrentIndex(tab_index(view, "Who was heard"))
    tab = view.tab_page(view.tabs.currentIndex())
    save(window, out, "heard", scale)
    bar = tab.scroll.verticalScrollBar()
    bar.setValue(bar.maximum())
    save(window, out, "heard-end", scale)
    bar.setValue(0)
    tab.group_by("organisation")
    save(window, out, "heard-organisation", scale)
    tab.group_by("locality")
    tab.chart.setFocus(Qt.FocusReason.TabFocusReason)
    tab.chart.set_current(3)
    save(window, out, "heard-locality", scale)
    tab.panel.show_table(True)
    save(window, out, "heard-table", scale)
    tab.panel.show_table(False)
    if scale == 100:  # the charts in the dark and high-contrast themes
        from app.models import ThemeChoice

        for theme in (ThemeChoice.DARK, ThemeChoice.HIGH_CONTRAST):
            apply_preferences(app, prefs.model_copy(update={"theme": theme}))
            save(window, out, f"heard-{theme.value}", scale)
            view.tabs.setCurrentIndex(tab_index(view, "Coverage"))
            save(window, out, f"coverage-{theme.value}", scale)
            view.tabs.setCurrentIndex(tab_index(view, "Who was heard"))
        apply_preferences(app, prefs)
    close_all(ctx, window, store)


if __name__ == "__main__":
    sys.exit(run(sys.argv, __doc__ or "", shoot))
