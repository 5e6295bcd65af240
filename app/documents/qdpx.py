"""A REFI-QDA project (.qdpx): a zip holding `project.qde` (QDA-XML, namespace
`urn:QDA-XML:project:1.0`, the REFI-QDA Project schema of March 2019) and its `sources/`.

Plain values in, bytes out. A source's text is put together from its parts; each passage
becomes a plain-text selection over exactly its characters, coded by every code it names.
Positions count Unicode code points from 0 (REFI-QDA 1.5, section 10.2); the end is one past
the last character, as QualCoder reads and writes it. Sources sit flat in a folder named
`sources` (section 8.1), as UTF-8 `.txt` files without a BOM and with `\\n` line endings, so
the positions hold whichever tool counts them.
"""

from __future__ import annotations

import io
import re
import uuid
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime
from xml.etree import ElementTree as ET

NAMESPACE = "urn:QDA-XML:project:1.0"
ORIGIN = "Cairn"
# Characters XML 1.0 cannot carry at all, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


@dataclass(frozen=True)
class QdaCode:
    """A code of the codebook; one that is not `codable` only groups its children."""

    guid: str
    name: str
    colour: str = ""  # "#RRGGBB"
    description: str = ""
    codable: bool = True
    children: tuple[QdaCode, ...] = ()


@dataclass(frozen=True)
class QdaPassage:
    """A stretch of a source's text that is one selection, coded with `codes` (code guids)."""

    guid: str
    text: str
    name: str
    codes: tuple[str, ...] = ()
    description: str = ""
    created: datetime | None = None


@dataclass(frozen=True)
class QdaSource:
    """A plain-text source: its text is its parts in order, passages becoming selections."""

    guid: str
    name: str
    parts: tuple[str | QdaPassage, ...]
    description: str = ""
    created: datetime | None = None


@dataclass(frozen=True)
class QdaSet:
    """A named group of codes and sources."""

    guid: str
    name: str
    description: str = ""
    codes: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class QdaProject:
    name: str
    user_guid: str
    user_name: str
    created: datetime
    description: str = ""
    codes: tuple[QdaCode, ...] = ()
    sources: tuple[QdaSource, ...] = ()
    sets: tuple[QdaSet, ...] = ()


def source_text(source: QdaSource) -> str:
    return "".join(p.text if isinstance(p, QdaPassage) else p for p in source.parts)


def qdpx_bytes(project: QdaProject) -> bytes:
    """The project as a .qdpx zip: `project.qde` and `sources/<guid>.txt` for each source."""
    stamp = project.created.astimezone(UTC).timetuple()[:6]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(zipfile.ZipInfo("project.qde", date_time=stamp), project_xml(project),
                    compress_type=zipfile.ZIP_DEFLATED)
        for source in project.sources:
            zf.writestr(zipfile.ZipInfo(f"sources/{source.guid}.txt", date_time=stamp),
                        source_text(source).encode("utf-8"), compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def project_xml(project: QdaProject) -> bytes:
    """`project.qde`: the project as QDA-XML, in the order the schema's sequences ask for."""
    ET.register_namespace("", NAMESPACE)
    when = _when(project.created)
    root = _el(None, "Project", name=project.name, origin=ORIGIN,
               creatingUserGUID=project.user_guid, creationDateTime=when,
               modifyingUserGUID=project.user_guid, modifiedDateTime=when)
    users = _el(root, "Users")
    _el(users, "User", guid=project.user_guid, name=project.user_name)
    if project.codes:
        codes = _el(_el(root, "CodeBook"), "Codes")
        for code in project.codes:
            _code(codes, code)
    if project.sources:
        sources = _el(root, "Sources")
        for source in project.sources:
            _source(sources, source, project.user_guid)
    if project.sets:
        sets = _el(root, "Sets")
        for group in project.sets:
            element = _el(sets, "Set", guid=group.guid, name=group.name)
            _description(element, group.description)
            for guid in group.codes:
                _el(element, "MemberCode", targetGUID=guid)
            for guid in group.sources:
                _el(element, "MemberSource", targetGUID=guid)
    _description(root, project.description)
    ET.indent(root)
    # Written by hand: ElementTree's own declaration uses single quotes, which some tools reject.
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode").encode()


def _code(parent: ET.Element, code: QdaCode) -> None:
    attrs = {"guid": code.guid, "name": code.name, "isCodable": "true" if code.codable else "false"}
    if code.colour:
        attrs["color"] = code.colour
    element = _el(parent, "Code", **attrs)
    _description(element, code.description)
    for child in code.children:
        _code(element, child)


def _source(parent: ET.Element, source: QdaSource, user: str) -> None:
    element = _el(parent, "TextSource", guid=source.guid, name=source.name,
                  plainTextPath=f"internal://{source.guid}.txt", creatingUser=user,
                  **({"creationDateTime": _when(source.created)} if source.created else {}))
    _description(element, source.description)
    at = 0
    for part in source.parts:
        if not isinstance(part, QdaPassage):
            at += len(part)
            continue
        selection = _el(element, "PlainTextSelection", guid=part.guid, name=part.name,
                        startPosition=str(at), endPosition=str(at + len(part.text)),
                        creatingUser=user,
                        **({"creationDateTime": _when(part.created)} if part.created else {}))
        _description(selection, part.description)
        for code in part.codes:
            coding = _el(selection, "Coding", guid=_coding_guid(part.guid, code),
                         creatingUser=user)
            _el(coding, "CodeRef", targetGUID=code)
        at += len(part.text)


def _coding_guid(selection: str, code: str) -> str:
    """The same selection coded by the same code has the same coding id in every export."""
    return str(uuid.uuid5(uuid.UUID(selection), code))


def _description(parent: ET.Element, text: str) -> None:
    if text:
        _el(parent, "Description").text = _xml_text(text)


def _el(parent: ET.Element | None, tag: str, **attrs: str) -> ET.Element:
    qualified = f"{{{NAMESPACE}}}{tag}"
    clean = {k: _xml_text(v) for k, v in attrs.items()}
    if parent is None:
        return ET.Element(qualified, clean)
    return ET.SubElement(parent, qualified, clean)


def _xml_text(text: str) -> str:
    return _NOT_XML.sub("", text)


def _when(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")

