"""Reading a participant list, or a meeting's attendance report, checked row by row before import.

Three kinds of file come in, told apart by their columns (bytes, encodings, delimiters and
workbooks are read by `core.tabular`):

- a participant list a facilitator keeps (Name, Email, Organisation, consent, access needs),
  in CSV (comma, semicolon or tab) or Excel; its header is its first row;
- a Microsoft Teams attendance report: UTF-16, tab-separated, in numbered sections ("1.
  Summary", "2. Participants", "3. In-Meeting Activities"). The people come from "2.
  Participants" only, once each; the organiser (the facilitator) is left out, and Teams'
  " (Guest)" or " (External)" after a name is dropped;
- a Zoom participant report: one row per join, "Name (Original Name)" and "User Email", maybe
  under a block about the meeting. Each person comes once, by their account's name where they
  renamed themselves for the meeting.

People in a report are marked as attended. Every bad row of a list is reported at once, with
the line a spreadsheet shows (the header is line 1), so the file can be fixed in one go; a file
with any bad row imports nothing. The same e-mail address twice in a list is a problem on the
later line, unless the facilitator chose to keep the first of each.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.models.base import Model
from app.models.enums import Sector
from app.models.errors import InvalidInput
from app.models.people import EMAIL_RE
from app.services.core.tabular import Rows, table_rows

NAME_MAX = 200
YES = {"yes", "y", "true", "1", "x"}
NO = {"no", "n", "false", "0", ""}
HEADER_WITHIN = 60  # rows a report's header may sit under (the meeting's summary)

# Normalised header text -> field. Headers are lower-cased with punctuation turned into spaces.
COLUMNS: dict[str, str] = {
    "name": "name", "full name": "name", "participant": "name", "participant name": "name",
    "name original name": "name",
    "first name": "first_name", "forename": "first_name", "given name": "first_name",
    "last name": "last_name", "surname": "last_name", "family name": "last_name",
    "email": "email", "e mail": "email", "email address": "email", "e mail address": "email",
    "user email": "email",
    "organisation": "organisation", "organization": "organisation", "org": "organisation",
    "sector": "sector",
    "locality": "locality", "area": "locality",
    "may name": "may_name", "consent to be named": "may_name", "may be named": "may_name",
    "may email": "may_email", "consent to be emailed": "may_email", "may be emailed": "may_email",
    "may quote": "may_quote", "consent to be quoted": "may_quote", "may be quoted": "may_quote",
    "access needs": "access_needs", "access requirements": "access_needs",
    "role": "role",
}
FLAGS = ("may_name", "may_email", "may_quote")
# The fields a person can choose a column for, with what the choice is called.
FIELDS: dict[str, str] = {
    "name": "Name", "first_name": "First name", "last_name": "Last name", "email": "Email",
    "organisation": "Organisation", "sector": "Sector", "locality": "Locality",
    "may_name": "May be named", "may_email": "May be emailed", "may_quote": "May be quoted",
    "access_needs": "Access needs",
}
# Columns only an attendance report has: who joined when, and for how long.
REPORT_COLUMNS = {"first join", "last leave", "in meeting duration", "join time", "leave time",
                  "duration", "duration minutes", "user action"}
TEAMS_COLUMNS = {"first join", "in meeting duration", "participant id upn", "user action"}
ZOOM_COLUMNS = {"name original name", "guest", "recording consent", "in waiting room"}
_SECTION_RE = re.compile(r"^\d+\.\s+\S")
_TEAMS_MARK_RE = re.compile(r"\s*\((?:guest|external|unverified)\)\s*$", re.I)
_ORIGINAL_NAME_RE = re.compile(r"^(.*\S)\s*\(([^()/]*[^\W\d_][^()/]*)\)$")
ORGANISER_ROLES = {"organizer", "organiser"}


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
    attended: bool | None = None
    line: int

    def import_fields(self) -> dict[str, Any]:
        """The fields `participants.import_to_session` takes."""
        return self.model_dump(exclude={"line"})


class ParticipantFile(Model):
    """A file read whole: the people to import, and what was left out of it, in sentences."""

    drafts: list[ParticipantDraft]
    kind: str  # "participant list", "Teams attendance report", "Zoom participant report", ...
    left_out: list[str] = []

    @property
    def is_report(self) -> bool:
        return self.kind != "participant list"


class ParticipantFileError(InvalidInput):
    """The file was refused as a whole; `problems` lists each bad row, one sentence per problem
    ("Line 7: the name is missing."), and `by_line` the same as (line, "the name is missing.").
    `duplicates_only` says every problem is an e-mail seen on an earlier line, which reading
    with `keep_first` resolves.
    """

    def __init__(self, message: str, by_line: Sequence[tuple[int, str]] = (),
                 duplicates_only: bool = False) -> None:
        super().__init__(message)
        self.by_line: list[tuple[int, str]] = list(by_line)
        self.problems: list[str] = [f"Line {line}: {text}" for line, text in self.by_line]
        self.duplicates_only = duplicates_only and bool(self.by_line)


def read_participant_file(path: Path, *, keep_first: bool = False,
                          columns: Mapping[str, int] | None = None) -> ParticipantFile:
    """Read and check every row of a .csv, .txt or .xlsx list or report; raise on any problem.

    With `keep_first`, a later row with an e-mail already seen is left out (and said so in
    `left_out`) instead of refusing the file. `columns` maps fields (keys of FIELDS) to column
    positions in the header row, chosen by a person; without it they are found by heading.
    """
    return participants_from_table(read_participant_table(path), columns=columns,
                                   keep_first=keep_first)


@dataclass(frozen=True)
class ParticipantTable:
    """A file read whole, before its columns are chosen: the header row (a report's sits
    under its summary), the rows under it up to the next section, and a guess of the columns."""

    filename: str
    headings: tuple[str, ...]
    rows: tuple[tuple[int, tuple[str, ...]], ...]  # (line as a spreadsheet shows it, cells)
    kind: str
    guess: dict[str, int]

    def sample(self, column: int, count: int = 3) -> list[str]:
        """The first `count` non-blank values of a column, for choosing it."""
        values = [cells[column].strip() for _, cells in self.rows
                  if column < len(cells) and cells[column].strip()]
        return values[:count]


def read_participant_table(path: Path) -> ParticipantTable:
    """Read a .csv, .txt or .xlsx list or report into rows under its header; raise when the
    file cannot be read or has nothing in it."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".xls":
        raise ParticipantFileError(f"{path.name} is an old-style Excel file; save it as .xlsx or "
                                   "CSV UTF-8 and choose it again.")
    if suffix not in (".xlsx", ".xlsm", ".csv", ".txt", ".tsv", ""):
        raise ParticipantFileError(f"{path.name} is not a .csv or .xlsx file.")
    try:
        rows = table_rows(path)
    except ParticipantFileError:
        raise
    except InvalidInput as err:
        raise ParticipantFileError(str(err)) from None
    return _table(rows, path.name)


