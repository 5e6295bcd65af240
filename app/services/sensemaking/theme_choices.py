"""The themes an action or a piece of evidence can link to, and setting its links at once.

A picker shows every theme of the learning system grouped by session; when the facilitator
ticks some and unticks others, `set_action_themes` / `set_evidence_themes` make the links be
exactly those, in one unit of work, so the change is one undo step (undone by setting the
old links back).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from app.models import Action, Changes, Evidence
from app.services.sensemaking import actions, evidence, theme_links
from app.store import repos
from app.store.changelog import collected
from app.store.engine import Store
from app.store.tables import (
    ActionRow,
    ActionThemeRow,
    EvidenceRow,
    EvidenceThemeRow,
    LearningSystemRow,
    SessionRow,
    ThemeRow,
)


@dataclass(frozen=True)
class ThemeChoice:
    """A theme as a picker lists it: under its session (None: a theme of no session)."""

    id: str
    title: str
    session_id: str | None
    session_title: str
    session_starts: datetime | None


def system_themes(store: Store, system_id: str) -> list[ThemeChoice]:
    """Every theme of the learning system: by session (earliest first, themes of no session
    last), then in board order; read in one statement."""
    with store.read() as s:
        repos.get_row(s, LearningSystemRow, system_id, "learning system")
        rows = s.execute(
            select(ThemeRow.id, ThemeRow.title, ThemeRow.session_id, SessionRow.title,
                   SessionRow.starts, ThemeRow.rank)
            .outerjoin(SessionRow, SessionRow.id == ThemeRow.session_id)
            .where(ThemeRow.system_id == system_id)).all()
    found = [ThemeChoice(r[0], r[1], r[2], r[3] or "", r[4]) for r in rows]
    order = {r[0]: (r[4] is None, r[4] or datetime.min, r[2] or "", r[5], r[0]) for r in rows}
    return sorted(found, key=lambda c: order[c.id])


def set_action_themes(store: Store, action_id: str,
                      theme_ids: Iterable[str]) -> tuple[Action, Changes]:
    """Link the action to exactly these themes of its learning system."""
    changes = _set(store, ActionRow, ActionThemeRow, "action_id", action_id, "action",
                   theme_ids)
    return actions.get_action(store, action_id), changes


def set_evidence_themes(store: Store, evidence_id: str,
                        theme_ids: Iterable[str]) -> tuple[Evidence, Changes]:
    """Link the evidence to exactly these themes of its learning system."""
    changes = _set(store, EvidenceRow, EvidenceThemeRow, "evidence_id", evidence_id,
                   "evidence record", theme_ids)
    return evidence.get_evidence(store, evidence_id), changes


Setter = Callable[[Store, str, Iterable[str]], tuple[Any, Changes]]


def _set(store: Store, row_type: type[Any], link: theme_links.Link, key: str, record_id: str,
         what: str, theme_ids: Iterable[str]) -> Changes:
    with store.unit() as s:
        row = repos.get_row(s, row_type, record_id, what)
        wanted = theme_links.check_themes(s, row.system_id, theme_ids)
        have = theme_links.linked(s, link, key, [record_id])[record_id]
        theme_links.remove_links(s, link, key, record_id, [t for t in have if t not in wanted])
        theme_links.add_links(s, link, key, record_id, wanted)
    return collected(s)
