"""Suggest themes: clusters proposed for the session's notes in the tray, each with the words
its notes share, accepted one at a time or all at once.

Nothing changes until a suggestion is accepted. Accepting one is one board operation and one
undo step (`push_board`); accepting all shown is one step too (a macro of one board step per
theme). Suggestions are computed on the task manager, since a tray of 2,000 notes takes a
noticeable moment, and again whenever the tray changes (an accept, an undo, another window),
so what is shown is always what the tray holds now. A title edited before accepting is kept
while the same suggestion is shown.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.models import CairnError, Changes
from app.services.sensemaking.suggestions import Suggestion, accept_suggestion
from app.ui.buttons import PRIMARY, action_button
from app.ui.commands import BoardCommand, push_board
from app.ui.context import AppContext, show_refusal
from app.ui.dialogs.parts import fit_dialog, hint
from app.ui.flow import flow_of
from app.ui.style import Heading, scrolled
from app.ui.views.board.suggestions_found import Found, find_suggestions, marked_html

TITLE_MAX = 300  # a theme's title, as the Theme model allows
NARROW_CHARS = 90  # narrower than this many characters, the chosen one goes under the list


def _key(suggestion: Suggestion) -> frozenset[str]:
    return frozenset(suggestion.note_ids)


class SuggestionsDialog(QDialog):
    """"Suggest themes" for one session: the list of suggestions, and the one chosen with its
    editable title, its shared words and its notes (those words marked)."""

    refreshed = Signal()  # the suggestions shown are those of the tray now

    def __init__(self, ctx: AppContext, session_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.session_id = ctx, session_id
        self.found = Found([], {}, 0)
        self.ready = False  # False while suggestions are being computed
        self._titles: dict[frozenset[str], str] = {}  # titles edited, by the suggestion's notes
        self._asked = 0  # the latest computation; older ones' results are dropped
        self._keep_row = 0
        self._stale = False
        self.setWindowTitle("Suggest themes")
        self.setAccessibleName("Suggest themes")
        heading = Heading("Suggest themes", 1.3, self)
        self.summary = QLabel("Finding suggestions…", self)
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("What was found")

        self.list = QListWidget(self)
        self.list.setAccessibleName("Suggested themes")
        self.list.setWordWrap(True)
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.list.setTextElideMode(Qt.TextElideMode.ElideNone)  # wrapped, never cut short
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Entries told apart by shading: spacing would draw them shorter than measured, cut.
        self.list.setAlternatingRowColors(True)
        list_label = QLabel("&Suggestions:", self)
        list_label.setBuddy(self.list)
        self.title_edit = QLineEdit(self)
        self.title_edit.setMaxLength(TITLE_MAX)
        self.title_edit.setAccessibleName("Title of the theme")
        self.title_edit.setToolTip("The theme's title; change it before accepting if you like.")
        title_label = QLabel("&Title of the theme:", self)
        title_label.setBuddy(self.title_edit)
        self.words_label = QLabel(self)
        self.words_label.setWordWrap(True)
        self.words_label.setTextFormat(Qt.TextFormat.RichText)
        self.notes_view = QTextBrowser(self)
        self.notes_view.setAccessibleName("Notes of the suggested theme")
        self.notes_view.setAccessibleDescription("The words they share are bold and underlined.")
        self.notes_view.setTabChangesFocus(True)
        self.notes_view.setOpenLinks(False)
        notes_label = QLabel("&Notes, with the shared words marked:", self)
        notes_label.setBuddy(self.notes_view)

        detail = QVBoxLayout()
        detail.setContentsMargins(0, 0, 0, 0)
        detail.addWidget(title_label)
        detail.addWidget(self.title_edit)
        detail.addWidget(self.words_label)
        detail.addWidget(notes_label)
        detail.addWidget(self.notes_view, 1)
        chooser = QVBoxLayout()
        chooser.setContentsMargins(0, 0, 0, 0)
        chooser.addWidget(list_label)
        chooser.addWidget(self.list, 1)
        content = QWidget(self)
        self.columns = QBoxLayout(QBoxLayout.Direction.LeftToRight, content)
        self.columns.setContentsMargins(0, 0, 0, 0)
        self.columns.addLayout(chooser, 2)
        self.columns.addLayout(detail, 3)
        self.empty = QLabel(self)
        self.empty.setObjectName("emptyState")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget(self)
        # On a small screen with large text the parts keep their height and the page scrolls.
        area = scrolled(content, "Suggestions and the chosen one", self)
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.stack.addWidget(area)
        self.stack.addWidget(self.empty)

        self.accept_button = action_button(
            self, "&Accept", "Make this suggestion a theme on the board (Enter); undo takes it "
            "back.", self.accept_current, icon="add", emphasis=PRIMARY)
        self.accept_all_button = action_button(
            self, "Accept a&ll shown", "Make every suggestion shown a theme, as one step to "
            "undo.", self.accept_all)
        self.close_button = action_button(self, "&Close", "Close without accepting anything "
                                          "more (Esc).", self.reject)
        for button in (self.accept_all_button, self.close_button):
            button.setAutoDefault(False)
        self.accept_button.setDefault(True)
        self.note = hint("Nothing changes on the board until you accept a suggestion; edit its "
                         "title first if you like.", self)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.summary)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.note)
        layout.addWidget(flow_of(self, self.accept_button, self.accept_all_button,
                                 self.close_button))
        self.setTabOrder(self.list, self.title_edit)
        self.setTabOrder(self.title_edit, self.notes_view)
        self.setTabOrder(self.notes_view, self.accept_button)
        self.setTabOrder(self.accept_button, self.accept_all_button)
        self.setTabOrder(self.accept_all_button, self.close_button)
        self._add_undo_keys()

        self.list.currentRowChanged.connect(self._show)
        self.title_edit.textEdited.connect(self._title_edited)
        self._later = QTimer(self)
        self._later.setSingleShot(True)
        self._later.setInterval(0)
        self._later.timeout.connect(self.recompute)
        ctx.bus.changed.connect(self._changed)
        self._set_heights()
        fit_dialog(self, 110, 30)
        self._set_busy()
        self.recompute()

    # --- computing -----------------------------------------------------------------------------

    def recompute(self) -> None:
        """Find the suggestions for the tray as it is now, off the window's thread."""
        self._asked += 1
        asked = self._asked
        self._set_busy()
        store, session_id = self.ctx.store, self.session_id
        self.ctx.tasks.run(lambda _progress: find_suggestions(store, session_id),
                           lambda found: self._found(asked, found),
                           lambda error: self._failed(asked, error), owner=self)

    def _changed(self, changes: Changes) -> None:
        if changes.touches("note") or changes.touches("theme"):
            if self.isVisible():
                self._later.start()
            else:
                self._stale = True  # computed again when shown, not while nobody looks

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.recompute()

    def _set_busy(self) -> None:
        self.ready = False
        self.summary.setText("Finding suggestions for the notes in the tray…")
        for button in (self.accept_button, self.accept_all_button):
            button.setEnabled(False)

    def _failed(self, asked: int, error: BaseException) -> None:
        if asked != self._asked:
            return
        if not isinstance(error, CairnError):
            self.ctx.tasks.handle_error(error, self)
            return
        self.found = Found([], {}, 0)
        self._show_empty(str(error))

    def _found(self, asked: int, found: Found) -> None:
        if asked != self._asked:
            return  # the tray changed again meanwhile; a newer answer is on its way
        self.found = found
        count = len(found.suggestions)
        if found.tray == 0:
            self._show_empty("There are no notes in the tray: every note of this session is "
                             "in a theme. Notes moved back to the tray, or captured later, "
                             "can be suggested here.")
        elif count == 0:
            self._show_empty(f"No notes in the tray are alike enough to suggest a theme "
                             f"({_notes(found.tray)} compared). Cluster them by hand on the "
                             f"board.")
        else:
            self.summary.setText(
                f"{count} suggested theme{'s' if count != 1 else ''} for the "
                f"{_notes(found.tray)} in the tray, each of notes sharing the words shown.")
            self._fill()
        self.ready = True
        self.refreshed.emit()

    def _show_empty(self, sentence: str) -> None:
        self.list.clear()
        self.summary.setText("Nothing to suggest.")
        self.empty.setText(sentence)
        self.empty.setAccessibleName(sentence)
        self.stack.setCurrentWidget(self.empty)
        self._offer(False)
        self.close_button.setDefault(True)
        self.close_button.setFocus()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # Side by side where there is room; the chosen one under the list where there is not.
        narrow = self.width() < self.fontMetrics().averageCharWidth() * NARROW_CHARS
        self.columns.setDirection(QBoxLayout.Direction.TopToBottom if narrow
                                  else QBoxLayout.Direction.LeftToRight)

    def _set_heights(self) -> None:
        """Room for a few suggestions and a few notes, however small the window."""
        lines = self.fontMetrics().lineSpacing()
        self.list.setMinimumHeight(lines * 6)
        self.notes_view.setMinimumHeight(lines * 4)

    def _offer(self, shown: bool) -> None:
        """Show the accept buttons and the hint only while there is something to accept."""
        for part in (self.accept_button, self.accept_all_button, self.note):
            part.setVisible(shown)

    def _fill(self) -> None:
        keep = {_key(s) for s in self.found.suggestions}
        self._titles = {k: v for k, v in self._titles.items() if k in keep}
        had_focus = self.list.hasFocus() or not self.isVisible()
        self.list.blockSignals(True)
        self.list.clear()
        for suggestion in self.found.suggestions:
            item = QListWidgetItem(self.list)
            self._label(item, suggestion)
        self.list.blockSignals(False)
        self.stack.setCurrentIndex(0)
        self._offer(True)
        self.accept_button.setEnabled(True)
        self.accept_all_button.setEnabled(True)
        self.accept_button.setDefault(True)
        row = min(self._keep_row, self.list.count() - 1)
        self.list.setCurrentRow(row)
        self._show(row)
        if had_focus or self.close_button.hasFocus() or not self.focusWidget():
            self.list.setFocus()

    def _label(self, item: QListWidgetItem, suggestion: Suggestion) -> None:
        title = self.title_of(suggestion)
        shared = ", ".join(suggestion.shared_words)
        count = _notes(len(suggestion.note_ids))
        item.setText(f"{title}\n{count} · sharing {shared}")
        item.setData(Qt.ItemDataRole.AccessibleTextRole,
                     f"{title}: {count}, sharing the words {shared}")

    # --- the chosen suggestion -----------------------------------------------------------------

    def current(self) -> Suggestion | None:
        row = self.list.currentRow()
        found = self.found.suggestions
        return found[row] if self.ready and 0 <= row < len(found) else None

    def title_of(self, suggestion: Suggestion) -> str:
        """The title it will be accepted with: the one typed, else the suggested one."""
        return self._titles.get(_key(suggestion), "").strip() or suggestion.title

    def _show(self, row: int) -> None:
        found = self.found.suggestions
        if not 0 <= row < len(found):
            self.title_edit.clear()
            self.words_label.clear()
            self.notes_view.clear()
            return
        suggestion = found[row]
        self.title_edit.setText(self._titles.get(_key(suggestion), suggestion.title))
        words = ", ".join(f"<b>{html.escape(w)}</b>" for w in suggestion.shared_words)
        self.words_label.setText(f"Shared words: {words}")
        self.words_label.setAccessibleName(
            f"Shared words: {', '.join(suggestion.shared_words)}")
        shared = set(suggestion.shared_words)
        items = "".join(f"<li>{marked_html(self.found.texts.get(n, ''), shared)}</li>"
                        for n in suggestion.note_ids)
        self.notes_view.setHtml(f"<ul>{items}</ul>")

    def _title_edited(self, text: str) -> None:
        suggestion = self.current()
        if suggestion is None:
            return
        self._titles[_key(suggestion)] = text
        item = self.list.item(self.list.currentRow())
        if item is not None:
            self._label(item, suggestion)

    # --- accepting -----------------------------------------------------------------------------

    def accept_current(self) -> None:
        """Make the chosen suggestion a theme: one undo step. A refusal (a note has left the
        tray since) is shown, and the suggestions are computed again."""
        suggestion = self.current()
        if suggestion is None:
            return
        title = self.title_of(suggestion)
        store, session_id = self.ctx.store, self.session_id
        self._keep_row = self.list.currentRow()
        change = push_board(self.ctx, self, f"Accept the suggested theme “{title}”",
                            lambda: accept_suggestion(store, session_id, suggestion, title=title))
        if change is None:
            self.recompute()
            return
        self.ctx.bus.status.emit(f"Made the theme “{title}” of "
                                 f"{_notes(len(suggestion.note_ids))}.")

    def accept_all(self) -> None:
        """Make every suggestion shown a theme, as one undo step; stops at a refusal, keeping
        (and leaving undoable) those already made."""
        shown = list(self.found.suggestions) if self.ready else []
        if not shown:
            return
        stack, made, refusal = self.ctx.undo_stack, 0, ""
        total = Changes()
        for suggestion in shown:
            title = self.title_of(suggestion)
            try:
                change, changes = accept_suggestion(self.ctx.store, self.session_id, suggestion,
                                                    title=title)
            except CairnError as err:
                refusal = str(err)
                break
            if made == 0:
                stack.beginMacro("Accept the suggested themes")
            stack.push(BoardCommand(self.ctx, f"Accept the suggested theme “{title}”",
                                    change.undo))
            total, made = total | changes, made + 1
        if made:
            stack.endMacro()
            stack.command(stack.count() - 1).setText(
                f"Accept {made} suggested theme{'s' if made != 1 else ''}")
            self._keep_row = 0
            self.ctx.announce(total)
            self.ctx.bus.status.emit(f"Made {made} theme{'s' if made != 1 else ''} from the "
                                     f"suggestions.")
        if refusal:
            show_refusal(self, refusal)
            self.recompute()

    def _add_undo_keys(self) -> None:
        # A dialog is a window of its own: the main window's Undo and Redo keys do not reach it.
        for action, key in ((self.ctx.undo_stack.createUndoAction(self, "&Undo"),
                             QKeySequence.StandardKey.Undo),
                            (self.ctx.undo_stack.createRedoAction(self, "&Redo"),
                             QKeySequence.StandardKey.Redo)):
            action.setShortcuts(QKeySequence.keyBindings(key))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            self.addAction(action)


def _notes(count: int) -> str:
    return f"{count} note{'s' if count != 1 else ''}"
