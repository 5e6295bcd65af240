"""Small files as real tools write them, shared by the tests of the import dialogs and commands.

The names are invented."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook


def save_workbook(path: Path, rows: list[list[object]]) -> Path:
    """An .xlsx file as Excel saves it, its first sheet holding `rows`."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path

# A Teams transcript: one speaker over two cues, then a role.
TEAMS_TRANSCRIPT = """WEBVTT

00:00:03.159 --> 00:00:05.839
<v Iona Fictional>The ferry decides</v>

00:00:05.839 --> 00:00:09.100
<v Iona Fictional>when the clinic opens.</v>

00:00:09.300 --> 00:00:12.000
<v Housing officer>We knocked on doors #trust</v>
"""


# A Microsoft Teams attendance report as the meeting's "Download attendance list" writes it:
# UTF-16 with its byte order mark, tab-separated, CRLF, in three numbered sections. Section 3
# repeats people once per join; the organiser is listed with the role "Organizer"; a guest's
# name carries " (Guest)"; Teams' own dates are US-style with a comma.
TEAMS_ATTENDANCE_ROWS = [
    "1. Summary",
    "Meeting title\tWinter pressures: sensemaking",
    "Attended participants\t5",
    "Start time\t1/14/27, 9:58:11 AM",
    "End time\t1/14/27, 11:31:02 AM",
    "Meeting duration\t1h 32m 51s",
    "Average attendance time\t1h 12m 4s",
    "",
    "2. Participants",
    "Name\tFirst Join\tLast Leave\tIn-Meeting Duration\tEmail\tParticipant ID (UPN)\tRole",
    "Rhona Placeholder\t1/14/27, 9:58:11 AM\t1/14/27, 11:31:02 AM\t1h 32m 51s\t"
    "rhona.placeholder@example.org\trhona.placeholder@example.org\tOrganizer",
    "Iona Fictional\t1/14/27, 10:00:40 AM\t1/14/27, 11:30:12 AM\t1h 21m 3s\t"
    "iona.fictional@example.org\tiona.fictional@example.org\tPresenter",
    "Tormod Notreal\t1/14/27, 10:01:02 AM\t1/14/27, 11:29:55 AM\t1h 28m 53s\t"
    "tormod@example.net\ttormod@example.net\tAttendee",
    "Eilidh Madeup (Guest)\t1/14/27, 10:03:15 AM\t1/14/27, 10:40:00 AM\t36m 45s\t\t\tAttendee",
    "Carlos Farías\t1/14/27, 10:05:00 AM\t1/14/27, 11:31:00 AM\t1h 26m\t"
    "carlos.farias@example.org\tcarlos.farias@example.org\tAttendee",
    "",
    "3. In-Meeting Activities",
    "Name\tJoin Time\tLeave Time\tDuration\tEmail\tRole",
    "Rhona Placeholder\t1/14/27, 9:58:11 AM\t1/14/27, 11:31:02 AM\t1h 32m 51s\t"
    "rhona.placeholder@example.org\tOrganizer",
    "Iona Fictional\t1/14/27, 10:00:40 AM\t1/14/27, 10:20:00 AM\t19m 20s\t"
    "iona.fictional@example.org\tPresenter",
    "Iona Fictional\t1/14/27, 10:21:10 AM\t1/14/27, 11:30:12 AM\t1h 9m 2s\t"
    "iona.fictional@example.org\tPresenter",
    "Secret Sectionthree\t1/14/27, 10:30:00 AM\t1/14/27, 10:31:00 AM\t1m\t"
    "never.read@example.org\tAttendee",
]
TEAMS_ATTENDANCE = ("\r\n".join(TEAMS_ATTENDANCE_ROWS) + "\r\n").encode("utf-16")

# A Zoom participant report ("Export with meeting data"): the meeting's own row first, a blank
# row, then one row per join. A renamed person shows as "Shown name (Account name)".
ZOOM_PARTICIPANTS = (
    "Meeting ID,Topic,Start Time,End Time,User Email,Duration (Minutes),Participants\n"
    "81234567890,Winter pressures,01/14/2027 09:58:11 AM,01/14/2027 11:31:02 AM,"
    "host@example.org,93,4\n"
    ",,,,,,\n"
    "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest,"
    "Recording Consent\n"
    "Iona - Fictia HSCP (Iona Fictional),iona.fictional@example.org,01/14/2027 10:00:40 AM,"
    "01/14/2027 10:20:00 AM,20,No,Y\n"
    "Tormod Notreal,tormod@example.net,01/14/2027 10:01:02 AM,01/14/2027 11:29:55 AM,89,Yes,Y\n"
    "Iona - Fictia HSCP (Iona Fictional),iona.fictional@example.org,01/14/2027 10:21:10 AM,"
    "01/14/2027 11:30:12 AM,70,No,Y\n"
    "Sam Placeholder (she/her),,01/14/2027 10:10:00 AM,01/14/2027 11:00:00 AM,50,Yes,\n"
    "Sam Placeholder (she/her),,01/14/2027 11:02:00 AM,01/14/2027 11:30:00 AM,28,Yes,\n"
)
