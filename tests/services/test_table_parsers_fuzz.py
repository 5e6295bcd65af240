"""The workbook and participant-list readers, fed damaged workbooks and arbitrary text, either
read them or refuse them with Cairn's own error (one sentence); no other exception escapes.

Workbooks are damaged three ways: bytes of a real workbook flipped, cut or inserted (zip,
zlib, EOF); a real workbook's parts rewritten with XML made of the format's own pieces (bad
coordinates, shared strings that are not there, stale dimensions, broken markup); and an
encrypted one's header. Examples per test come from the hypothesis profile: "ci" by default,
`--hypothesis-profile fuzz` for thousands.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from app.services.core import tabular
from app.services.planning.participant_file import read_participant_file
from tests.sample_files import TEAMS_ATTENDANCE_ROWS
from tests.services.test_note_parsers_fuzz import (
    file_bytes,
    read_or_refuse,
    read_table_or_refuse,
)

FILE_SETTINGS = settings(suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                HealthCheck.too_slow])
SHEET = "xl/worksheets/sheet1.xml"
PARTS = [SHEET, "xl/sharedStrings.xml", "xl/workbook.xml", "[Content_Types].xml",
         "xl/_rels/workbook.xml.rels", "xl/styles.xml"]
XML_PIECES = st.sampled_from([
    '<?xml version="1.0" encoding="UTF-8"?>', "<worksheet xmlns=\"http://schemas.openxmlformats"
    ".org/spreadsheetml/2006/main\">", "</worksheet>", "<sheetData>", "</sheetData>",
    '<dimension ref="A1:B2"/>', '<dimension ref="A1"/>', '<dimension ref="ZZZ0"/>', '<row r="',
    '<row>', "</row>", '<c r="', '<c>', "</c>", ' t="s"', ' t="b"', ' t="n"', ' t="inlineStr"',
    ' t="d"', ' t="e"', "<v>", "</v>", "<is><t>", "</t></is>", "A1", "B2", "XFD1048576",
    "A0", "a1", "1", "0", "-1", "99999999", "1e308", "nan", "2027-01-14T09:58:11", '">', ">",
    "<", "&amp;", "&#0;", "&#x110000;", "&bogus;", "<sst>", "<si><t>Name</t></si>", "</sst>",
    "\x00", "é", " ", "\n",
])
XML_TEXT = st.lists(XML_PIECES | st.text(max_size=4), max_size=60).map("".join)
CSV_PIECES = st.sampled_from([
    ",", ";", "\t", '"', "\n", "\r\n", "Name", "Email", "User Email", "Name (Original Name)",
    "Role", "Organizer", "(Guest)", "ann@example.org", "ANN@example.org", "1. Summary",
    "2. Participants", "3. In-Meeting Activities", "First Join", "yes", "maybe", "Sector",
    "NHS board", "May name", "Full Name", "User Action", "Joined", "Ann (Ann Lee)", "é", " ",
    *TEAMS_ATTENDANCE_ROWS[:12],
])


def _base_workbook() -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Name", "Email", "Note", "Who"])
    sheet.append(["Ann Fictional", "ann@example.org", "The ferry decides", "Ann"])
    sheet.append([3.0, True, None, "2027-01-14"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


BASE = _base_workbook()


@st.composite
def damaged_workbooks(draw: st.DrawFn) -> bytes:
    """A real workbook with bytes flipped, cut or inserted, or with one part rewritten."""
    how = draw(st.sampled_from(["bytes", "part", "ole"]))
    if how == "ole":
        return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + draw(st.binary(max_size=600))
    if how == "bytes":
        raw = bytearray(BASE)
        for _ in range(draw(st.integers(1, 6))):
            at = draw(st.integers(0, len(raw) - 1))
            action = draw(st.sampled_from(["flip", "cut", "insert"]))
            if action == "flip":
                raw[at] ^= draw(st.integers(1, 255))
            elif action == "cut":
                del raw[at:at + draw(st.integers(1, 400))]
                if not raw:
                    break
            else:
                raw[at:at] = draw(st.binary(min_size=1, max_size=20))
        return bytes(raw)
    with zipfile.ZipFile(io.BytesIO(BASE)) as book:
        parts = {name: book.read(name) for name in book.namelist()}
    parts[draw(st.sampled_from(PARTS))] = draw(XML_TEXT).encode("utf-8", "surrogatepass")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as book:
        for name, data in parts.items():
            book.writestr(name, data)
    return out.getvalue()


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz-tables")


@FILE_SETTINGS
@given(raw=damaged_workbooks())
def test_a_damaged_workbook_is_read_or_refused_by_the_notes_importer(folder: Path,
                                                                     raw: bytes) -> None:
    path = folder / "wall.xlsx"
    path.write_bytes(raw)
    read_table_or_refuse(path)


@FILE_SETTINGS
@given(raw=damaged_workbooks())
def test_a_damaged_workbook_is_read_or_refused_by_the_participant_importer(folder: Path,
                                                                           raw: bytes) -> None:
    path = folder / "people.xlsx"
    path.write_bytes(raw)
    read = read_or_refuse(read_participant_file, path)
    for draft in read.drafts if read is not None else ():
        assert draft.name and len(draft.name) <= 200


@FILE_SETTINGS
@given(raw=file_bytes(CSV_PIECES), keep_first=st.booleans())
def test_a_participant_list_or_report_is_read_or_refused(folder: Path, raw: bytes,
                                                         keep_first: bool) -> None:
    path = folder / "people.csv"
    path.write_bytes(raw)
    read = read_or_refuse(read_participant_file, path, keep_first=keep_first)
    if read is None:
        return
    emails = [d.email.lower() for d in read.drafts if d.email]
    assert len(emails) == len(set(emails)), "one person per e-mail address"
    assert all(d.attended is (True if read.is_report else None) for d in read.drafts)


@given(text=st.lists(CSV_PIECES | st.text(max_size=5), max_size=40).map("".join))
def test_csv_rows_are_numbered_in_order_or_refused(text: str) -> None:
    rows = read_or_refuse(tabular.csv_rows, text, "people.csv")
    if rows is not None:
        assert [n for n, _ in rows] == list(range(1, len(rows) + 1))
