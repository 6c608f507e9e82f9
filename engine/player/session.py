"""The player's link to the pure core: one state, one sink, one clock. No pygame here.

``act`` steps the rules and hands the events to the sink *before* returning them, so that
nothing is shown on screen that is not already stored.
"""

from __future__ import annotations

from collections.abc import Callable

from engine.core import actions as ac
from engine.core.events import Event
from engine.core.ports import EventSink, NullSink
from engine.core.rules import Rules
from engine.core.state import GameState


class FakeClock:
    """A clock that only moves when told: headless play and tests are reproducible."""

    def __init__(self, start: float = 0.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


class Session:
    def __init__(
        self,
        rules: Rules,
        clock: Callable[[], float],
        state: GameState | None = None,
        sink: EventSink | None = None,
    ) -> None:
        self.rules = rules
        self.clock = clock
        self.state = state if state is not None else rules.new_game()
        self.sink: EventSink = sink if sink is not None else NullSink()

    def act(self, action: ac.Action) -> list[Event]:
        now = self.clock()
        state, events = self.rules.step(self.state, action, now)
        if events:
            self.sink.append(events, now)
        self.state = state
        return events

    def elapsed(self) -> float:
        return self.state.clock.elapsed(self.clock())

    def remaining(self) -> float | None:
        limit = self.rules.scenario.timer.limit_minutes
        if limit is None:
            return None
        return max(0.0, limit * 60 + self.state.clock.extra_seconds - self.elapsed())
