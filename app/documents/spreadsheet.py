"""Tables as CSV or as an Excel workbook: plain rows in, file bytes out.

Every text cell is made safe to open in a spreadsheet: one that begins with `=`, `+`, `-`, `@`,
a tab or a carriage return would be read as a formula (CSV injection), so it gets a leading
apostrophe, as OWASP advises, in both forms. Numbers, dates and booleans stay typed.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
EXCEL_CELL_MAX = 32_767  # Excel refuses longer cells
CSV_BOM = "\ufeff"  # Excel reads a CSV as UTF-8 only when it starts with one

Cell = str | int | bool | date | datetime | None


@dataclass(frozen=True)
class Column:
    """A column: its heading, its width in characters in the workbook."""

    title: str
    width: int = 16


@dataclass(frozen=True)
class Sheet:
    """One table: a sheet of the workbook, or the whole of a CSV file."""

    title: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]


def neutralised(value: str) -> str:
    """`value`, with a leading apostrophe when a spreadsheet would take it for a formula."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def csv_bytes(sheet: Sheet) -> bytes:
    """The sheet as CSV: UTF-8 with a BOM, a header row, Excel's quoting and line endings."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, dialect="excel")
    writer.writerow([neutralised(c.title) for c in sheet.columns])
    for row in sheet.rows:
        writer.writerow([_csv_cell(v) for v in row])
    return (CSV_BOM + out.getvalue()).encode("utf-8")


def xlsx_bytes(sheets: Sequence[Sheet], *, title: str = "", author: str = "") -> bytes:
    """The sheets as one workbook: a sheet each, header row bold and frozen, widths set,
    dates as dates."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.remove(book.active)
    book.properties.title = _text(title)
    book.properties.creator = _text(author)
    bold = Font(bold=True)
    for sheet in sheets:
        ws = book.create_sheet(_sheet_title(sheet.title))
        ws.append([_xlsx_cell(c.title) for c in sheet.columns])
        for cell in ws[1]:
            cell.font = bold
        for row in sheet.rows:
            ws.append([_xlsx_cell(v) for v in row])
        wrap = Alignment(wrap_text=True, vertical="top")
        for n, column in enumerate(sheet.columns, start=1):
            letter = get_column_letter(n)
            ws.column_dimensions[letter].width = column.width
            for (cell,) in ws.iter_rows(min_row=2, min_col=n, max_col=n):
                if isinstance(cell.value, datetime):
                    cell.number_format = "yyyy-mm-dd hh:mm"
                elif isinstance(cell.value, date):
                    cell.number_format = "yyyy-mm-dd"
                elif isinstance(cell.value, str) and column.width >= 40:
                    cell.alignment = wrap
        ws.freeze_panes = "A2"
        if sheet.columns:
            ws.auto_filter.ref = f"A1:{get_column_letter(len(sheet.columns))}{len(sheet.rows) + 1}"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _csv_cell(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int):
        return str(value)
    return neutralised(value)


def _xlsx_cell(value: Cell) -> Cell:
    if isinstance(value, datetime):
        # Excel has no time zones: callers give local times, shown as the clock showed them.
        return value.replace(tzinfo=None)
    if isinstance(value, str):
        return neutralised(_text(value))
    return value


def _text(value: str) -> str:
    """Text a workbook can hold: no control characters XML forbids, no more than a cell takes."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    value = ILLEGAL_CHARACTERS_RE.sub("", value)
    return value if len(value) <= EXCEL_CELL_MAX else value[:EXCEL_CELL_MAX - 1] + "…"


def _sheet_title(title: str) -> str:
    """A sheet name Excel accepts: at most 31 characters, none of []:*?/\\."""
    cleaned = "".join(" " if ch in "[]:*?/\\" else ch for ch in _text(title)).strip("' ")
    return cleaned[:31] or "Sheet"
