"""Dot votes, recorded by the facilitator on the group's behalf, as records that add up.

Each entry (a typed count, or one "+" or "−") is a `theme_votes` record saying how many, who
entered it, on which laptop and when. A theme's votes are the sum of its records, so votes
entered on two laptops both count once they sync, where a counter would keep only one.
"""

from __future__ import annotations

from sqlalchemy import func, select

from app.models import Changes, InvalidInput, ThemeVote, new_id, utcnow
from app.services.sensemaking.board_undo import Recorder
from app.services.sensemaking.theme_query import read_theme, theme_row
from app.services.sensemaking.themes import VOTES, BoardChange
from app.store import bulk
from app.store.changelog import collected
from app.store.engine import Store
from app.store.tables import ThemeVoteRow

MOST_AT_ONCE = 1000  # far more dots than any room hands out: a typo, not a vote


def add_votes(store: Store, theme_id: str, count: int, *,
              entered_by: str | None = None) -> tuple[BoardChange, Changes]:
    """Record `count` votes for a theme (negative to take some back), entered by `entered_by`
    (default: the store's author) on this laptop. A theme's votes cannot go below none."""
    if count == 0:
        raise InvalidInput("Give a number of votes other than 0.")
    if abs(count) > MOST_AT_ONCE:
        raise InvalidInput(f"Record at most {MOST_AT_ONCE} votes at a time.")
    with store.unit() as s:
        theme_row(s, theme_id)
        total = int(s.scalar(select(func.coalesce(func.sum(ThemeVoteRow.count), 0))
                             .where(ThemeVoteRow.theme_id == theme_id)) or 0)
        if total + count < 0:
            raise InvalidInput(f"The theme has {total} vote{'s' if total != 1 else ''}; "
                               f"{-count} cannot be taken away.")
        vote = ThemeVote(id=new_id(), theme_id=theme_id, count=count,
                         entered_by=store.author if entered_by is None else entered_by,
                         device_id=store.device_id, created_at=utcnow())
        bulk.insert_logged(s, VOTES, [vote.model_dump()])
        record = Recorder()
        record.created(VOTES, (vote.id,))
        theme = read_theme(s, theme_id)
    return BoardChange(theme, record.undo()), collected(s)


def list_votes(store: Store, theme_id: str) -> list[ThemeVote]:
    """A theme's vote records, oldest first: who entered how many, where and when."""
    with store.read() as s:
        theme_row(s, theme_id)
        rows = s.scalars(select(ThemeVoteRow).where(ThemeVoteRow.theme_id == theme_id)
                         .order_by(ThemeVoteRow.created_at, ThemeVoteRow.id))
        return [ThemeVote.model_validate(r) for r in rows]
