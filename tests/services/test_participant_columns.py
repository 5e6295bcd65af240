"""Choosing the columns of a participant list by hand: a file whose headings Cairn does not
know imports once a person says which column is which, and a wrong choice is refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.models import Sector
from app.services.planning.participant_file import (
    FIELDS,
    ParticipantFileError,
    participants_from_table,
    read_participant_file,
    read_participant_table,
)
from tests.sample_files import TEAMS_ATTENDANCE

# Headings in Gaelic and in a form's own words: none is one Cairn knows.
UNKNOWN_HEADINGS = (
    "Ainm,Post-d,Buidheann,Roinn,Cead ainm,Cead post-d,Cead luaidh,Feumalachdan\n"
    "Mòrag Nic a' Phì,morag@example.org,Comann Coimhearsnachd,third sector,yes,yes,no,"
    "Captions\n"
    "Iain Mac an t-Saoir,iain@example.org,NHS Eileanan Siar,nhs board,no,yes,yes,\n"
)
BY_HAND = {"name": 0, "email": 1, "organisation": 2, "sector": 3, "may_name": 4,
           "may_email": 5, "may_quote": 6, "access_needs": 7}


def write(tmp_path: Path, text: str, name: str = "people.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_list_with_unknown_headings_is_refused_without_columns_and_read_with_them(tmp_path):
    path = write(tmp_path, UNKNOWN_HEADINGS)
    with pytest.raises(ParticipantFileError, match="no 'Name' column"):
        read_participant_file(path)
    morag, iain = read_participant_file(path, columns=BY_HAND).drafts
    assert (morag.name, morag.email, morag.organisation, morag.sector) == (
        "Mòrag Nic a' Phì", "morag@example.org", "Comann Coimhearsnachd", Sector.THIRD_SECTOR)
    assert (morag.may_name, morag.may_email, morag.may_quote, morag.access_needs) == (
        True, True, False, "Captions")
    assert (iain.line, iain.sector, iain.may_name, iain.may_quote) == (
        3, Sector.NHS_BOARD, False, True)


def test_the_table_offers_its_headings_a_guess_and_samples_to_choose_from(tmp_path):
    table = read_participant_table(write(tmp_path, "Email,Full name,Notes\n"
                                                   "a@example.org,Ann Sample,x\n"
                                                   ",Bob Sample,\n"))
    assert table.headings == ("Email", "Full name", "Notes")
    assert table.guess == {"email": 0, "name": 1}
    assert table.sample(1) == ["Ann Sample", "Bob Sample"]
    assert table.kind == "participant list"
    # The same table read with the guess and with a chosen mapping that leaves e-mail out.
    assert [d.email for d in participants_from_table(table).drafts] == ["a@example.org", ""]
    chosen = participants_from_table(table, columns={"name": 1})
    assert [(d.name, d.email) for d in chosen.drafts] == [("Ann Sample", ""), ("Bob Sample", "")]


def test_a_chosen_mapping_overrides_the_headings(tmp_path):
    # "Organisation" really holds the locality in this file; the person says so.
    path = write(tmp_path, "Name,Organisation\nCait Example,Barra\n")
    [cait] = read_participant_file(path, columns={"name": 0, "locality": 1}).drafts
    assert (cait.organisation, cait.locality) == ("", "Barra")


def test_problems_name_the_chosen_column(tmp_path):
    path = write(tmp_path, UNKNOWN_HEADINGS.replace(",yes,yes,no,", ",perhaps,yes,no,"))
    with pytest.raises(ParticipantFileError) as caught:
        read_participant_file(path, columns=BY_HAND)
    assert caught.value.problems == ["Line 2: 'perhaps' under 'Cead ainm' is not yes or no."]


@pytest.mark.parametrize(("columns", "says"), [
    ({"email": 1}, "Choose the column that holds the names"),
    ({"name": 0, "email": 0}, "chosen for both name and email"),
    ({"name": 0, "email": 12}, "There is no column 13 for email; the file has 8."),
    ({"name": 0, "shoe_size": 1}, "'shoe_size' is not a participant field"),
])
def test_a_wrong_choice_of_columns_is_refused_in_one_sentence(tmp_path, columns, says):
    path = write(tmp_path, UNKNOWN_HEADINGS)
    with pytest.raises(ParticipantFileError, match=says) as caught:
        read_participant_file(path, columns=columns)
    assert caught.value.problems == []


def test_first_and_last_name_can_be_chosen_and_every_field_has_a_label(tmp_path):
    path = write(tmp_path, "A,B,C\nQuill,Madeup,quill@example.org\n")
    [quill] = read_participant_file(
        path, columns={"first_name": 0, "last_name": 1, "email": 2}).drafts
    assert (quill.name, quill.email) == ("Quill Madeup", "quill@example.org")
    assert set(FIELDS) >= {"name", "email", "organisation", "access_needs", *BY_HAND}


def test_a_report_read_with_its_guessed_columns_keeps_its_kind(tmp_path):
    path = tmp_path / "report.csv"
    path.write_bytes(TEAMS_ATTENDANCE if isinstance(TEAMS_ATTENDANCE, bytes)
                     else TEAMS_ATTENDANCE.encode("utf-16"))
    table = read_participant_table(path)
    read = participants_from_table(table, columns=table.guess)
    assert read.kind == "Teams attendance report" and read.is_report
    assert read.drafts and all(d.attended for d in read.drafts)
