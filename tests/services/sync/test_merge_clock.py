"""The hybrid logical clock: stamps sort as text, never go back, and follow a remote clock far
ahead without refusing it."""

from __future__ import annotations

from app.services.sync.clock import far_ahead, stamp_time
from app.store.sync_clock import Clock, format_hlc, parse_hlc, physical_ms
from tests.services.sync.laptops import clock_offset

DEVICE = "01a22b00-0000-7000-8000-000000000001"
YEAR_MS = 365 * 24 * 3600 * 1000


def test_stamps_sort_as_text_and_never_go_back():
    clock = Clock()
    stamps = [clock.tick(DEVICE) for _ in range(2000)]
    assert stamps == sorted(stamps) and len(set(stamps)) == len(stamps)
    ms, counter, device = parse_hlc(stamps[-1])
    assert device == DEVICE and abs(ms - physical_ms()) < 5000
    assert stamps[0][23:25] == "Z-" and len(stamps[0]) == 30 + len(DEVICE)


def test_a_remote_clock_far_ahead_is_followed_not_refused():
    clock = Clock()
    ahead = format_hlc(physical_ms() + 2 * YEAR_MS, 7, "other")
    clock.receive(ahead)
    after = clock.tick(DEVICE)
    assert after > ahead and parse_hlc(after)[1] == 8
    assert "730 days ahead" in far_ahead([(ahead, "other")], {"other": "Skye"})
    assert '"Skye"' in far_ahead([(ahead, "other")], {"other": "Skye"})
    assert far_ahead([(format_hlc(physical_ms(), 0, "x"), "x")], {}) == ""
    assert stamp_time(ahead) is not None and stamp_time("nonsense") is None


def test_the_offset_seam_shifts_this_laptops_clock():
    with clock_offset(-3 * 24 * 3600):
        behind = Clock().tick(DEVICE)
    assert parse_hlc(behind)[0] < physical_ms() - 2 * 24 * 3600 * 1000
    clock = Clock()
    clock.receive(Clock().tick("other"))
    with clock_offset(-3 * 24 * 3600):
        assert clock.tick(DEVICE) > behind  # a clock behind still moves past what it saw
