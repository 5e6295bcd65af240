"""The main window: the navigator (learning systems -> sessions) beside the page it opens.
Menus, the toolbar and the status bar share one set of actions; the window's geometry, docks
and last opened record are remembered between runs."""

from __future__ import annotations

from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import (
    QByteArray,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QSettings,
    QSize,
    Qt,
    QTimer,
    Slot,
)
from PySide6.QtGui import QAction, QCloseEvent, QFontMetrics, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QLabel,
    QMainWindow,
    QStackedWidget,
    QToolBar,
    QWidget,
)

from app import config
from app.models import Changes, LearningSystem
from app.ui.actions import MainActions, make_action, next_text_step
from app.ui.context import AppContext
from app.ui.icons import set_icon
from app.ui.item_models.navigator import ID_ROLE, KIND_ROLE
from app.ui.screen_fit import first_geometry, fits_a_screen, keep_on_screen
from app.ui.style import apply_preferences, follow_text_size, icon_size, name_scroll_parts
from app.ui.task_status import TaskStatus
from app.ui.tasks import Progress, Task
from app.ui.views.email.opening import install_email
from app.ui.views.navigator import NavigatorPanel
from app.ui.views.sync.install import install_sync
from app.ui.views.system.system_view import SystemView
from app.ui.views.welcome import WelcomeView

if TYPE_CHECKING:
    from app.ui.views.board.presenter import PresenterWindow


def page_for(ctx: AppContext, kind: str, record_id: str, parent: QWidget) -> QWidget:
    """The page that shows a learning system or a session."""
    if kind == "system":
        return SystemView(ctx, record_id, parent)
    # Imported when first needed: start-up does not pay for the session editor.
    from app.ui.views.session.session_view import SessionView

    return SessionView(ctx, record_id, parent)


