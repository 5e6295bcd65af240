"""Orders kept as fractional ranks, so that a move rewrites the rows that moved and no others.

Agenda blocks, focus areas and themes each carry a text `rank` and are read in (rank, id)
order. Putting one record between two others gives it a rank between theirs (the
`fractional_indexing` package makes the keys): its siblings keep theirs, so one move is one
changed row, one log entry and, later, at most one sync conflict. Two laptops may give two
records the same rank; the id then settles their order the same way everywhere, and the next
move between them gives them distinct ranks again.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from typing import Protocol

from fractional_indexing import generate_n_keys_between


def reranked(current: Sequence[tuple[str, str]], wanted: Sequence[str]) -> dict[str, str]:
    """The ranks to write so that the records come out in the order `wanted`.

    `current` is (id, rank) of the records there now, in their (rank, id) order; `wanted` is
    ids in the new order, current ones and new ones. The longest run of current records that
    are already in order keeps its ranks; every other record (and every new one) gets a rank
    between its kept neighbours. Only the ids to write are returned, each with its new rank.
    """
    rank_of = dict(current)
    place = {item_id: n for n, (item_id, _) in enumerate(current)}
    kept = _longest_in_order([i for i in wanted if i in place], place)
    out: dict[str, str] = {}
    pending: list[str] = []
    low: str | None = None
    for item_id in wanted:
        if item_id in kept and not (pending and low is not None and low >= rank_of[item_id]):
            out.update(zip(pending, generate_n_keys_between(low, rank_of[item_id], len(pending)),
                           strict=True))
            pending = []
            low = rank_of[item_id]
        else:
            # Moved, new, or a kept neighbour whose rank equals the one before the gap (equal
            # ranks from two laptops leave no key between them): placed afresh.
            pending.append(item_id)
    out.update(zip(pending, generate_n_keys_between(low, None, len(pending)), strict=True))
    return out


def _longest_in_order(ids: list[str], place: dict[str, int]) -> set[str]:
    """A longest subsequence of `ids` whose current places increase (patience sorting)."""
    tails: list[int] = []  # current place of the last id of the best run of each length
    tail_ids: list[int] = []  # index into ids of that last id
    before = [-1] * len(ids)
    for n, item_id in enumerate(ids):
        length = bisect_left(tails, place[item_id])
        if length == len(tails):
            tails.append(place[item_id])
            tail_ids.append(n)
        else:
            tails[length] = place[item_id]
            tail_ids[length] = n
        before[n] = tail_ids[length - 1] if length else -1
    kept: set[str] = set()
    n = tail_ids[-1] if tail_ids else -1
    while n >= 0:
        kept.add(ids[n])
        n = before[n]
    return kept


class RankedRow(Protocol):
    id: str
    rank: str


def reorder(rows: Sequence[RankedRow], wanted: Sequence[str]) -> dict[str, str]:
    """Set the ranks of `rows` (given in their order) that put them in the order `wanted`,
    touching only the rows that must change; return the ranks of the new ids in `wanted`."""
    ranks = reranked([(r.id, r.rank) for r in rows], wanted)
    for row in rows:
        if row.id in ranks:
            row.rank = ranks.pop(row.id)
    return ranks
