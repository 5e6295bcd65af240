"""The export dialog in the fit check (tests/ui/fit_check.py): a session's, with its
pre-flight list of names and then its preview, and the learning system's, each opened over the
loaded sample on the 1366x768 laptop screen once its pack is built."""

from __future__ import annotations

import time
from typing import Any

NAMES = ("export-preflight", "export-preview", "export-system")


def _built(fit: Any, dialog: Any) -> Any:
    """Wait (the pack is built on a worker) until the dialog shows what it would write."""
    deadline = time.monotonic() + 60
    while dialog.current is None and time.monotonic() < deadline:
        fit.app.processEvents()
        time.sleep(0.01)
    return dialog


def check_windows(fit: Any) -> None:
    from app.ui.views.export.export_dialog import ExportDialog

    def session_dialog(tab: int) -> Any:
        dialog = ExportDialog(fit.ctx, session_id=fit.session_id, parent=fit.window)
        dialog.options.names.setChecked(True)
        dialog.rebuild()
        dialog.tabs.setCurrentIndex(tab)
        return _built(fit, dialog)

    fit.dialog("export-preflight", lambda: session_dialog(0))
    fit.dialog("export-preview", lambda: session_dialog(1))
    fit.dialog("export-system", lambda: _built(fit, ExportDialog(
        fit.ctx, system_id=fit.system_id, parent=fit.window)))
