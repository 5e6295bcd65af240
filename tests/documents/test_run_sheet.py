"""The facilitator run sheet PDF, read back with pypdf."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.documents.run_sheet import consent_text, fonts, run_sheet_pdf, when_text
from app.models import (
    DEFAULT_FOCUS_AREAS,
    AgendaItem,
    CairnError,
    FocusArea,
    Invitation,
    Participant,
    Sector,
    Session,
    SessionParticipant,
)
from app.models.enums import SessionFormat
from app.services.core.files import write_atomically


def render_run_sheet(session: Session, agenda: list[AgendaItem], people: list[SessionParticipant],
                     areas: list[FocusArea], out: Path, **options: str) -> Path:
    """Render, then save as the planning service does (atomically)."""
    return write_atomically(out, run_sheet_pdf(session, agenda, people, areas, **options),
                            what="run sheet")


AREAS = [FocusArea(id=f"fa{i}", system_id="sys", position=i, **spec)
         for i, spec in enumerate(DEFAULT_FOCUS_AREAS)]


def make_session(minutes: int = 90, **fields: object) -> Session:
    values: dict[str, object] = {
        "id": "s1", "system_id": "sys", "title": "Winter sensemaking workshop",
        "starts": datetime(2026, 12, 8, 10, 0).astimezone(), "minutes": minutes,
        "format": SessionFormat.ONLINE, "platform": "Microsoft Teams",
        "join_link": "https://meet.example.org/join/abc123", "purpose": "Agree three themes.",
        "facilitators": "Ada Placeholder, Bram Example",
    }
    return Session(**{**values, **fields})


def make_item(i: int, minutes: int, title: str, prompt: str = "", method: str = "",
              areas: tuple[str, ...] = ()) -> AgendaItem:
    return AgendaItem(id=f"a{i}", session_id="s1", position=i, title=title, minutes=minutes,
                      method=method, prompt=prompt, focus_area_ids=areas)


def make_person(i: int, name: str, access_needs: str = "", *, may_name: bool = False,
                may_email: bool = False, may_quote: bool = False,
                attended: bool | None = None) -> SessionParticipant:
    return SessionParticipant(
        participant=Participant(id=f"p{i}", system_id="sys", name=name,
                                organisation="Imaginary Community Trust",
                                sector=Sector.THIRD_SECTOR, locality="Fictia"),
        invitation=Invitation(id=f"i{i}", session_id="s1", participant_id=f"p{i}",
                              attended=attended, may_name=may_name, may_email=may_email,
                              may_quote=may_quote, access_needs=access_needs),
    )


AGENDA = [
    make_item(0, 10, "Welcome and check-in", "What is one word for your week?", "Round robin"),
    make_item(1, 30, "Breakouts", "What helped?\nWhat got in the way?", "Breakout rooms",
              ("fa0", "fa2")),
    make_item(2, 20, "Dot voting", "Which three themes matter most?", "Mentimeter", ("fa3",)),
]
PEOPLE = [
    make_person(0, "Zed Testperson", "Uses a screen reader; send slides ahead", may_email=True),
    make_person(1, "Quill Madeup", may_name=True, may_email=True, may_quote=True, attended=True),
]


def pdf_text(path: Path) -> tuple[str, int]:
    """All the text, with line wraps (which depend on the font found) read as spaces."""
    reader = PdfReader(str(path))
    text = " ".join(page.extract_text() for page in reader.pages)
    return " ".join(text.split()), len(reader.pages)


def test_run_sheet_shows_times_prompts_focus_areas_and_access_needs(tmp_path: Path) -> None:
    out = render_run_sheet(make_session(), AGENDA, PEOPLE, AREAS, tmp_path / "sheet.pdf",
                           system_name="Island Example Learning System")
    text, pages = pdf_text(out)
    assert out == tmp_path / "sheet.pdf" and pages >= 1
    assert "Tuesday 8 December 2026, 10:00–11:30" in text
    for clock in ("10:00–10:10", "10:10–10:40", "10:40–11:00"):
        assert clock in text
    assert "What is one word for your week?" in text
    raw = PdfReader(str(out)).pages[0].extract_text()
    assert "What helped?\nWhat got in the way?" in raw  # each question keeps its own line
    assert "Round robin" in text and "Microsoft Teams" in text
    assert "https://meet.example.org/join/abc123" in text
    assert "[1] Community Led Approaches" in text and "[3] Strategic Planning" in text
    assert "ACCESS NEEDS (1)" in text and "Uses a screen reader; send slides ahead" in text
    assert "Zed Testperson" in text and "Third sector" in text
    assert "not to be named" in text and "may be quoted" in text
    assert "Attended" in text and "Not recorded" in text
    assert "WARNING" not in text and "OVERRUN" not in text
    assert "Winter sensemaking workshop" in text and "Page 1 of 1" in text
    assert list(tmp_path.iterdir()) == [out]  # no temporary file left behind


def participant_rows(path: Path, names: list[str]) -> dict[str, str]:
    """Each named person's row of the participants table (names in the table's order), as text.

    The table is read after its heading, cell by cell, so the access needs box above it, which
    repeats each need, cannot stand in for a row.
    """
    text = " ".join(page.extract_text() for page in PdfReader(str(path)).pages)
    table = " ".join(text[text.index("Participants ("):].split())
    starts = [table.index(name) for name in names] + [len(table)]
    return {name: table[starts[i]:starts[i + 1]] for i, name in enumerate(names)}


def test_each_participant_row_shows_that_person_s_own_access_need(tmp_path: Path) -> None:
    people = [*PEOPLE, make_person(2, "Yara Invented", "Needs step-free access")]
    out = render_run_sheet(make_session(), AGENDA, people, AREAS, tmp_path / "rows.pdf")
    rows = participant_rows(out, ["Quill Madeup", "Yara Invented", "Zed Testperson"])
    assert "Uses a screen reader; send slides ahead" in rows["Zed Testperson"]
    assert "Needs step-free access" in rows["Yara Invented"]
    assert "None recorded" in rows["Quill Madeup"]
    assert "None recorded" not in rows["Zed Testperson"] + rows["Yara Invented"]
    assert "screen reader" not in rows["Yara Invented"] + rows["Quill Madeup"]


def test_an_overrunning_agenda_is_flagged_in_words(tmp_path: Path) -> None:
    out = render_run_sheet(make_session(minutes=45), AGENDA, PEOPLE, AREAS, tmp_path / "o.pdf")
    text, _ = pdf_text(out)
    assert "WARNING: The agenda runs 15 min over the session's 45 min." in text
    assert "OVERRUN" in text  # the item that ends after 10:45 is marked too


def test_a_long_agenda_spans_pages_with_numbered_footers(tmp_path: Path) -> None:
    prompt = ("How did community-led support adapt, and who was not heard? " * 6).strip()
    agenda = [make_item(i, 5, f"Block {i + 1}", f"{prompt}\nFollow-up question {i + 1}?",
                        "Breakout rooms", ("fa0", "fa1"))
              for i in range(30)]
    people = [make_person(i, f"Madeup Person {i}", "Needs captions" if i % 5 == 0 else "")
              for i in range(40)]
    out = render_run_sheet(make_session(minutes=120), agenda, people, AREAS, tmp_path / "l.pdf")
    reader = PdfReader(str(out))
    pages = len(reader.pages)
    assert pages >= 4
    for number, page in enumerate(reader.pages, start=1):
        text = page.extract_text()
        assert f"Page {number} of {pages}" in text
        assert "Winter sensemaking workshop" in text
    later = reader.pages[1].extract_text()
    assert "Prompt / questions" in later  # the header row repeats on a new page
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert "Follow-up question 30?" in text and "12:25–12:30" in text
    assert "WARNING: The agenda runs 30 min over" in text


def test_a_prompt_longer_than_a_page_splits_rather_than_failing(tmp_path: Path) -> None:
    huge = "\n".join(f"Question {n}: what would make the biggest difference here?"
                     for n in range(120))
    out = render_run_sheet(make_session(), [make_item(0, 60, "Open space", huge)], [], AREAS,
                           tmp_path / "h.pdf")
    text, pages = pdf_text(out)
    assert pages >= 2 and "Question 119:" in text and "No one invited yet." in text


def test_markup_characters_in_user_text_are_printed_as_typed(tmp_path: Path) -> None:
    agenda = [make_item(0, 10, "Q&A <plenary>", "Is 3 < 5 & 'fair'?")]
    session = make_session(title="Tea & talk <draft>", join_link='https://x.example.org/?a=1&b="2"')
    text, _ = pdf_text(render_run_sheet(session, agenda, [], [], tmp_path / "m.pdf"))
    assert "Q&A <plenary>" in text and "Is 3 < 5 & 'fair'?" in text
    assert "Tea & talk <draft>" in text


def test_empty_session_and_missing_focus_area(tmp_path: Path) -> None:
    text, _ = pdf_text(render_run_sheet(make_session(join_link="", purpose=""), [], [], [],
                                        tmp_path / "e.pdf"))
    assert "No agenda yet." in text and "No one invited yet." in text
    assert "No participant has recorded an access need." in text
    agenda = [make_item(0, 10, "Orphaned", areas=("gone",))]
    text, _ = pdf_text(render_run_sheet(make_session(), agenda, [], AREAS, tmp_path / "g.pdf"))
    assert "(a removed focus area)" in text


def test_an_existing_file_is_replaced_whole(tmp_path: Path) -> None:
    out = tmp_path / "sheet.pdf"
    out.write_bytes(b"old")
    render_run_sheet(make_session(), AGENDA, PEOPLE, AREAS, out)
    assert out.read_bytes().startswith(b"%PDF")


def test_the_sheet_is_readable_by_others_on_a_shared_drive(tmp_path: Path) -> None:
    out = render_run_sheet(make_session(), AGENDA, PEOPLE, AREAS, tmp_path / "sheet.pdf")
    if os.name == "posix":
        assert out.stat().st_mode & 0o044 == 0o044


def test_names_beyond_latin_1_print_as_typed(tmp_path: Path) -> None:
    if fonts()[0] == "Helvetica":
        pytest.skip("no Unicode TrueType font on this machine")
    people = [make_person(0, "Łucja Żółćfictional", "Needs step-free access → lift")]
    text, _ = pdf_text(render_run_sheet(make_session(), AGENDA, people, AREAS, tmp_path / "u.pdf"))
    assert "Łucja Żółćfictional" in text and "lift" in text


def test_an_unwritable_folder_gives_a_readable_error(tmp_path: Path) -> None:
    with pytest.raises(CairnError, match="cannot be saved"):
        render_run_sheet(make_session(), AGENDA, PEOPLE, AREAS, tmp_path / "nope" / "s.pdf")


@pytest.fixture
def edinburgh_clock() -> Iterator[None]:
    if not hasattr(time, "tzset"):
        pytest.skip("needs time.tzset")
    before = os.environ.get("TZ")
    os.environ["TZ"] = "Europe/London"
    time.tzset()
    yield
    if before is None:
        os.environ.pop("TZ")
    else:
        os.environ["TZ"] = before
    time.tzset()


@pytest.mark.usefixtures("edinburgh_clock")
def test_times_from_the_store_in_utc_are_shown_in_local_time() -> None:
    summer = make_session(starts=datetime(2026, 6, 9, 8, 30, tzinfo=UTC), minutes=60)
    assert when_text(summer) == "Tuesday 9 June 2026, 09:30–10:30"
    late = make_session(starts=datetime(2026, 12, 8, 23, 30, tzinfo=UTC), minutes=60)
    assert when_text(late) == "Tuesday 8 December 2026, 23:30–Wednesday 9 December 2026, 00:30"


def test_consent_is_spelled_out_both_ways() -> None:
    assert consent_text(True, False, True) == "may be named; not to be emailed; may be quoted"
    assert consent_text(False, False, False) == (
        "not to be named; not to be emailed; not to be quoted")
