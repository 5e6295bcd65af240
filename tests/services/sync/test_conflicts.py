"""Resolving conflicts: keep mine, theirs or both; the answer syncs and closes it elsewhere."""

from __future__ import annotations

import pytest

from app.models import InvalidInput, NotFound
from app.services import capture
from app.services.sync import conflicts, resolve_conflict, sync_status
from tests.services.sync.laptops import assert_identical, assert_replays, converge, laptop
from tests.services.sync.test_merge import _one_note


@pytest.fixture
def shared(tmp_path):
    folder = tmp_path / "shared"
    folder.mkdir()
    return folder


def _conflicted(tmp_path, shared):
    a, b = laptop(tmp_path, "Orkney office"), laptop(tmp_path, "Shetland")
    note = _one_note(a, shared)
    converge([a, b], shared, rounds=1)
    capture.edit_note(a, note.id, text="From Orkney")
    capture.edit_note(b, note.id, text="From Shetland")
    converge([a, b], shared)
    assert len(conflicts(a)) == len(conflicts(b)) == 1
    return a, b, note


@pytest.mark.parametrize("keep", ["mine", "theirs", "both"])
def test_resolving_syncs_and_closes_the_conflict_on_the_other_laptop(tmp_path, shared, keep):
    a, b, note = _conflicted(tmp_path, shared)
    winner = capture.get_note(a, note.id).text
    found = conflicts(b)[0]
    assert {found.mine, found.theirs} == {"From Orkney", "From Shetland"}
    assert found.mine == "From Shetland"  # b's own version, whichever won
    assert found.label == 'Note "From Orkney"' or found.label == 'Note "From Shetland"'
    changes = resolve_conflict(b, found.id[:8], keep)
    assert changes.touches("conflict_resolution")
    expected = {"mine": "From Shetland", "theirs": "From Orkney",
                "both": "From Shetland\n\nFrom Orkney"}[keep]
    assert capture.get_note(b, note.id).text == expected
    assert conflicts(b) == [] and conflicts(b, include_resolved=True)[0].resolution == keep
    assert sync_status(b, shared).open_conflicts == 0
    converge([a, b], shared)
    assert conflicts(a) == []
    assert conflicts(a, include_resolved=True)[0].resolved
    assert capture.get_note(a, note.id).text == expected
    assert winner in {"From Orkney", "From Shetland"}
    for store in (a, b):
        assert_replays(store)
    assert_identical([a, b])


def test_a_deleted_record_kept_can_be_deleted_after_all(tmp_path, shared):
    a, b = laptop(tmp_path, "Orkney office"), laptop(tmp_path, "Shetland")
    note = _one_note(a, shared)
    converge([a, b], shared, rounds=1)
    capture.edit_note(a, note.id, text="Edited meanwhile")
    capture.delete_note(b, note.id)
    converge([a, b], shared)
    found = conflicts(b)[0]
    assert (found.kind, found.mine) == ("deleted", "deleted")
    resolve_conflict(b, found.id, "mine")  # b deleted it: keep that
    converge([a, b], shared)
    for store in (a, b):
        with pytest.raises(NotFound):
            capture.get_note(store, note.id)
        assert conflicts(store) == []
        assert_replays(store)


def test_resolving_twice_or_an_unknown_id_is_refused(tmp_path, shared):
    a, _, _ = _conflicted(tmp_path, shared)
    found = conflicts(a)[0]
    resolve_conflict(a, found.id, "mine")
    with pytest.raises(InvalidInput, match="already resolved"):
        resolve_conflict(a, found.id, "theirs")
    with pytest.raises(NotFound):
        resolve_conflict(a, "ffffffff", "mine")
