"""``Rules.advance`` is ``Rules.step`` without the narration: same state, same other events.

Checked on random play of every shipped scenario (the lint's autoplay: several players and
teams, hints, pauses, wrong answers and nonsense), at every single step.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.core import actions as ac
from engine.core import events as ev
from engine.core.rules import Rules
from engine.lint.autoplay import _Game
from engine.load.check import load_scenario
from engine.shipped import shipped_scenarios


def narration(event: ev.Event) -> bool:
    """What only tells: said, blocked, evidence from a game rule (a facilitator's note stays)."""
    if isinstance(event, ev.EvidenceRecorded):
        return event.source == "game"
    return isinstance(event, ev.Said | ev.Blocked)


class _Compared(_Game):
    """Random play that also advances every step and keeps what differs."""

    def __init__(self, rules: Rules, seed: int) -> None:
        super().__init__(rules, seed)
        self.differences: list[str] = []
        self.narrated = 0

    def act(self, action: ac.Action) -> None:
        before = self.state
        super().act(action)
        stepped, told = self.rules.step(before, action, self.now)
        advanced, events = self.rules.advance(before, action, self.now)
        self.narrated += sum(map(narration, told))
        if advanced != stepped or events != [e for e in told if not narration(e)]:
            self.differences.append(f"{self.actions}: {action!r}")


@pytest.mark.parametrize("path", shipped_scenarios(), ids=lambda p: p.name.removesuffix(".yaml"))
def test_advance_is_step_without_narration(path: Path) -> None:
    loaded = load_scenario(path)
    assert loaded.scenario is not None
    rules = Rules(loaded.scenario)
    narrated = 0
    for seed in range(4):
        game = _Compared(rules, seed)
        assert game.play(150) is None
        assert game.differences == []
        narrated += game.narrated
    assert narrated > 0  # the narration was there to leave out
