"""The evidence of a learning system as a table: title, type, citation, link or DOI, themes and
the attached file. A cell edit is asked of the view's `RowEdits` as `edit(evidence, field=v)`.
"""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import QObject, Qt

from app.models import Evidence, EvidenceKind
from app.services.sensemaking import evidence as evidence_service
from app.ui.item_models.row_edits import RowEdits
from app.ui.views.system.record_table import Index, RecordTableModel, themes_text

TITLE, KIND, CITATION, LINK, THEMES, FILE = range(6)
HEADERS = ("Title", "Type", "Citation", "Link or DOI", "Themes", "Attached file")
FIELDS = {TITLE: "title", KIND: "kind", CITATION: "citation", LINK: "link"}
_DOI = re.compile(r"^(doi:\s*|https?://(dx\.)?doi\.org/)?(10\.\d{4,9}/\S+)$", re.IGNORECASE)
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)


def link_target(link: str) -> str:
    """Where a link or DOI opens in the browser: a DOI at https://doi.org/, an address
    without its scheme as https; "" when there is nothing to open."""
    text = link.strip()
    if not text:
        return ""
    doi = _DOI.match(text)
    if doi:
        return f"https://doi.org/{doi.group(3)}"
    if _SCHEME.match(text):
        return text
    return f"https://{text}"


class EvidenceTableModel(RecordTableModel):
    """One row per piece of evidence, by title."""

    HEADERS = HEADERS
    FIELDS = FIELDS

    def __init__(self, store: Any, system_id: str, edits: RowEdits,
                 parent: QObject | None = None) -> None:
        super().__init__(edits, parent)
        self._store, self.system_id = store, system_id
        self.themes: dict[str, str] = {}  # id -> title

    def key(self, record: Evidence) -> str:
        return record.id

    def reload(self) -> None:
        self.sync(evidence_service.list_evidence(self._store, self.system_id))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        record, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.EditRole:
            if column == KIND:
                return record.kind.value
            return getattr(record, FIELDS[column]) if column in FIELDS else self.text(record,
                                                                                       column)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.text(record, column)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{HEADERS[column]}: {self.text(record, column)}"
        return None

    def text(self, record: Evidence, column: int) -> str:
        if column == TITLE:
            return record.title
        if column == KIND:
            return record.kind.label
        if column == CITATION:
            return record.citation or "No citation"
        if column == LINK:
            return record.link or "No link"
        if column == THEMES:
            return themes_text(record.theme_ids, self.themes)
        return record.file_name or "None"

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole or index.column() not in FIELDS:
            return False
        record, column = self._rows[index.row()], index.column()
        given: Any = EvidenceKind(value) if column == KIND else str(value).strip()
        return self.edits.edit(record, **{FIELDS[column]: given})
