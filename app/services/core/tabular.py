"""Reading the files people bring: text in the encodings real tools write, CSV in the
delimiters Excel uses around the world, and Excel workbooks, however damaged.

Both importers (notes and participant lists) read through here, so a file is either read
whole or refused with one sentence (`InvalidInput`), and nothing half-read goes further:

- Text: UTF-16 by its byte order mark (Teams' attendance reports, Excel's "Unicode text"),
  else UTF-8 with or without a BOM, and, where a caller allows it, Windows-1252, which
  Excel's plain "CSV" writes on a UK Windows laptop.
- CSV: comma, semicolon (Excel where the decimal mark is a comma) or tab, chosen by which
  one the file's first lines use most; a quote that is opened and never closed is refused
  with its line, where Python's reader would quietly merge the rest of the file into one cell.
- Workbooks: the sheet that was open when the file was saved, every row of it even where the
  sheet's stored size (`<dimension>`) is stale. A damaged, encrypted or oversized workbook is
  refused with a sentence; openpyxl can fail in zip, zlib, XML or its own code, and every
  such failure is a damaged file to the person importing it.
"""

from __future__ import annotations

import codecs
import csv
import io
from datetime import date, datetime, time
from pathlib import Path

from app.models import InvalidInput

MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 100_000
MAX_COLUMNS = 1_000
DELIMITERS = ",;\t"
# An encrypted (password-protected) .xlsx is an OLE compound file, as is an old .xls.
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

Rows = list[tuple[int, list[str]]]  # (line or row number as people see it, cells)


def read_bytes(path: Path, *, limit: int = MAX_BYTES) -> bytes:
    """A file's bytes, or one sentence on why they cannot be had."""
    try:
        if path.is_dir():
            raise InvalidInput(f"{path.name} is a folder, not a file.")
        if path.stat().st_size > limit:
            raise InvalidInput(f"{path.name} is larger than {limit // (1024 * 1024)} MB; "
                               "import it in parts.")
        return path.read_bytes()
    except FileNotFoundError:
        raise InvalidInput(f"{path.name} was not found.") from None
    except OSError as err:
        raise InvalidInput(f"{path.name} could not be read ({err.strerror or err}).") from None


def decode(raw: bytes, name: str, *, windows_fallback: bool = False) -> str:
    """Text from bytes as real tools write it; InvalidInput for what is not text."""
    utf16 = raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    if not utf16 and b"\x00" in raw:
        raise InvalidInput(f"{name} is not a text file.")
    try:
        text = raw.decode("utf-16" if utf16 else "utf-8-sig")
    except UnicodeDecodeError:
        if utf16:
            raise InvalidInput(f"{name} is not readable UTF-16 text; it may be cut short or "
                               "damaged.") from None
        if not windows_fallback:
            raise InvalidInput(f"{name} is not UTF-8 text; save it as UTF-8 and try "
                               "again.") from None
        try:
            text = raw.removeprefix(codecs.BOM_UTF8).decode("cp1252")
        except UnicodeDecodeError:
            raise InvalidInput(f"{name} is not readable text; save it as UTF-8 (in Excel: Save "
                               "As, 'CSV UTF-8 (Comma delimited)') and try again.") from None
    if "\x00" in text:
        raise InvalidInput(f"{name} is not a text file.")
    return text


def read_text(path: Path, *, windows_fallback: bool = False) -> str:
    return decode(read_bytes(path), path.name, windows_fallback=windows_fallback)


def delimiter_of(text: str) -> str:
    """The delimiter the first lines use most (a report's title lines have none at all)."""
    lines = [line for line in text.splitlines()[:50] if line.strip()]
    counts = {d: sum(line.count(d) for line in lines) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def csv_rows(text: str, name: str) -> Rows:
    """Every record with the number a spreadsheet gives its row (a quoted line break stays
    in one row); a quote never closed is refused with the line it opens on."""
    delimiter = delimiter_of(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: Rows = []
    ended_at = 0
    try:
        for row in reader:
            rows.append((len(rows) + 1, row))
            ended_at = reader.line_num
    except csv.Error as err:
        if "end of data" in str(err):
            raise InvalidInput(
                f"Line {ended_at + 1} of {name} opens a quote (\") that is never closed, so "
                "everything after it would be read as one cell; close the quote and try "
                "again.") from None
        # Excel never writes a stray quote inside a cell ("Ann" Smith), but people typing
        # CSV by hand do: read such cells as Excel would rather than refuse the file.
        return _lenient_rows(text, name, delimiter)
    return rows


def _lenient_rows(text: str, name: str, delimiter: str) -> Rows:
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        return [(n, row) for n, row in enumerate(reader, start=1)]
    except csv.Error as err:
        raise InvalidInput(f"{name} is not a readable CSV file ({err}).") from None


def xlsx_rows(path: Path) -> Rows:
    """Every row of the workbook's open sheet, numbered as Excel numbers them."""
    from openpyxl import load_workbook

    raw_head = read_bytes(path)[:8]
    if raw_head.startswith(_OLE_MAGIC):
        raise InvalidInput(f"{path.name} is protected with a password or is an old-style "
                           "Excel file; in Excel remove the password (or save it as .xlsx) "
                           "and try again.")
    damaged = (f"{path.name} cannot be read as an Excel workbook; it may be damaged: open it "
               "in Excel, save a copy, and import that.")
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception:  # zip, zlib, XML or openpyxl's own: to a person, all a damaged file
        raise InvalidInput(damaged) from None
    try:
        sheet = book.active if book.active is not None else (
            book.worksheets[0] if book.worksheets else None)
        if sheet is None or not hasattr(sheet, "iter_rows"):
            raise InvalidInput(f"{path.name} has no worksheet.")
        if hasattr(sheet, "reset_dimensions"):
            sheet.reset_dimensions()  # a stale <dimension> would hide rows past it
        rows: Rows = []
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            if number > MAX_ROWS:
                raise InvalidInput(f"{path.name} has more than {MAX_ROWS:,} rows; import it "
                                   "in parts.")
            cells = [cell_text(v) for v in values]
            while cells and not cells[-1]:
                cells.pop()
            if len(cells) > MAX_COLUMNS:
                raise InvalidInput(f"Row {number} of {path.name} has more than "
                                   f"{MAX_COLUMNS:,} columns; is it the right file?")
            rows.append((number, cells))
        return rows
    except InvalidInput:
        raise
    except Exception:
        raise InvalidInput(damaged) from None
    finally:
        book.close()


def cell_text(value: object) -> str:
    """A cell as the text a person typed: 12 not 12.0, yes/no for TRUE/FALSE, ISO dates."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return str(value)


def table_rows(path: Path) -> Rows:
    """A .xlsx workbook's open sheet or a CSV file's records, by the file's ending; an Excel
    workbook named .csv is refused with the fix, not read as garbage."""
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return xlsx_rows(path)
    raw = read_bytes(path)
    if raw.startswith(b"PK\x03\x04"):
        raise InvalidInput(f"{path.name} is an Excel workbook, not CSV text; give it the .xlsx "
                           "ending or save it as CSV UTF-8.")
    text = decode(raw, path.name, windows_fallback=True)
    if not text.strip():
        raise InvalidInput(f"{path.name} is empty.")
    return csv_rows(text, path.name)
