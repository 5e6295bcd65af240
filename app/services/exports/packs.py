"""Summary packs written to a file: built with consent applied, rendered, written atomically.

One call per export, so the desktop app and `cairn export` do exactly the same. The renderers
are imported only when a pack is rendered: reportlab and python-docx cost start-up time that
nobody listing sessions should pay. `report(done, total, text)` tells a caller how far it has
got (the app shows it in the status bar, and its Cancel raises from inside `report`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from app.models import InvalidInput
from app.models.pack import Pack, PackOptions
from app.services.core.files import write_atomically
from app.store.engine import Store

PACK_FORMATS = ("pdf", "docx", "html")
# The data forms of `app.services.exports.data_exports`, named here so the app and the command
# line can offer every form without loading that module first.
DATA_FORMATS = ("csv", "xlsx", "json", "qdpx")
EXPORT_FORMATS = PACK_FORMATS + DATA_FORMATS
SUFFIXES = {"pdf": ".pdf", "docx": ".docx", "html": ".html", "csv": ".csv", "xlsx": ".xlsx",
            "json": ".json", "qdpx": ".qdpx"}
CSV_TABLES = ("notes", "themes", "actions")

Report = Callable[[int, int, str], object]


def _quiet(done: int, total: int, text: str) -> None:
    """The progress report of a caller that shows none."""


def build_pack(store: Store, options: PackOptions, *, session_id: str | None = None,
               system_id: str | None = None) -> Pack:
    """The pack of one session or of one learning system (exactly one of the two)."""
    from app.services.exports import pack_content

    if (session_id is None) == (system_id is None):
        raise InvalidInput("Choose either a session or a learning system to export.")
    if session_id is not None:
        return pack_content.session_pack(store, session_id, options)
    assert system_id is not None
    return pack_content.system_pack(store, system_id, options)


def render_pack(pack: Pack, fmt: str = "pdf") -> bytes:
    """The pack as the bytes of a PDF, Word or web-page file."""
    if fmt == "pdf":
        from app.documents.pack_pdf import pack_pdf

        return pack_pdf(pack)
    if fmt == "docx":
        from app.documents.pack_docx import pack_docx

        return pack_docx(pack)
    if fmt == "html":
        from app.documents.pack_html import pack_html

        return pack_html(pack)
    raise InvalidInput(f"'{fmt}' is not a form of summary pack: choose pdf, docx or html.")


def pack_what(pack: Pack) -> str:
    """How a refusal names the file: "summary pack" or "learning-system pack"."""
    return "learning-system pack" if pack.kind == "system" else "summary pack"


def write_pack(store: Store, out: Path, options: PackOptions, *, session_id: str | None = None,
               system_id: str | None = None, fmt: str = "pdf",
               report: Report | None = None) -> Path:
    """Build, render and write the pack to `out` (never a partial file under that name)."""
    report = report or _quiet
    if fmt not in PACK_FORMATS:
        raise InvalidInput(f"'{fmt}' is not a form of summary pack: choose pdf, docx or html.")
    _check_folder(Path(out))
    report(0, 3, "Gathering the pack's content")
    pack = build_pack(store, options, session_id=session_id, system_id=system_id)
    return write_built(pack, Path(out), fmt, report=report)


def write_built(pack: Pack, out: Path, fmt: str = "pdf", *, report: Report | None = None) -> Path:
    """Render a pack already built (and shown in the pre-flight list) and write it to `out`."""
    report = report or _quiet
    report(1, 3, "Laying out the pages")
    data = render_pack(pack, fmt)
    report(2, 3, "Writing the file")
    written = write_atomically(Path(out), data, what=pack_what(pack))
    report(3, 3, "Written")
    return written


def write_export(store: Store, out: Path, fmt: str, options: PackOptions, *,
                 session_id: str | None = None, system_id: str | None = None,
                 table: str = "notes", report: Report | None = None) -> Path:
    """Any form of export: a pack (pdf, docx, html) or a session's data (csv, xlsx, json,
    qdpx; `table` picks the CSV's notes, themes or actions)."""
    if fmt in PACK_FORMATS:
        return write_pack(store, out, options, session_id=session_id, system_id=system_id,
                          fmt=fmt, report=report)
    if fmt not in DATA_FORMATS:
        raise InvalidInput(f"'{fmt}' is not a form Cairn exports: choose one of "
                           f"{', '.join(EXPORT_FORMATS)}.")
    if session_id is None:
        raise InvalidInput("Data files are exported one session at a time: choose a session.")
    if fmt == "csv" and table not in CSV_TABLES:
        raise InvalidInput(f"'{table}' is not a table Cairn exports: choose notes, themes or "
                           "actions.")
    from app.services.exports import data_exports

    report = report or _quiet
    _check_folder(Path(out))
    report(0, 1, "Writing the file")
    written = data_exports.write_data(store, session_id, Path(out), fmt, options, table=table)
    report(1, 1, "Written")
    return written


def _check_folder(out: Path) -> None:
    """Refuse at once, before the slow part, when the chosen folder is not there."""
    if not out.parent.is_dir():
        raise InvalidInput(f"The folder {out.parent} is not there (any more): choose another.")