class MainWindow(QMainWindow):
    """One window per store; everything it shows follows the change bus."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 settings: QSettings | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._settings = settings or QSettings(config.APP_AUTHOR, config.APP_NAME)
        self.setWindowTitle("Cairn")
        self.setObjectName("mainWindow")
        self.actions = MainActions(self, ctx)
        self.capture_action = make_action(
            self, "&Capture notes", "Type notes live for the selected session",
            keys=("F5", "Ctrl+Shift+C"))
        # F6 is the standard pane switch, so the board takes the next key.
        self.board_action = make_action(self, "&Theme board", "Cluster the selected session's "
                                        "notes into themes, and vote", keys=("F7",))
        self._set_icons()
        self.capture_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.board_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)

        self.navigator_panel = NavigatorPanel(ctx.store, self)
        self.navigator_model = self.navigator_panel.model
        self.navigator = self.navigator_panel.tree
        self.navigator.selectionModel().currentChanged.connect(self._current_changed)

        self.dock = QDockWidget("Learning systems", self)
        self.dock.setObjectName("navigatorDock")
        self.dock.setWidget(self.navigator_panel)
        self.dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                              | QDockWidget.DockWidgetFeature.DockWidgetClosable)
        self.dock.setAllowedAreas(Qt.DockWidgetArea.LeftDockWidgetArea
                                  | Qt.DockWidgetArea.RightDockWidgetArea)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.dock)

        self.welcome = WelcomeView(self)
        self.welcome.load_sample_requested.connect(self.load_sample)
        self.welcome.new_system_requested.connect(self.new_system)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.welcome)
        self.setCentralWidget(self.stack)
        self.page: QWidget | None = None
        self.page_id: str | None = None
        self._sample_task: Task | None = None
        self.presenter: PresenterWindow | None = None  # the board's presenter view, once asked

        self._build_menus()
        from app.ui.views.export.opening import install_export
        self.export_action = install_export(self)  # File > Export… (Ctrl+E)
        self._build_toolbar()
        self.task_status = TaskStatus(ctx.tasks, self.show_status, self)
        self.statusBar().addPermanentWidget(self.task_status)
        folder = QLabel(f"Data: {ctx.store.path.parent.name}", self)  # the path: in the tip
        folder.setToolTip(f"Cairn keeps your work in {ctx.store.path.parent} on this computer")
        self.statusBar().addPermanentWidget(folder)
        # File > Sync now (F9), Email the pack…; their toolbar button and status-bar parts.
        self.sync, self.email = install_sync(self), install_email(self)
        self._connect()
        name_scroll_parts(self)
        self._restore()
        self._fit_toolbar()
        follow_text_size(self)

    # --- building --------------------------------------------------------------------------

    def _set_icons(self) -> None:
        a = self.actions
        for action, role in ((a.new_system, "new-system"), (a.new_session, "new-session"),
                             (a.load_sample, "sample"), (a.undo, "undo"), (a.redo, "redo"),
                             (a.bigger_text, "bigger-text"), (a.smaller_text, "smaller-text"),
                             (self.capture_action, "capture"), (self.board_action, "board")):
            set_icon(action, role)

    def _build_menus(self) -> None:
        a = self.actions
        file_menu = self.menuBar().addMenu("&File")
        file_menu.addActions([a.new_system, a.new_session, a.load_sample])
        file_menu.addSeparator()
        file_menu.addAction(a.preferences)
        file_menu.addSeparator()
        file_menu.addAction(a.quit)
        edit_menu = self.menuBar().addMenu("&Edit")
        edit_menu.addActions([a.undo, a.redo])
        view_menu = self.menuBar().addMenu("&View")
        view_menu.addActions([self.capture_action, self.board_action])
        view_menu.addSeparator()
        view_menu.addActions([a.bigger_text, a.smaller_text, a.reset_text])
        view_menu.addSeparator()
        navigator_toggle = self.dock.toggleViewAction()
        navigator_toggle.setText("Show the &navigator")
        navigator_toggle.setStatusTip("Show or hide the list of learning systems and sessions")
        view_menu.addActions([navigator_toggle, a.switch_pane])
        self.menuBar().addMenu("&Help").addAction(a.about)

    def _build_toolbar(self) -> None:
        a = self.actions
        toolbar = QToolBar("Main toolbar", self)
        toolbar.setObjectName("mainToolBar")
        # Words beside icons: an icon alone says little, and some laptops have no icon theme.
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.setMovable(False)
        toolbar.addActions([a.new_system, a.new_session, self.capture_action, self.board_action])
        toolbar.addSeparator()
        # The toolbar says just "Undo"/"Redo" (what they would do is in the tooltip and the
        # accessible name): the full text can be long enough to push the other buttons away.
        short_undo, short_redo = _ShortAction("Undo", a.undo, self), _ShortAction("Redo", a.redo, self)
        toolbar.addActions([short_undo, short_redo])
        toolbar.addSeparator()
        toolbar.addActions([a.smaller_text, a.bigger_text])
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)
        self.toolbar = toolbar
        buttons = {action: toolbar.widgetForAction(action) for action in toolbar.actions()
                   if not action.isSeparator()}
        for action, button in buttons.items():
            button.setAccessibleName(action.text().replace("&", ""))
        # Undo and Redo say what they would take back or do again ("Undo Rename tag").
        for short in (short_undo, short_redo):
            _NameFollowsAction(short.full, buttons[short])

    def _connect(self) -> None:
        a = self.actions
        a.new_system.triggered.connect(self.new_system)
        a.new_session.triggered.connect(lambda: self.new_session())
        a.load_sample.triggered.connect(self.load_sample)
        a.preferences.triggered.connect(self.open_preferences)
        a.quit.triggered.connect(self.close)
        a.bigger_text.triggered.connect(lambda: self.change_text_size(+1))
        a.smaller_text.triggered.connect(lambda: self.change_text_size(-1))
        a.reset_text.triggered.connect(lambda: self.set_text_size(100))
        a.switch_pane.triggered.connect(self._switch_pane)
        a.about.triggered.connect(self.open_about)
        self.capture_action.triggered.connect(self.open_capture)
        self.board_action.triggered.connect(self.open_board)
        self.ctx.bus.changed.connect(self._changed)
        self.ctx.bus.status.connect(self.show_status)

    def show_status(self, text: str) -> None:
        self.statusBar().showMessage(text, 10_000)

    # --- what is shown ---------------------------------------------------------------------

    def current_id(self) -> str | None:
        index = self.navigator.currentIndex()
        return index.data(ID_ROLE) if index.isValid() else None

    def current_system_id(self) -> str | None:
        """The learning system selected, or that of the selected session, or the only one."""
        current = self.current_id()
        if current is not None:
            return self.navigator_model.system_id_of(current)
        ids = self.navigator_model.system_ids()
        return ids[0] if len(ids) == 1 else None

    def select(self, record_id: str) -> bool:
        """Select a learning system or session in the navigator, which opens it."""
        index = self.navigator_model.index_of(record_id)
        if not index.isValid():
            return False
        if index.parent().isValid():
            self.navigator.expand(index.parent())
        self.navigator.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.navigator.scrollTo(index)
        return True

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            self._show_welcome_or_first()
            return
        self._open(current.data(ID_ROLE), current.data(KIND_ROLE))
        self._update_actions()

    def _open(self, record_id: str, kind: str) -> None:
        if record_id == self.page_id:
            return
        page = page_for(self.ctx, kind, record_id, self)
        if isinstance(page, SystemView):
            page.open_session.connect(self.select)
            page.new_session.connect(self.new_session)
        elif kind == "session":
            page.capture_requested.connect(lambda _: self.open_capture())  # type: ignore[attr-defined]
            page.board_requested.connect(lambda _: self.open_board())  # type: ignore[attr-defined]
        name_scroll_parts(page)
        self._replace_page(page, record_id)
        self._update_title()

    def _replace_page(self, page: QWidget | None, record_id: str | None) -> None:
        old = self.page
        self.page, self.page_id = page, record_id
        if page is not None:
            self.stack.addWidget(page)
            self.stack.setCurrentWidget(page)
        else:
            self.stack.setCurrentWidget(self.welcome)
        if old is not None:
            self.stack.removeWidget(old)
            old.deleteLater()

    def _show_welcome_or_first(self) -> None:
        ids = self.navigator_model.system_ids()
        if ids:
            self.select(ids[0])
        else:
            self._replace_page(None, None)
            self._update_title()
        self._update_actions()

    def _update_title(self) -> None:
        index = self.navigator.currentIndex()
        name = str(index.data() or "").split("\n")[0] if index.isValid() else ""
        self.setWindowTitle(f"{name} — Cairn" if name else "Cairn")

    def _update_actions(self) -> None:
        self.actions.new_session.setEnabled(self.current_system_id() is not None)
        current = self.navigator.currentIndex()
        self.capture_action.setEnabled(current.isValid() and current.data(KIND_ROLE) == "session")
        self.board_action.setEnabled(self.capture_action.isEnabled())

    def _changed(self, changes: Changes) -> None:
        self.navigator_model.apply(changes)
        if self.page_id is not None and self.navigator_model.index_of(self.page_id).isValid():
            self._update_title()
        elif self.page_id is not None or not self.navigator.currentIndex().isValid():
            # What was open is gone (e.g. its creation was undone): open something that exists.
            self.page_id = None
            self._show_welcome_or_first()
        self._update_actions()

    # --- operations ------------------------------------------------------------------------

    def new_system(self) -> None:
        from app.ui.dialogs.new_system import NewSystemDialog

        created = NewSystemDialog.create(self.ctx, self)
        if created is not None:
            self.select(created.id)

    def new_session(self, system_id: str | None = None) -> None:
        system_id = system_id or self.current_system_id()
        if system_id is None:
            self.ctx.bus.alert.emit("Choose a learning system first, then plan its session.")
            return
        from app.ui.views.session.new_session_dialog import NewSessionDialog

        created = NewSessionDialog.plan(self.ctx, self, system_id)
        if created is not None:
            self.select(created.id)

    def open_capture(self) -> None:
        """Show the selected session's capture view in place of its page (F5)."""
        from app.ui.views.capture.capture_view import CaptureView

        current = self.navigator.currentIndex()
        if not current.isValid() or current.data(KIND_ROLE) != "session":
            self.ctx.bus.alert.emit("Choose a session first, then capture its notes.")
            return
        if isinstance(self.page, CaptureView):
            self.page.focus_entry()
            return
        page = CaptureView(self.ctx, current.data(ID_ROLE), self)
        page.back_requested.connect(self._back_from_capture)
        self._replace_page(page, current.data(ID_ROLE))

    def open_board(self) -> None:
        """Show the selected session's theme board in place of its page (F7)."""
        from app.ui.views.board.opening import open_board
        open_board(self)

    def _back_from_capture(self, session_id: str) -> None:
        self.page_id = None  # so that _open builds the session page again
        self._open(session_id, "session")

    def load_sample(self) -> Task | None:
        """Load the sample on a worker (the window stays live); the status bar shows progress."""
        from app.services import demo

        if self._sample_task is not None:
            return self._sample_task
        store = self.ctx.store

        def work(progress: Progress) -> tuple[LearningSystem, Changes]:
            def report(done: int, total: int, text: str) -> None:
                progress.report(done, total, text)
                progress.check()  # Cancel stops it before the commit: nothing is written

            return demo.load_demo(store, report=report)

        self._sample_loading(True)
        self._sample_task = self.ctx.tasks.run(
            work, self._sample_loaded, self._sample_failed, owner=self, cancellable=True,
            label="Loading the sample learning system")
        return self._sample_task

    def _sample_loading(self, loading: bool) -> None:
        self.actions.load_sample.setEnabled(not loading)
        self.welcome.sample_button.setEnabled(not loading)
        if not loading:
            self._sample_task = None

    def _sample_loaded(self, outcome: tuple[LearningSystem, Changes]) -> None:
        self._sample_loading(False)
        system, changes = outcome
        self.select(system.id)
        self.ctx.bus.status.emit(f"Loaded the sample learning system '{system.name}'." if changes
                                 else f"The sample learning system '{system.name}' is already "
                                 "here; it was not loaded twice.")

    def _sample_failed(self, error: BaseException) -> None:
        self._sample_loading(False)
        self.ctx.tasks.handle_error(error, self)

    def change_text_size(self, direction: int) -> None:
        self.set_text_size(next_text_step(self.ctx.prefs.text_scale, direction))

    def set_text_size(self, percent: int) -> None:
        prefs = self.ctx.prefs.model_copy(update={"text_scale": percent})
        apply_preferences(QApplication.instance(), prefs)  # type: ignore[arg-type]
        try:
            self.ctx.save_preferences(prefs)
        except OSError:
            self.ctx.prefs = prefs
            self.ctx.bus.status.emit(f"Text size {percent}% (it could not be saved for next time)")
            return
        self.ctx.bus.status.emit(f"Text size {percent}%")

    def open_preferences(self) -> None:
        from app.ui.dialogs.preferences import PreferencesDialog

        PreferencesDialog(self.ctx, self).exec()

    def open_about(self) -> None:
        from app.ui.dialogs.about import AboutDialog

        AboutDialog(self, data_folder=str(self.ctx.store.path.parent)).exec()

    def refit(self) -> None:
        """Give the navigator room for about 44 characters at the current text size, within
        NAVIGATOR_SHARE of the window; with large text it narrows to NAVIGATOR_NARROW (its
        items keep their status and lose the end of the date). Toolbar icons follow the text."""
        metrics = QFontMetrics(QApplication.font())
        wanted = max(260, metrics.averageCharWidth() * 44)
        share = NAVIGATOR_SHARE if wanted <= self.width() * NAVIGATOR_SHARE else NAVIGATOR_NARROW
        # Never so narrow that a session's status is cut: it starts the second line.
        floor = (self.navigator.indentation() + 4 * metrics.averageCharWidth()
                 + metrics.horizontalAdvance(NAVIGATOR_FLOOR_TEXT))
        self.resizeDocks([self.dock], [max(floor, min(wanted, int(self.width() * share)))],
                         Qt.Orientation.Horizontal)
        self._fit_toolbar()

    def _fit_toolbar(self) -> None:
        side = icon_size(QApplication.font())
        self.toolbar.setIconSize(QSize(side, side))

    def _switch_pane(self) -> None:
        if self.navigator.hasFocus() and self.stack.currentWidget() is not None:
            self.stack.currentWidget().setFocus(Qt.FocusReason.OtherFocusReason)
            self.stack.currentWidget().focusNextChild()
        else:
            self.dock.show()
            self.navigator.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- remembered state ------------------------------------------------------------------

    def _restore(self) -> None:
        geometry = self._settings.value("window/geometry")
        if not (isinstance(geometry, QByteArray) and not geometry.isEmpty()
                and self.restoreGeometry(geometry) and fits_a_screen(self.geometry())):
            self.setGeometry(first_geometry(self.screen().availableGeometry()))
        state = self._settings.value("window/state")
        # Without a remembered layout, the navigator is sized to the text once shown.
        self._fit_on_show = not (isinstance(state, QByteArray) and not state.isEmpty()
                                 and self.restoreState(state))
        last = self._settings.value("navigator/current")
        if not (isinstance(last, str) and self.select(last)):
            self._show_welcome_or_first()
        self._update_actions()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._fit_on_show:
            self._fit_on_show = False
            QTimer.singleShot(0, self.refit)  # once the layout has its first geometry
        QTimer.singleShot(0, self.keep_on_screen)  # the frame's size is known once shown

    def keep_on_screen(self) -> None:
        """Shrink and move the window so that, frame and all, it lies on its screen."""
        if not (self.isMaximized() or self.isFullScreen()):
            keep_on_screen(self)

    def closeEvent(self, event: QCloseEvent) -> None:
        if (focused := QApplication.focusWidget()) is not None:
            focused.clearFocus()  # a field being typed in commits its edit on losing focus
        self._settings.setValue("window/geometry", self.saveGeometry())
        self._settings.setValue("window/state", self.saveState())
        self._settings.setValue("navigator/current", self.current_id() or "")
        super().closeEvent(event)


