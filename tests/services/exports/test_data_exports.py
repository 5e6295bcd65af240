"""The session's data as CSV, XLSX, JSON and REFI-QDA, written to real files from a real store
and read back (csv, openpyxl, json + its schema, zip + the REFI-QDA XSD): consent applied in
every file, formula injection neutralised, an empty session, non-Latin text, a full disk and a
vanished folder."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import date, datetime
from pathlib import Path

import jsonschema
import openpyxl
import pytest
from lxml import etree

from app.config import resources_dir
from app.documents.spreadsheet import FORMULA_STARTS
from app.models import CairnError, InvalidInput, NotFound
from app.models.pack import PackOptions
from app.services.exports.data_exports import DATA_FORMATS, write_data
from tests.services.exports.session_sample import (
    FORMULAS,
    HIDDEN,
    NAMED,
    NON_LATIN,
    ROLE,
    Sample,
    build_sample,
)
from tests.store.fault_helpers import files_in, fill_disk, small_disk

XSD = Path(__file__).resolve().parents[2] / "fixtures" / "refi-qda" / "Project-mrt2019.xsd"
QDA = "{urn:QDA-XML:project:1.0}"
NAMES = PackOptions(names=True)


@pytest.fixture
def sample(store, system, session) -> Sample:
    return build_sample(store, system, session)


@pytest.fixture(scope="session")
def refi_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(XSD)))


@pytest.fixture(scope="session")
def json_validator() -> jsonschema.Draft202012Validator:
    schema = json.loads((resources_dir() / "schemas" / "session-export.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def read_csv(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "Excel needs the BOM to read UTF-8"
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def export_all(store, session_id: str, folder: Path, options: PackOptions) -> list[Path]:
    folder.mkdir(exist_ok=True)
    written = [write_data(store, session_id, folder / f"{t}.csv", "csv", options, table=t)
               for t in ("notes", "themes", "actions")]
    written += [write_data(store, session_id, folder / f"session.{fmt}", fmt, options)
                for fmt in ("xlsx", "json", "qdpx")]
    return written


def every_text(path: Path) -> str:
    """All the text in a file, inside a zip (XLSX, QDPX) too."""
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as zf:
            return "\n".join(zf.read(name).decode("utf-8") for name in zf.namelist())
    return path.read_text(encoding="utf-8-sig")


# CSV ---------------------------------------------------------------------------------------

def test_the_notes_table_reads_back_with_consent_applied(store, sample, tmp_path):
    out = write_data(store, sample.session.id, tmp_path / "notes.csv", "csv", PackOptions())
    rows = read_csv(out)
    assert [r["Id"] for r in rows] == [n.id for n in sample.notes]
    first = rows[0]
    assert first["Text"] == "[a participant] said the ferry decides who can come to the clinic"
    assert first["Speaker"] == "Third sector"  # consented to be named, but names not asked for
    assert first["Kind"] == "Quote"
    assert first["Focus areas"] == "Community Led Approaches"
    assert first["Tags"] == "#transport"
    assert first["Theme"] == "Ferries decide access"
    assert first["Created at"] == datetime(2026, 12, 8, 10, 5).astimezone().isoformat()
    assert rows[1]["Speaker"] == "Housing"  # no consent: her sector
    assert rows[2]["Speaker"] == ROLE and rows[2]["Starred"] == "yes"
    assert rows[4]["Text"] == NON_LATIN
    named = read_csv(write_data(store, sample.session.id, tmp_path / "n.csv", "csv", NAMES))
    assert named[0]["Speaker"] == NAMED
    assert named[1]["Speaker"] == "Housing"


def test_the_themes_and_actions_tables_read_back(store, sample, tmp_path):
    themes = read_csv(write_data(store, sample.session.id, tmp_path / "t.csv", "csv",
                                 PackOptions(), table="themes"))
    assert [(t["Title"], t["Votes"], t["Notes"]) for t in themes] == [
        ("Ferries decide access", "2", "3"), ("'=Weather closes the pier", "2", "1")]
    assert themes[0]["Synthesis"] == ("[a participant]'s story and [a participant]'s: the "
                                      "timetable decides who is seen.")
    assert themes[0]["Focus areas"] == "Community Led Approaches"
    [action] = read_csv(write_data(store, sample.session.id, tmp_path / "a.csv", "csv",
                                   PackOptions(), table="actions"))
    assert action == {"Action": "1", "What": "'=SUM(A1:A9) the ferry costs",
                      "Owner": "[a participant]", "Due": "2027-01-15", "Status": "Open",
                      "Themes": "Ferries decide access", "Id": action["Id"]}


def test_formulas_are_neutralised_in_csv(store, sample, tmp_path):
    for table in ("notes", "themes", "actions"):
        out = write_data(store, sample.session.id, tmp_path / f"{table}.csv", "csv", NAMES,
                         table=table)
        with out.open(encoding="utf-8-sig", newline="") as f:
            cells = [cell for row in csv.reader(f) for cell in row]
        assert cells and not [c for c in cells if c.startswith(FORMULA_STARTS)]
    texts = [r["Text"] for r in read_csv(tmp_path / "notes.csv")]
    assert "'" + FORMULAS[0] in texts and "'" + FORMULAS[1] in texts
    assert "'" + FORMULAS[2] in texts


# XLSX --------------------------------------------------------------------------------------

def test_the_workbook_has_a_sheet_per_table_bold_frozen_headers_and_typed_cells(
        store, sample, tmp_path):
    out = write_data(store, sample.session.id, tmp_path / "s.xlsx", "xlsx", PackOptions())
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Notes", "Themes", "Actions"]
    for ws in book.worksheets:
        assert ws.freeze_panes == "A2"
        assert all(cell.font.bold for cell in ws[1])
        assert all(ws.column_dimensions[c].width > 5 for c in "ABC")
    notes = book["Notes"]
    header = [c.value for c in notes[1]]
    rows = [dict(zip(header, (c.value for c in row), strict=True))
            for row in notes.iter_rows(min_row=2)]
    assert len(rows) == len(sample.notes)
    assert rows[0]["Created at"] == datetime(2026, 12, 8, 10, 5)
    assert notes.cell(2, header.index("Created at") + 1).is_date
    assert rows[2]["Starred"] is True and rows[0]["Starred"] is False
    assert rows[4]["Text"] == NON_LATIN
    assert rows[1]["Text"] == "'" + FORMULAS[0]
    due = book["Actions"].cell(2, 4)
    assert due.is_date and due.value.date() == date(2027, 1, 15)
    assert book["Themes"].cell(2, 5).value == 2  # votes stay numbers
    assert book.properties.creator == "Test Facilitator"


def test_no_cell_of_the_workbook_starts_like_a_formula(store, sample, tmp_path):
    out = write_data(store, sample.session.id, tmp_path / "s.xlsx", "xlsx", NAMES)
    book = openpyxl.load_workbook(out)
    cells = [c for ws in book.worksheets for row in ws.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    assert not [c.value for c in cells
                if isinstance(c.value, str) and c.value.startswith(FORMULA_STARTS)]


# JSON --------------------------------------------------------------------------------------

def test_the_json_export_is_lossless_and_valid_against_its_schema(store, sample, tmp_path,
                                                                  json_validator):
    out = write_data(store, sample.session.id, tmp_path / "s.json", "json", PackOptions())
    doc = json.loads(out.read_text(encoding="utf-8"))
    json_validator.validate(doc)
    assert doc["session"]["id"] == sample.session.id
    assert [n["id"] for n in doc["notes"]] == [n.id for n in sample.notes]
    assert [t["id"] for t in doc["themes"]] == [t.id for t in sample.themes]
    ferries = doc["themes"][0]
    assert ferries["votes"] == 2 and ferries["note_ids"] == [sample.notes[i].id for i in (0, 1, 4)]
    assert sorted(v["count"] for v in doc["votes"] if v["theme_id"] == ferries["id"]) == [-1, 3]
    assert [r["title"] for r in doc["recurring"]] == ["Ferries"]
    assert {a["session_id"] for a in doc["recurring"][0]["timeline"]} == {
        sample.session.id, sample.other_session.id}
    assert ferries["recurring_id"] == doc["recurring"][0]["id"]
    assert [a["owner"] for a in doc["actions"]] == ["[a participant]"]
    assert [e["title"] for e in doc["evidence"]] == ["Island transport case study"]
    assert doc["notes"][0]["tags"] == ["transport"]
    assert doc["notes"][4]["text"] == NON_LATIN
    assert doc["notes"][1]["text"] == FORMULAS[0]  # JSON is data, not a spreadsheet
    assert len(doc["focus_areas"]) == 4 and {t["name"] for t in doc["tags"]} == {
        "transport", "weather"}
    people = {p["sector"]: p for p in doc["participants"]}
    assert people["housing"]["name"] is None and people["housing"]["email"] is None
    assert people["third-sector"]["name"] is None  # names were not asked for


def test_the_json_export_names_only_who_consented_when_names_are_asked_for(
        store, sample, tmp_path, json_validator):
    doc = json.loads(write_data(store, sample.session.id, tmp_path / "s.json", "json",
                                NAMES).read_text(encoding="utf-8"))
    json_validator.validate(doc)
    people = {p["sector"]: p for p in doc["participants"]}
    assert people["third-sector"]["name"] == NAMED
    assert people["third-sector"]["email"] == "morag@example.org"
    assert people["housing"]["name"] is None and people["housing"]["named"] is False
    assert doc["notes"][0]["speaker"] == NAMED and doc["notes"][0]["quote"] is True
    assert doc["themes"][0]["synthesis"] == (f"[a participant]'s story and {NAMED}'s: the "
                                             "timetable decides who is seen.")


# REFI-QDA ----------------------------------------------------------------------------------

def test_the_qdpx_project_is_valid_against_the_refi_qda_schema(store, sample, tmp_path,
                                                               refi_schema):
    out = write_data(store, sample.session.id, tmp_path / "s.qdpx", "qdpx", PackOptions())
    with zipfile.ZipFile(out) as zf:
        names = zf.namelist()
        project = etree.fromstring(zf.read("project.qde"))
        texts = {n: zf.read(n).decode("utf-8") for n in names if n.startswith("sources/")}
    assert refi_schema.validate(etree.ElementTree(project)), refi_schema.error_log
    assert len(texts) == 1 and "project.qde" in names
    [source] = project.iter(f"{QDA}TextSource")
    text = texts[f"sources/{source.get('guid')}.txt"]
    assert source.get("plainTextPath") == f"internal://{source.get('guid')}.txt"
    selections = list(source.iter(f"{QDA}PlainTextSelection"))
    chosen = [text[int(s.get("startPosition")):int(s.get("endPosition"))] for s in selections]
    assert chosen[0] == "[a participant] said the ferry decides who can come to the clinic"
    assert chosen[1:] == [FORMULAS[0], FORMULAS[1], FORMULAS[2], NON_LATIN,
                          "@[a participant] was not at the pier"]
    codes = {c.get("guid"): c.get("name") for c in project.iter(f"{QDA}Code")}
    first = [codes[r.get("targetGUID")] for r in selections[0].iter(f"{QDA}CodeRef")]
    assert first == ["Community Led Approaches", "#transport", "Quote", "Ferries decide access"]
    every_ref = {r.get("targetGUID") for r in project.iter(f"{QDA}CodeRef")}
    assert every_ref <= set(codes)
    sets = {s.get("name"): s for s in project.iter(f"{QDA}Set")}
    assert set(sets) == {"Ferries decide access", "=Weather closes the pier"}
    members = [codes[m.get("targetGUID")] for m in sets["Ferries decide access"]
               .iter(f"{QDA}MemberCode")]
    assert members == ["Ferries decide access", "Community Led Approaches"]
    [user] = project.iter(f"{QDA}User")
    assert user.get("name") == "Test Facilitator"
    assert project.get("creatingUserGUID") == user.get("guid")
    colours = {c.get("name"): c.get("color") for c in project.iter(f"{QDA}Code")}
    assert colours["Community Led Approaches"] == "#1B7F5B"
    assert "Note 2 · 10:07 · Insight · Housing" in text  # speaker as consent allows


def test_exporting_twice_gives_the_same_guids(store, sample, tmp_path):
    def guids(path: Path) -> list[str]:
        with zipfile.ZipFile(path) as zf:
            root = etree.fromstring(zf.read("project.qde"))
        return [e.get("guid") for e in root.iter() if e.get("guid")]

    one = write_data(store, sample.session.id, tmp_path / "1.qdpx", "qdpx", PackOptions())
    two = write_data(store, sample.session.id, tmp_path / "2.qdpx", "qdpx", PackOptions())
    assert guids(one) == guids(two)
    assert len(set(guids(one))) == len(guids(one))


# Consent, in every file ----------------------------------------------------------------------

@pytest.mark.parametrize("options", [PackOptions(), NAMES], ids=["no names", "names"])
def test_no_hidden_name_in_any_file(store, sample, tmp_path, options):
    written = export_all(store, sample.session.id, tmp_path / "out", options)
    for path in written:
        text = every_text(path)
        assert HIDDEN not in text and HIDDEN.split()[0] not in text, path.name
        assert "priya@example.org" not in text and "Harbour Homes" not in text, path.name
        if not options.names:
            assert NAMED not in text and "morag@example.org" not in text, path.name
    assert NAMED in every_text(tmp_path / "out" / "session.json") if options.names else True
    if options.names:
        assert NAMED in every_text(tmp_path / "out" / "session.qdpx")


def test_no_participant_of_the_sample_is_named_without_names_asked_for(tmp_path):
    """The demo's sessions, every form: with names not asked for, no registered name at all."""
    from app.services import demo
    from app.services.planning import participants, sessions
    from app.store.engine import open_store

    store = open_store(tmp_path / "demo", author="Test Facilitator")
    try:
        system, _ = demo.load_demo(store)
        register = [p.name for p in participants.list_register(store, system.id)]
        finished = [s for s in sessions.list_sessions(store, system.id)
                    if s.status.value == "done"]
        assert finished
        for n, s in enumerate(finished):
            for path in export_all(store, s.id, tmp_path / f"s{n}", PackOptions()):
                text = every_text(path)
                assert not [name for name in register if name in text], path
    finally:
        store.close()


