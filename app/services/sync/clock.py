"""Reading clock stamps for people: when a laptop's clock is far ahead, say so, never refuse.

The clock itself lives with the change log (`app.store.sync_clock`), which stamps every change;
`CAIRN_CLOCK_OFFSET_SECONDS` shifts this laptop's physical clock there (a test seam for
laptops whose clocks are days behind or years ahead).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from app.store.sync_clock import OFFSET_ENV, parse_hlc, physical_ms

__all__ = ["FAR_AHEAD_MS", "OFFSET_ENV", "far_ahead", "stamp_time"]

FAR_AHEAD_MS = 24 * 3600 * 1000  # more than a day ahead of this laptop's clock


def stamp_time(stamp: str) -> datetime | None:
    """The physical time in a stamp (None if it is not one)."""
    try:
        ms, _, _ = parse_hlc(stamp)
    except ValueError:
        return None
    return datetime.fromtimestamp(ms / 1000, UTC)


def far_ahead(stamps: Iterable[tuple[str, str]], names: dict[str, str]) -> str:
    """A sentence naming the laptop whose changes are stamped more than a day ahead of this
    laptop's clock ("" when none): its clock is probably wrong. Pairs are (stamp, device)."""
    now = physical_ms()
    newest = max(stamps, default=("", ""))  # stamps sort as text: only the newest is read
    try:
        ms, _, _ = parse_hlc(newest[0])
    except ValueError:
        return ""
    if ms - now <= FAR_AHEAD_MS:
        return ""
    worst = (ms, newest[1])
    days = round((worst[0] - now) / (24 * 3600 * 1000))  # to the nearest day, not down
    who = names.get(worst[1]) or "another laptop"
    return (f'The clock of "{who}" is about {days} days ahead of this laptop\'s; sync goes on, '
            "but its changes count as the newest until its clock is put right.")
