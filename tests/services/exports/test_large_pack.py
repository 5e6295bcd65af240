"""A session of 1,000 notes in 60 themes, with 30 people of mixed consent: its pack holds every
theme and every clustered note, and names only those who consented. (How fast it builds is
measured by tests/bench/bench_pack.py, not here.)"""

from __future__ import annotations

from app.models.pack import PackOptions
from app.services.exports.pack_content import session_pack
from tests.services.exports.large_session import NOTES, THEMES, large_session


def test_a_session_of_1000_notes_and_60_themes_makes_a_whole_pack(store, system, session):
    names = large_session(store, system.id, session.id)
    pack = session_pack(store, session.id, PackOptions(names=True))
    assert sum(len(a.themes) for a in pack.areas) == THEMES
    assert sum(t.note_count for a in pack.areas for t in a.themes) == NOTES - NOTES % THEMES
    named = {use.name for use in pack.names} - {store.author}
    assert named and named <= {n for i, n in enumerate(names) if i % 3 == 0}