# Edges ---------------------------------------------------------------------------------------

def test_a_session_with_no_notes_exports_in_every_form(store, session, tmp_path, refi_schema,
                                                        json_validator):
    written = export_all(store, session.id, tmp_path / "empty", PackOptions())
    assert read_csv(written[0]) == []
    assert openpyxl.load_workbook(written[3])["Notes"].max_row == 1
    doc = json.loads(written[4].read_text(encoding="utf-8"))
    json_validator.validate(doc)
    assert doc["notes"] == [] and doc["themes"] == [] and doc["votes"] == []
    with zipfile.ZipFile(written[5]) as zf:
        project = etree.fromstring(zf.read("project.qde"))
    assert refi_schema.validate(etree.ElementTree(project)), refi_schema.error_log
    assert not list(project.iter(f"{QDA}PlainTextSelection"))


def test_a_full_disk_is_one_sentence_and_leaves_no_file(store, sample, tmp_path):
    with small_disk(tmp_path / "disk", "1m") as disk:
        filler = fill_disk(disk)
        for fmt in DATA_FORMATS:
            with pytest.raises(CairnError) as refused:
                write_data(store, sample.session.id, disk / f"s.{fmt}", fmt, PackOptions())
            message = str(refused.value)
            assert message.endswith("No space left on device.") and message.count(". ") == 0
            assert files_in(disk) == ["filler"]
        filler.unlink()
        assert write_data(store, sample.session.id, disk / "s.csv", "csv",
                          PackOptions()).stat().st_size > 0


