"""Capture: saving, editing, tagging and deleting notes, reading and searching them, typed
shorthand, near-duplicate hints, drafts and note imports.

The operations the capture view and the command line need are re-exported here, so that
`capture.add_note` is the one name a caller uses; the modules beside this file hold one
responsibility each. Every operation is one unit of work, bulk ones included (`add_notes`,
`import_notes`, `set_starred`, `retag_notes`, `delete_notes`): all or nothing, one undo step.
"""

from app.services.capture.duplicates import near_duplicates
from app.services.capture.duplicates import warm as warm_near_duplicates
from app.services.capture.imports import ImportPreview, PreviewedNote, import_notes, preview_import
from app.services.capture.note_query import (
    NoteFilter,
    get_note,
    list_notes,
    newest_text,
    note_ids,
    note_records,
    notes_by_ids,
    resolve_note,
    speaker_labels,
)
from app.services.capture.note_search import SearchHit, search_notes
from app.services.capture.note_text import (
    ParsedNote,
    draft_from_text,
    match_speaker,
    parse_note_text,
)
from app.services.capture.notes import (
    UNCHANGED,
    add_each,
    add_note,
    add_notes,
    current_agenda_item,
    delete_note,
    delete_notes,
    edit_note,
    restore_notes,
    retag_notes,
    set_starred,
)

__all__ = [
    "UNCHANGED", "ImportPreview", "NoteFilter", "ParsedNote", "PreviewedNote", "SearchHit",
    "add_each", "add_note", "add_notes", "current_agenda_item", "delete_note", "delete_notes",
    "draft_from_text", "edit_note", "get_note", "import_notes", "list_notes", "match_speaker",
    "near_duplicates", "newest_text", "note_ids", "note_records", "notes_by_ids",
    "parse_note_text", "preview_import", "resolve_note", "restore_notes", "retag_notes",
    "search_notes", "set_starred", "speaker_labels", "warm_near_duplicates",
]
