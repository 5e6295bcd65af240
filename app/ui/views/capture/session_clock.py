"""The session clock and the agenda block being run, as plain state that survives a restart.

Wall-clock seconds (not a monotonic timer) so the state can be saved and read back after the
app was closed or crashed mid-session; the clock is injected so tests never sleep.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

Clock = Callable[[], float]


@dataclass
class ClockState:
    """What is saved: seconds run before the current run, and when the current run began."""

    elapsed_before: float = 0.0
    running_since: float | None = None
    block_index: int | None = None
    block_before: float = 0.0
    block_since: float | None = None


class SessionClock:
    """Start, pause and stop the session; move between agenda blocks, each timed on its own."""

    def __init__(self, block_minutes: list[int], now: Clock = time.time,
                 state: ClockState | None = None) -> None:
        self._now = now
        self.block_minutes = list(block_minutes)
        self.state = state or ClockState()
        if self.state.block_index is not None and not (
                0 <= self.state.block_index < len(self.block_minutes)):
            self.state.block_index = None  # the agenda changed while the app was closed

    @property
    def running(self) -> bool:
        return self.state.running_since is not None

    @property
    def started(self) -> bool:
        return self.running or self.state.elapsed_before > 0

    @property
    def block_index(self) -> int | None:
        return self.state.block_index

    def elapsed(self) -> float:
        """Seconds the session clock has run, pauses left out."""
        s = self.state
        return s.elapsed_before + (self._now() - s.running_since if s.running_since else 0.0)

    def block_elapsed(self) -> float:
        s = self.state
        return s.block_before + (self._now() - s.block_since if s.block_since else 0.0)

    def block_remaining(self) -> float | None:
        """Seconds left in the current block; negative once it overruns; None without a block."""
        if self.state.block_index is None:
            return None
        return self.block_minutes[self.state.block_index] * 60 - self.block_elapsed()

    def start(self) -> None:
        if self.running:
            return
        now = self._now()
        self.state.running_since = now
        if self.state.block_index is None and self.block_minutes:
            self.state.block_index = 0
        if self.state.block_index is not None:
            self.state.block_since = now

    def pause(self) -> None:
        if not self.running:
            return
        self.state.elapsed_before = self.elapsed()
        self.state.block_before = self.block_elapsed()
        self.state.running_since = self.state.block_since = None

    def stop(self) -> None:
        """End the session: the clock goes back to zero and no block is current."""
        self.state = ClockState()

    def go_to_block(self, index: int) -> bool:
        """Make block `index` current, its own timer from zero; False when there is no such block."""
        if not 0 <= index < len(self.block_minutes) or index == self.state.block_index:
            return False
        self.state.block_index = index
        self.state.block_before = 0.0
        self.state.block_since = self._now() if self.running else None
        return True

    def set_blocks(self, block_minutes: list[int]) -> None:
        """The agenda changed: keep the current block when it is still there."""
        self.block_minutes = list(block_minutes)
        if self.state.block_index is not None and self.state.block_index >= len(block_minutes):
            self.state.block_index = len(block_minutes) - 1 if block_minutes else None

    def step(self, direction: int) -> bool:
        current = self.state.block_index
        return self.go_to_block(0 if current is None else current + direction)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self.state)

    @staticmethod
    def state_from(data: object) -> ClockState | None:
        """A saved state read back, or None when it is not one (an older or damaged value)."""
        if not isinstance(data, dict):
            return None
        try:
            return ClockState(**data)
        except TypeError:
            return None


def mmss(seconds: float) -> str:
    """'4:05' for 245 seconds; hours when needed ('1:02:03'); never negative."""
    whole = int(abs(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