def _normalise(header: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", header.lower()).split())


def _is_section_title(cells: list[str]) -> bool:
    return bool(cells) and bool(_SECTION_RE.match(cells[0].strip())) and not any(
        c.strip() for c in cells[1:])


def _table(rows: Rows, filename: str) -> ParticipantTable:
    """Find the header, then take the rows under it up to the next section."""
    filled = [(n, cells) for n, cells in rows if any(c.strip() for c in cells)]
    if not filled:
        raise ParticipantFileError(f"{filename} is empty.")
    at = next((i for i, (_, cells) in enumerate(filled[:HEADER_WITHIN])
               if any(COLUMNS.get(_normalise(c)) in ("name", "first_name") for c in cells)), 0)
    header = filled[at][1]
    names = {_normalise(t) for t in header}
    kind = _kind(names, any(_is_section_title(cells) for _, cells in filled[:at]))
    body = []
    for n, cells in filled[at + 1:]:
        if _is_section_title(cells):
            break
        body.append((n, tuple(cells)))
    return ParticipantTable(filename, tuple(h.strip() for h in header), tuple(body), kind,
                            guess_columns(header))


def guess_columns(header: Sequence[str]) -> dict[str, int]:
    """Each field whose heading is recognised, with its column; the first of a doubled one."""
    found: dict[str, int] = {}
    for i, title in enumerate(header):
        field = COLUMNS.get(_normalise(title))
        if field is not None:
            found.setdefault(field, i)
    return found


def participants_from_table(table: ParticipantTable, *,
                            columns: Mapping[str, int] | None = None,
                            keep_first: bool = False) -> ParticipantFile:
    """Check every row of a table read by `read_participant_table` into drafts, with the
    columns chosen (`columns`) or found by heading; raise on any problem."""
    header = list(table.headings)
    chosen = (_columns(header, table.filename) if columns is None
              else _chosen_columns(columns, header))
    zoom_names = "name" in chosen and _normalise(header[chosen["name"]]) == "name original name"
    titles = {f: (header[i] or f"Column {i + 1}") for f, i in chosen.items()}
    reader = _Reader(chosen, titles, table.kind, zoom_names, keep_first)
    for line, cells in table.rows:
        reader.row(line, list(cells))
    return reader.result(table.filename)


def _chosen_columns(columns: Mapping[str, int], header: list[str]) -> dict[str, int]:
    """A person's choice of columns, checked: known fields, columns that exist, one each."""
    unknown = sorted(set(columns) - set(FIELDS) - {"role"})
    if unknown:
        raise ParticipantFileError(f"'{unknown[0]}' is not a participant field; choose from "
                                   f"{', '.join(FIELDS)}.")
    for field, column in columns.items():
        if not 0 <= column < len(header):
            raise ParticipantFileError(f"There is no column {column + 1} for "
                                       f"{FIELDS.get(field, field).lower()}; the file has "
                                       f"{len(header)}.")
    by_column: dict[int, str] = {}
    for field, column in columns.items():
        if column in by_column:
            raise ParticipantFileError(
                f"The column '{header[column] or f'Column {column + 1}'}' is chosen for both "
                f"{FIELDS.get(by_column[column], by_column[column]).lower()} and "
                f"{FIELDS.get(field, field).lower()}; choose one "
                "column for each.")
        by_column[column] = field
    if "name" not in columns and "first_name" not in columns:
        raise ParticipantFileError("Choose the column that holds the names (or the first "
                                   "names).")
    return dict(columns)


def _kind(names: set[str], has_sections: bool) -> str:
    if not names & REPORT_COLUMNS and not names & ZOOM_COLUMNS:
        return "participant list"
    if names & TEAMS_COLUMNS or has_sections:
        return "Teams attendance report"
    if names & ZOOM_COLUMNS:
        return "Zoom participant report"
    return "attendance report"


class _Reader:
    """Rows into drafts: a report's repeated joins merged, a list's repeats checked."""

    def __init__(self, columns: dict[str, int], titles: dict[str, str], kind: str,
                 zoom_names: bool, keep_first: bool) -> None:
        self.columns, self.titles, self.kind = columns, titles, kind
        self.report = kind != "participant list"
        self.zoom_names, self.keep_first = zoom_names, keep_first
        self.drafts: list[ParticipantDraft] = []
        self.problems: list[tuple[int, str]] = []
        self.bad_lines: set[int] = set()
        self.duplicates = 0
        self.seen: dict[str, int] = {}  # e-mail (or, in a report, name) -> first line
        self.left_out: list[str] = []
        self.joins = 0

    def row(self, line: int, cells: list[str]) -> None:
        values = {f: (cells[i].strip() if i < len(cells) else "") for f, i in self.columns.items()}
        if "first_name" in values or "last_name" in values:
            parts = (values.pop("first_name", ""), values.pop("last_name", ""))
            values["name"] = values.get("name") or " ".join(p for p in parts if p)
        values["name"] = self._name(values.get("name", ""))
        role = values.pop("role", "")
        if self.report and role.lower() in ORGANISER_ROLES:
            self.left_out.append(f"Line {line}: {values['name'] or 'the organiser'} organised "
                                 "the meeting and is left out.")
            return
        key = values.get("email", "").lower() or (
            values["name"].casefold() if self.report else "")
        earlier = self.seen.get(key) if key else None
        if earlier is not None and self.report:
            self.joins += 1  # one row per join: the person is already listed
            return
        if earlier is not None:
            sentence = f"{values['email']} is also on line {earlier}."
            if self.keep_first:
                self.left_out.append(f"Line {line}: {sentence[:-1]}; the first was kept.")
                return
            self.duplicates += 1
        found = _check_row(line, values, self.titles, earlier)
        if isinstance(found, ParticipantDraft):
            if self.report:
                found = found.model_copy(update={"attended": True})
            self.drafts.append(found)
            if key:
                self.seen[key] = line
        else:
            self.problems += found
            self.bad_lines.add(line)
            if key and earlier is None:
                self.seen[key] = line

    def _name(self, name: str) -> str:
        if self.report:
            name = _TEAMS_MARK_RE.sub("", name)
        if self.zoom_names and (found := _ORIGINAL_NAME_RE.match(name)):
            name = found.group(2).strip()  # "Ann (Ann Lee)": shown as Ann, account Ann Lee
        return name

    def result(self, filename: str) -> ParticipantFile:
        if self.problems:
            count = len(self.bad_lines)
            rows_text = "1 row" if count == 1 else f"{count} rows"
            verb = "needs" if count == 1 else "need"
            raise ParticipantFileError(
                f"{rows_text} in {filename} {verb} fixing; nothing was imported.", self.problems,
                duplicates_only=self.duplicates == len(self.problems))
        if not self.drafts:
            raise ParticipantFileError(f"{filename} has a header row but no participants.")
        if self.joins:
            rows = "1 more row was a join" if self.joins == 1 else \
                f"{self.joins} more rows were joins"
            self.left_out.append(f"{rows} by someone already listed (one person each).")
        return ParticipantFile(drafts=self.drafts, kind=self.kind, left_out=self.left_out)


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
               earlier: int | None) -> ParticipantDraft | list[tuple[int, str]]:
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
    elif earlier is not None:
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
