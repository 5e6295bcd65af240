"""The main window's actions: standard shortcuts, status tips and theme icons, defined once.

Menus and the toolbar share these QActions, so a shortcut, its text and its enabled state
never disagree between them.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import QWidget

from app.ui.context import AppContext

Keys = QKeySequence.StandardKey | str

# Text-size steps, in percent of the system's size, that the View menu walks through.
TEXT_STEPS = (75, 85, 100, 115, 130, 150, 175, 200, 250, 300)


def make_action(parent: QObject, text: str, tip: str, *, keys: tuple[Keys, ...] = (),
                icon: QIcon.ThemeIcon | None = None) -> QAction:
    """An action with its shortcuts (the first is the one menus show) and a status tip."""
    action = QAction(text, parent)
    if icon is not None:
        action.setIcon(QIcon.fromTheme(icon))
    sequences: list[QKeySequence] = []
    for key in keys:
        if isinstance(key, QKeySequence.StandardKey):
            sequences.extend(QKeySequence.keyBindings(key))
        else:
            sequences.append(QKeySequence(key))
    if sequences:
        action.setShortcuts(list(dict.fromkeys(sequences)))
        tip = f"{tip} ({sequences[0].toString(QKeySequence.SequenceFormat.NativeText)})"
    action.setStatusTip(tip)
    action.setToolTip(tip)
    return action


def next_text_step(current: int, direction: int) -> int:
    """The next bigger (+1) or smaller (-1) text size from `current`, within 75–300%."""
    if direction > 0:
        return next((s for s in TEXT_STEPS if s > current), TEXT_STEPS[-1])
    return next((s for s in reversed(TEXT_STEPS) if s < current), TEXT_STEPS[0])


class MainActions(QObject):
    """Every action of the main window; the window connects their triggers."""

    def __init__(self, window: QWidget, ctx: AppContext) -> None:
        super().__init__(window)
        self.new_system = make_action(
            window, "New &learning system…", "Create a learning system with the four ihub "
            "focus areas", keys=("Ctrl+Shift+N",), icon=QIcon.ThemeIcon.FolderNew)
        self.new_session = make_action(
            window, "&New session…", "Plan a session of the selected learning system",
            keys=(QKeySequence.StandardKey.New, "Ctrl+N"), icon=QIcon.ThemeIcon.DocumentNew)
        self.load_sample = make_action(
            window, "Load the &sample learning system", "Add a complete example learning "
            "system to explore (loading it twice does not duplicate it)",
            icon=QIcon.ThemeIcon.DocumentOpen)
        self.preferences = make_action(
            window, "&Preferences…", "Your name, this laptop's name, text size and theme",
            keys=(QKeySequence.StandardKey.Preferences, "Ctrl+,"),
            icon=QIcon.ThemeIcon.DocumentProperties)
        self.preferences.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.quit = make_action(window, "&Quit", "Close Cairn (everything is already saved)",
                                keys=(QKeySequence.StandardKey.Quit, "Ctrl+Q"),
                                icon=QIcon.ThemeIcon.ApplicationExit)
        self.quit.setMenuRole(QAction.MenuRole.QuitRole)

        self.undo = ctx.undo_stack.createUndoAction(window, "&Undo")
        self.undo.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Undo))
        self.undo.setIcon(QIcon.fromTheme(QIcon.ThemeIcon.EditUndo))
        self.undo.setStatusTip("Take back the last change")
        self.redo = ctx.undo_stack.createRedoAction(window, "&Redo")
        self.redo.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Redo))
        self.redo.setIcon(QIcon.fromTheme(QIcon.ThemeIcon.EditRedo))
        self.redo.setStatusTip("Make again the change last taken back")

        self.bigger_text = make_action(
            window, "&Bigger text", "Make all text bigger",
            keys=(QKeySequence.StandardKey.ZoomIn, "Ctrl++", "Ctrl+="),
            icon=QIcon.ThemeIcon.ZoomIn)
        self.smaller_text = make_action(
            window, "S&maller text", "Make all text smaller",
            keys=(QKeySequence.StandardKey.ZoomOut, "Ctrl+-"), icon=QIcon.ThemeIcon.ZoomOut)
        self.reset_text = make_action(window, "&Normal text size",
                                      "Text at your system's own size", keys=("Ctrl+0",))
        self.switch_pane = make_action(window, "S&witch pane",
                                       "Move between the navigator and the page", keys=("F6",))

        self.about = make_action(window, "&About Cairn", "Version and licences",
                                 icon=QIcon.ThemeIcon.HelpAbout)
        self.about.setMenuRole(QAction.MenuRole.AboutRole)

        for action in self.all():
            # Shortcuts work wherever focus is in the window, also inside the docked navigator.
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)

    def all(self) -> list[QAction]:
        return [value for value in vars(self).values() if isinstance(value, QAction)]
