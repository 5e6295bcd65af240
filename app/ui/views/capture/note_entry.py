"""The box a note is typed into: Enter saves, Shift+Enter adds a line, `#` and `@` complete.

Completion follows Qt's "Custom Completer" example: the popup offers focus-area slugs and free
tags after `#`, and the session's speakers after a leading `@`; Tab or Enter takes the
highlighted (or first) suggestion, Escape closes it, and typing goes on regardless.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QEvent, QMimeData, QModelIndex, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QKeySequence, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QPlainTextEdit, QWidget

WORD_ROLE = Qt.ItemDataRole.UserRole + 1
# `#` starts a tag after a space or an opening bracket, never inside a word ("page#top").
_TAG_TYPED = re.compile(r"(?:^|(?<=[\s(\[,;]))#([\w-]*)$")
# `@` names the speaker only at the very start (after an optional `/kind`).
_SPEAKER_TYPED = re.compile(r"^\s*(?:/[A-Za-z][\w-]*\s+)?@([^:#@\n]*)$")


class NoteEntry(QPlainTextEdit):
    """A multi-line note entry with tag and speaker completion."""

    submitted = Signal()
    lines_pasted = Signal(int)  # how many non-blank lines a paste brought in
    left = Signal()  # focus moved away: a moment to keep the draft

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setAccessibleName("Note")
        self.setAccessibleDescription(
            "Type a note and press Enter to save it; Shift+Enter adds a line. #word tags it, "
            "@Name: at the start names the speaker, /kind sets its kind, Ctrl+1 to 9 toggle "
            "the focus areas.")
        self.setPlaceholderText("Type what you hear, then Enter.   #tag   @Name:   /kind   "
                                "Ctrl+1…9 focus areas")
        self.tag_source: Callable[[], list[tuple[str, str]]] = list
        self.speaker_source: Callable[[], list[str]] = list
        self._words = QStandardItemModel(self)
        self.completer = QCompleter(self._words, self)
        self.completer.setWidget(self)
        self.completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setCompletionRole(WORD_ROLE)
        self.completer.setMaxVisibleItems(8)
        self.completer.popup().setAccessibleName("Suggestions")
        self.completer.activated[QModelIndex].connect(self.complete_with)
        self._token: tuple[str, int] | None = None  # ("#" or "@", where the word starts)

    # --- keys ----------------------------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        # With nothing of its own to undo (say, just after a save), Ctrl+Z undoes the last
        # capture action instead of being swallowed by the empty box.
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            document = self.document()
            if (event.matches(QKeySequence.StandardKey.Undo) and not document.isUndoAvailable()) \
                    or (event.matches(QKeySequence.StandardKey.Redo)
                        and not document.isRedoAvailable()):
                event.ignore()
                return True
        # Tab normally moves on (tabChangesFocus); with suggestions open it takes one instead.
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) \
                and event.key() == Qt.Key.Key_Tab and self.completer.popup().isVisible():
            self.keyPressEvent(event)
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        popup = self.completer.popup()
        if popup.isVisible():
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab):
                index = popup.currentIndex()
                if not index.isValid():
                    index = self.completer.completionModel().index(0, 0)
                typed = self.completer.completionPrefix().casefold()
                if key == Qt.Key.Key_Tab or str(index.data(WORD_ROLE)).casefold() != typed:
                    self.complete_with(index)
                    return
                # "#trust" typed in full, then Enter: that is a save, not a completion.
                popup.hide()
            if key == Qt.Key.Key_Escape:
                popup.hide()
                return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                self.textCursor().insertText("\n")
            else:
                self.submitted.emit()
            return
        super().keyPressEvent(event)
        if event.text() or key in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete):
            self.update_completion()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        if not self.completer.popup().isVisible():
            self.left.emit()

    def insertFromMimeData(self, source: QMimeData) -> None:
        text = source.text() if source.hasText() else ""
        super().insertFromMimeData(source)
        lines = [line for line in text.splitlines() if line.strip()]
        if len(lines) > 1:
            self.lines_pasted.emit(len(lines))

    # --- completion ----------------------------------------------------------------------------

    def update_completion(self) -> None:
        """Offer tags after `#`, speakers after a leading `@`; hide the popup otherwise."""
        cursor = self.textCursor()
        before = cursor.block().text()[:cursor.positionInBlock()]
        tag = _TAG_TYPED.search(before)
        speaker = _SPEAKER_TYPED.match(before) if cursor.blockNumber() == 0 else None
        popup = self.completer.popup()
        if tag is None and speaker is None:
            self._token = None
            popup.hide()
            return
        found = tag or speaker
        assert found is not None
        token = ("#" if tag else "@", cursor.block().position() + found.start(1) - 1)
        if token != self._token:
            self._fill(token[0])  # a new word: the tags or speakers may have grown since
        self._token = token
        self.completer.setCompletionPrefix(found.group(1))
        if self.completer.completionCount() == 0:
            popup.hide()
            return
        popup.setCurrentIndex(self.completer.completionModel().index(0, 0))
        rect = self.cursorRect()
        rect.setWidth(popup.sizeHintForColumn(0) + popup.verticalScrollBar().sizeHint().width()
                      + 24)
        self.completer.complete(rect)

    def _fill(self, kind: str) -> None:
        self._words.clear()
        if kind == "#":
            for word, meaning in self.tag_source():
                item = QStandardItem(f"#{word}   {meaning}" if meaning else f"#{word}")
                item.setData(word, WORD_ROLE)
                self._words.appendRow(item)
        else:
            for name in self.speaker_source():
                item = QStandardItem(name)
                item.setData(name, WORD_ROLE)
                self._words.appendRow(item)

    def complete_with(self, index: QModelIndex) -> None:
        """Put the chosen tag or speaker in place of the word being typed."""
        self.completer.popup().hide()
        if self._token is None or not index.isValid():
            return
        kind, start = self._token
        word = index.data(WORD_ROLE)
        cursor = self.textCursor()
        cursor.setPosition(start, cursor.MoveMode.KeepAnchor)
        cursor.insertText(f"#{word} " if kind == "#" else f"@{word}: ")
        self.setTextCursor(cursor)
        self._token = None
