"""Reading participant lists from real CSV and XLSX files written to tmp_path."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.models import InvalidInput, Sector
from app.services.planning import participants
from app.services.planning.participant_file import (
    ParticipantDraft,
    ParticipantFileError,
    read_participant_file,
)
from tests.sample_files import save_workbook

HEADER = "Name,Email,Organisation,Sector,Locality,May name,May email,May quote,Access needs\n"


def write(tmp_path: Path, text: str, name: str = "people.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def write_xlsx(tmp_path: Path, rows: list[list[object]], name: str = "people.xlsx") -> Path:
    return save_workbook(tmp_path / name, rows)


def refused(path: Path) -> ParticipantFileError:
    with pytest.raises(ParticipantFileError) as caught:
        read_participant_file(path)
    return caught.value


def test_a_good_csv_reads_every_field(tmp_path: Path) -> None:
    path = write(tmp_path, HEADER
                 + "Ada Placeholder,ada@example.org,Imaginary Trust,Third sector,Fictia,yes,Y,x,"
                 + "\"Uses a screen reader\nSend slides ahead\"\n"
                 + "\n"  # a blank line is skipped but still counts, as in a spreadsheet
                 + "Bram Example,,Notreal HSCP,hscp,,no,TRUE,0,\n"
                 + " , , , , , , , , \n"
                 + "Cy Madeup,cy@example.org,,,,,,1,\n")
    ada, bram, cy = read_participant_file(path).drafts
    assert ada == ParticipantDraft(
        name="Ada Placeholder", email="ada@example.org", organisation="Imaginary Trust",
        sector=Sector.THIRD_SECTOR, locality="Fictia", may_name=True, may_email=True,
        may_quote=True, access_needs="Uses a screen reader\nSend slides ahead", line=2)
    assert (bram.line, bram.sector, bram.may_name, bram.may_email, bram.may_quote) == (
        4, Sector.HSCP, False, True, False)
    assert (cy.line, cy.sector, cy.email, cy.may_quote) == (6, Sector.OTHER, "cy@example.org", True)


def test_column_names_match_with_synonyms_in_any_order_and_case(tmp_path: Path) -> None:
    path = write(tmp_path, "ACCESS NEEDS,e-mail,Full name,Org,Area,Consent to be named,"
                           "Consent to be emailed,May be quoted,Notes\n"
                           "Captions,zed@example.org,Zed Testperson,Sample Housing,Isle of Fictia,"
                           "y,n,yes,ignored column\n")
    [zed] = read_participant_file(path).drafts
    assert (zed.name, zed.email, zed.organisation, zed.locality) == (
        "Zed Testperson", "zed@example.org", "Sample Housing", "Isle of Fictia")
    assert (zed.may_name, zed.may_email, zed.may_quote, zed.access_needs) == (
        True, False, True, "Captions")
    us = write(tmp_path, "Organization,Name\nX Trust,Pip Fakename\n", "us.csv")
    assert read_participant_file(us).drafts[0].organisation == "X Trust"


def test_first_and_last_name_columns_make_the_name(tmp_path: Path) -> None:
    path = write(tmp_path, "First name,Surname,Email\nQuill,Madeup,quill@example.org\nSolo,,\n")
    assert [d.name for d in read_participant_file(path).drafts] == ["Quill Madeup", "Solo"]


def test_every_bad_row_is_reported_and_nothing_is_returned(tmp_path: Path) -> None:
    path = write(tmp_path, HEADER
                 + "Ada Placeholder,ada@example.org,,,,yes,yes,yes,\n"
                 + ",nobody@example.org,,,,,,,\n"
                 + "Bob Notreal,bob@,,,,,,,\n"
                 + "Cy Madeup,cy@example.org,,NHS Fictia,,maybe,,,\n"
                 + "Dee Example,ADA@example.org,,,,,,,\n")
    err = refused(path)
    assert isinstance(err, InvalidInput)
    assert str(err) == "4 rows in people.csv need fixing; nothing was imported."
    assert err.problems[0] == "Line 3: the name is missing."
    assert err.problems[1] == "Line 4: 'bob@' is not an email address."
    assert err.problems[2].startswith("Line 5: 'NHS Fictia' is not a sector; use one of NHS board,")
    assert err.problems[3] == "Line 5: 'maybe' under 'May name' is not yes or no."
    assert err.problems[4] == "Line 6: ADA@example.org is also on line 2."
    assert len(err.problems) == 5


def test_one_bad_row_is_one_row(tmp_path: Path) -> None:
    path = write(tmp_path, "Name,May be quoted\n" + "A" * 201 + ",\nPip Fakename,perhaps\n")
    err = refused(path)
    assert str(err) == "2 rows in people.csv need fixing; nothing was imported."
    assert err.problems == ["Line 2: the name is longer than 200 characters.",
                            "Line 3: 'perhaps' under 'May be quoted' is not yes or no."]
    err = refused(write(tmp_path, "Name,Email\nPip Fakename,pip@\n", "one.csv"))
    assert str(err) == "1 row in one.csv needs fixing; nothing was imported."


@pytest.mark.parametrize(("text", "expected"), [
    ("", "people.csv is empty."),
    ("\n  \n,,,\n", "people.csv is empty."),
    ("Name,Email\n\n", "people.csv has a header row but no participants."),
    ("Email,Organisation\nada@example.org,X\n",
     "people.csv has no 'Name' column (its first row has 'Email', 'Organisation'); the first row "
     "must name the columns, such as Name, Email."),
    ("Ada Placeholder,ada@example.org\n", "The first row of people.csv looks like a participant, "
     "not column names; add a header row such as Name, Email."),
    ("Name,Full name\nA,B\n", "people.csv has two columns for the same thing: 'Name' and "
     "'Full name'. Remove one."),
])
def test_files_refused_as_a_whole(tmp_path: Path, text: str, expected: str) -> None:
    err = refused(write(tmp_path, text))
    assert str(err) == expected and err.problems == []


def test_missing_file_folder_and_unsupported_kinds(tmp_path: Path) -> None:
    assert str(refused(tmp_path / "absent.csv")) == "absent.csv was not found."
    (tmp_path / "folder.csv").mkdir()
    assert "is a folder" in str(refused(tmp_path / "folder.csv"))
    assert "old-style Excel file" in str(refused(write(tmp_path, "x", "old.xls")))
    assert str(refused(write(tmp_path, "x", "list.ods"))) == "list.ods is not a .csv or .xlsx file."


def test_windows_1252_csv_from_excel_is_read(tmp_path: Path) -> None:
    path = write(tmp_path, "Name,Organisation\r\nZoë O’Madeup,Café Fictia – Trust\r\n",
                 encoding="cp1252")
    [zoe] = read_participant_file(path).drafts
    assert (zoe.name, zoe.organisation) == ("Zoë O’Madeup", "Café Fictia – Trust")


def test_utf8_with_bom_utf16_and_semicolons(tmp_path: Path) -> None:
    bom = write(tmp_path, "\ufeffName,Email\nÅsa Invented,asa@example.org\n", "bom.csv")
    assert read_participant_file(bom).drafts[0].name == "Åsa Invented"
    utf16 = write(tmp_path, "\ufeffName\tEmail\r\nŁucja Fictional\tlucja@example.org\r\n",
                  "unicode.txt", encoding="utf-16-le")
    assert read_participant_file(utf16).drafts[0].email == "lucja@example.org"
    semi = write(tmp_path, "Name;Organisation;May name\nPip Fakename;A, B and C;ja\n", "semi.csv")
    err = refused(semi)
    assert err.problems == ["Line 2: 'ja' under 'May name' is not yes or no."]


def test_text_in_no_known_encoding_is_refused_clearly(tmp_path: Path) -> None:
    bad = tmp_path / "people.csv"
    bad.write_bytes(b"Name\n\x81\x8d\x90 broken\n")
    assert "'CSV UTF-8 (Comma delimited)'" in str(refused(bad))
    binary = tmp_path / "binary.csv"
    binary.write_bytes(b"Name\x00\x01\x02\n")
    assert str(refused(binary)) == "binary.csv is not a text file."


def test_a_good_xlsx_reads_typed_cells_and_row_numbers(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path, [
        ["Full name", "E-mail", "Organisation", "Sector", "May name", "May email", "May quote",
         "Access needs"],
        ["Ada Placeholder", "ada@example.org", "Imaginary Trust", "local-authority", True, 1, None,
         "Step-free access"],
        [None, None, None, None, None, None, None, None],
        ["Bram Example", None, None, "Independent sector", False, 0.0, "X", None],
    ])
    ada, bram = read_participant_file(path).drafts
    assert (ada.line, ada.sector, ada.may_name, ada.may_email, ada.may_quote) == (
        2, Sector.LOCAL_AUTHORITY, True, True, False)
    assert ada.access_needs == "Step-free access"
    assert (bram.line, bram.sector, bram.may_name, bram.may_email, bram.may_quote) == (
        4, Sector.INDEPENDENT, False, False, True)


def test_bad_xlsx_rows_use_excel_row_numbers(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path, [["Name", "Email"], [], ["Cy Madeup", "cy at example"]])
    err = refused(path)
    assert str(err) == "1 row in people.xlsx needs fixing; nothing was imported."
    assert err.problems == ["Line 3: 'cy at example' is not an email address."]


def test_damaged_or_mislabelled_workbooks(tmp_path: Path) -> None:
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(b"this is not a zip file at all")
    assert "cannot be read as an Excel workbook" in str(refused(junk))
    good = write_xlsx(tmp_path, [["Name"], ["Ada Placeholder"]], "good.xlsx")
    cut = tmp_path / "cut.xlsx"
    cut.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    assert "may be damaged" in str(refused(cut))
    renamed = tmp_path / "renamed.csv"
    renamed.write_bytes(good.read_bytes())
    assert "is an Excel workbook, not CSV text" in str(refused(renamed))
    empty = write_xlsx(tmp_path, [], "empty.xlsx")
    assert str(refused(empty)) == "empty.xlsx is empty."


def test_drafts_import_into_a_session(tmp_path: Path, store, session) -> None:
    path = write(tmp_path, HEADER + "Ada Placeholder,ada@example.org,,NHS board,,yes,yes,no,"
                                    "Captions\nBram Example,,,,,,,,\n")
    drafts = read_participant_file(path).drafts
    result, _ = participants.import_to_session(store, session.id,
                                               [d.import_fields() for d in drafts])
    added = result.added
    ada = next(a for a in added if a.participant.name == "Ada Placeholder")
    assert ada.participant.sector is Sector.NHS_BOARD
    assert (ada.invitation.may_name, ada.invitation.may_quote) == (True, False)
    assert ada.invitation.access_needs == "Captions"
    assert len(added) == 2
