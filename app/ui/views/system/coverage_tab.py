"""The "Coverage" tab of a learning system: notes and themes per focus area in each session (a
heat grid), focus areas with little or no evidence hatched and said in words, and the balance
of note kinds (bars). Each chart has its table of the same numbers."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from app.models import NoteKind
from app.services.sensemaking import coverage
from app.services.sensemaking.coverage import THIN
from app.ui.charts import Bar, BarChart, BarData, ChartPanel, HeatData, HeatGrid, Series, TableData
from app.ui.charts.heat_grid import count
from app.ui.context import AppContext
from app.ui.style import Heading
from app.ui.views.system.coverage_live import CoveragePage

NOTE, THEME = ("note", "notes"), ("theme", "themes")
SESSION = ("session", "sessions")
NOTES = Series("Notes", "notes", "note")


def evidence_words(area: coverage.AreaTotal, sessions: int) -> str:
    """'Inequalities: 1 note in 3 sessions — little evidence' for a thin focus area."""
    verdict = "no evidence" if area.notes == 0 else "little evidence"
    return f"{area.name}: {count(area.notes, NOTE)} in {count(sessions, SESSION)} — {verdict}"


def _evidence(area: coverage.AreaTotal) -> str:
    return "None" if area.notes == 0 else "Little" if area.thin else "Enough"


class CoverageTab(CoveragePage):
    """Where the evidence is, and where it is thin."""

    def __init__(self, ctx: AppContext, system_id: str, parent: QWidget | None = None) -> None:
        super().__init__(ctx, system_id, parent)
        page = QWidget()
        page.setObjectName("coveragePage")
        self.heading = Heading("Coverage", 1.4, page)
        intro = QLabel(
            "Notes and themes for each focus area in each session, to show where the evidence "
            f"is and where it is thin: a focus area with fewer than {THIN} notes across the "
            "learning system has little evidence.", page)
        intro.setObjectName("hint")
        intro.setWordWrap(True)
        self.words = QLabel("", page)
        self.words.setObjectName("coverageWords")
        self.words.setWordWrap(True)
        self.grid = HeatGrid("Chart of notes and themes per focus area in each session",
                             HeatData((), (), ()), page)
        self.grid_panel = ChartPanel("Focus areas by session", self.grid, page,
                                     what="notes and themes per focus area in each session")
        self.grid_panel.set_hint("Each cell: the notes · themes of a focus area in a session. "
                                 "Darker cells hold more notes; hatched rows have little or no "
                                 "evidence.")
        self.kinds = BarChart("Chart of notes by kind", BarData((NOTES,)), page)
        self.kinds_panel = ChartPanel("Kinds of note", self.kinds, page,
                                      what="notes by kind")
        self.kinds_panel.set_hint("The balance of what was said: enablers and barriers, "
                                  "unintended consequences and inequalities, insights and more.")
        self.lay_out(page, [self.heading, intro, self.words, self.grid_panel, self.kinds_panel],
                     "Coverage page")

    def show_coverage(self, found: coverage.Coverage) -> None:
        sessions = len(found.sessions)
        thin = [evidence_words(a, sessions) for a in found.areas if a.thin]
        untagged = sum(x.untagged for x in found.sessions)
        lines = (["Little or no evidence:", *(f"• {line}" for line in thin)] if thin else
                 [f"Every focus area has at least {THIN} notes."] if found.areas else
                 ["This learning system has no focus areas in use."])
        if untagged:
            lines.append(f"{count(untagged, NOTE).capitalize()} "
                         f"{'has' if untagged == 1 else 'have'} no focus area yet.")
        self.words.setText("\n".join(lines))
        self.words.setAccessibleName(" ".join(lines))
        self._show_grid(found)
        self._show_kinds(found)

    def _show_grid(self, found: coverage.Coverage) -> None:
        areas, sessions = found.areas, found.sessions
        cells = tuple(tuple((x.cells[a.slug].notes, x.cells[a.slug].themes) for x in sessions)
                      for a in areas)
        notes = tuple(f"{count(a.notes, NOTE)} · {count(a.themes, THEME)}"
                      + (" · little evidence" if a.thin else "") for a in areas)
        self.grid.set_data(HeatData(
            tuple(a.name for a in areas), tuple(x.title for x in sessions), cells,
            (NOTE, THEME), notes, frozenset(r for r, a in enumerate(areas) if a.thin),
            "little or no evidence", empty="No sessions or focus areas yet.",
            column_word="session"))
        titles = tuple(f"{n}. {x.title}" for n, x in enumerate(sessions, 1))
        self.grid_panel.set_table(TableData(
            ("Focus area", *titles, "All sessions",
             "Evidence"),
            tuple((a.name, *(f"{n} · {t}" for n, t in cells[r]),
                   f"{a.notes} · {a.themes}", _evidence(a)) for r, a in enumerate(areas)),
            tuple(("", *(f"{count(n, NOTE)}, {count(t, THEME)}" for n, t in cells[r]),
                   f"{count(a.notes, NOTE)}, {count(a.themes, THEME)}",
                   f"{_evidence(a)}: {count(a.notes, NOTE)} in all")
                  for r, a in enumerate(areas)),
            ("", *titles, "", f"Little: fewer than {THIN} notes across the learning system")))

    def _show_kinds(self, found: coverage.Coverage) -> None:
        kinds = [(NoteKind(k).label, n) for k, n in found.kinds.items()]
        total = sum(n for _, n in kinds)
        self.kinds.set_data(BarData(
            (NOTES,), tuple(Bar(label, (n,)) for label, n in kinds),
            shares=True, empty="No notes yet."))
        self.kinds_panel.set_table(TableData(
            ("Kind of note", "Notes", "Share"),
            tuple((label, n, f"{round(100 * n / total) if total else 0}%")
                  for label, n in kinds)))
