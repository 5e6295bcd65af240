"""Capture commands: live capture from standard input, and listing, editing, deleting notes."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import Any, BinaryIO, TextIO

from app.cli import line_batches
from app.cli.common import CommandError, add_command, emit_json, emit_table, plain
from app.models import CairnError, InvalidInput, Note, NoteDraft, NoteKind
from app.services import capture
from app.services.capture.note_text import (
    control_character,
    draft_from_text,
    kind_from_prefix,
    tag_word,
)
from app.services.planning import focus_areas, sessions
from app.store.engine import Store


class LineCapture:
    """Saves lines of text as notes of one session, each committed before it is reported."""

    def __init__(self, store: Store, session_id: str, *, tags: Sequence[str] = (),
                 kind: str | None = None) -> None:
        self.store = store
        self.session_id = session_id
        self.tags = tuple(tags)
        self.kind = NoteKind(kind) if kind else None

    def save(self, texts: Sequence[str]) -> list[Note | str]:
        """Lines as notes, stamped with the agenda block current now, committed together.

        Each line is its own note: one that is refused (its reason comes back in its place)
        does not keep the others out. All of them are one transaction, so reading what they
        need and committing them costs once per batch, not once per line.
        """
        drafts: list[NoteDraft] = []
        refused: dict[int, list[str]] = {}
        for i, text in enumerate(texts):
            try:
                drafts.append(draft_from_text(text, kind=self.kind, tags=self.tags))
            except CairnError as problem:
                drafts.append(NoteDraft(text=text))
                refused[i] = [str(problem)]
        answers, _ = capture.add_each(self.store, self.session_id, drafts, stamp_block=True,
                                      refused=refused)
        return [a if isinstance(a, Note) else a.problem for a in answers]

    def run(self, source: BinaryIO, out: TextIO, err: TextIO, *, as_json: bool) -> int:
        """Save each line of `source`, reporting each after its commit; returns the failures.

        Lines are never read to the end first, so a transcript piped in live is saved as it
        arrives; the lines already waiting when one arrives are saved with it in one commit.
        A line that is not UTF-8, or that is refused, is reported on `err` with its number,
        and capture goes on. Ctrl+C ends capture like the end of input.
        """
        failed = number = 0
        try:
            for batch in line_batches.batches(source):
                texts: list[tuple[int, str]] = []
                for raw in batch:
                    number += 1
                    try:
                        text = line_text(raw)
                    except InvalidInput as problem:
                        failed += 1
                        _say(err, f"line {number} {problem}; it was not saved.")
                        continue
                    if text:
                        texts.append((number, text))
                failed += self._save_and_report(texts, out, err, as_json=as_json)
        except KeyboardInterrupt:
            pass
        return failed

    def _save_and_report(self, texts: list[tuple[int, str]], out: TextIO, err: TextIO, *,
                         as_json: bool) -> int:
        if not texts:
            return 0
        try:
            answers: list[Note | str] = self.save([t for _, t in texts])
        except CairnError as problem:  # the store itself refused: none of them was saved
            answers = [str(problem)] * len(texts)
        notes = [a for a in answers if isinstance(a, Note)]
        records = iter(capture.note_records(self.store, notes) if as_json and notes else [])
        failed = 0
        for (number, _), answer in zip(texts, answers, strict=True):
            if not isinstance(answer, Note):
                failed += 1
                _say(err, f"line {number} was not saved: {answer}")
            elif as_json:
                out.write(json.dumps(plain(next(records)), ensure_ascii=False) + "\n")
            else:
                out.write(f"saved {answer.id}\n")
        out.flush()
        return failed


def line_text(raw: bytes) -> str:
    """One line of input as the text of a note, or InvalidInput saying why it is not text.

    A NUL is refused as well as bytes that are not UTF-8: it is never typed, it is what
    UTF-16 or a binary file looks like when read as UTF-8, and it cannot be saved as text.
    Other control characters (a terminal's escapes, a binary file's bytes) are refused too;
    a tab is text.
    """
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise InvalidInput("is not valid UTF-8 text") from None
    if "\x00" in text:
        raise InvalidInput("holds a NUL byte, so it is not text (UTF-16 input reads like that)")
    text = text.removeprefix("\ufeff").strip()
    if (found := control_character(text)) is not None:
        raise InvalidInput(f"holds a control character ({found}), so it is not text")
    return text


def _say(err: TextIO, sentence: str) -> None:
    err.write(f"cairn: {sentence}\n")
    err.flush()


def _tag_words(given: Sequence[str] | None) -> list[str]:
    words = []
    for text in given or ():
        word = tag_word(text)
        if word is None:
            raise CommandError(f"'{text}' is not a tag: use one word of letters, digits, "
                               "'-' or '_'.")
        words.append(word)
    return words


def _capture(store: Store, args: argparse.Namespace) -> int:
    session = sessions.resolve_session(store, args.session)
    lines = LineCapture(store, session.id, tags=_tag_words(args.tag), kind=args.kind)
    failed = lines.run(sys.stdin.buffer, sys.stdout, sys.stderr, as_json=args.json)
    return 1 if failed else 0


def _notes(store: Store, args: argparse.Namespace) -> None:
    session = sessions.resolve_session(store, args.session)
    where = capture.NoteFilter(text=args.search or "",
                               kinds=(NoteKind(args.kind),) if args.kind else ())
    records = capture.note_records(store, capture.list_notes(store, session.id, where))
    if args.json:
        emit_json(records)
        return
    # One line per note: a note typed with Shift+Enter has line breaks of its own.
    rows = [{**r, "text": " ".join(r["text"].split()),
             "tags": [f"#{t}" for t in r["focus_areas"] + r["tags"]]} for r in records]
    emit_table(rows, [("id", "ID"), ("created_at", "Time"), ("kind", "Kind"),
                      ("speaker", "Speaker"), ("tags", "Tags"), ("theme_id", "Theme"),
                      ("text", "Text")], empty="No notes in this session yet.")


def _note_edit(store: Store, args: argparse.Namespace) -> None:
    note = capture.resolve_note(store, args.note)
    system_id = sessions.get_session(store, note.session_id).system_id
    by_slug = {a.slug: a.id for a in focus_areas.list_focus_areas(store, system_id)}
    fields: dict[str, Any] = {}
    add_tags = _tag_words(args.tag)
    untag = _tag_words(args.untag)
    if args.text is not None:
        # The new text is read like a captured line: its #tags are added, @Name: and /kind set.
        draft = draft_from_text(args.text, tags=add_tags)
        fields["text"] = draft.text
        if draft.kind:
            fields["kind"] = draft.kind
        if draft.speaker:
            fields["speaker"] = draft.speaker
        add_tags = list(draft.tags)
    if args.kind:
        fields["kind"] = args.kind
    edited, _ = capture.edit_note(
        store, note.id, add_tags=add_tags,
        remove_focus_areas=[by_slug[t] for t in untag if t in by_slug],
        remove_tags=[t for t in untag if t not in by_slug], **fields,
    )
    if args.json:
        emit_json(capture.note_records(store, [edited])[0])
    else:
        print(f"Changed note {edited.id}.")


def _note_delete(store: Store, args: argparse.Namespace) -> None:
    note = capture.resolve_note(store, args.note)
    capture.delete_note(store, note.id)
    if args.json:
        emit_json({"id": note.id, "deleted": True})
    else:
        print(f"Deleted note {note.id}.")


def _kind(text: str) -> str:
    try:
        found = kind_from_prefix(text)
    except CairnError as err:
        raise argparse.ArgumentTypeError(str(err)) from None
    if found is None:
        choices = ", ".join(k.value for k in NoteKind)
        raise argparse.ArgumentTypeError(f"'{text}' is not one of: {choices}")
    return found.value


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = add_command(
        commands, "capture", "live capture: each line of standard input becomes a note", _capture,
        description="Each line of standard input becomes a note, saved at once and reported "
        "as 'saved <id>' (with --json, one JSON record per line instead). '#slug' or '#tag' "
        "words tag it, a leading '@Name:' names the speaker and '/kind' sets its kind. "
        "Exits 1 when a line could not be saved.")
    p.add_argument("session", metavar="SESSION")
    p.add_argument("--tag", action="append", metavar="SLUG",
                   help="tag every note with this focus area slug or free tag (repeatable)")
    p.add_argument("--kind", type=_kind, help="the kind of every note without a /kind")

    p = add_command(commands, "notes", "the session's notes with tags, kind, speaker, theme",
                    _notes)
    p.add_argument("session", metavar="SESSION")
    p.add_argument("--search", metavar="WORDS", help="only notes with these words (prefixes)")
    p.add_argument("--kind", type=_kind, help="only notes of this kind")

    note = commands.add_parser("note", help="change or delete one note")
    note_cmds = note.add_subparsers(dest="note_command", metavar="ACTION", required=True)
    p = add_command(note_cmds, "edit", "change a note's text, tags or kind", _note_edit)
    p.add_argument("note", metavar="NOTE")
    p.add_argument("--text")
    p.add_argument("--tag", action="append", metavar="SLUG", help="add a tag (repeatable)")
    p.add_argument("--untag", action="append", metavar="SLUG", help="remove a tag (repeatable)")
    p.add_argument("--kind", type=_kind)
    p = add_command(note_cmds, "delete", "delete a note", _note_delete)
    p.add_argument("note", metavar="NOTE")
