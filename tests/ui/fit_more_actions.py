"""The learning system's Actions and Evidence tabs, and their dialogs, in the fit check
(tests/ui/fit_check.py): each opened over the loaded sample on the 1366x768 laptop screen."""

from __future__ import annotations

from typing import Any

NAMES = ("system-actions", "system-evidence", "action-add", "action-edit", "theme-picker",
         "evidence-add", "evidence-edit", "ris-preview")
RIS = """TY  - JOUR
TI  - Community transport after the pandemic: who still cannot get to the clinic
AU  - Macleod, Catriona
PY  - 2025
T2  - Journal of Rural Health and Care
DO  - 10.5555/jrhc.2025.0110
ER  -
"""


def check_windows(fit: Any) -> None:
    from app.services.sensemaking import evidence, ris
    from app.ui.views.system.action_dialog import ActionDialog
    from app.ui.views.system.evidence_dialogs import EvidenceDialog, RisPreviewDialog
    from app.ui.views.system.theme_picker import ThemePickerDialog

    window, ctx, system_id = fit.window, fit.ctx, fit.system_id
    window.select(system_id)
    view = window.page
    pages = {}
    for label in ("Actions", "Evidence"):
        index = next(i for i in range(view.tabs.count()) if view.tabs.tabText(i) == label)
        view.tabs.setCurrentIndex(index)
        pages[label] = view.tab_page(index)
        page = pages[label]
        page.table.setCurrentIndex(page.shown.index(0, 0))  # the detail line shown too
        fit.check(f"system-{label.lower()}", window)
    listed = pages["Actions"].selected()
    piece = pages["Evidence"].selected()
    fit.dialog("action-add", lambda: ActionDialog(ctx, system_id, window))
    fit.dialog("action-edit", lambda: ActionDialog(ctx, system_id, window, action=listed.action))
    fit.dialog("theme-picker", lambda: ThemePickerDialog(
        ctx, system_id, listed.action.theme_ids, f"the action “{listed.action.what}”", window))
    fit.dialog("evidence-add", lambda: EvidenceDialog(ctx, system_id, window))
    fit.dialog("evidence-edit", lambda: EvidenceDialog(ctx, system_id, window, evidence=piece))
    references = ris.parse_ris(RIS.encode(), "rural-health.ris")
    plan = evidence.preview_import(ctx.store, system_id, references)
    fit.dialog("ris-preview", lambda: RisPreviewDialog("rural-health.ris", plan, window))
    view.tabs.setCurrentIndex(0)
