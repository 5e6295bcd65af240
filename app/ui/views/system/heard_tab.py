"""The "Who was heard" tab: notes spoken by people of each sector, organisation or locality,
beside how many of them were invited, attended and spoke, and how many notes came from a role
or from no one named. The equity lens: whose voices are missing. Counts only, never a name."""

from __future__ import annotations

from PySide6.QtWidgets import QButtonGroup, QLabel, QRadioButton, QWidget

from app.models import Sector
from app.services.sensemaking import coverage
from app.ui.charts import Bar, BarChart, BarData, ChartPanel, Series, TableData
from app.ui.context import AppContext
from app.ui.flow import flow_of
from app.ui.style import Heading
from app.ui.views.system.coverage_live import CoveragePage

# Each grouping: its key, the button's text, the word for one group, Coverage's field.
GROUPINGS = (("sector", "&Sector", "Sector", "by_sector"),
             ("organisation", "O&rganisation", "Organisation", "by_organisation"),
             ("locality", "Localit&y", "Locality", "by_locality"))
HEARD_SERIES = (Series("People invited", "invited"), Series("People who attended", "attended"),
                Series("People who spoke", "spoke"), Series("Notes they spoke", "notes", "note"))
SPEAKER_SERIES = (Series("Spoken by a participant", "notes", "note"),
                  Series("Spoken by a role, such as a housing officer", "notes", "note"),
                  Series("No speaker given", "notes", "note"))
NOT_HEARD = "invited but not heard"


def group_label(grouping: str, value: str) -> str:
    """A group as people read it: a sector's label, or "Not given" for a blank."""
    if not value:
        return "Not given"
    if grouping == "sector":
        try:
            return Sector(value).label
        except ValueError:
            return value
    return value


def _share(part: int, whole: int) -> str:
    return f"{round(100 * part / whole) if whole else 0}%"


class HeardTab(CoveragePage):
    """Who was heard, grouped by sector, organisation or locality."""

    def __init__(self, ctx: AppContext, system_id: str, parent: QWidget | None = None) -> None:
        super().__init__(ctx, system_id, parent)
        self.grouping = "sector"
        page = QWidget()
        page.setObjectName("heardPage")
        self.heading = Heading("Who was heard", 1.4, page)
        intro = QLabel(
            "The equity lens: whose voices are in the evidence, and whose are missing. Notes "
            "spoken by people from each sector, organisation or locality, beside how many of "
            "them were invited, attended and spoke. Counts only: no one is named here.", page)
        intro.setObjectName("hint")
        intro.setWordWrap(True)

        group_by = QLabel("Group by:", page)
        self.buttons = QButtonGroup(self)
        radios = []
        for key, text, word, _ in GROUPINGS:
            button = QRadioButton(text, page)
            button.setObjectName(f"groupBy-{key}")
            button.setAccessibleName(f"Group by {word.lower()}")
            button.setChecked(key == self.grouping)
            button.toggled.connect(lambda on, key=key: on and self.group_by(key))
            self.buttons.addButton(button)
            radios.append(button)
        switch = flow_of(page, group_by, *radios)  # wraps at 200% text on a narrow window

        self.words = QLabel("", page)
        self.words.setObjectName("heardWords")
        self.words.setWordWrap(True)
        self.chart = BarChart("Chart of who was heard", BarData(HEARD_SERIES), page)
        self.panel = ChartPanel("Heard by sector", self.chart, page,
                                what="who was heard by sector")
        self.speakers = BarChart("Chart of who spoke the notes",
                                 BarData(SPEAKER_SERIES, stacked=True, shares=True), page)
        self.speakers_panel = ChartPanel("Who spoke the notes", self.speakers, page,
                                         what="who spoke the notes")
        self.speakers_panel.set_hint("Notes from a registered participant, from a role "
                                     "(someone speaking as, say, a housing officer), or with "
                                     "no speaker given.")
        self.lay_out(page, [self.heading, intro, switch, self.words, self.panel,
                            self.speakers_panel], "Who was heard page")

    def group_by(self, grouping: str) -> None:
        """Show the groups of "sector", "organisation" or "locality"."""
        self.grouping = grouping
        for button in self.buttons.buttons():
            button.setChecked(button.objectName() == f"groupBy-{grouping}")
        if self.found is not None:
            self.show_coverage(self.found)

    def rows(self, found: coverage.Coverage) -> tuple[coverage.HeardRow, ...]:
        field = next(f for key, _, _, f in GROUPINGS if key == self.grouping)
        return getattr(found, field)  # type: ignore[no-any-return]

    def show_coverage(self, found: coverage.Coverage) -> None:
        word = next(w for key, _, w, _ in GROUPINGS if key == self.grouping)
        rows = self.rows(found)
        labels = [group_label(self.grouping, r.value) for r in rows]
        missing = [f"{label} ({r.invited} invited, {r.attended} attended)"
                   for label, r in zip(labels, rows, strict=True)
                   if r.invited and not r.contributions]
        nobody = [label for label, r in zip(labels, rows, strict=True) if not r.invited]
        lines = ([f"Invited but not heard: {'; '.join(missing)}."] if missing else
                 ["Every group with someone invited has been heard."] if rows else
                 ["Nobody has been invited to a session yet."])
        if nobody:
            lines.append(f"Nobody invited from: {', '.join(nobody)}.")
        self.words.setText("\n".join(lines))
        self.words.setAccessibleName(" ".join(lines))

        self.panel.heading.setText(f"Heard by {word.lower()}")
        self.chart.setAccessibleName(f"Chart of who was heard by {word.lower()}")
        self.chart.set_data(BarData(
            HEARD_SERIES, tuple(Bar(label, (r.invited, r.attended, r.speakers, r.contributions),
                                    marked=bool(r.invited and not r.contributions))
                                for label, r in zip(labels, rows, strict=True)),
            mark_label=NOT_HEARD, empty="Nobody registered yet."))
        notes = sum(r.contributions for r in rows)
        self.panel.set_table(TableData(
            (word, "Invited", "Attended", "Spoke", "Notes spoken", "Share of notes"),
            tuple((label, r.invited, r.attended, r.speakers, r.contributions,
                   _share(r.contributions, notes)) for label, r in zip(labels, rows,
                                                                         strict=True))))
        spoken = (notes, found.by_role, found.no_speaker)
        self.speakers.set_data(BarData(SPEAKER_SERIES, (Bar("All notes", spoken),),
                                       stacked=True, shares=True))
        self.speakers_panel.set_table(TableData(
            ("Who spoke", "Notes", "Share"),
            tuple((s.name, n, _share(n, sum(spoken)))
                  for s, n in zip(SPEAKER_SERIES, spoken, strict=True))))
