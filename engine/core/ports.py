"""What the shells plug into the core: where events go, and what time it is.

The player and the workshop storage meet only here: the player hands every batch of events to
an ``EventSink`` *before* drawing their effect, and storage implements the sink durably.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from engine.core.events import Event


class EventSink(Protocol):
    def append(self, events: Sequence[Event], now: float) -> None:
        """Store ``events`` (produced at wall-clock ``now``) durably before returning."""


class Clock(Protocol):
    def __call__(self) -> float:
        """Wall-clock seconds (``time.time`` in the shell, a counter in tests)."""


class NullSink:
    """A sink that keeps events in memory: for tests and for play without a workshop."""

    def __init__(self) -> None:
        self.events: list[Event] = []

    def append(self, events: Sequence[Event], now: float) -> None:
        self.events.extend(events)
