"""Evidence: case studies, insights from publications, opinion pieces, podcasts, with citation
and link, linked to themes; and references imported from RIS files in one operation.

Each function is one user operation (one unit of work, one undo step). An import adds every
new reference of the file or none; a reference already in the learning system (same DOI or
link, or same title) is left out and said so, so importing a file twice adds nothing twice.
An attached file's copy is kept by `attachments`; the record holds its name and SHA-256.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from app.models import Changes, Evidence, EvidenceKind, new_id
from app.services.core.records import (
    Snapshot,
    delete_by_id,
    delete_many_with_snapshot,
    merged,
    only_fields,
    validated,
    write_fields,
)
from app.services.sensemaking import theme_links
from app.services.sensemaking.ris import Reference
from app.store import repos
from app.store.changelog import collected
from app.store.engine import Store
from app.store.tables import EvidenceRow, EvidenceThemeRow, LearningSystemRow

EDITABLE = {"kind", "title", "citation", "link", "summary", "file_name", "file_sha256"}


@dataclass(frozen=True)
class EvidencePreview:
    """What importing a file would do: the references it would add and those already there."""

    new: tuple[Reference, ...]
    already_there: tuple[Reference, ...]


def create_evidence(store: Store, system_id: str, title: str, *,
                    kind: EvidenceKind | str = EvidenceKind.CASE_STUDY, citation: str = "",
                    link: str = "", summary: str = "",
                    theme_ids: Iterable[str] = ()) -> tuple[Evidence, Changes]:
    """Record one piece of evidence of a learning system, linked to some of its themes."""
    evidence = validated(Evidence, {"id": new_id(), "system_id": system_id,
                                    "title": title.strip(), "kind": kind,
                                    "citation": citation.strip(), "link": link.strip(),
                                    "summary": summary.strip()})
    with store.unit() as s:
        repos.get_row(s, LearningSystemRow, system_id, "learning system")
        themes = theme_links.check_themes(s, system_id, theme_ids)
        row = EvidenceRow()
        write_fields(row, evidence)
        s.add(row)
        s.flush()
        theme_links.add_links(s, EvidenceThemeRow, "evidence_id", evidence.id, themes)
        evidence = evidence.model_copy(update={"theme_ids": tuple(sorted(themes))})
    return evidence, collected(s)


def update_evidence(store: Store, evidence_id: str, **fields: Any) -> tuple[Evidence, Changes]:
    """Change the kind, title, citation, link, summary or attached file (its name and SHA-256,
    set by `attachments`) of one piece of evidence."""
    only_fields(fields, EDITABLE, "evidence record")
    fields = {k: v.strip() if isinstance(v, str) and k != "kind" else v
              for k, v in fields.items()}
    with store.unit() as s:
        row = repos.get_row(s, EvidenceRow, evidence_id, "evidence record")
        write_fields(row, merged(Evidence, row, fields), fields)
        s.flush()
        updated = _read(s, [evidence_id])[0]
    return updated, collected(s)


def link_themes(store: Store, evidence_id: str,
                theme_ids: Iterable[str]) -> tuple[Evidence, Changes]:
    """Link the evidence to these themes of its learning system (those already linked stay)."""
    return theme_links.change_links(store, EvidenceRow, EvidenceThemeRow, "evidence_id",
                                    evidence_id, "evidence record", theme_ids, add=True,
                                    read=_read)


def unlink_themes(store: Store, evidence_id: str,
                  theme_ids: Iterable[str]) -> tuple[Evidence, Changes]:
    """Remove the links to these themes; a theme not linked is ignored."""
    return theme_links.change_links(store, EvidenceRow, EvidenceThemeRow, "evidence_id",
                                    evidence_id, "evidence record", theme_ids, add=False,
                                    read=_read)


def delete_evidence(store: Store, evidence_id: str) -> tuple[Snapshot, Changes]:
    """Delete one piece of evidence and its theme links; `history.restore` puts them back."""
    return delete_by_id(store, EvidenceRow, evidence_id, "evidence record")


def delete_many(store: Store, evidence_ids: Sequence[str]) -> tuple[Snapshot, Changes]:
    """Delete several pieces of evidence (an import, undone) as one unit of work."""
    with store.unit() as s:
        snap = delete_many_with_snapshot(s, EvidenceRow, list(evidence_ids), "evidence record")
    return snap, collected(s)


def get_evidence(store: Store, evidence_id: str) -> Evidence:
    with store.read() as s:
        repos.get_row(s, EvidenceRow, evidence_id, "evidence record")
        return _read(s, [evidence_id])[0]


def resolve_evidence(store: Store, given: str) -> Evidence:
    """The evidence with this id or a unique prefix of one (the command line's EVIDENCE)."""
    with store.read() as s:
        return _read(s, [repos.resolve_id(s, EvidenceRow, given, "evidence record")])[0]


def list_evidence(store: Store, system_id: str) -> list[Evidence]:
    """The system's evidence by title (case ignored)."""
    with store.read() as s:
        repos.get_row(s, LearningSystemRow, system_id, "learning system")
        return sorted(_read(s, _ids(s, system_id)), key=lambda e: (e.title.casefold(), e.id))


def preview_import(store: Store, system_id: str,
                   references: Sequence[Reference]) -> EvidencePreview:
    """What `import_references` would add, writing nothing (the dry run)."""
    with store.read() as s:
        repos.get_row(s, LearningSystemRow, system_id, "learning system")
        return _split(_read(s, _ids(s, system_id)), references)


def import_references(store: Store, system_id: str, references: Sequence[Reference],
                      ) -> tuple[list[Evidence], EvidencePreview, Changes]:
    """Add every reference not already in the system, in one unit of work; undone in one step
    by `delete_many` with the ids of the evidence added."""
    with store.unit() as s:
        repos.get_row(s, LearningSystemRow, system_id, "learning system")
        plan = _split(_read(s, _ids(s, system_id)), references)
        added = [validated(Evidence, {"id": new_id(), "system_id": system_id, "kind": r.kind,
                                      "title": r.title, "citation": r.citation,
                                      "link": r.link, "summary": r.summary})
                 for r in plan.new]
        for evidence in added:
            row = EvidenceRow()
            write_fields(row, evidence)
            s.add(row)
    return added, plan, collected(s)


def _split(existing: Sequence[Evidence], references: Sequence[Reference]) -> EvidencePreview:
    seen = {_key for e in existing for _key in _keys(e.title, e.link)}
    new: list[Reference] = []
    there: list[Reference] = []
    for r in references:
        keys = _keys(r.title, r.link)
        (there if keys & seen else new).append(r)
        seen |= keys
    return EvidencePreview(tuple(new), tuple(there))


def _keys(title: str, link: str) -> set[str]:
    keys = {"title:" + " ".join(title.casefold().split())}
    if link:
        keys.add("link:" + link.strip().rstrip("/").casefold())
    return keys


def _ids(s: Any, system_id: str) -> list[str]:
    return list(s.scalars(select(EvidenceRow.id).where(EvidenceRow.system_id == system_id)))


def _read(s: Any, ids: list[str]) -> list[Evidence]:
    rows = {r.id: r for r in s.scalars(select(EvidenceRow).where(EvidenceRow.id.in_(ids)))}
    links = theme_links.linked(s, EvidenceThemeRow, "evidence_id", ids)
    return [Evidence.model_validate({**{c.key: getattr(rows[i], c.key)
                                        for c in rows[i].__mapper__.column_attrs},
                                     "theme_ids": links[i]}) for i in ids]
