"""Links from actions and evidence to the themes they answer or support.

Both kinds of record link only to themes of their own learning system; a link to a theme of
another system, or one that is gone, refuses the whole operation before anything is written.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Changes, InvalidInput, NotFound
from app.store import repos
from app.store.changelog import collected
from app.store.engine import Store
from app.store.tables import ActionThemeRow, EvidenceThemeRow, ThemeRow

T = TypeVar("T")

Link = type[ActionThemeRow] | type[EvidenceThemeRow]


def check_themes(s: Session, system_id: str, theme_ids: Iterable[str]) -> list[str]:
    """The ids, each once and in order, once each is known to be a theme of `system_id`."""
    wanted = list(dict.fromkeys(theme_ids))
    if not wanted:
        return []
    found = {theme_id: system for theme_id, system in s.execute(
        select(ThemeRow.id, ThemeRow.system_id).where(ThemeRow.id.in_(wanted)))}
    for theme_id in wanted:
        if theme_id not in found:
            raise NotFound(f"There is no theme with id {theme_id}; nothing was changed.")
        if found[theme_id] != system_id:
            raise InvalidInput("A theme of another learning system cannot be linked here; "
                               "nothing was changed.")
    return wanted


def add_links(s: Session, link: Link, own: str, own_id: str,
              theme_ids: Sequence[str]) -> None:
    """Add the link rows that are not there yet (each insert logged)."""
    have = set(s.scalars(select(link.theme_id).where(getattr(link, own) == own_id)))
    for theme_id in theme_ids:
        if theme_id not in have:
            s.add(link(**{own: own_id, "theme_id": theme_id}))


def remove_links(s: Session, link: Link, own: str, own_id: str,
                 theme_ids: Sequence[str]) -> None:
    """Remove those link rows that are there (each delete logged); others are ignored."""
    rows = s.scalars(select(link).where(getattr(link, own) == own_id,
                                        link.theme_id.in_(list(theme_ids))))
    for row in rows:
        s.delete(row)


def linked(s: Session, link: Link, own: str, ids: Sequence[str]) -> dict[str, tuple[str, ...]]:
    """The theme ids linked to each of `ids`, sorted, read in one statement."""
    out: dict[str, list[str]] = defaultdict(list)
    if ids:
        own_col, theme_col = getattr(link, own), link.theme_id
        for own_id, theme_id in s.execute(select(own_col, theme_col).where(own_col.in_(ids))):
            out[own_id].append(theme_id)
    return {i: tuple(sorted(out[i])) for i in ids}


def change_links(store: Store, row_type: type[Any], link: Link, key: str, record_id: str,
                 what: str, theme_ids: Iterable[str], *, add: bool,
                 read: Callable[[Session, list[str]], list[T]]) -> tuple[T, Changes]:
    """Link a record (an action, a piece of evidence) to themes of its learning system, or
    unlink it (a theme not linked is ignored): one operation, the record read back after."""
    with store.unit() as s:
        row = repos.get_row(s, row_type, record_id, what)
        if add:
            add_links(s, link, key, record_id, check_themes(s, row.system_id, theme_ids))
        else:
            remove_links(s, link, key, record_id, list(theme_ids))
        s.flush()
        record = read(s, [record_id])[0]
    return record, collected(s)