NAVIGATOR_SHARE = 0.3  # of the window's width, at most, for the navigator
NAVIGATOR_NARROW = 0.22  # the same when the text is too large for 44 characters in that
NAVIGATOR_FLOOR_TEXT = "Planned · Mon 30 Nov"  # what a narrow navigator still shows in full
class _NameFollowsAction(QObject):
    """Keeps a tool button's accessible name equal to its action's text.

    A child of the button, so the connection ends with the button (a bare lambda would outlive
    it and call into a deleted widget when the undo stack changes later).
    """

    def __init__(self, action: QAction, button: QWidget) -> None:
        super().__init__(button)
        self._action = action
        action.changed.connect(self.follow)

    @Slot()
    def follow(self) -> None:
        button = self.parent()
        # Qt says "changed" while the window's actions are being destroyed, too.
        if isinstance(button, QWidget) and shiboken6.isValid(self._action):
            button.setAccessibleName(self._action.text().replace("&", ""))


class _ShortAction(QAction):
    """A toolbar twin of a long-named action: same icon, state and effect, a short label."""

    def __init__(self, label: str, full: QAction, parent: QWidget) -> None:
        super().__init__(full.icon(), label, parent)
        self.full = full
        self.triggered.connect(full.trigger)
        full.changed.connect(self.follow)
        self.follow()

    @Slot()
    def follow(self) -> None:
        if not shiboken6.isValid(self.full):
            return  # the window is closing and its menu's actions are gone
        self.setEnabled(self.full.isEnabled())
        text = self.full.text().replace("&", "")
        self.setToolTip(text)
        self.setStatusTip(text)
