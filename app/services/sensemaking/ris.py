"""Reading RIS reference files (Zotero, EndNote, Mendeley, PubMed, Scopus, Web of Science,
Ovid) into evidence, all or nothing.

The file is read through `core.tabular` (UTF-8 with or without a BOM, UTF-16 by its BOM,
Windows-1252 as older EndNote writes it). Records are found here, line by line, so that every
problem names its line; each record's tags are then read by rispy, the maintained RIS parser.
Lines outside records (the "Provider:" header Ovid and EBSCO write) are ignored. A record
with no title, or no `ER` line closing it, is a problem; any problem refuses the whole file.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import rispy
from rispy.config import TAG_KEY_MAPPING

from app.models import EvidenceKind, InvalidInput
from app.services.core.tabular import decode, read_bytes

TITLE_MAX = 300  # as the Evidence model allows
_TAG = re.compile(r"^([A-Z][A-Z0-9])  -( |$)")
# Every tag read under its own name (rispy's default mapping renames them).
_MAPPING = {**{tag: tag for tag in TAG_KEY_MAPPING}, "UK": "UK"}
_KINDS = {
    **dict.fromkeys(("SOUND", "MUSIC"), EvidenceKind.PODCAST),
    **dict.fromkeys(("NEWS", "MGZN", "BLOG", "PCOMM", "ICOMM"), EvidenceKind.OPINION),
    **dict.fromkeys(("JOUR", "JFULL", "EJOUR", "ABST", "INPR", "BOOK", "EBOOK", "EDBOOK", "CHAP",
                     "ECHAP", "RPRT", "THES", "CONF", "CPAPER", "GOVDOC", "SER", "ENCYC",
                     "DICT", "STAND", "UNPB", "MANSCPT", "PAMP"), EvidenceKind.PUBLICATION),
}
_YEAR = re.compile(r"\b(1[5-9]\d\d|2\d\d\d)\b")
_DOI_PREFIX = re.compile(r"^(https?://(dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)


@dataclass(frozen=True)
class Reference:
    """One reference read from a file, ready to become evidence; `line` is where its TY is."""

    line: int
    kind: EvidenceKind
    title: str
    citation: str = ""
    link: str = ""
    summary: str = ""


@dataclass(frozen=True)
class RisProblem:
    line: int
    problem: str  # one sentence

    @property
    def where(self) -> str:
        return f"line {self.line}"


class ReferencesRefused(InvalidInput):
    """Some records of a RIS file cannot be read, so none is imported; each has its line."""

    def __init__(self, name: str, problems: Sequence[RisProblem]) -> None:
        self.problems = tuple(problems)
        first, others = self.problems[0], len(self.problems) - 1
        more = f" (and {others} other problem{'s' * (others > 1)})" if others else ""
        super().__init__(f"{name}, {first.where}: {first.problem.rstrip('.')}{more}; "
                         "nothing was imported.")


def read_ris(path: Path) -> tuple[Reference, ...]:
    """Every reference of a RIS file, or InvalidInput (ReferencesRefused) naming the lines."""
    return parse_ris(read_bytes(path), path.name)


def parse_ris(raw: bytes, name: str) -> tuple[Reference, ...]:
    """Every reference in a RIS file's bytes; refused whole, in one sentence, on any problem."""
    text = decode(raw, name, windows_fallback=True)
    chunks, problems = _records(text.splitlines())
    if not chunks and not problems:
        raise InvalidInput(f"{name} has no references: a RIS record begins with a line "
                           "'TY  - ' and ends with 'ER  - '.")
    found: list[Reference] = []
    for line, lines in chunks:
        try:
            record = rispy.loads("\n".join(lines), mapping=_MAPPING)[0]
        except Exception:  # rispy's own failures are a damaged record to the person importing
            problems.append(RisProblem(line, "the reference could not be read."))
            continue
        reference = _reference(line, record)
        if isinstance(reference, RisProblem):
            problems.append(reference)
        else:
            found.append(reference)
    if problems:
        raise ReferencesRefused(name, sorted(problems, key=lambda p: p.line))
    return tuple(found)


def _records(lines: list[str]) -> tuple[list[tuple[int, list[str]]], list[RisProblem]]:
    """The records (line of TY, their lines up to ER) and the ones left open."""
    chunks: list[tuple[int, list[str]]] = []
    problems: list[RisProblem] = []
    start: int | None = None
    current: list[str] = []
    for number, line in enumerate(lines, start=1):
        tag = _TAG.match(line)
        name = tag.group(1) if tag else None
        if name == "TY":
            if start is not None:
                problems.append(RisProblem(start, "the reference has no ER line ending it."))
            start, current = number, [line]
        elif start is not None:
            current.append(line)
            if name == "ER":
                chunks.append((start, current))
                start, current = None, []
    if start is not None:
        problems.append(RisProblem(start, "the reference has no ER line ending it."))
    return chunks, problems


def _reference(line: int, record: dict[str, Any]) -> Reference | RisProblem:
    title = _first(record, "TI", "T1", "CT", "BT", "ST")
    if not title:
        return RisProblem(line, "the reference has no title (TI or T1).")
    if len(title) > TITLE_MAX:
        title = title[:TITLE_MAX - 1].rstrip() + "…"
    type_of = _first(record, "TY").upper()
    doi = _DOI_PREFIX.sub("", _first(record, "DO"))
    link = f"https://doi.org/{doi}" if doi.startswith("10.") else _first(record, "UR", "L2")
    return Reference(line=line, kind=_KINDS.get(type_of, EvidenceKind.OTHER), title=title,
                     citation=citation(record), link=link,
                     summary=_first(record, "AB", "N2"))


def citation(record: dict[str, Any]) -> str:
    """'Surname, A.; Other, B. (2021). Journal, 12(3), 45–67.' from what the record has."""
    authors = [a for a in _all(record, "AU", "A1") if a]
    names = "; ".join(authors[:3]) + ("; et al." if len(authors) > 3 else "")
    year = _YEAR.search(" ".join((_first(record, "PY"), _first(record, "Y1"),
                                  _first(record, "DA"))))
    source = _first(record, "T2", "JO", "JF", "JA", "J2")
    volume, issue = _first(record, "VL"), _first(record, "IS")
    pages = "–".join(p for p in (_first(record, "SP"), _first(record, "EP")) if p)
    where = source
    if volume:
        where = f"{where}, {volume}" if where else volume
    if issue:
        where = f"{where}({issue})"
    if pages:
        where = f"{where}, {pages}" if where else pages
    head = names
    if year:
        head = f"{names} ({year.group(1)})" if names else f"({year.group(1)})"
    text = ". ".join(p.rstrip(".") for p in (head, where) if p)
    return f"{text}." if text else ""


def _all(record: dict[str, Any], *tags: str) -> list[str]:
    out: list[str] = []
    for tag in tags:
        value = record.get(tag)
        if isinstance(value, str):
            out.append(value.strip())
        elif isinstance(value, list):
            out.extend(str(v).strip() for v in value)
    return out


def _first(record: dict[str, Any], *tags: str) -> str:
    return next((v for v in _all(record, *tags) if v), "")
