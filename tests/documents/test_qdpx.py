"""The REFI-QDA renderer on its own: a small project with text beyond the Basic Multilingual
Plane, read back from the zip and validated against the standard's XSD."""

from __future__ import annotations

import io
import uuid
import zipfile
from datetime import UTC, datetime
from pathlib import Path

from lxml import etree

from app.documents.qdpx import QdaCode, QdaPassage, QdaProject, QdaSet, QdaSource, qdpx_bytes

XSD = Path(__file__).resolve().parents[1] / "fixtures" / "refi-qda" / "Project-mrt2019.xsd"
QDA = "{urn:QDA-XML:project:1.0}"
WHEN = datetime(2026, 12, 8, 10, 0, tzinfo=UTC)


def _guid() -> str:
    return str(uuid.uuid4())


def test_selections_count_code_points_and_the_project_is_valid():
    trust, group = _guid(), _guid()
    passages = (QdaPassage(_guid(), "Ferries 🚢 decide who comes", "Note 1", (trust,)),
                QdaPassage(_guid(), "Trust\ncame first 信任", "Note 2", (trust,),
                           created=WHEN))
    source = QdaSource(_guid(), "Workshop: notes",
                       ("Heading 🌊\n\n", passages[0], "\n\n", passages[1], "\n"))
    project = QdaProject(
        name="Workshop\x07 1", user_guid=_guid(), user_name="Test Facilitator", created=WHEN,
        description="Two notes.",
        codes=(QdaCode(group, "Themes", codable=False,
                       children=(QdaCode(trust, "Trust", "#1B7F5B", "Synthesis."),)),),
        sources=(source,), sets=(QdaSet(_guid(), "Trust", "9 votes", codes=(trust,)),))
    data = qdpx_bytes(project)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert sorted(zf.namelist()) == ["project.qde", f"sources/{source.guid}.txt"]
        qde = zf.read("project.qde")
        raw = zf.read(f"sources/{source.guid}.txt")
    assert qde.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n')
    assert not raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8")
    root = etree.fromstring(qde)
    schema = etree.XMLSchema(etree.parse(str(XSD)))
    assert schema.validate(etree.ElementTree(root)), schema.error_log
    assert root.get("name") == "Workshop 1"  # a control character XML cannot carry is dropped
    spans = [(int(s.get("startPosition")), int(s.get("endPosition")))
             for s in root.iter(f"{QDA}PlainTextSelection")]
    assert spans[0] == (len("Heading 🌊\n\n"), len("Heading 🌊\n\n") + 26)
    assert [text[a:b] for a, b in spans] == [p.text for p in passages]
    codings = list(root.iter(f"{QDA}Coding"))
    assert [c.find(f"{QDA}CodeRef").get("targetGUID") for c in codings] == [trust, trust]
    assert len({c.get("guid") for c in codings}) == 2
    [member] = root.iter(f"{QDA}MemberCode")
    assert member.get("targetGUID") == trust


def test_the_same_project_gives_the_same_bytes():
    project = QdaProject(name="Empty", user_guid=_guid(), user_name="", created=WHEN)
    assert qdpx_bytes(project) == qdpx_bytes(project)
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(qdpx_bytes(project))).read("project.qde"))
    assert etree.XMLSchema(etree.parse(str(XSD))).validate(etree.ElementTree(root))
