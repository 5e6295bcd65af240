"""The "Coverage" and "Who was heard" tabs of the learning-system screen, checked to fit the
laptop screen by tests/ui/fit_check.py (charts and tables shown in turn)."""

from __future__ import annotations

NAMES = ("system-coverage", "system-coverage-tables", "system-heard", "system-heard-tables")


def check_windows(fit) -> None:
    from app.ui.charts import ChartPanel

    window = fit.window
    window.select(fit.system_id)
    view = window.page
    for label, name in (("Coverage", "system-coverage"), ("Who was heard", "system-heard")):
        index = next(i for i in range(view.tabs.count()) if view.tabs.tabText(i) == label)
        view.tabs.setCurrentIndex(index)
        page = view.tab_page(index)
        fit.check(name, window)
        panels = page.findChildren(ChartPanel)
        for panel in panels:
            panel.show_table(True)
        fit.check(f"{name}-tables", window)
        for panel in panels:
            panel.show_table(False)
    view.tabs.setCurrentIndex(0)
