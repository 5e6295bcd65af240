"""Where a note is written: the entry, the chips it will be saved with, its kind and star.

Under the entry sit, only when needed, a problem sentence, the near-duplicate hint, the
offer to split a multi-line paste into notes, and (once) the offer to reopen a session that is
marked done. The capture view and scribe mode each have one;
both save through the same CaptureSession.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from app.models import InvalidInput, Note, NoteDraft, NoteKind
from app.services import capture
from app.ui.flow import flow_of
from app.ui.item_models.note_cards import Chip, speaker_chip
from app.ui.views.capture.capture_session import CaptureSession
from app.ui.views.capture.chips import ChipStrip
from app.ui.views.capture.draft_keeper import DraftKeeper
from app.ui.views.capture.duplicate_hint import DuplicateHint
from app.ui.views.capture.note_entry import NoteEntry
from app.ui.views.capture.offer_bar import OfferBar

KINDS = list(NoteKind)


class NoteComposer(QWidget):
    """Types, tags and saves one note at a time."""

    saved = Signal(object)  # the Note, once committed
    saved_many = Signal(list)  # the Notes of a paste saved as separate notes

    def __init__(self, session: CaptureSession, parent: QWidget | None = None, *,
                 lines: int = 3, scale: float = 1.4) -> None:
        super().__init__(parent)
        self.session = session
        self._lines, self._scale = lines, scale
        self.toggled: list[str] = []  # focus area ids switched on with Ctrl+1..9
        self.entry = NoteEntry(self)
        self.entry.tag_source = session.tag_words
        self.entry.speaker_source = session.speakers
        self.chips = ChipStrip("No tags yet: Ctrl+1…9 for a focus area, or type #tag", self)
        self.kind = QComboBox(self)
        for number, kind in enumerate(KINDS, 1):
            self.kind.addItem(f"{kind.label} (Alt+{number})", kind.value)
        self.kind.setAccessibleName("Kind of note")
        # As wide as a short kind, not the longest: the popup still shows every name whole.
        self.kind.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.kind.setMinimumContentsLength(14)
        kind_label = QLabel("&Kind:", self)
        kind_label.setBuddy(self.kind)
        self.star = QCheckBox("Starred (Ctrl+D)", self)
        self.star.setAccessibleName("Star this note")
        self.problem = QLabel(self)
        self.problem.setObjectName("error")
        self.problem.setWordWrap(True)
        self.problem.hide()
        self.hint = DuplicateHint(session.store, session.session_id, self.entry.toPlainText,
                                  session.ctx.tasks, self)
        self.hint.link_requested.connect(self.link_instead)
        self.paste_offer = PasteOffer(self)
        self.paste_offer.split.connect(self.save_lines)
        self.reopen_offer = ReopenOffer(self)
        self.reopen_offer.reopen.connect(self._reopen)
        self.drafts = DraftKeeper(session.store, session.session_id, self.entry.toPlainText,
                                  session.ctx.tasks, self)
        self.drafts.failed.connect(session.ctx.bus.alert.emit)

        self.kind_label = kind_label
        self.label = QLabel("&Type a note:", self)
        self.label.setBuddy(self.entry)
        # Kind and star share the label's line, so the chips below get the whole width; in a
        # narrow window (200% text, scale factor 2) they wrap under it instead of widening it.
        self.kind_pair = kind_pair = QWidget(self)
        pair = QHBoxLayout(kind_pair)
        pair.setContentsMargins(12, 0, 0, 0)
        pair.addWidget(kind_label)
        pair.addWidget(self.kind)
        self.fields = flow_of(self, self.label, kind_pair, self.star)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.fields)
        layout.addWidget(self.entry)
        layout.addWidget(self.chips)
        layout.addWidget(self.problem)
        layout.addWidget(self.hint)
        layout.addWidget(self.paste_offer)
        layout.addWidget(self.reopen_offer)

        self.entry.submitted.connect(self.save)
        self.entry.textChanged.connect(self._typed)
        self.entry.left.connect(self.drafts.save_soon)
        # Offer to split what the entry holds now, typed lines before the paste included.
        self.entry.lines_pasted.connect(lambda _: self.paste_offer.offer(len(self._typed_lines())))
        self.kind.currentIndexChanged.connect(lambda _: self.update_chips())
        self.star.toggled.connect(lambda _: self.update_chips())
        session.labels_changed.connect(lambda _: self.update_chips())
        self.refit()

    # --- what is typed -----------------------------------------------------------------------

    def text(self) -> str:
        return self.entry.toPlainText()

    def set_text(self, text: str) -> None:
        self.entry.setPlainText(text)
        self.entry.moveCursor(self.entry.textCursor().MoveOperation.End)

    def restore_draft(self) -> bool:
        """Put back the note that was being typed when the app last closed or crashed."""
        text = self.drafts.load()
        if not text.strip() or self.text().strip():
            return False
        if self._already_saved(text):
            self.drafts.clear()
            return False
        self.set_text(text)
        self.session.ctx.bus.status.emit("Restored the note you were typing")
        return True

    def _already_saved(self, text: str) -> bool:
        """A crash between saving a note and forgetting its draft leaves that note as the draft."""
        try:
            typed = self.session.parse(text).text
        except InvalidInput:
            return False
        return typed == capture.newest_text(self.session.store, self.session.session_id)

    def toggle_key(self, key: int) -> bool:
        """Ctrl+<key>: the focus area with that quick key on or off for this note."""
        area = self.session.labels.area_for_key(key)
        if area is None:
            self.session.ctx.bus.alert.emit(f"No focus area has the quick key {key}.")
            return False
        name = self.session.labels.area_chip(area.id).text
        if area.id in self.toggled:
            self.toggled.remove(area.id)
            said = f"Took {name} off the note being typed."
        else:
            self.toggled.append(area.id)
            said = f"The note being typed is tagged {name}."
        self.update_chips()
        self.session.ctx.bus.status.emit(said)
        return True

    def set_kind_key(self, number: int) -> None:
        """Alt+<number>: the kind in that place of the list (1 insight … 9 inequality)."""
        if 1 <= number <= len(KINDS):
            self.kind.setCurrentIndex(number - 1)

    def current_kind(self) -> NoteKind:
        return NoteKind(self.kind.currentData())

    def draft(self, text: str | None = None) -> NoteDraft | None:
        """The note as it would be saved, or None with the reason shown under the entry.

        Read by the one parser of typed notes (`capture.draft_from_text`), as pasted lines,
        imports and `cairn capture` are; the chips toggled and the kind chosen add to it.
        """
        chosen = self.current_kind()
        try:
            draft = capture.draft_from_text(
                self.text() if text is None else text,
                kind=chosen if chosen != NoteKind.INSIGHT else None,
                focus_area_ids=tuple(self.toggled), starred=self.star.isChecked())
        except InvalidInput as err:
            self._show_problem(str(err))
            return None
        if not draft.text.strip():
            self._show_problem("Type the note itself after the speaker or the kind.")
            return None
        self._show_problem("")
        return draft

    def update_chips(self) -> None:
        try:
            parsed = self.session.parse(self.text())
        except InvalidInput as err:
            self._show_problem(str(err))
            return
        self._show_problem("")
        labels = self.session.labels
        areas = dict.fromkeys([*self.toggled, *parsed.focus_area_ids])
        chips = [labels.area_chip(a) for a in areas]
        chips += [Chip(f"#{t}") for t in parsed.tag_names]
        speaker = parsed.speaker_label or labels.people.get(parsed.speaker_participant_id or "", "")
        if speaker:
            chips.append(speaker_chip(speaker))
        kind = parsed.kind or self.current_kind()
        if kind != NoteKind.INSIGHT:
            chips.append(Chip(f"Kind: {kind.label}"))
        if self.star.isChecked():
            chips.append(Chip("★ Starred"))
        self.chips.set_chips(tuple(chips))

    # --- saving ----------------------------------------------------------------------------

    def save(self) -> Note | None:
        """Enter: commit the note, then clear the entry for the next one."""
        if not self.text().strip():
            return None
        draft = self.draft()
        if draft is None:
            return None
        note = self.session.save(draft, self)
        if note is not None:
            self._start_next()
            self._offer_reopen()
            self.saved.emit(note)
        return note

    def save_lines(self) -> int:
        """The pasted lines as separate notes, each read for its own tags, in one undo step."""
        lines = self._typed_lines()
        drafts = [self.draft(line) for line in lines]
        if not lines or any(d is None for d in drafts):
            return 0
        saved = self.session.save_many([d for d in drafts if d is not None], self,
                                        f"Add {len(lines)} pasted notes")
        if saved:
            self._start_next()
            self.session.ctx.bus.status.emit(f"Added {len(saved)} notes.")
            self._offer_reopen()
            self.saved_many.emit(saved)
        return len(saved)

    def _offer_reopen(self) -> None:
        if self.session.ask_to_reopen():
            self.reopen_offer.offer(self.session.session.title)

    def _reopen(self) -> None:
        self.reopen_offer.hide()
        self.session.reopen(self)
        self.entry.setFocus(Qt.FocusReason.OtherFocusReason)

    def link_instead(self, note_id: str) -> None:
        draft = self.draft()
        if draft is None:
            return
        if self.session.link_into(note_id, draft.focus_area_ids, draft.tags, self):
            self._start_next()
            self.session.ctx.bus.status.emit("Added the tags to the earlier note and starred "
                                             "it; no second note was saved.")

    def hand_to(self, other: NoteComposer) -> None:
        """Scribe mode on or off: the note being typed moves to the other entry, draft and all."""
        other.drafts.enabled = True
        other.toggled = list(self.toggled)
        other.kind.setCurrentIndex(self.kind.currentIndex())
        other.star.setChecked(self.star.isChecked())
        other.set_text(self.text())
        other.update_chips()
        self.drafts.enabled = False
        self._empty()

    def _start_next(self) -> None:
        self._empty()
        self.drafts.clear()
        self.entry.setFocus(Qt.FocusReason.OtherFocusReason)

    def _empty(self) -> None:
        """An empty entry with nothing toggled, ready for the next note."""
        self.entry.clear()
        self.toggled.clear()
        self.kind.setCurrentIndex(0)
        self.star.setChecked(False)
        self.hint.clear()
        self.paste_offer.hide()
        self.update_chips()

    def _typed_lines(self) -> list[str]:
        return [line for line in self.text().splitlines() if line.strip()]

    def _typed(self) -> None:
        self.update_chips()
        self.drafts.typed()
        self.hint.typed()
        if not self.text().strip():
            self.paste_offer.hide()

    def _show_problem(self, sentence: str) -> None:
        self.problem.setText(sentence)
        self.problem.setVisible(bool(sentence))

    def close_down(self) -> None:
        """The view is closing: keep what is typed, durably, before it goes."""
        self.drafts.save_and_wait()

    def busy(self) -> bool:
        return self.drafts.busy() or self.hint.busy()

    def compact(self) -> None:
        """For scribe mode: no label line; kind and star come from their keys and show as
        chips, and the entry's name says what it is."""
        self.fields.hide()
        self.chips.set_empty_text("No tags yet: Ctrl+1…9 or #tag")
        self.entry.setAccessibleName("Type a note")
        self.entry.setPlaceholderText("Type a note, Enter saves it")

    def set_lines(self, lines: int) -> None:
        """How many lines of note the entry shows (more in focus mode, fewer when short)."""
        if lines != self._lines:
            self._lines = lines
            self.refit()

    def refit(self) -> None:
        """Large type in the entry, read from the back of a room; it follows the text size."""
        font = QFont(QApplication.font())
        font.setPointSizeF(font.pointSizeF() * self._scale)
        self.entry.setFont(font)
        self.entry.completer.popup().setFont(font)
        metrics = QFontMetrics(font)
        self.entry.setFixedHeight(metrics.lineSpacing() * self._lines + 16)


class PasteOffer(OfferBar):
    """'You pasted 5 lines.  [Save as 5 notes]  [Keep as one note]'."""

    split = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("S&ave as separate notes", "Keep as &one note", parent)
        self.split_button, self.keep_button = self.yes_button, self.no_button
        self.split_button.clicked.connect(self.split.emit)
        self.keep_button.clicked.connect(self.hide)

    def offer(self, lines: int) -> None:
        self.label.setText(f"You pasted {lines} lines. Save each line as a note of its own?")
        self.split_button.setText(f"S&ave as {lines} notes")
        self.split_button.setAccessibleName(f"Save as {lines} notes")
        self.show()


class ReopenOffer(OfferBar):
    """'This session is marked done. Reopen it?  [Reopen the session]  [Keep it done]'."""

    reopen = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Re&open the session", "Keep it &done", parent)
        self.yes_button.clicked.connect(self.reopen.emit)
        self.no_button.clicked.connect(self.hide)

    def offer(self, title: str) -> None:
        self.label.setText("Saved. This session is marked done: reopen it?")
        self.label.setToolTip(f"'{title}' is marked done; reopening marks it live again.")
        self.show()
