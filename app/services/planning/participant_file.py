"""Reading a participant list from a CSV or Excel file, checked row by row before any import.

Every bad row is reported at once, with the line number a spreadsheet shows (the header is
line 1), so a facilitator can fix the file in one go; a file with any bad row imports nothing.

Text encoding: UTF-8 (with or without the BOM Excel's "CSV UTF-8" writes) is tried first,
then UTF-16 when the file starts with its BOM (Excel's "Unicode text"), and finally Windows-1252,
because Excel's plain "CSV" on a UK Windows laptop writes that. A file that is none of these is
refused with a sentence saying how to save it as UTF-8.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from app.models.base import Model
from app.models.enums import Sector
from app.models.errors import InvalidInput
from app.models.people import EMAIL_RE

NAME_MAX = 200
YES = {"yes", "y", "true", "1", "x"}
NO = {"no", "n", "false", "0", ""}

# Normalised header text -> field. Headers are lower-cased with punctuation turned into spaces.
COLUMNS: dict[str, str] = {
    "name": "name", "full name": "name", "participant": "name", "participant name": "name",
    "first name": "first_name", "forename": "first_name", "given name": "first_name",
    "last name": "last_name", "surname": "last_name", "family name": "last_name",
    "email": "email", "e mail": "email", "email address": "email", "e mail address": "email",
    "organisation": "organisation", "organization": "organisation", "org": "organisation",
    "sector": "sector",
    "locality": "locality", "area": "locality",
    "may name": "may_name", "consent to be named": "may_name", "may be named": "may_name",
    "may email": "may_email", "consent to be emailed": "may_email", "may be emailed": "may_email",
    "may quote": "may_quote", "consent to be quoted": "may_quote", "may be quoted": "may_quote",
    "access needs": "access_needs", "access requirements": "access_needs",
}
FLAGS = ("may_name", "may_email", "may_quote")


class ParticipantDraft(Model):
    """One checked row of a participant file, not yet in the register."""

    name: str
    email: str = ""
    organisation: str = ""
    sector: Sector = Sector.OTHER
    locality: str = ""
    may_name: bool = False
    may_email: bool = False
    may_quote: bool = False
    access_needs: str = ""
    line: int

    def import_fields(self) -> dict[str, Any]:
        """The fields `participants.import_to_session` takes."""
        return self.model_dump(exclude={"line"})


class ParticipantFileError(InvalidInput):
    """The file was refused as a whole; `problems` lists each bad row, one sentence per problem
    ("Line 7: the name is missing."), and `by_line` the same as (line, "the name is missing.").
    """

    def __init__(self, message: str, by_line: Sequence[tuple[int, str]] = ()) -> None:
        super().__init__(message)
        self.by_line: list[tuple[int, str]] = list(by_line)
        self.problems: list[str] = [f"Line {line}: {text}" for line, text in self.by_line]


def read_participant_file(path: Path) -> list[ParticipantDraft]:
    """Read and check every row of a .csv or .xlsx participant list; raise on any problem."""
    path = Path(path)
    if not path.exists():
        raise ParticipantFileError(f"{path.name} was not found.")
    if path.is_dir():
        raise ParticipantFileError(f"{path.name} is a folder, not a participant list.")
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        rows = _xlsx_rows(path)
    elif suffix in (".csv", ".txt", ".tsv", ""):
        rows = _csv_rows(path)
    elif suffix == ".xls":
        raise ParticipantFileError(f"{path.name} is an old-style Excel file; save it as .xlsx or "
                                   "CSV UTF-8 and choose it again.")
    else:
        raise ParticipantFileError(f"{path.name} is not a .csv or .xlsx file.")
    return _drafts(rows, path.name)


def _normalise(header: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", header.lower()).split())


def _drafts(rows: Iterable[tuple[int, list[str]]], filename: str) -> list[ParticipantDraft]:
    """The first non-blank row names the columns; every later non-blank row is one person."""
    lines = ((n, cells) for n, cells in rows if any(c.strip() for c in cells))
    first = next(lines, None)
    if first is None:
        raise ParticipantFileError(f"{filename} is empty.")
    header = first[1]
    columns = _columns(header, filename)
    titles = {field: header[i].strip() for field, i in columns.items()}
    drafts: list[ParticipantDraft] = []
    problems: list[tuple[int, str]] = []
    bad_lines: set[int] = set()
    seen_emails: dict[str, int] = {}
    for line, cells in lines:
        values = {field: (cells[i].strip() if i < len(cells) else "") for field, i in columns.items()}
        if "first_name" in values or "last_name" in values:
            parts = (values.pop("first_name", ""), values.pop("last_name", ""))
            values["name"] = values.get("name") or " ".join(p for p in parts if p)
        found = _check_row(line, values, titles, seen_emails)
        if isinstance(found, ParticipantDraft):
            drafts.append(found)
        else:
            problems += found
            bad_lines.add(line)
    if problems:
        count = len(bad_lines)
        rows_text = "1 row" if count == 1 else f"{count} rows"
        verb = "needs" if count == 1 else "need"
        raise ParticipantFileError(
            f"{rows_text} in {filename} {verb} fixing; nothing was imported.", problems)
    if not drafts:
        raise ParticipantFileError(f"{filename} has a header row but no participants.")
    return drafts


def _columns(header: list[str], filename: str) -> dict[str, int]:
    """Map each known field to its column; unknown columns are ignored, doubled ones refused."""
    columns: dict[str, int] = {}
    for i, title in enumerate(header):
        field = COLUMNS.get(_normalise(title))
        if field is None:
            continue
        if field in columns:
            first = header[columns[field]].strip()
            raise ParticipantFileError(f"{filename} has two columns for the same thing: "
                                       f"'{first}' and '{title.strip()}'. Remove one.")
        columns[field] = i
    if "name" not in columns and "first_name" not in columns:
        shown = ", ".join(f"'{t.strip()}'" for t in header if t.strip())
        if any(EMAIL_RE.match(t.strip()) for t in header):
            raise ParticipantFileError(f"The first row of {filename} looks like a participant, not "
                                       "column names; add a header row such as Name, Email.")
        raise ParticipantFileError(f"{filename} has no 'Name' column (its first row has {shown}); "
                                   "the first row must name the columns, such as Name, Email.")
    return columns


def _check_row(line: int, values: dict[str, str], titles: dict[str, str],
               seen_emails: dict[str, int]) -> ParticipantDraft | list[tuple[int, str]]:
    """A draft, or every problem with the row, as (line, one sentence) each."""
    problems: list[tuple[int, str]] = []
    name = values.get("name", "")
    if not name:
        problems.append((line, "the name is missing."))
    elif len(name) > NAME_MAX:
        problems.append((line, f"the name is longer than {NAME_MAX} characters."))
    email = values.get("email", "")
    if email and not EMAIL_RE.match(email):
        problems.append((line, f"'{email}' is not an email address."))
    elif email:
        earlier = seen_emails.setdefault(email.lower(), line)
        if earlier != line:
            problems.append((line, f"{email} is also on line {earlier}."))
    sector = Sector.OTHER
    if values.get("sector"):
        try:
            sector = Sector(Sector.parse(values["sector"]))
        except ValueError:
            choices = ", ".join(s.label for s in Sector)
            problems.append((line, f"'{values['sector']}' is not a sector; use one of "
                                   f"{choices}."))
    flags: dict[str, bool] = {}
    for field in FLAGS:
        raw = values.get(field, "")
        if raw.lower() in YES or raw.lower() in NO:
            flags[field] = raw.lower() in YES
        else:
            problems.append((line, f"'{raw}' under '{titles[field]}' is not yes or no."))
    if problems:
        return problems
    return ParticipantDraft(name=name, email=email, organisation=values.get("organisation", ""),
                            sector=sector, locality=values.get("locality", ""),
                            access_needs=values.get("access_needs", ""), line=line, **flags)


def _decode(data: bytes, filename: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    elif b"\x00" not in data:
        for encoding in ("utf-8-sig", "cp1252"):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                continue
    raise ParticipantFileError(f"{filename} is not readable text; in Excel use Save As and choose "
                               "'CSV UTF-8 (Comma delimited)'.")


def _csv_rows(path: Path) -> Iterator[tuple[int, list[str]]]:
    """Records numbered as a spreadsheet numbers rows (a quoted line break stays in one row)."""
    try:
        data = path.read_bytes()
    except OSError as err:
        raise ParticipantFileError(f"{path.name} cannot be opened: {err.strerror}.") from err
    if data.startswith(b"PK\x03\x04"):
        raise ParticipantFileError(f"{path.name} is an Excel workbook, not CSV text; give it the "
                                   ".xlsx ending or save it as CSV UTF-8.")
    text = _decode(data, path.name)
    if not text.strip():
        raise ParticipantFileError(f"{path.name} is empty.")
    first_line = next((ln for ln in text.splitlines() if ln.strip()), "")
    delimiter = max(",;\t", key=first_line.count) if first_line else ","
    try:
        yield from enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), start=1)
    except csv.Error as err:
        raise ParticipantFileError(f"{path.name} is not valid CSV: {err}.") from err


def _xlsx_rows(path: Path) -> Iterator[tuple[int, list[str]]]:
    """Rows of the sheet that was open when the workbook was saved, numbered as Excel shows them."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except OSError as err:
        raise ParticipantFileError(f"{path.name} cannot be opened: {err.strerror}.") from err
    except Exception as err:  # a damaged workbook can fail in zip, XML or openpyxl's own code
        raise ParticipantFileError(f"{path.name} cannot be read as an Excel workbook; it may be "
                                   "damaged. Open and save it again in Excel.") from err
    try:
        sheet = book.active
        if sheet is None:
            raise ParticipantFileError(f"{path.name} has no worksheet.")
        # Collected before yielding so the file is closed even if the caller stops early.
        rows = [(n, [_cell_text(v) for v in values])
                for n, values in enumerate(sheet.iter_rows(values_only=True), start=1)]
    except ParticipantFileError:
        raise
    except Exception as err:
        raise ParticipantFileError(f"{path.name} cannot be read as an Excel workbook; it may be "
                                   "damaged. Open and save it again in Excel.") from err
    finally:
        book.close()
    yield from rows


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
