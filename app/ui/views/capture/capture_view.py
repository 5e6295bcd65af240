"""Live capture for one session: type, tag, Enter; the note is saved and on top of the list.

The entry has focus when the view opens. The list beneath is lazy (ids first, notes a page at
a time) and follows the store through change-sets; the agenda and the session clock sit to the
right, and fold away when the view is too narrow for both (200% text on a laptop) or when the
facilitator hides them. Focus mode (F11) gives the entry and the list the whole screen; scribe
mode floats a compact copy of the entry over a video call.

Nothing may look lost: a note saved here that the search or a filter leaves out stays pinned at
the top, marked, and the count says so; what an import or a bulk action did is said in the
status bar (which a screen reader announces) and selected in the list.
"""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QKeyEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from app.models import Note
from app.services import capture
from app.ui.buttons import action_button
from app.ui.context import AppContext
from app.ui.flow import flow_of
from app.ui.item_models.note_cards import has_criteria
from app.ui.item_models.note_model import NoteListModel
from app.ui.style import OneLineHeading, follow_text_size, name_scroll_parts, scrolled
from app.ui.views.capture.agenda_panel import AgendaPanel
from app.ui.views.capture.capture_keys import add_capture_keys, add_key
from app.ui.views.capture.capture_session import CaptureSession
from app.ui.views.capture.composer import NoteComposer
from app.ui.views.capture.filter_bar import FilterBar
from app.ui.views.capture.focus_mode import FocusMode
from app.ui.views.capture.note_list import NoteListView
from app.ui.views.capture.session_clock import Clock

IMPORT_FILTER = "Notes (*.txt *.csv *.xlsx *.vtt);;Text (*.txt);;CSV or Excel (*.csv *.xlsx);;" \
                "Meeting transcripts (*.vtt)"
# Below this many average characters of width, the agenda panel folds away by itself.
FOLD_CHARS = 130
SHORT_LINES = 24  # below this many lines of text in height, the entry shows two lines
EMPTY = "No notes yet. Type a note in the box above and press Enter to save it; Ctrl+1…9 tags " \
        "it with a focus area. Import notes… brings in notes from a file or a transcript."
NONE_MATCH = "No note matches the search or filters. Press Escape in the search to clear it, " \
             "or Clear filters."
PIN_LIMIT = 100  # imported notes pinned at most; a bigger import is told in the status bar


