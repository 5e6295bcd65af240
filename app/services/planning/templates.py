"""Session templates: the built-in ones shipped in resources/templates, and those saved by facilitators."""

from __future__ import annotations

import json
from datetime import datetime
from functools import cache

from pydantic import ValidationError
from sqlalchemy import func, select

from app.config import resources_dir
from app.models import (
    Changes,
    InvalidInput,
    NotFound,
    Session,
    SessionTemplate,
    TemplateItem,
    new_id,
)
from app.services.core.records import validated
from app.services.planning import agenda as agenda_service
from app.services.planning.sessions import insert_session, new_session
from app.store import repos
from app.store.canonical import canonical_json
from app.store.changelog import collected
from app.store.engine import Store
from app.store.tables import FocusAreaRow, SessionRow, SessionTemplateRow


@cache
def builtin_templates() -> tuple[SessionTemplate, ...]:
    found = []
    for path in sorted((resources_dir() / "templates").glob("*.json")):
        try:
            found.append(SessionTemplate.model_validate(
                {**json.loads(path.read_text(encoding="utf-8")), "builtin": True}))
        except (OSError, ValueError, ValidationError):
            continue  # a damaged shipped file must not stop planning with the others
    return tuple(found)


def _from_row(row: SessionTemplateRow) -> SessionTemplate:
    return SessionTemplate.model_validate({
        "id": row.id, "name": row.name, "kind": row.kind, "minutes": row.minutes,
        "format": row.format, "purpose": row.purpose, "items": json.loads(row.items_json),
    })


def list_templates(store: Store) -> list[SessionTemplate]:
    with store.read() as s:
        saved = [_from_row(r) for r in s.scalars(select(SessionTemplateRow)
                                                 .order_by(SessionTemplateRow.name))]
    return [*builtin_templates(), *saved]


def get_template(store: Store, template_id: str) -> SessionTemplate:
    for template in list_templates(store):
        if template.id == template_id:
            return template
    raise NotFound(f"There is no session template with id {template_id}.")


def plan_from_template(
    store: Store, system_id: str, template_id: str, title: str, starts: datetime
) -> tuple[Session, Changes]:
    """A new session with the template's length, format, purpose and timed agenda."""
    template = get_template(store, template_id)
    session = new_session(
        system_id, title or template.name, starts, minutes=template.minutes,
        format=template.format, kind=template.kind, purpose=template.purpose,
    )
    with store.unit() as s:
        insert_session(s, session)
        slugs = {r.slug: r.id for r in s.scalars(
            select(FocusAreaRow).where(FocusAreaRow.system_id == system_id))}
        agenda_service.insert_items(s, session.id, [
            {"title": i.title, "minutes": i.minutes, "method": i.method, "prompt": i.prompt,
             "focus_area_ids": tuple(slugs[x] for x in i.focus_area_slugs if x in slugs)}
            for i in template.items
        ])
    return session, collected(s)


def save_as_template(store: Store, session_id: str, name: str) -> tuple[SessionTemplate, Changes]:
    """Keep a session's shape (length, format, purpose, agenda) for planning the next one."""
    with store.unit() as s:
        row = repos.get_row(s, SessionRow, session_id, "session")
        slug_of = {r.id: r.slug for r in s.scalars(
            select(FocusAreaRow).where(FocusAreaRow.system_id == row.system_id))}
        items = tuple(
            TemplateItem(title=i.title, minutes=i.minutes, method=i.method, prompt=i.prompt,
                         focus_area_slugs=tuple(slug_of[f] for f in i.focus_area_ids))
            for i in repos.agenda(s, session_id)
        )
        template = validated(SessionTemplate, {
            "id": new_id(), "name": name, "kind": row.kind, "minutes": row.minutes,
            "format": row.format, "purpose": row.purpose, "items": items,
        })
        if any(t.name.lower() == template.name.lower() for t in builtin_templates()) or s.scalar(
                select(SessionTemplateRow.id).where(
                    func.lower(SessionTemplateRow.name) == template.name.lower())):
            raise InvalidInput(f"There is already a template called '{template.name}'.")
        s.add(SessionTemplateRow(
            id=template.id, name=template.name, kind=template.kind, minutes=template.minutes,
            format=template.format, purpose=template.purpose,
            items_json=canonical_json([i.model_dump(mode="json") for i in items]),
        ))
    return template, collected(s)
