"""A session's data for analysts: CSV, XLSX, JSON and REFI-QDA (.qdpx), every form with the
consent rules of the summary pack.

- CSV: one table (`table`: "notes", "themes" or "actions"), UTF-8 with a BOM for Excel.
- XLSX: the three tables, a sheet each.
- JSON: everything about the session, ids kept (`data_json`, its schema in
  `resources/schemas/session-export.schema.json`).
- .qdpx: a REFI-QDA project (`qdpx_project`) for QualCoder, NVivo, ATLAS.ti and MAXQDA.

Only `options.names` matters here: sections and charts shape the pack, while a data export
is the whole session. Each file is written atomically: a full disk or a vanished folder is
one sentence and leaves no file behind.
"""

from __future__ import annotations

from pathlib import Path

from app.models import InvalidInput, utcnow
from app.models.pack import NameUse, PackOptions
from app.services.core.files import write_atomically
from app.services.exports import data_tables
from app.services.exports.consent import ConsentRules, consent_rules
from app.services.exports.session_data import read_session_data
from app.store.engine import Store

DATA_FORMATS = ("csv", "xlsx", "json", "qdpx")
_WHAT = {"csv": "CSV table", "xlsx": "workbook", "json": "JSON export", "qdpx": "REFI-QDA project"}


def write_data(store: Store, session_id: str, out: Path, fmt: str, options: PackOptions, *,
               table: str = "notes") -> Path:
    """Write the session's data as `fmt` (one of `DATA_FORMATS`) to `out`; returns `out`."""
    data = render_data(store, session_id, fmt, options, table=table)
    return write_atomically(Path(out), data, what=_WHAT[fmt])


def render_data(store: Store, session_id: str, fmt: str, options: PackOptions, *,
                table: str = "notes") -> bytes:
    """The bytes `write_data` writes, refused in one sentence before anything is read when the
    format or the table is not one Cairn writes."""
    return _rendered(store, session_id, fmt, options, table)[0]


def data_names(store: Store, session_id: str, fmt: str, options: PackOptions, *,
               table: str = "notes") -> list[NameUse]:
    """The pre-flight list of a data export: every personal name the file would hold, where
    and why (made exactly as the file is, so the list and the file cannot differ)."""
    uses = _rendered(store, session_id, fmt, options, table)[1].uses
    return list({(u.name, u.where): u for u in uses}.values())


def _rendered(store: Store, session_id: str, fmt: str, options: PackOptions,
              table: str) -> tuple[bytes, ConsentRules]:
    if fmt not in DATA_FORMATS:
        raise InvalidInput(f"'{fmt}' is not a data format Cairn writes; choose one of "
                           f"{', '.join(DATA_FORMATS)}.")
    if fmt == "csv" and table not in data_tables.TABLES:
        raise InvalidInput(f"'{table}' is not a table Cairn writes as CSV; choose one of "
                           f"{', '.join(data_tables.TABLES)}.")
    data = read_session_data(store, session_id)
    rules = consent_rules(store, [data.session.id], names=options.names)
    if fmt == "csv":
        from app.documents.spreadsheet import csv_bytes

        return csv_bytes(data_tables.sheet(data, rules, table)), rules
    if fmt == "xlsx":
        from app.documents.spreadsheet import xlsx_bytes

        return xlsx_bytes(data_tables.sheets(data, rules),
                          title=rules.clean(data.session.title, "Workbook, title"),
                          author=data.author), rules
    if fmt == "json":
        from app.services.exports.data_json import session_json

        return session_json(data, rules, exported_at=utcnow()), rules
    from app.documents.qdpx import qdpx_bytes
    from app.services.exports.qdpx_project import session_project

    return qdpx_bytes(session_project(data, rules, exported_at=utcnow())), rules
