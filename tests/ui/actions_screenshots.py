"""Screenshots of the learning system's Actions and Evidence tabs and their dialogs, at 1366x768,
at 100% and 200% text size.

    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/ui/actions_screenshots.py OUTDIR

Loads the sample into a throwaway store, attaches a file to one piece of evidence, then saves
both tabs (an overdue action selected; filtered to overdue only), the action and evidence
dialogs, the theme picker (narrowed by a search) and the RIS import preview, as PNG files
named like `actions-tab-200.png`.
"""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtGui import QUndoStack  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from app.models import Preferences  # noqa: E402
from app.services import demo  # noqa: E402
from app.services.sensemaking import attachments, evidence, ris  # noqa: E402
from app.store.engine import open_store  # noqa: E402
from app.ui.context import AppContext, ChangeBus  # noqa: E402
from app.ui.style import apply_preferences  # noqa: E402
from tests.ui import session_screenshots as shots  # noqa: E402  (sets up the laptop screen)

RIS = Path(__file__).resolve().parents[1] / "fixtures" / "ris"


def save(app: QApplication, window, out: Path, name: str, scale: int) -> None:
    """Save once layouts and deferred sizing (the detail line's height) have settled."""
    from tests.ui.fit_check import settle

    settle(app, window)
    shots.save(window, out, name, scale)


def open_tab(window, system_id: str, label: str):
    """The learning system's tab called `label`, opened in the window."""
    window.select(system_id)
    view = window.page
    index = next(i for i in range(view.tabs.count()) if view.tabs.tabText(i) == label)
    view.tabs.setCurrentIndex(index)
    return view.tab_page(index)


def shoot(app: QApplication, folder: Path, out: Path, scale: int) -> None:
    from app.ui.main_window import MainWindow
    from app.ui.views.system.action_dialog import ActionDialog
    from app.ui.views.system.evidence_dialogs import EvidenceDialog, RisPreviewDialog
    from app.ui.views.system.theme_picker import ThemePickerDialog

    prefs = Preferences(text_scale=scale)
    apply_preferences(app, prefs)
    store = open_store(folder / f"store-{scale}", author="Morven Tait")
    system, _ = demo.load_demo(store, now=datetime.now().astimezone())
    report = folder / "tablet-lending-evaluation.pdf"
    report.write_bytes(b"%PDF-1.4 an evaluation of tablet lending")
    tablets = next(e for e in evidence.list_evidence(store, system.id)
                   if e.title.startswith("Tablet lending"))
    attachments.attach_file(store, tablets.id, report)
    ctx = AppContext(store, prefs, folder / "preferences.json", QUndoStack(), ChangeBus())
    window = MainWindow(ctx, settings=QSettings(str(folder / f"settings-{scale}.ini"),
                                                QSettings.Format.IniFormat))
    room = window.screen().availableGeometry()  # smaller than 1366x768 at QT_SCALE_FACTOR=2
    window.resize(min(shots.SIZE[0], room.width()), min(shots.SIZE[1], room.height()))
    window.show()

    tab = open_tab(window, system.id, "Actions")
    tab.table.setCurrentIndex(tab.shown.index(0, 0))  # an overdue one: they come first
    save(app, window, out, "actions-tab", scale)
    tab.overdue_only.setChecked(True)
    save(app, window, out, "actions-tab-overdue-only", scale)
    tab.overdue_only.setChecked(False)
    listed = tab.selected()
    shots.dialog_shot(ActionDialog(ctx, system.id, window), out, "action-add", scale)
    shots.dialog_shot(ActionDialog(ctx, system.id, window, action=listed.action), out,
                      "action-edit", scale)
    picker = ThemePickerDialog(ctx, system.id, listed.action.theme_ids,
                               f"the action “{listed.action.what}”", window)
    shots.dialog_shot(picker, out, "theme-picker", scale)
    picker = ThemePickerDialog(ctx, system.id, listed.action.theme_ids, "the action", window)
    picker.search.setText("digital")
    shots.dialog_shot(picker, out, "theme-picker-search", scale)

    tab = open_tab(window, system.id, "Evidence")
    row = tab.model.row_of(tablets.id)
    tab.table.setCurrentIndex(tab.shown.mapFromSource(tab.model.index(row, 0)))
    save(app, window, out, "evidence-tab", scale)
    shots.dialog_shot(EvidenceDialog(ctx, system.id, window), out, "evidence-add", scale)
    shots.dialog_shot(EvidenceDialog(ctx, system.id, window, evidence=tab.selected()), out,
                      "evidence-edit", scale)
    references = ris.read_ris(RIS / "scopus_wos.ris")
    evidence.import_references(store, system.id, references[:1])  # one already there
    plan = evidence.preview_import(store, system.id, references)
    shots.dialog_shot(RisPreviewDialog("scopus_wos.ris", plan, window), out, "ris-preview",
                      scale)
    shots.close_all(ctx, window, store)


if __name__ == "__main__":
    sys.exit(shots.run(sys.argv, __doc__ or "", shoot))