def test_a_vanished_folder_is_one_sentence_and_leaves_no_file(store, sample, tmp_path):
    gone = tmp_path / "usb-stick"
    for fmt in DATA_FORMATS:
        with pytest.raises(CairnError) as refused:
            write_data(store, sample.session.id, gone / f"s.{fmt}", fmt, PackOptions())
        assert str(refused.value).startswith(f"The {_what(fmt)} cannot be saved in {gone}")
        assert not gone.exists()


def _what(fmt: str) -> str:
    return {"csv": "CSV table", "xlsx": "workbook", "json": "JSON export",
            "qdpx": "REFI-QDA project"}[fmt]


def test_unknown_formats_tables_and_sessions_are_refused_before_writing(store, sample,
                                                                        tmp_path):
    with pytest.raises(InvalidInput, match="'pdf' is not a data format"):
        write_data(store, sample.session.id, tmp_path / "s.pdf", "pdf", PackOptions())
    with pytest.raises(InvalidInput, match="'votes' is not a table"):
        write_data(store, sample.session.id, tmp_path / "s.csv", "csv", PackOptions(),
                   table="votes")
    with pytest.raises(NotFound):
        write_data(store, "0190f0f0-0000-7000-8000-000000000000", tmp_path / "x.csv", "csv",
                   PackOptions())
    assert [p.name for p in tmp_path.iterdir()] == ["data"]  # the store's folder, nothing else
