"""The presenter view: a window to share with the room during a workshop, showing the session's
themes in large type with their votes, note counts and synthesis, and nothing else.

It holds no personal data (no note text, speaker or participant name: see presenter_rows),
follows the board live (`ctx.bus.changed`: a vote, a rename, a new or deleted theme shows at
once, and a change of votes is announced politely), and can be sorted by votes or kept in
board order. Its type has a size of its own (Ctrl+= / Ctrl+-), independent of the app's text
size, so the facilitator's screen and the room's can each be comfortable. High contrast (white
and yellow on black, far above WCAG AA) is a toggle, remembered with the order and the size.
F11 shows it full screen, on the screen chosen when there are several; Escape leaves full
screen, then closes. Page Down and Page Up move a screenful of whole themes at a time.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import (
    QAction,
    QGuiApplication,
    QKeySequence,
    QPalette,
    QResizeEvent,
    QScreen,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from app import config
from app.models import CairnError, Changes, Theme
from app.services.sensemaking.theme_query import list_themes
from app.ui import accessibility
from app.ui.buttons import action_button
from app.ui.context import AppContext
from app.ui.flow import ButtonRow
from app.ui.icons import icon
from app.ui.screen_fit import first_geometry, keep_on_screen
from app.ui.style import base_point_size, name_scroll_parts, palette_for, scrolled
from app.ui.views.board.presenter_paging import Pager
from app.ui.views.board.presenter_rows import (
    TOTALS,
    PresenterHeading,
    ThemeRow,
    plural,
    sized,
)
from app.ui.views.board.presenter_screens import ScreenChoice, place_on

ZOOM_STEPS = (50, 60, 70, 80, 90, 100, 115, 130, 150, 175, 200)  # percent of the large type
LARGE = 2.0  # the presenter's type at 100%: twice the system's own text size
LINES_AT_LEAST = 26  # lines of its type a screen holds at 100%, however small the screen
HIGH_CONTRAST_KEY, BY_VOTES_KEY = "presenter/high_contrast", "presenter/by_votes"
ZOOM_KEY = "presenter/text_size"
WINDOW = Qt.ShortcutContext.WindowShortcut
# The list of themes takes the focus (for Page Down and a screen reader): it shows it.
FOCUS_QSS = """
QScrollArea#presenterThemes { border: 3px solid transparent; }
QScrollArea#presenterThemes:focus { border: 3px solid %s; }
"""
# High contrast: white and yellow on black. The application's style sheet draws buttons from the
# palette it had when they were first shown, so here they are drawn in these colours outright.
HIGH_CONTRAST_QSS = """
QPushButton { background-color: #000000; color: #FFFFFF; border-color: #FFFFFF; }
QPushButton:hover { background-color: #333333; }
QPushButton:disabled { color: #C8C8C8; border-color: #C8C8C8; }
QPushButton:focus, QComboBox:focus { border-color: #FFFF00; }
QScrollArea#presenterThemes:focus { border-color: #FFFF00; }
QCheckBox::indicator { border: 2px solid #FFFFFF; background-color: #000000; }
QCheckBox::indicator:checked { background-color: #FFFF00; }
QCheckBox:focus { color: #FFFF00; }
QScrollBar:vertical { background: #000000; border: 1px solid #FFFFFF; width: 16px; }
QScrollBar::handle:vertical { background: #FFFFFF; min-height: 32px; }
QScrollBar::add-line:vertical, QScrollBar::sub-line:vertical { height: 0px; }
QScrollBar::add-page:vertical, QScrollBar::sub-page:vertical { background: #000000; }
"""


class PresenterWindow(QWidget):
    """The session's themes for the room: titles, votes, note counts and synthesis only."""

    def __init__(self, ctx: AppContext, session_id: str, parent: QWidget | None = None, *,
                 settings: QSettings | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.ctx, self.session_id = ctx, session_id
        self._settings = settings or QSettings(config.APP_AUTHOR, config.APP_NAME)
        self.themes: list[Theme] = []
        self.rows: list[ThemeRow] = []
        self._votes: dict[str, int] = {}  # votes last shown, to announce what changed
        self._was_maximised = False
        self.by_votes = self._settings.value(BY_VOTES_KEY, True, bool)
        self.high_contrast = self._settings.value(HIGH_CONTRAST_KEY, False, bool)
        zoom = self._settings.value(ZOOM_KEY, 100, int)
        self.zoom = zoom if zoom in ZOOM_STEPS else 100
        self.setWindowTitle("Presenter view — Cairn")
        self.setAccessibleName("Presenter view")
        self.setAccessibleDescription("The session's themes with their votes, for sharing "
                                      "the screen")

        self.heading = PresenterHeading("Themes", self)
        self.totals = QLabel(self)
        self.totals.setTextFormat(Qt.TextFormat.PlainText)
        self.page = QWidget(self)
        self.page.setAccessibleName("Themes")
        self.rows_layout = QVBoxLayout(self.page)
        self.rows_layout.setSpacing(12)
        self.empty = QLabel("No themes yet. Themes made on the board show here as they are "
                            "made.", self.page)
        self.empty.setWordWrap(True)
        self.rows_layout.addWidget(self.empty)
        self.rows_layout.addStretch(1)
        self.area = scrolled(self.page, "Themes", self, tab_stop=True)
        self.area.setObjectName("presenterThemes")
        self.pager = Pager(self.area, lambda: self.rows)
        self.place = QLabel(self)
        self.place.setAccessibleName("Which themes are shown")
        self.pager.moved.connect(self._show_place)

        self.order_box = self._toggle("Sort by &votes", "Most votes first; off: the "
                                         "board's order", self.by_votes, self.set_by_votes)
        self.contrast_box = self._toggle("&High contrast", "White and yellow on black",
                                            self.high_contrast, self.set_high_contrast)
        # Icons only, named for screen readers: the controls leave the room to the themes.
        self.smaller_button = action_button(self, "", "Smaller text (Ctrl+-)",
                                            lambda: self.step_zoom(-1))
        self.smaller_button.setAccessibleName("Smaller text")
        self.larger_button = action_button(self, "", "Larger text (Ctrl+=)",
                                           lambda: self.step_zoom(+1))
        self.larger_button.setAccessibleName("Larger text")
        self.full_button = action_button(self, "&Full screen", "Full screen on the chosen "
                                         "screen (F11); Escape leaves it",
                                         self.toggle_full_screen)
        self.screen_choice = ScreenChoice(self._settings, self)
        self.screens = self.screen_choice.combo
        self.close_button = action_button(self, "&Close", "Close the presenter view (Escape)",
                                          self.close)
        controls = ButtonRow(self)
        controls.add(self.order_box, self.contrast_box, self.smaller_button,
                     self.larger_button, self.full_button, self.screen_choice)
        controls.add_trailing(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.totals)
        layout.addWidget(self.area, 1)
        layout.addWidget(self.place)
        layout.addWidget(controls)
        self._add_keys()
        self.screen_choice.chosen.connect(self._screen_chosen)

        # Work asked for several times in one turn of the event loop is done once, after it.
        self._later = self._soon(self.refresh)
        self._place_later = self._soon(self._show_place)
        self._fit_later = self._soon(self._keep_on_screen)
        self._stale = False
        self._follows_screen = False
        ctx.bus.changed.connect(self._changed)
        ctx.bus.preferences_changed.connect(lambda _prefs: self._apply_look())
        screen = (parent.screen() if parent is not None else None) or \
            QGuiApplication.primaryScreen()
        self.setGeometry(first_geometry(screen.availableGeometry()))
        self._apply_look()
        self.refit()
        self.refresh(announce=False)
        name_scroll_parts(self)
        self.area.setFocus()

    # --- what it shows -------------------------------------------------------------------------

    def refresh(self, *, announce: bool = True) -> None:
        """Show the session's themes as they are now; say politely whose votes changed."""
        try:
            themes = list_themes(self.ctx.store, self.session_id, by_votes=self.by_votes)
        except CairnError as err:
            themes = []
            self.empty.setText(str(err))
        if announce:
            self._announce_votes(themes)
        self._votes = {t.id: t.votes for t in themes}
        self._stale = False
        self.themes = themes
        most = max((t.votes for t in themes), default=0)
        for place, theme in enumerate(themes, 1):
            if place > len(self.rows):
                row = ThemeRow(self.page)
                row.refit(self.points())
                self._colour(row)
                self.rows_layout.insertWidget(len(self.rows), row)
                self.rows.append(row)
            self.rows[place - 1].show_theme(theme, place, most)
        while len(self.rows) > len(themes):
            row = self.rows.pop()
            row.hide()
            row.deleteLater()
        self.empty.setVisible(not themes)
        notes = sum(len(t.note_ids) for t in themes)
        votes = sum(t.votes for t in themes)
        order = "most votes first" if self.by_votes else "in board order"
        self.heading.setText(f"Themes, {order}" if themes else "Themes")
        self.totals.setText(f"{plural(len(themes), 'theme')} · {plural(notes, 'note')} in "
                            f"them · {plural(votes, 'vote')}")
        self._place_later.start()

    def _changed(self, changes: Changes) -> None:
        if any(changes.touches(e) for e in ("theme", "theme_vote", "note", "session")):
            if self.isVisible():
                self._later.start()  # several changes in one turn of the event loop: one refresh
            else:
                self._stale = True  # shown again later: refreshed then

    def _announce_votes(self, themes: list[Theme]) -> None:
        said = [f"{t.title}: {plural(t.votes, 'vote')}" for t in themes
                if t.id in self._votes and self._votes[t.id] != t.votes]
        if said:
            accessibility.announce(self, "; ".join(said))

    def _show_place(self) -> None:
        self.place.setText(self.pager.where())

    # --- order, contrast, size -----------------------------------------------------------------

    def set_by_votes(self, on: bool) -> None:
        """Most votes first, or (off) the board's order; remembered."""
        self._tick(self.order_box, on)
        self.by_votes = on
        self._settings.setValue(BY_VOTES_KEY, on)
        self.refresh(announce=False)
        self.ctx.bus.status.emit("Themes sorted by votes." if on else "Themes in board order.")

    def set_high_contrast(self, on: bool) -> None:
        """White and yellow on black, or (off) the application's own theme; remembered."""
        self._tick(self.contrast_box, on)
        self.high_contrast = on
        self._settings.setValue(HIGH_CONTRAST_KEY, on)
        self._apply_look()

    def _apply_look(self) -> None:
        focus = "#FFFF00" if self.high_contrast else \
            QApplication.palette().color(QPalette.ColorRole.Highlight).name()
        self.setStyleSheet(FOCUS_QSS % focus + (HIGH_CONTRAST_QSS if self.high_contrast else ""))
        self._colour(self)
        self.setAutoFillBackground(True)
        colour = self.palette().color(QPalette.ColorRole.ButtonText).name()
        for button, role in ((self.smaller_button, "smaller-text"),
                             (self.larger_button, "bigger-text")):
            button.setIcon(icon(role, colour=colour))

    def _colour(self, root: QWidget) -> None:
        """Give `root` and its parts the presenter's palette: set on each, since under the
        application's style sheet a palette is not passed down to child widgets."""
        # An empty palette: the application's own, whatever its theme.
        palette = palette_for("high-contrast") if self.high_contrast else QPalette()
        for widget in (root, *root.findChildren(QWidget)):
            widget.setPalette(palette)

    def points(self) -> float:
        """The presenter's base type size, in points: twice the system's, but no more than
        leaves room for `LINES_AT_LEAST` lines on the screen, then sized as chosen."""
        app = QApplication.instance()
        large = base_point_size(app) * LARGE  # type: ignore[arg-type]
        screen = self.screen() or QGuiApplication.primaryScreen()
        room = screen.availableGeometry().height() / LINES_AT_LEAST  # pixels a line
        return min(large, room * 72 / screen.logicalDotsPerInchY()) * self.zoom / 100

    def step_zoom(self, step: int) -> None:
        at = ZOOM_STEPS.index(self.zoom) + step
        self.set_zoom(ZOOM_STEPS[max(0, min(len(ZOOM_STEPS) - 1, at))])

    def set_zoom(self, zoom: int) -> None:
        self.zoom = zoom
        self._settings.setValue(ZOOM_KEY, zoom)
        self.refit()
        self.smaller_button.setEnabled(zoom != ZOOM_STEPS[0])
        self.larger_button.setEnabled(zoom != ZOOM_STEPS[-1])
        accessibility.announce(self, f"Presenter text size {zoom}%")

    def refit(self) -> None:
        points = self.points()
        self.heading.set_points(points)
        self.totals.setFont(sized(points * TOTALS))
        self.place.setFont(sized(points * TOTALS))
        self.empty.setFont(sized(points))
        for row in self.rows:
            row.refit(points)
        self._place_later.start()

    # --- screens and full screen ---------------------------------------------------------------

    def chosen_screen(self) -> QScreen:
        """The screen full screen uses: the one chosen, else the window's own."""
        return self.screen_choice.screen_chosen()

    def _screen_chosen(self, screen: QScreen) -> None:
        full = self.isFullScreen()
        if full:
            self.showNormal()
        place_on(self, screen)
        if full:
            self.showFullScreen()

    def toggle_full_screen(self) -> None:
        if self.isFullScreen():
            self.leave_full_screen()
            return
        screen = self.chosen_screen()
        handle = self.windowHandle()
        if handle is None or handle.screen() is not screen:
            place_on(self, screen)
        self._was_maximised = self.isMaximized()
        self.showFullScreen()
        self._full_screen_changed()

    def leave_full_screen(self) -> None:
        if self._was_maximised:
            self.showMaximized()
        else:
            self.showNormal()
        self._full_screen_changed()

    def _full_screen_changed(self) -> None:
        full = self.isFullScreen()
        self.full_button.setText("Leave &full screen" if full else "&Full screen")
        self.full_button.setAccessibleName("Leave full screen" if full else "Full screen")

    def escape(self) -> None:
        """Escape leaves full screen, and closes the window when it is not full screen."""
        if self.isFullScreen():
            self.leave_full_screen()
        else:
            self.close()

    # --- keys and the window -------------------------------------------------------------------

    @staticmethod
    def _tick(box: QCheckBox, on: bool) -> None:
        box.blockSignals(True)  # said by a key or a call: the box shows it, not asks it again
        box.setChecked(on)
        box.blockSignals(False)

    def _toggle(self, text: str, tip: str, on: bool,
                slot: Callable[[bool], None]) -> QCheckBox:
        box = QCheckBox(text, self)
        box.setAccessibleName(text.replace("&", ""))
        box.setToolTip(tip)
        box.setChecked(on)
        box.toggled.connect(slot)
        return box

    def _soon(self, slot: Callable[[], object]) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(0)
        timer.timeout.connect(lambda: slot())
        return timer

    def _add_keys(self) -> None:
        keys = (
            ("Full screen", ["F11"], self.toggle_full_screen),
            ("Leave full screen or close", ["Escape"], self.escape),
            ("Larger text", ["Ctrl+=", "Ctrl++", "Ctrl+Shift+="], lambda: self.step_zoom(+1)),
            ("Smaller text", ["Ctrl+-"], lambda: self.step_zoom(-1)),
            ("Normal text size", ["Ctrl+0"], lambda: self.set_zoom(100)),
            ("Next themes", ["PgDown"], self.pager.page_down),
            ("Previous themes", ["PgUp"], self.pager.page_up),
            ("First themes", ["Home"], self.pager.first),
            ("Last themes", ["End"], self.pager.last),
        )
        for name, shortcuts, slot in keys:
            action = QAction(name, self)
            action.setShortcuts([QKeySequence(k) for k in shortcuts])
            action.setShortcutContext(WINDOW)
            action.triggered.connect(lambda _checked=False, slot=slot: slot())
            self.addAction(action)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_later.start()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh(announce=False)
        self._fit_later.start()  # the frame's size is known once shown
        handle = self.windowHandle()
        if handle is not None and not self._follows_screen:
            self._follows_screen = True
            handle.screenChanged.connect(lambda _screen: self.refit())  # its type fits it

    def _keep_on_screen(self) -> None:
        if not (self.isMaximized() or self.isFullScreen()):
            keep_on_screen(self)
