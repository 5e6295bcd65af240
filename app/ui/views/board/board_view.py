"""The theme board page of a session: cards (the tray and the themes) or the outline of the
same model (Ctrl+1 / Ctrl+2, remembered), a toolbar and context menus of the board's actions,
and filters. Every action is one undo step; the model follows the change bus, so an undo
shows its result on the board at once.

Hooks for other screens: `suggest_action` and `present_action` in the toolbar, and "Link to a
recurring theme…" on a card's menu, emit `suggest_requested`, `present_requested` and
`link_theme_requested(theme_id)`.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QSettings, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QMenu, QStackedWidget, QToolBar, QVBoxLayout, QWidget

from app import config
from app.models import Changes
from app.ui.buttons import action_button
from app.ui.context import AppContext
from app.ui.item_models.board_model import TRAY, BoardModel
from app.ui.style import OneLineHeading, follow_text_size, name_scroll_parts
from app.ui.views.board.board_actions import BoardActions, BoardTarget
from app.ui.views.board.board_canvas import BoardCanvas
from app.ui.views.board.board_filters import BoardFilters
from app.ui.views.board.board_outline import BoardOutline

VIEW_KEY = "board/view"


class BoardView(QWidget):
    """One session's theme board."""

    back_requested = Signal(str)  # the session id: back to the session's page
    suggest_requested = Signal()
    present_requested = Signal()
    link_theme_requested = Signal(str)

    def __init__(self, ctx: AppContext, session_id: str, parent: QWidget | None = None, *,
                 settings: QSettings | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.session_id = ctx, session_id
        self._settings = settings or QSettings(config.APP_AUTHOR, config.APP_NAME)
        self.model = BoardModel(ctx.store, session_id, self)
        self.setAccessibleName(f"Theme board of {self.model.session.title}")
        self.heading = OneLineHeading(f"Theme board: {self.model.session.title}", 1.3, self)
        self.back_button = action_button(self, "&Back to the session",
                                         "Show the session's page again",
                                         lambda: self.back_requested.emit(session_id),
                                         icon="back")
        self.canvas = BoardCanvas(self.model, self)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.canvas)
        self._outline: BoardOutline | None = None  # made when first shown
        self.board_actions = BoardActions(ctx, self, self.model, self.target)
        a = self.board_actions
        self.suggest_action, self.present_action = a.suggest, a.present
        a.suggest_requested.connect(self.suggest_requested.emit)
        a.present_requested.connect(self.present_requested.emit)
        a.link_theme_requested.connect(self.link_theme_requested.emit)
        self.filters = BoardFilters(self.model, self)
        self.filters.changed.connect(self._filter)
        clear = QShortcut(QKeySequence("Ctrl+Shift+X"), self, self.filters.clear)
        clear.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.toolbar = self._toolbar()

        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.back_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addLayout(top)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.filters)
        layout.addWidget(self.stack, 1)

        a.show_board.triggered.connect(lambda: self.show_view(0))
        a.show_outline.triggered.connect(lambda: self.show_view(1))
        self.canvas.votes_typed.connect(a.set_votes)
        self.canvas.vote_asked.connect(lambda key, by: a.add_votes(by, key))
        self.canvas.context_asked.connect(self._menu)
        self.canvas.rename_asked.connect(self._rename)
        ctx.bus.changed.connect(self._changed)
        self._last = Changes()
        # Bound methods, not lambdas: Qt lets go of them when the page goes, while the undo
        # stack and the bus live on.
        ctx.undo_stack.indexChanged.connect(self._show_last)
        self.model.modelReset.connect(self.filters.show_count)
        self.filters.show_count()
        self.show_view(1 if self._settings.value(VIEW_KEY, "board") == "outline" else 0,
                       focus=False)
        name_scroll_parts(self)
        follow_text_size(self)

    def _toolbar(self) -> QToolBar:
        a = self.board_actions
        bar = QToolBar("Board actions", self)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        bar.setAccessibleName("Board actions")
        bar.addActions([a.show_board, a.show_outline])
        bar.addSeparator()
        bar.addActions([a.new_theme, a.move_to, a.merge, a.split])
        bar.addSeparator()
        bar.addAction(a.sort_by_votes)
        bar.addSeparator()
        bar.addActions([a.suggest, a.present])
        for action in bar.actions():
            button = bar.widgetForAction(action)
            if button is not None:
                button.setAccessibleName(action.text().replace("&", "").rstrip("…"))
        return bar

    @property
    def outline(self) -> BoardOutline:
        """The outline, made the first time it is asked for: a board opened as cards never
        lays out the tree of all its notes."""
        if self._outline is None:
            self._outline = BoardOutline(self.model, self)
            self._outline.context_asked.connect(self._menu)
            self.stack.addWidget(self._outline)
            name_scroll_parts(self._outline)
        return self._outline

    def outline_shown(self) -> bool:
        return self._outline is not None and self.stack.currentWidget() is self._outline

    def refit(self) -> None:
        self.canvas.refit()

    def _rename(self, key: str) -> None:
        self.canvas.focus_card(key)
        self.board_actions.ask_rename()

    # --- which view ------------------------------------------------------------------------

    def target(self) -> BoardTarget:
        return self.outline if self.outline_shown() else self.canvas

    def show_view(self, which: int, *, focus: bool = True) -> None:
        """The board (0) or the outline (1), remembered for next time."""
        self.stack.setCurrentWidget(self.outline if which else self.canvas)
        (self.board_actions.show_outline if which else self.board_actions.show_board).setChecked(True)
        self._settings.setValue(VIEW_KEY, "outline" if which else "board")
        if focus:
            self.focus_view()

    def focus_view(self) -> None:
        if self.outline_shown():
            self.outline.setFocus(Qt.FocusReason.OtherFocusReason)
            if not self.outline.currentIndex().isValid():
                self.outline.setCurrentIndex(self.model.index(0))
        else:
            self.canvas.focus_card(self.canvas.last_key if self.canvas.last_key in self.canvas.cards
                                   else TRAY)

    # --- following the store ---------------------------------------------------------------

    def _changed(self, changes: Changes) -> None:
        self.model.apply(changes)
        self.filters.show_count()
        self._last = changes

    def _show_last(self, _index: int = 0) -> None:
        """After an undo or redo, bring the theme it touched into view, so its result shows."""
        touched = self._last.ids("theme") | {i.split(":")[0] for i in
                                             self._last.ids("theme_focus_area")}
        notes = self._last.ids("note")
        touched |= {self.model.parent_of[n] for n in notes if n in self.model.parent_of}
        shown = [k for k in self.model.order if k in touched]
        self._last = Changes()
        if shown and self.isVisible():
            if self.outline_shown():
                self.outline.scrollTo(self.model.top_index(shown[0]))
            else:
                self.canvas.card(shown[0])

    def _filter(self) -> None:
        self.model.set_filter(self.filters.current())
        self.filters.show_count()

    # --- menus -----------------------------------------------------------------------------

    def _menu(self, key: str, at: QPoint) -> None:
        """The actions for a card or a row: the tray's, or a theme's."""
        a = self.board_actions
        if not self.outline_shown():
            self.canvas.last_key = key
        menu = QMenu(self)
        menu.setAccessibleName("Board actions")
        menu.addActions([a.move_to, a.new_theme])
        if key:
            menu.addAction(a.split)
            menu.addSeparator()
            menu.addActions([a.rename, a.synthesis, a.focus_areas])
            menu.addSeparator()
            menu.addActions([a.vote_up, a.vote_down, a.record_votes])
            menu.addSeparator()
            menu.addActions([a.earlier, a.later, a.merge, a.link])
            menu.addSeparator()
            menu.addAction(a.delete)
        self.context_menu = menu
        menu.popup(at)
