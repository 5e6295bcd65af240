"""Every board action, once: its QAction (text, shortcut shown in menus and tooltips) and the
one board operation it runs through `push_board`, so each is one undo step.

The actions work on the board's current view, board or outline alike, through `BoardTarget`:
the theme that has focus and the notes selected. Dialogs open without blocking and finish the
action when they are accepted.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

import shiboken6
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from app.models import Changes
from app.services.sensemaking import themes, votes
from app.services.sensemaking.themes import BoardChange
from app.ui.commands import push_board
from app.ui.context import AppContext
from app.ui.item_models.board_model import BoardModel
from app.ui.views.board.board_dialogs import (
    NEW_CHOICE,
    TRAY_CHOICE,
    FocusAreasDialog,
    TextDialog,
    ThemePicker,
    VotesDialog,
)

Operation = Callable[[], tuple[BoardChange, Changes]]


class BoardTarget(Protocol):
    """What an action works on in the board or the outline."""

    def current_theme(self) -> str | None: ...

    def selected_notes(self) -> list[str]: ...

    def reveal(self, theme_id: str | None, note_ids: list[str]) -> None: ...


def _action(parent: QObject, text: str, tip: str, keys: tuple[str, ...] = ()) -> QAction:
    action = QAction(text, parent)
    sequences = [QKeySequence(k) for k in keys]
    if sequences:
        action.setShortcuts(sequences)
        tip = f"{tip} ({sequences[0].toString(QKeySequence.SequenceFormat.NativeText)})"
    action.setToolTip(tip)
    action.setStatusTip(tip)
    action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    return action


def first_words(text: str, most: int = 6) -> str:
    """A starting title for a theme made from a note: its first few words."""
    words = text.split()
    return " ".join(words[:most]) + ("…" if len(words) > most else "")


class BoardActions(QObject):
    """The board's actions; `target()` is the view in use (board or outline)."""

    suggest_requested = Signal()
    present_requested = Signal()
    link_theme_requested = Signal(str)

    def __init__(self, ctx: AppContext, page: QWidget, model: BoardModel,
                 target: Callable[[], BoardTarget]) -> None:
        super().__init__(page)
        self.ctx, self.page, self.model, self.target = ctx, page, model, target
        a = _action
        self.new_theme = a(page, "&New theme from selection…",
                           "Make a theme of the selected notes", ("Ctrl+T",))
        self.move_to = a(page, "&Move to theme…", "Move the selected notes to a theme or the tray",
                         ("Ctrl+M",))
        self.rename = a(page, "&Rename theme…", "Give the theme a new title", ("F2",))
        self.synthesis = a(page, "Write &synthesis…", "A short summary of what the theme's notes "
                           "say", ("Shift+F2",))
        self.merge = a(page, "Mer&ge with…", "Merge another theme into this one",
                       ("Ctrl+Shift+M",))
        self.split = a(page, "S&plit out…", "Move the selected notes of a theme into a new theme",
                       ("Ctrl+Shift+S",))
        self.delete = a(page, "&Delete theme", "Delete the theme; its notes go back to the tray",
                        ("Ctrl+Delete",))
        self.earlier = a(page, "Move theme &earlier", "Move the theme up the board",
                         ("Ctrl+Shift+Up", "Ctrl+Shift+Left"))
        self.later = a(page, "Move theme &later", "Move the theme down the board",
                       ("Ctrl+Shift+Down", "Ctrl+Shift+Right"))
        self.vote_up = a(page, "Add a &vote", "One more vote for the theme", ("Alt+Up",))
        self.vote_down = a(page, "Take a vote &away", "One vote fewer for the theme",
                           ("Alt+Down",))
        self.record_votes = a(page, "Record v&otes…", "Type the theme's votes in all",
                              ("Ctrl+Shift+V",))
        self.focus_areas = a(page, "&Focus areas…", "Tag the theme with focus areas",
                             ("Ctrl+Shift+F",))
        self.sort_by_votes = a(page, "Sort by votes", "Show the themes with most votes first; "
                               "the board's own order is kept", ("Ctrl+Shift+B",))
        self.sort_by_votes.setCheckable(True)
        self.suggest = a(page, "Suggest themes…", "Suggest clusters for the unclustered notes")
        self.present = a(page, "Presenter view", "Themes and votes in large type, for sharing "
                         "the screen")
        self.link = a(page, "&Link to a recurring theme…", "Link the theme to themes of other "
                      "sessions of the learning system")
        self.show_board = a(page, "Board", "Themes as cards", ("Ctrl+1",))
        self.show_outline = a(page, "Outline", "Themes and notes as a tree", ("Ctrl+2",))
        views = QActionGroup(self)
        for view in (self.show_board, self.show_outline):
            view.setCheckable(True)
            views.addAction(view)
        for action in self.all():
            page.addAction(action)
        self._connect()

    def all(self) -> list[QAction]:
        return [v for v in vars(self).values() if isinstance(v, QAction)]

    def _connect(self) -> None:
        self.new_theme.triggered.connect(self.ask_new_theme)
        self.move_to.triggered.connect(self.ask_move)
        self.rename.triggered.connect(self.ask_rename)
        self.synthesis.triggered.connect(self.ask_synthesis)
        self.merge.triggered.connect(self.ask_merge)
        self.split.triggered.connect(self.ask_split)
        self.delete.triggered.connect(self.delete_theme)
        self.earlier.triggered.connect(lambda: self.move_theme(-1))
        self.later.triggered.connect(lambda: self.move_theme(+1))
        self.vote_up.triggered.connect(lambda: self.add_votes(+1))
        self.vote_down.triggered.connect(lambda: self.add_votes(-1))
        self.record_votes.triggered.connect(self.ask_votes)
        self.focus_areas.triggered.connect(self.ask_focus_areas)
        self.sort_by_votes.toggled.connect(self.model.set_by_votes)
        self.suggest.triggered.connect(self.suggest_requested.emit)
        self.present.triggered.connect(self.present_requested.emit)
        self.link.triggered.connect(self._link)
        self.model.drop_notes = self.drop_notes
        self.model.drop_theme = self.drop_theme

    # --- running operations ----------------------------------------------------------------

    def run(self, text: str, do: Operation, *, reveal: bool = True) -> BoardChange | None:
        change = push_board(self.ctx, self.page, text, do)
        if change is not None and reveal:
            theme = change.theme.id if change.theme is not None else None
            self.target().reveal(theme, [])
        return change

    def _theme(self) -> str | None:
        theme = self.target().current_theme()
        if not theme:
            self.ctx.bus.alert.emit("Choose a theme first: move to its card or its row.")
            return None
        return theme

    def _notes(self, verb: str) -> list[str]:
        notes = self.target().selected_notes()
        if not notes:
            self.ctx.bus.alert.emit(f"Select the notes to {verb} first.")
        return notes

    def _title(self, theme_id: str) -> str:
        return self.model.themes[theme_id].title

    def _open(self, dialog: QWidget) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog  # the one open now, for whoever needs to reach it
        # Back where the keyboard was when the dialog closes, so the next key works there.
        back = QApplication.focusWidget()
        if back is not None and self.page.isAncestorOf(back):
            dialog.finished.connect(  # type: ignore[attr-defined]
                lambda _: shiboken6.isValid(back) and back.setFocus())
        dialog.open()  # type: ignore[attr-defined]

    # --- the actions -----------------------------------------------------------------------

    def ask_new_theme(self, notes: list[str] | None = None) -> None:
        notes = notes or self._notes("make a theme of")
        if not notes:
            return
        first = self.model.notes.get(notes[0])
        dialog = TextDialog("New theme", "&Title of the new theme:",
                            first_words(first.text) if first else "", self.page, ok="Create")
        dialog.given.connect(lambda title: self.new_theme_of(notes, title))
        self._open(dialog)

    def new_theme_of(self, notes: list[str], title: str) -> None:
        store, session = self.ctx.store, self.model.session_id
        self.run("New theme", lambda: themes.create_theme(store, session, title, notes))

    def ask_move(self) -> None:
        notes = self._notes("move")
        if not notes:
            return
        dialog = ThemePicker("Move to theme", f"Move {len(notes)} note{'s' * (len(notes) != 1)} "
                             "to which theme? Type to find it.", self._choices(), self.page,
                             with_tray=True)
        dialog.picked.connect(lambda choice: self._moved(notes, choice))
        self._open(dialog)

    def _choices(self, leave_out: str | None = None) -> list[tuple[str, str]]:
        return [(t, self._title(t)) for t in self.model.board if t != leave_out]

    def _moved(self, notes: list[str], choice: str) -> None:
        if choice == NEW_CHOICE:
            self.ask_new_theme(notes)
            return
        self.drop_notes(notes, "" if choice == TRAY_CHOICE else choice)

    def drop_notes(self, notes: list[str], key: str) -> bool:
        """Notes into a theme, or with `key` "" into the tray: one step."""
        store = self.ctx.store
        where = f"to “{self._title(key)}”" if key else "to the tray"
        change = self.run(f"Move {len(notes)} note{'s' * (len(notes) != 1)} {where}",
                          lambda: themes.move_notes(store, notes, key or None), reveal=False)
        if change is not None:
            self.ctx.bus.status.emit(f"Moved {len(notes)} note{'s' * (len(notes) != 1)} {where}.")
            self.target().reveal(key or None, notes)
        return change is not None

    def drop_theme(self, theme_id: str, place: int) -> bool:
        if self.model.by_votes:
            self.ctx.bus.alert.emit("The board is sorted by votes: turn that off to reorder it.")
            return False
        store = self.ctx.store
        return self.run("Reorder themes", lambda: themes.move_theme(store, theme_id, place)) \
            is not None

    def ask_rename(self) -> None:
        theme = self._theme()
        if theme is None:
            return
        dialog = TextDialog("Rename theme", "&Title:", self._title(theme), self.page, ok="Rename")
        store = self.ctx.store
        dialog.given.connect(lambda title: self.run(
            "Rename theme", lambda: themes.update_theme(store, theme, title=title)))
        self._open(dialog)

    def ask_synthesis(self) -> None:
        theme = self._theme()
        if theme is None:
            return
        dialog = TextDialog("Synthesis", f"&Synthesis of “{self._title(theme)}”:",
                            self.model.themes[theme].synthesis, self.page, lines=4)
        store = self.ctx.store
        dialog.given.connect(lambda text: self.run(
            "Write synthesis", lambda: themes.update_theme(store, theme, synthesis=text)))
        self._open(dialog)

    def ask_merge(self) -> None:
        keep = self._theme()
        if keep is None:
            return
        if len(self.model.board) < 2:
            self.ctx.bus.alert.emit("There is no other theme to merge with.")
            return
        dialog = ThemePicker("Merge themes", f"Merge which theme into “{self._title(keep)}”? "
                             "Type to find it.", self._choices(keep), self.page, ok="Next")
        dialog.picked.connect(lambda other: self._confirm_merge(keep, other))
        self._open(dialog)

    def _confirm_merge(self, keep: str, other: str) -> None:
        count = len(self.model.themes[other].note_ids)
        box = QMessageBox(QMessageBox.Icon.Question, "Merge themes",
                          f"Merge “{self._title(other)}” into “{self._title(keep)}”? Its {count} "
                          f"note{'s' * (count != 1)}, votes and focus areas join it, and "
                          f"“{self._title(other)}” goes. Undo brings it back.",
                          QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel,
                          self.page)
        box.button(QMessageBox.StandardButton.Ok).setText("Merge")
        box.setAccessibleName("Merge themes")
        store = self.ctx.store
        box.accepted.connect(lambda: self.run(
            "Merge themes", lambda: themes.merge_themes(store, keep, other)))
        self._open(box)

    def ask_split(self) -> None:
        notes = self._notes("split out")
        if not notes:
            return
        first = self.model.notes.get(notes[0])
        dialog = TextDialog("Split out", "&Title of the new theme:",
                            first_words(first.text) if first else "", self.page, ok="Split out")
        store = self.ctx.store
        dialog.given.connect(lambda title: self.run(
            "Split out", lambda: themes.split_notes(store, notes, title)))
        self._open(dialog)

    def delete_theme(self) -> None:
        theme = self._theme()
        if theme is None:
            return
        title, store = self._title(theme), self.ctx.store
        if self.run("Delete theme", lambda: themes.delete_theme(store, theme),
                    reveal=False) is not None:
            self.ctx.bus.status.emit(f"Deleted “{title}”; its notes are back in the tray "
                                     "(Ctrl+Z brings it back).")
            self.target().reveal(None, [])

    def move_theme(self, by: int) -> None:
        theme = self._theme()
        if theme is None:
            return
        if self.model.by_votes:
            self.ctx.bus.alert.emit("The board is sorted by votes: turn that off to reorder it.")
            return
        place = self.model.board.index(theme) + by
        if not 0 <= place < len(self.model.board):
            return
        store = self.ctx.store
        self.run("Reorder themes", lambda: themes.move_theme(store, theme, place))

    def add_votes(self, count: int, theme: str | None = None) -> None:
        theme = theme or self._theme()
        if theme is None or count == 0:
            return
        store = self.ctx.store
        text = f"{'Add' if count > 0 else 'Take away'} {abs(count)} vote{'s' * (abs(count) != 1)}"
        change = self.run(text, lambda: votes.add_votes(store, theme, count), reveal=False)
        if change is not None and change.theme is not None:
            self.ctx.bus.status.emit(f"“{change.theme.title}” has {change.theme.votes} "
                                     f"vote{'s' * (change.theme.votes != 1)}.")

    def set_votes(self, theme: str, total: int) -> None:
        """Record the difference between a typed total and the theme's votes."""
        self.add_votes(total - self.model.themes[theme].votes, theme)

    def ask_votes(self) -> None:
        theme = self._theme()
        if theme is None:
            return
        dialog = VotesDialog(self._title(theme), self.model.themes[theme].votes, self.page)
        dialog.counted.connect(lambda total: self.set_votes(theme, total))
        self._open(dialog)

    def ask_focus_areas(self) -> None:
        theme = self._theme()
        if theme is None:
            return
        current = self.model.themes[theme]
        areas = sorted((a for a in self.model.labels.areas.values() if not a.retired),
                       key=lambda a: (a.key or 99, a.name))
        suggested = {a.id: n for a, n in themes.suggest_focus_areas(self.ctx.store, theme)}
        dialog = FocusAreasDialog(current.title, areas, set(current.focus_area_ids), suggested,
                                  self.page)
        store = self.ctx.store
        dialog.chosen.connect(lambda ids: self.run(
            "Tag theme", lambda: themes.set_focus_areas(store, theme, ids)))
        self._open(dialog)

    def _link(self) -> None:
        theme = self._theme()
        if theme is not None:
            self.link_theme_requested.emit(theme)
