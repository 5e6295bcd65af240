"""Capture: saving, editing, tagging and deleting notes, reading and searching them, typed
shorthand, near-duplicate hints, drafts and note imports.

The operations the capture view needs are re-exported here, so that `capture.add_note` is the
one name a caller uses; the modules beside this file hold one responsibility each.
"""

from app.services.capture.notes import (
    UNCHANGED,
    NoteFilter,
    ParsedNote,
    SearchHit,
    add_note,
    current_agenda_item,
    delete_note,
    edit_note,
    get_note,
    list_notes,
    near_duplicates,
    newest_text,
    note_ids,
    note_records,
    notes_by_ids,
    parse_note_text,
    resolve_note,
    restore_notes,
    retag_notes,
    search_notes,
    speaker_labels,
    warm_near_duplicates,
)

__all__ = ['UNCHANGED', 'NoteFilter', 'ParsedNote', 'SearchHit', 'add_note', 'current_agenda_item', 'delete_note', 'edit_note', 'get_note', 'list_notes', 'near_duplicates', 'newest_text', 'note_ids', 'note_records', 'notes_by_ids', 'parse_note_text', 'resolve_note', 'restore_notes', 'retag_notes', 'search_notes', 'speaker_labels', 'warm_near_duplicates']
