"""Property-based: whatever is typed as a note or a speaker (or a participant's name), the data
exports never crash, and no cell of a CSV or a workbook starts like a formula; the JSON stays
valid JSON and the REFI-QDA project valid against the standard's XSD, its selections over
exactly each note's text."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import datetime
from itertools import count
from pathlib import Path

import openpyxl
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from lxml import etree

from app.documents.spreadsheet import FORMULA_STARTS, Column, Sheet, csv_bytes, xlsx_bytes
from app.models import InvalidInput
from app.models.pack import PackOptions
from app.services import capture
from app.services.exports.data_exports import render_data
from app.services.planning import participants
from app.services.planning.sessions import create_session

XSD = Path(__file__).resolve().parents[2] / "fixtures" / "refi-qda" / "Project-mrt2019.xsd"
QDA = "{urn:QDA-XML:project:1.0}"
# Each example plans a session and exports it four ways: fewer examples than the profile's.
STORE_SETTINGS = settings(max_examples=80, suppress_health_check=[
    HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

_char = st.one_of(st.characters(blacklist_categories=("Cs",)), st.sampled_from("=+-@\t\r\n'\""))
ANY_TEXT = st.text(_char, max_size=60)
FORMULA_LIKE = st.builds(lambda head, rest: head + rest, st.sampled_from(FORMULA_STARTS), ANY_TEXT)
TYPED = st.one_of(FORMULA_LIKE, ANY_TEXT)
NAME = st.builds(lambda head, rest: (head + rest).strip(),
                 st.sampled_from(["=", "+", "-", "@", "A", "Ø", "李"]),
                 st.text(st.sampled_from("abcdefg XYZ=+-@'ñ李"), min_size=2, max_size=20))


def starts_like_formula(cells: list[object]) -> list[object]:
    return [c for c in cells if isinstance(c, str) and c.startswith(FORMULA_STARTS)]


def csv_cells(data: bytes) -> list[str]:
    return [c for row in csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""))
            for c in row]


def xlsx_cells(data: bytes) -> list[object]:
    book = openpyxl.load_workbook(io.BytesIO(data))
    cells = [c for ws in book.worksheets for row in ws.iter_rows() for c in row]
    book.close()
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    return [c.value for c in cells]


@given(st.lists(st.lists(TYPED, min_size=3, max_size=3), max_size=8), TYPED)
def test_any_table_is_written_with_no_cell_starting_like_a_formula(rows, title):
    sheet = Sheet(title or "Notes", (Column(title), Column("B"), Column("C", 60)),
                  tuple(tuple(r) for r in rows))
    cells = csv_cells(csv_bytes(sheet))
    assert len(cells) == 3 * (len(rows) + 1)
    assert not starts_like_formula(cells)
    assert not starts_like_formula(xlsx_cells(xlsx_bytes([sheet], title=title, author=title)))


_sessions = count()


@STORE_SETTINGS
@given(notes=st.lists(st.tuples(TYPED, st.one_of(st.none(), TYPED, st.sampled_from(
           ["named", "hidden"]))), min_size=1, max_size=4),
       named=NAME, hidden=NAME, names=st.booleans())
def test_any_note_and_speaker_exports_safely(store, system, notes, named, hidden, names):
    assume(named.casefold() != hidden.casefold())
    session, _ = create_session(store, system.id, f"Session {next(_sessions)}",
                                datetime(2026, 12, 8, 10, 0).astimezone())
    people = {}
    for key, name, consent in (("named", named, {"may_name": True, "may_quote": True}),
                               ("hidden", hidden, {})):
        try:
            made, _ = participants.add_to_session(store, session.id, name, consent=consent)
        except InvalidInput:
            assume(False)
        people[key] = made.participant.id
    saved = []
    for text, speaker in notes:
        try:
            note, _ = capture.add_note(store, session.id, text,
                                       speaker=people.get(speaker or "", speaker))
        except InvalidInput:
            continue  # refused as a note is never captured, so never exported
        saved.append(note)
    assume(saved)
    options = PackOptions(names=names)
    for table in ("notes", "themes", "actions"):
        assert not starts_like_formula(csv_cells(render_data(store, session.id, "csv", options,
                                                             table=table)))
    assert not starts_like_formula(xlsx_cells(render_data(store, session.id, "xlsx", options)))
    doc = json.loads(render_data(store, session.id, "json", options))
    assert len(doc["notes"]) == len(saved)
    with zipfile.ZipFile(io.BytesIO(render_data(store, session.id, "qdpx", options))) as zf:
        project = etree.fromstring(zf.read("project.qde"))
        [source] = project.iter(f"{QDA}TextSource")
        text = zf.read(f"sources/{source.get('guid')}.txt").decode("utf-8")
    assert _schema().validate(etree.ElementTree(project)), _schema().error_log
    selections = list(project.iter(f"{QDA}PlainTextSelection"))
    assert len(selections) == len(saved)
    for selection, exported in zip(selections, doc["notes"], strict=True):
        chosen = text[int(selection.get("startPosition")):int(selection.get("endPosition"))]
        assert chosen == exported["text"].replace("\r\n", "\n").replace("\r", "\n")


_xsd: list[etree.XMLSchema] = []


def _schema() -> etree.XMLSchema:
    if not _xsd:
        _xsd.append(etree.XMLSchema(etree.parse(str(XSD))))
    return _xsd[0]
