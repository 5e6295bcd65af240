"""Participant files as Teams, Zoom and Excel write them, read from real files in tmp_path:
attendance reports, semicolons, repeated e-mails, stale workbooks, damaged and encrypted files.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from app.models import InvalidInput
from app.services.capture import note_import
from app.services.planning import participants, planning_queries
from app.services.planning.participant_file import ParticipantFileError, read_participant_file
from tests.sample_files import (
    TEAMS_ATTENDANCE,
    TEAMS_ATTENDANCE_ROWS,
    ZOOM_PARTICIPANTS,
    save_workbook,
)


def write(tmp_path: Path, name: str, data: bytes | str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode(encoding))
    return path


def refused(path: Path, **kwargs) -> ParticipantFileError:
    with pytest.raises(ParticipantFileError) as caught:
        read_participant_file(path, **kwargs)
    return caught.value


def test_a_teams_attendance_report_gives_section_two_once_each_as_attended(tmp_path):
    read = read_participant_file(write(tmp_path, "meetingAttendanceReport.csv", TEAMS_ATTENDANCE))
    assert read.kind == "Teams attendance report" and read.is_report
    assert [(d.name, d.email, d.attended) for d in read.drafts] == [
        ("Iona Fictional", "iona.fictional@example.org", True),
        ("Tormod Notreal", "tormod@example.net", True),
        ("Eilidh Madeup", "", True),  # " (Guest)" is Teams' mark, not part of her name
        ("Carlos Farías", "carlos.farias@example.org", True),
    ]
    assert [d.line for d in read.drafts] == [12, 13, 14, 15]
    assert read.left_out == ["Line 11: Rhona Placeholder organised the meeting and is left out."]
    # Consent is not in a report: it starts as no.
    assert not any(d.may_name or d.may_email or d.may_quote for d in read.drafts)


def test_the_older_teams_report_with_one_row_per_join_or_leave(tmp_path):
    text = ("Meeting Summary\r\nTotal Number of Participants\t3\r\n"
            "Meeting Title\tWinter pressures\r\n\r\n"
            "Full Name\tUser Action\tTimestamp\r\n"
            "Iona Fictional\tJoined\t1/14/2027, 10:00:40 AM\r\n"
            "Tormod Notreal\tJoined\t1/14/2027, 10:01:02 AM\r\n"
            "Iona Fictional\tLeft\t1/14/2027, 10:20:00 AM\r\n"
            "Iona Fictional\tJoined before\t1/14/2027, 10:21:10 AM\r\n")
    read = read_participant_file(write(tmp_path, "attendance.csv", text.encode("utf-16")))
    assert read.kind == "Teams attendance report"
    assert [(d.name, d.attended) for d in read.drafts] == [("Iona Fictional", True),
                                                           ("Tormod Notreal", True)]
    assert read.left_out == ["2 more rows were joins by someone already listed (one person each)."]


@pytest.mark.parametrize("with_meeting_block", [True, False])
def test_a_zoom_participant_report_gives_each_person_once(tmp_path, with_meeting_block):
    text = ZOOM_PARTICIPANTS if with_meeting_block else ZOOM_PARTICIPANTS.split("\n", 3)[3]
    read = read_participant_file(write(tmp_path, "participants_81234567890.csv", text))
    assert read.kind == "Zoom participant report"
    assert [(d.name, d.email, d.attended) for d in read.drafts] == [
        ("Iona Fictional", "iona.fictional@example.org", True),  # her account's name
        ("Tormod Notreal", "tormod@example.net", True),
        ("Sam Placeholder (she/her)", "", True),  # pronouns are not a name: kept as shown
    ]
    assert read.left_out == ["2 more rows were joins by someone already listed (one person each)."]


def test_a_semicolon_csv_from_excel_in_a_comma_decimal_locale(tmp_path):
    text = ('Name;Email;Organisation;May name\r\n'
            '"Ólafur Fictional";olafur@example.org;"Fictia Trust; North";ja\r\n')
    err = refused(write(tmp_path, "liste.csv", text, "cp1252"))
    assert err.problems == ["Line 2: 'ja' under 'May name' is not yes or no."]
    fixed = write(tmp_path, "liste.csv", text.replace(";ja", ";yes"), "cp1252")
    [olafur] = read_participant_file(fixed).drafts
    assert (olafur.name, olafur.organisation, olafur.may_name) == (
        "Ólafur Fictional", "Fictia Trust; North", True)


DUPLICATES = ("Name,Email\nAnn Fictional,ann@example.org\nBo Notreal,bo@example.org\n"
              "Ann F.,ANN@example.org\nBo again,bo@example.org\n")


def test_a_repeated_email_is_reported_on_each_later_line(tmp_path):
    err = refused(write(tmp_path, "people.csv", DUPLICATES))
    assert err.problems == ["Line 4: ANN@example.org is also on line 2.",
                            "Line 5: bo@example.org is also on line 3."]
    assert err.duplicates_only


def test_keep_first_imports_the_first_of_each_and_says_what_was_left_out(tmp_path):
    read = read_participant_file(write(tmp_path, "people.csv", DUPLICATES), keep_first=True)
    assert [d.name for d in read.drafts] == ["Ann Fictional", "Bo Notreal"]
    assert read.left_out == [
        "Line 4: ANN@example.org is also on line 2; the first was kept.",
        "Line 5: bo@example.org is also on line 3; the first was kept.",
    ]
    assert read.kind == "participant list" and read.drafts[0].attended is None


def test_keep_first_is_not_offered_when_other_problems_remain(tmp_path):
    err = refused(write(tmp_path, "people.csv", DUPLICATES + ",nobody@example.org\n"))
    assert not err.duplicates_only
    assert err.problems[-1] == "Line 6: the name is missing."
    still = refused(write(tmp_path, "people.csv", DUPLICATES + ",x@example.org\n"),
                    keep_first=True)
    assert still.problems == ["Line 6: the name is missing."]


def test_an_unbalanced_quote_is_reported_by_its_line_in_both_importers(tmp_path):
    text = 'Name,Email\nAnn Fictional,ann@example.org\n"Bo Notreal,bo@example.org\n' \
           'Cy Madeup,cy@example.org\nDi Example,di@example.org\n'
    err = refused(write(tmp_path, "people.csv", text))
    assert str(err).startswith('Line 3 of people.csv opens a quote (") that is never closed')
    notes = write(tmp_path, "notes.csv", "Note,Who\nfirst,Ann\n\"second,Bo\nthird,Cy\n")
    with pytest.raises(InvalidInput, match=r"^Line 3 of notes.csv opens a quote"):
        note_import.read_table(notes)
    # A quoted line break that is closed is one cell, as in Excel.
    fine = write(tmp_path, "fine.csv", 'Name,Access needs\nAnn Fictional,"Captions\nBSL"\n')
    assert read_participant_file(fine).drafts[0].access_needs == "Captions\nBSL"


def _with_stale_dimension(path: Path, ref: str) -> None:
    """Rewrite the sheet's stored size as an older tool left it: smaller than its rows."""
    with zipfile.ZipFile(path) as old:
        parts = {name: old.read(name) for name in old.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    parts[sheet] = re.sub(rb'<dimension ref="[^"]*"\s*/>', f'<dimension ref="{ref}"/>'.encode(),
                          parts[sheet])
    assert f'ref="{ref}"'.encode() in parts[sheet]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
        for name, data in parts.items():
            new.writestr(name, data)


def _workbook(tmp_path: Path, name: str, rows: list[list[object]]) -> Path:
    return save_workbook(tmp_path / name, rows)


def test_a_stale_dimension_does_not_hide_rows_from_either_importer(tmp_path):
    people = _workbook(tmp_path, "people.xlsx", [["Name", "Email", "Organisation"]] + [
        [f"Person {n} Fictional", f"p{n}@example.org", "Fictia Trust"] for n in range(1, 8)])
    _with_stale_dimension(people, "A1:B2")
    drafts = read_participant_file(people).drafts
    assert len(drafts) == 7 and drafts[-1].organisation == "Fictia Trust"
    notes = _workbook(tmp_path, "notes.xlsx", [["Note", "Who"]] + [
        [f"note {n}", "Ann"] for n in range(1, 6)])
    _with_stale_dimension(notes, "A1")
    table = note_import.read_table(notes)
    assert len(table.rows) == 5 and table.rows[-1] == ("note 5", "Ann")


def test_an_encrypted_workbook_is_refused_with_what_to_do(tmp_path):
    # Excel saves a workbook with a password as an OLE compound file, not a zip.
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    err = refused(write(tmp_path, "people.xlsx", ole))
    assert "is protected with a password" in str(err) and err.problems == []
    with pytest.raises(InvalidInput, match="protected with a password"):
        note_import.read_table(write(tmp_path, "notes.xlsx", ole))


def test_a_cell_at_an_absurd_row_is_refused_not_read_for_minutes(tmp_path):
    path = _workbook(tmp_path, "people.xlsx", [["Name"], ["Ann Fictional"]])
    with zipfile.ZipFile(path) as old:
        parts = {name: old.read(name) for name in old.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    parts[sheet] = parts[sheet].replace(b'r="A2"', b'r="A9999999"').replace(
        b'<row r="2"', b'<row r="9999999"')
    with zipfile.ZipFile(path, "w") as new:
        for name, data in parts.items():
            new.writestr(name, data)
    assert "more than 100,000 rows" in str(refused(path))


def test_a_report_marks_people_already_invited_as_attended_and_undo_puts_it_back(
        tmp_path, store, session):
    added, _ = participants.add_to_session(store, session.id, "Iona Fictional",
                                           email="iona.fictional@example.org")
    assert added.invitation.attended is None
    read = read_participant_file(write(tmp_path, "report.csv", TEAMS_ATTENDANCE))
    rows = [d.import_fields() for d in read.drafts]
    assert participants.preview_import_to_session(store, session.id, rows) == [
        "attend", "add", "add", "add"]
    result, changes = participants.import_to_session(store, session.id, rows)
    assert result.marked == {added.invitation.id: None} and len(result.added) == 3
    assert changes.updated["invitation"] == {added.invitation.id}
    came = {p.participant.name: p.invitation.attended
            for p in participants.list_session_participants(store, session.id)}
    assert came == {"Iona Fictional": True, "Tormod Notreal": True, "Eilidh Madeup": True,
                    "Carlos Farías": True}
    # The same report again changes nothing.
    again, _ = participants.import_to_session(store, session.id, rows)
    assert (again.added, again.marked, again.left) == ([], {}, 4)

    snapshots, _ = planning_queries.withdraw_added(
        store, [a.invitation.id for a in result.added],
        sorted(changes.inserted["participant"]), result.marked)
    [(name, attended)] = [(p.participant.name, p.invitation.attended)
                          for p in participants.list_session_participants(store, session.id)]
    assert (name, attended) == ("Iona Fictional", None)
    planning_queries.restore_all(store, snapshots, dict.fromkeys(result.marked, True))
    assert all(p.invitation.attended
               for p in participants.list_session_participants(store, session.id))


def test_sections_after_the_participants_are_never_read(tmp_path):
    read = read_participant_file(write(tmp_path, "report.csv", TEAMS_ATTENDANCE))
    assert "Secret Sectionthree" in "\n".join(TEAMS_ATTENDANCE_ROWS)
    assert all(d.name != "Secret Sectionthree" for d in read.drafts)
