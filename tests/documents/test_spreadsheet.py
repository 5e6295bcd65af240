"""CSV and workbook rendering on their own: formula neutralising as OWASP describes it, cells
too long or holding characters a workbook cannot carry, and typed cells read back."""

from __future__ import annotations

import io
from datetime import date, datetime

import openpyxl
import pytest

from app.documents.spreadsheet import (
    EXCEL_CELL_MAX,
    Column,
    Sheet,
    csv_bytes,
    neutralised,
    xlsx_bytes,
)


@pytest.mark.parametrize(("given", "written"), [
    ("=1+1", "'=1+1"), ("+44 1856", "'+44 1856"), ("-5 degrees", "'-5 degrees"),
    ("@SUM(A1)", "'@SUM(A1)"), ("\tcmd", "'\tcmd"), ("\rcmd", "'\rcmd"),
    ("plain", "plain"), ("a=b", "a=b"), ("", ""), ("'=already", "'=already"),
])
def test_a_cell_that_starts_like_a_formula_gets_an_apostrophe(given, written):
    assert neutralised(given) == written


def test_csv_has_a_bom_crlf_rows_and_plain_values():
    sheet = Sheet("Notes", (Column("Text"), Column("When"), Column("Due"), Column("Starred"),
                            Column("Votes")),
                  (("=cmd|' /C calc'!A0", datetime(2026, 12, 8, 10, 5), date(2027, 1, 15),
                    True, -1),))
    assert csv_bytes(sheet).decode("utf-8") == (
        "\ufeffText,When,Due,Starred,Votes\r\n"
        "'=cmd|' /C calc'!A0,2026-12-08T10:05:00,2027-01-15,yes,-1\r\n")


def test_the_workbook_cuts_overlong_cells_and_drops_what_xml_cannot_hold():
    long = "x" * (EXCEL_CELL_MAX + 10)
    sheet = Sheet("Notes: [all]?", (Column("Text", 60),),
                  ((long,), ("bell\x07 rang",), ("=1+1",)))
    book = openpyxl.load_workbook(io.BytesIO(xlsx_bytes([sheet], title="T\x01", author="A")))
    ws = book.worksheets[0]
    assert ws.title == "Notes   all"
    values = [ws.cell(r, 1).value for r in range(2, 5)]
    assert len(values[0]) == EXCEL_CELL_MAX and values[0].endswith("…")
    assert values[1:] == ["bell rang", "'=1+1"]
    assert ws.cell(4, 1).data_type == "s"
    assert book.properties.title == "T"
