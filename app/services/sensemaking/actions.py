"""Actions: knowledge into action. What will be done, by whom, by when, and the themes it
answers; listed across a learning system with overdue ones marked for the views to show.

Each function is one user operation (one unit of work, one undo step). Deleting returns a
`Snapshot` for `core.history.restore`; linking is undone by unlinking, and an edit by
editing the old values back.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select

from app.models import Action, ActionStatus, Changes, InvalidInput, new_id
from app.services.core.records import (
    Snapshot,
    delete_by_id,
    merged,
    only_fields,
    validated,
    write_fields,
)
from app.services.sensemaking import theme_links
from app.store import repos
from app.store.changelog import collected
from app.store.engine import Store
from app.store.tables import ActionRow, ActionThemeRow, LearningSystemRow, SessionRow

EDITABLE = {"what", "owner", "due", "status", "session_id"}
_FINISHED = {ActionStatus.DONE, ActionStatus.DROPPED}


@dataclass(frozen=True)
class ListedAction:
    """An action as a list shows it: overdue when its due date has passed and it is not
    done or dropped."""

    action: Action
    overdue: bool


def is_overdue(action: Action, today: date) -> bool:
    return action.due is not None and action.due < today and action.status not in _FINISHED


def create_action(store: Store, system_id: str, what: str, *, owner: str = "",
                  due: date | None = None, status: ActionStatus | str = ActionStatus.OPEN,
                  session_id: str | None = None,
                  theme_ids: Iterable[str] = ()) -> tuple[Action, Changes]:
    """Record an action of a learning system, linked to some of its themes."""
    action = validated(Action, {"id": new_id(), "system_id": system_id, "what": what.strip(),
                                "owner": owner.strip(), "due": due, "status": status,
                                "session_id": session_id})
    with store.unit() as s:
        repos.get_row(s, LearningSystemRow, system_id, "learning system")
        _check_session(s, system_id, session_id)
        themes = theme_links.check_themes(s, system_id, theme_ids)
        row = ActionRow()
        write_fields(row, action)
        s.add(row)
        s.flush()
        theme_links.add_links(s, ActionThemeRow, "action_id", action.id, themes)
        action = action.model_copy(update={"theme_ids": tuple(sorted(themes))})
    return action, collected(s)


def update_action(store: Store, action_id: str, **fields: Any) -> tuple[Action, Changes]:
    """Change what, owner, due date, status or session of one action, validated as a whole."""
    only_fields(fields, EDITABLE, "action")
    if isinstance(fields.get("what"), str):
        fields["what"] = fields["what"].strip()
    with store.unit() as s:
        row = repos.get_row(s, ActionRow, action_id, "action")
        updated = merged(Action, row, fields)
        _check_session(s, row.system_id, updated.session_id)
        write_fields(row, updated, fields)
        updated = _read(s, [action_id])[0]
    return updated, collected(s)


def link_themes(store: Store, action_id: str, theme_ids: Iterable[str]) -> tuple[Action, Changes]:
    """Link the action to these themes of its learning system (those already linked stay)."""
    return theme_links.change_links(store, ActionRow, ActionThemeRow, "action_id", action_id,
                                    "action", theme_ids, add=True, read=_read)


def unlink_themes(store: Store, action_id: str,
                  theme_ids: Iterable[str]) -> tuple[Action, Changes]:
    """Remove the links to these themes; a theme not linked is ignored."""
    return theme_links.change_links(store, ActionRow, ActionThemeRow, "action_id", action_id,
                                    "action", theme_ids, add=False, read=_read)


def delete_action(store: Store, action_id: str) -> tuple[Snapshot, Changes]:
    """Delete an action and its theme links; `history.restore` puts them back."""
    return delete_by_id(store, ActionRow, action_id, "action")


def get_action(store: Store, action_id: str) -> Action:
    with store.read() as s:
        repos.get_row(s, ActionRow, action_id, "action")
        return _read(s, [action_id])[0]


def list_actions(store: Store, system_id: str, *, today: date | None = None) -> list[ListedAction]:
    """The system's actions: overdue first, then by due date (none last), then as recorded."""
    today = today or date.today()
    with store.read() as s:
        repos.get_row(s, LearningSystemRow, system_id, "learning system")
        ids = list(s.scalars(select(ActionRow.id).where(ActionRow.system_id == system_id)))
        found = [ListedAction(a, is_overdue(a, today)) for a in _read(s, ids)]
    return sorted(found, key=lambda x: (not x.overdue, x.action.due is None,
                                        x.action.due or today, x.action.id))


def _read(s: Any, ids: list[str]) -> list[Action]:
    rows = {r.id: r for r in s.scalars(select(ActionRow).where(ActionRow.id.in_(ids)))}
    links = theme_links.linked(s, ActionThemeRow, "action_id", ids)
    return [Action.model_validate({**_values(rows[i]), "theme_ids": links[i]}) for i in ids]


def _values(row: ActionRow) -> Mapping[str, Any]:
    return {c.key: getattr(row, c.key) for c in row.__mapper__.column_attrs}


def _check_session(s: Any, system_id: str, session_id: str | None) -> None:
    if session_id is None:
        return
    row = repos.get_row(s, SessionRow, session_id, "session")
    if row.system_id != system_id:
        raise InvalidInput("An action belongs to a session of its own learning system; "
                           "nothing was changed.")
