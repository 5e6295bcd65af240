"""The parts of the presenter view: one row per theme (its title, votes as a number and as
dots or a bar, its note count and synthesis) and the heading, all in the presenter's own
large type.

Only a theme's title, synthesis and counts are ever put in a row: the view is shared with a
whole room, so nothing that could name or quote a person (note text, speakers, the register)
reaches it.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QFont, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QGridLayout,
    QLabel,
    QSizePolicy,
    QWidget,
)

from app.models import Theme
from app.ui.style import Heading

DOTS_UP_TO = 30  # beyond this many votes for one theme, every theme's votes are drawn as bars
DOT_GAP = 0.35  # the space between dots, as a share of a dot
# The presenter's type sizes, as multiples of its base size.
TITLE, COUNT, SYNTHESIS, HEADING, TOTALS = 1.3, 1.0, 0.85, 1.6, 0.85


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def sized(points: float, *, bold: bool = False) -> QFont:
    """The application's font at `points`, bold if asked."""
    font = QFont(QApplication.font())
    font.setPointSizeF(max(1.0, points))
    if bold:
        font.setWeight(QFont.Weight.Bold)
    return font


def _plain_label(parent: QWidget, *, wrap: bool = True) -> QLabel:
    label = QLabel(parent)
    # Titles and syntheses are typed by people: never read as markup.
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    return label


class PresenterHeading(Heading):
    """A heading (to a screen reader too) in the presenter's type rather than the app's."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        self.points = 0.0
        super().__init__(text, HEADING, parent)

    def set_points(self, points: float) -> None:
        self.points = points * HEADING
        self.refit()

    def refit(self) -> None:
        if self.points:
            self.setFont(sized(self.points, bold=True))
        else:
            super().refit()


class VoteMeter(QWidget):
    """A theme's votes drawn as one dot a vote, or as a bar against the most any theme has
    when that is more than `DOTS_UP_TO`; the same for every row, so rows compare at a glance.
    Filled in the highlight colour and outlined in the text colour, so it shows in any theme."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.votes = 0
        self.most = 0
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("No votes")

    def show_votes(self, votes: int, most: int) -> None:
        self.votes, self.most = max(0, votes), max(0, most)
        self.setAccessibleName(f"{plural(votes, 'vote')}, drawn as "
                               f"{'dots' if self.dots() else 'a bar'}")
        self.update()

    def dots(self) -> bool:
        return self.most <= DOTS_UP_TO

    def sizeHint(self) -> QSize:
        return QSize(self.fontMetrics().averageCharWidth() * 30, self._side())

    def minimumSizeHint(self) -> QSize:
        return QSize(self.fontMetrics().averageCharWidth() * 4, self._side())

    def _side(self) -> int:
        return max(8, round(self.fontMetrics().height() * 0.8))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        fill = self.palette().color(QPalette.ColorRole.Highlight)
        edge = self.palette().color(QPalette.ColorRole.WindowText)
        painter.setPen(QPen(edge, 1.5))
        painter.setBrush(fill)
        height = float(self.height())
        if self.dots():
            if not self.votes:
                return
            side = min(height - 2, (self.width() - 2) / (max(self.most, 1) * (1 + DOT_GAP)))
            step = side * (1 + DOT_GAP)
            for n in range(self.votes):
                painter.drawEllipse(QRectF(1 + n * step, (height - side) / 2, side, side))
            return
        track = QRectF(1, height * 0.2, self.width() - 2, height * 0.6)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(track)
        if self.votes:
            painter.setBrush(fill)
            painter.drawRect(QRectF(track.x(), track.y(),
                                    track.width() * min(1.0, self.votes / self.most),
                                    track.height()))


class ThemeRow(QFrame):
    """One theme: its place, title and votes on the first line, its votes drawn and its note
    count on the second, its synthesis under them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.Box)
        self.setFrameShadow(QFrame.Shadow.Plain)  # drawn in the text colour: seen in any theme
        self.theme_id = ""
        self.place = _plain_label(self, wrap=False)
        self.title = _plain_label(self)
        self.votes = _plain_label(self, wrap=False)
        self.votes.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.meter = VoteMeter(self)
        self.notes = _plain_label(self, wrap=False)
        self.notes.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.synthesis = _plain_label(self)
        grid = QGridLayout(self)
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(4)
        grid.addWidget(self.place, 0, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.title, 0, 1)
        grid.addWidget(self.votes, 0, 2)
        grid.addWidget(self.meter, 1, 1)
        grid.addWidget(self.notes, 1, 2)
        grid.addWidget(self.synthesis, 2, 1, 1, 2)
        grid.setColumnStretch(1, 1)

    def show_theme(self, theme: Theme, place: int, most: int) -> None:
        """Show `theme` as the `place`th (from 1) of the list; `most`: the most votes of any."""
        self.theme_id = theme.id
        votes, notes = plural(theme.votes, "vote"), plural(len(theme.note_ids), "note")
        synthesis = theme.synthesis.strip()
        self.place.setText(f"{place}.")
        self.title.setText(theme.title)
        self.votes.setText(votes)
        self.meter.show_votes(theme.votes, most)
        self.notes.setText(notes)
        self.synthesis.setText(synthesis)
        self.synthesis.setVisible(bool(synthesis))
        self.setAccessibleName(f"{place}. {theme.title}: {votes}, {notes}")
        self.setAccessibleDescription(synthesis)

    def refit(self, points: float) -> None:
        """Set the row's type from the presenter's base size, in points."""
        for label, scale, bold in ((self.place, TITLE, True), (self.title, TITLE, True),
                                   (self.votes, TITLE, True), (self.notes, COUNT, False),
                                   (self.synthesis, SYNTHESIS, False)):
            label.setFont(sized(points * scale, bold=bold))
        self.meter.setFont(sized(points * COUNT))
        self.meter.updateGeometry()
