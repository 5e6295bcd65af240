"""Fractional ranks: any wanted order comes out, writing only what must move."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from app.services.core.ranks import reranked


def _current(ranks: list[str]) -> list[tuple[str, str]]:
    """Records named r0, r1, ... with these ranks, in (rank, id) order as the store reads them."""
    return sorted(((f"r{n:02d}", rank) for n, rank in enumerate(ranks)),
                  key=lambda pair: (pair[1], pair[0]))


def _result(current: list[tuple[str, str]], wanted: list[str]) -> list[str]:
    ranks = dict(current) | reranked(current, wanted)
    return sorted(wanted, key=lambda i: (ranks[i], i))


def test_one_move_writes_one_rank():
    current = _current(["a0", "a1", "a2", "a3", "a4"])
    ids = [i for i, _ in current]
    for source in range(5):
        for target in range(5):
            wanted = list(ids)
            wanted.insert(target, wanted.pop(source))
            written = reranked(current, wanted)
            assert len(written) == (0 if source == target else 1)
            assert _result(current, wanted) == wanted


def test_new_records_take_ranks_between_their_neighbours_only():
    current = _current(["a0", "a1", "a2"])
    wanted = ["r00", "new", "r01", "r02", "last"]
    written = reranked(current, wanted)
    assert set(written) == {"new", "last"}
    assert "a0" < written["new"] < "a1" and written["last"] > "a2"


def test_equal_ranks_from_two_laptops_still_give_the_wanted_order():
    current = _current(["a1", "a1", "a1", "a2"])  # three records ranked alike elsewhere
    wanted = ["r00", "new", "r01", "r02", "r03"]
    assert _result(current, wanted) == wanted
    moved = ["r03", "r00", "r01", "r02"]
    assert reranked(current, moved) == {"r03": "a0"}  # the tie itself needs no rewrite


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["a0", "a1", "a1V", "a2", "a3", "Zz"]), max_size=8),
       st.data())
def test_any_order_of_any_ranks_comes_out_as_wanted(ranks, data):
    current = _current(ranks)
    ids = [i for i, _ in current]
    new = [f"n{k}" for k in range(data.draw(st.integers(0, 3)))]
    wanted = data.draw(st.permutations([*ids, *new]))
    written = reranked(current, wanted)
    assert set(new) <= set(written)
    assert _result(current, list(wanted)) == list(wanted)