class CaptureView(QWidget):
    """The capture screen of one session."""

    back_requested = Signal(str)  # the session id: show its page again

    def __init__(self, ctx: AppContext, session_id: str, parent: QWidget | None = None, *,
                 now: Clock = time.time, settings: QSettings | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.session = CaptureSession(ctx, session_id, now=now, settings=settings, parent=self)
        self.setObjectName("captureView")
        self.setAccessibleName(f"Capture notes for {self.session.session.title}")
        self.title = OneLineHeading(f"Capture: {self.session.session.title}", 1.3, self)
        self.back_button = action_button(
            self, "&Back to session",
            "Show the session's details and agenda (Alt+Left)",
            self.go_back)
        self.scribe_button = action_button(
            self, "Scribe &mode",
            "A small window that stays on top of the video call (Ctrl+Shift+M)",
            self.toggle_scribe)
        self.import_button = action_button(
            self, "&Import notes…",
            "Add notes from a text, CSV or Excel file or a meeting transcript",
            self.import_notes)
        self.focus_button = action_button(
            self, "Focus mode",
            "The whole screen for the entry and the notes; F11 or Escape leaves it (F11)",
            self.toggle_focus)
        self.focus_button.setCheckable(True)
        self.side_button = action_button(
            self, "Hide agenda", "Show or hide the session clock and the agenda",
            self.toggle_side)

        self.composer = NoteComposer(self.session, self)
        self.filters = FilterBar(self.session, self)
        self.model = NoteListModel(ctx.store, session_id, self.session.labels, self,
                                   just_saved=self.session.just_saved,
                                   just_changed=self.session.just_changed)
        self.notes = NoteListView(self)
        self.notes.setModel(self.model)
        notes_label = QLabel("&Notes, newest first:", self)
        notes_label.setBuddy(self.notes)
        self.agenda = AgendaPanel(self.session, self)
        self.scribe = None
        self.focus_mode = FocusMode(self)
        self._side_wanted = True  # the facilitator's choice
        self._narrow = False  # too narrow for the panel: it folds unless asked for
        self._narrow_override = False

        self.buttons = flow_of(self, self.back_button, self.scribe_button, self.import_button,
                               self.focus_button, self.side_button)
        # The title on a line of its own, the buttons wrapping under it: beside each other at
        # 200% text, both would be cut short.
        header = QVBoxLayout()
        header.setSpacing(4)
        header.addWidget(self.title)
        header.addWidget(self.buttons)
        left = QWidget(self)
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.composer)
        column.addWidget(self.filters)
        notes_row = QHBoxLayout()
        notes_row.addWidget(notes_label)
        notes_row.addStretch(1)
        notes_row.addWidget(self.filters.count, 100, Qt.AlignmentFlag.AlignRight)
        notes_row.addWidget(self.filters.show_all_button)
        self.filters.count.setWordWrap(True)
        self.filters.count.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        column.addLayout(notes_row)
        column.addWidget(self.notes, 1)
        # A box, not a splitter: a splitter does not pass on how tall the wrapped rows (the
        # fields, the filters) need to be, and they would be squeezed into each other.
        body = QHBoxLayout()
        body.setSpacing(12)
        body.addWidget(left, 3)
        body.addWidget(self.agenda, 1)
        # On a short screen (200% text, scale factor 2) with every offer and filter open, the
        # page scrolls rather than squeezing its parts into each other.
        page = QWidget(self)
        inner = QVBoxLayout(page)
        inner.setContentsMargins(16, 10, 16, 10)
        inner.addLayout(header)
        inner.addLayout(body, 1)
        self.scroller = scrolled(page, "Capture", self)
        self.scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroller)

        self._asked = 0  # the latest filter asked for; older answers are dropped
        self._saved_since_asked: list[Note] = []
        self._connect()
        self._keys()
        self.model.load()
        self._show_count()
        self.composer.restore_draft()
        store = ctx.store
        # Read the session's notes for near-duplicate hints while the facilitator gets going;
        # if that fails, the first hint reads them instead.
        ctx.tasks.run(lambda _progress: capture.warm_near_duplicates(store, session_id),
                      _ignore, _ignore, owner=self)
        name_scroll_parts(self)
        follow_text_size(self)

    def _connect(self) -> None:
        s = self.session
        s.notes_changed.connect(self.model.apply)
        s.labels_changed.connect(lambda renamed: self.model.relabel() if renamed else None)
        s.session_gone.connect(lambda: self.setEnabled(False))
        self.model.text_edited.connect(lambda note_id, text: s.edit_text(note_id, text, self))
        for signal in (self.model.rowsInserted, self.model.rowsRemoved, self.model.modelReset):
            signal.connect(self._show_count)
        self.filters.changed.connect(lambda: self.apply_filter())
        self.filters.search.returnPressed.connect(self.filters.search_now)
        self.notes.delete_requested.connect(self.delete_selected)
        self.notes.star_requested.connect(self.star_selected)
        self.notes.leave_requested.connect(self.focus_entry)
        self.filters.leave_requested.connect(self.focus_entry)
        self.filters.show_all_requested.connect(self.show_all)
        self.notes.delegate.show_all_requested.connect(self.show_all)
        self.composer.saved.connect(self._saved)
        self.composer.saved_many.connect(self._saved_many)
        s.imported.connect(self._imported)
        self.focus_mode.toggled.connect(self._focus_changed)

    def _keys(self) -> None:
        add_capture_keys(self, self.composer, self.session, area_key=self.area_key,
                         star=self.star_key, start_or_pause=self.agenda.start_or_pause)
        add_key(self, "Search", ["Ctrl+F"], self.focus_search)
        add_key(self, "Scribe mode", ["Ctrl+Shift+M"], self.toggle_scribe)
        add_key(self, "Import notes", ["Ctrl+Shift+I"], self.import_notes)
        add_key(self, "Back to the session", ["Alt+Left"], self.go_back)
        add_key(self, "Focus mode", ["F11"], self.toggle_focus)

    # --- keys that depend on where focus is ---------------------------------------------------

    def area_key(self, key: int) -> None:
        """Ctrl+<key>: retag the selected notes when the list has focus, else the typed note."""
        if self.notes.hasFocus():
            ids = self.notes.selected_ids()
            area = self.session.labels.area_for_key(key)
            if not ids:
                self.ctx.bus.alert.emit("Select the notes to tag first.")
            elif area is None:
                self.ctx.bus.alert.emit(f"No focus area has the quick key {key}.")
            elif self.session.toggle_area(ids, area.id, self):
                self.notes.select_ids(ids)  # the result stays selected, pinned if filtered out
            return
        self.composer.toggle_key(key)

    def star_key(self) -> None:
        if self.notes.hasFocus():
            self.star_selected()
        else:
            self.composer.star.toggle()

    def star_selected(self) -> None:
        ids = self.notes.selected_ids()
        if ids and self.session.toggle_star(ids, self):
            self.notes.select_ids(ids)

    def delete_selected(self) -> None:
        ids = self.notes.selected_ids()
        if not ids:
            return
        row = self.notes.currentIndex().row()
        deleted = self.session.delete(ids, self)
        if deleted:
            self.notes.select_row(row)
            self.ctx.bus.status.emit("Deleted the note. Undo brings it back." if deleted == 1
                                     else f"Deleted {deleted} notes. Undo brings them back.")

    def focus_entry(self) -> None:
        self.composer.entry.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def focus_search(self) -> None:
        self.filters.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filters.search.selectAll()

    def go_back(self) -> None:
        self.back_requested.emit(self.session.session_id)

    # --- the list -------------------------------------------------------------------------------

    def apply_filter(self, *, again: bool = False) -> None:
        """Query the ids for the filter on a worker; the answer replaces the list."""
        where = self.filters.current()
        self._asked += 1
        if not again:
            self._saved_since_asked = []
        asked, version = self._asked, self.model.version
        store, session_id = self.ctx.store, self.session.session_id
        self.ctx.tasks.run(lambda _progress: capture.note_ids(store, session_id, where),
                           lambda ids: self._filtered(asked, version, where, ids),
                           lambda err: self.ctx.bus.alert.emit(f"The search failed: {err}"),
                           owner=self)

    def _filtered(self, asked: int, version: int, where: capture.NoteFilter,
                  ids: list[str]) -> None:
        if asked != self._asked:
            return
        if version != self.model.version:
            self.apply_filter(again=True)  # notes changed while the query ran: ask again
            return
        self.model.show_ids(ids, where)
        # Saved while this filter was being asked for: pinned like any other just-saved note.
        self.model.reveal(self._saved_since_asked)

    def _show_count(self) -> None:
        filtered = has_criteria(self.model.where)
        self.filters.show_count(self.model.total(), filtered, len(self.model.pinned()))
        self.notes.set_empty_text(NONE_MATCH if filtered else EMPTY)

    def show_all(self) -> None:
        """Clear the search and the filters: every note, the pinned ones in their places."""
        self.filters.clear_all()

    def _saved(self, note: Note) -> None:
        self._saved_since_asked.append(note)
        if note.id in self.model.pinned():
            self.ctx.bus.status.emit("Saved; hidden by the current filter, so pinned on top.")

    def _saved_many(self, notes: list[Note]) -> None:
        self._saved_since_asked.extend(notes)
        self.notes.select_ids([n.id for n in notes])

    def _imported(self, notes: list[Note]) -> None:
        """Select what an import added; what the filter leaves out is pinned, not lost."""
        self._saved_since_asked.extend(notes[:PIN_LIMIT])
        shown = set(self.model.ids())
        hidden = sum(1 for n in notes if n.id not in shown)
        self.model.reveal(notes[:PIN_LIMIT])
        self.notes.select_ids([n.id for n in notes])
        if hidden:
            self.ctx.bus.status.emit(
                f"Added {len(notes):,} notes; {hidden:,} of them are hidden by the current "
                "filter. Show all (Alt+A) shows every note.")

    def busy(self) -> bool:
        """Work still under way in the background (tests wait for it)."""
        scribe_busy = self.scribe is not None and self.scribe.composer.busy()
        return self.ctx.tasks.busy(self) or self.composer.busy() or scribe_busy

    # --- scribe mode and import -----------------------------------------------------------------

    def toggle_scribe(self) -> None:
        from app.ui.views.capture.scribe_window import ScribeWindow

        if self.scribe is None:
            self.scribe = ScribeWindow(self.session, self)
            self.scribe.closed.connect(self._scribe_closed)
        if self.scribe.isVisible():
            self.scribe.close()
            return
        self.composer.hand_to(self.scribe.composer)
        self.scribe.show_near(self)

    def _scribe_closed(self) -> None:
        assert self.scribe is not None
        self.scribe.composer.hand_to(self.composer)
        self.window().activateWindow()
        self.focus_entry()

    # --- focus mode and the side panel --------------------------------------------------------

    def toggle_focus(self) -> None:
        self.focus_mode.toggle()

    def _focus_changed(self, on: bool) -> None:
        self.focus_button.setChecked(on)
        self.focus_button.setText("Leave focus mode" if on else "Focus mode")
        self.focus_button.setAccessibleName(self.focus_button.text())
        # As large as possible: the title and the way back are not needed while capturing.
        self.title.setVisible(not on)
        self.back_button.setVisible(not on)
        self.ctx.bus.status.emit("Focus mode: F11 or Escape leaves it." if on
                                 else "Left focus mode.")
        QTimer.singleShot(0, self._fold)

    def toggle_side(self) -> None:
        """Hide or show the clock and agenda panel (also when the view is narrow)."""
        showing = not self.agenda.isHidden()
        self._side_wanted = not showing
        self._narrow_override = not showing and self._narrow
        self._fold()

    def side_shown(self) -> bool:
        return not self.agenda.isHidden()

    def _fold(self) -> None:
        """The agenda panel folds away when the view is too narrow for it beside the notes."""
        chars = self.width() / max(1, self.fontMetrics().averageCharWidth())
        self._narrow = chars < FOLD_CHARS
        if not self._narrow:
            self._narrow_override = False
        shown = self._side_wanted and (not self._narrow or self._narrow_override)
        self.agenda.setVisible(shown)
        self.side_button.setText("Hide agenda" if shown else "Show agenda")
        self.side_button.setAccessibleName(self.side_button.text())
        # The entry gives up a line on a short screen (200% text, scale factor 2), and takes
        # one more in focus mode when there is room.
        lines = self.height() / max(1, self.fontMetrics().lineSpacing())
        self.composer.set_lines(2 if lines < SHORT_LINES else
                                4 if self.focus_mode.active() and lines > 2 * SHORT_LINES else 3)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fold()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Escape that no field used (the entry, a button) leaves focus mode.
        if event.key() == Qt.Key.Key_Escape and self.focus_mode.active():
            self.focus_mode.leave()
            return
        super().keyPressEvent(event)

    def import_notes(self, path: Path | None = None) -> None:
        """Choose a file; it is read on the task manager, then the import dialog opens."""
        from app.ui.views.capture.import_dialog import ImportDialog

        if path is None:
            chosen, _ = QFileDialog.getOpenFileName(self, "Import notes", "", IMPORT_FILTER)
            if not chosen:
                return
            path = Path(chosen)
        dialog = ImportDialog(self.session, self)
        dialog.loaded.connect(lambda: self._open_import(dialog))
        dialog.load(path)

    def _open_import(self, dialog: QWidget) -> None:
        self.import_dialog = dialog
        dialog.fit()  # type: ignore[attr-defined]
        dialog.finished.connect(dialog.deleteLater)  # type: ignore[attr-defined]
        dialog.open()  # type: ignore[attr-defined]

    # --- showing and closing --------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        QTimer.singleShot(0, self.focus_entry)

    def hideEvent(self, event: QHideEvent) -> None:
        # Leaving capture (or closing the app) keeps what is typed, durably, first.
        self.composer.close_down()
        if self.scribe is not None:
            self.scribe.composer.close_down()
        self.focus_mode.leave()
        super().hideEvent(event)

    def refit(self) -> None:
        self.composer.refit()
        self.notes.refit()
        self.agenda.refit()
        self._fold()
        if self.scribe is not None:
            self.scribe.refit()


def _ignore(_outcome: object) -> None:
    """Warming the near-duplicate cache is a head start, not a result."""
