"""Evaluate a condition: the one evaluator of the engine, pure, no side effects.

The game asks it about a team (``TeamState``); the lint asks it, ``optimistic``, about
everything a team could ever get (``engine.lint.reachability``): there ``not`` and
``after_minutes`` count as true, so that what it finds unreachable is unreachable in every
real game (see docs/lint.md). One ``match``, ending in ``assert_never``: a new condition type
is evaluated here or mypy refuses it.
"""

from __future__ import annotations

from collections.abc import Container
from typing import Protocol, assert_never

from engine.format.conditions import (
    AfterMinutes,
    All,
    Any_,
    Condition,
    Failed,
    Flag,
    Has,
    Not,
    ScoreAtLeast,
    Solved,
    Visited,
)


class Facts(Protocol):
    """What a condition can read of a team."""

    @property
    def inventory(self) -> Container[str]: ...
    @property
    def flags(self) -> Container[str]: ...
    @property
    def solved(self) -> Container[str]: ...
    @property
    def failed(self) -> Container[str]: ...
    @property
    def visited(self) -> Container[str]: ...
    @property
    def score(self) -> int: ...


def holds(
    condition: Condition | None, team: Facts, elapsed: float, *, optimistic: bool = False
) -> bool:
    """Whether ``condition`` is true for ``team`` at ``elapsed`` seconds of play.

    ``optimistic``: whether it could be true at some moment, given facts that only grow —
    ``not`` and ``after_minutes`` are then true (the lint's relaxed reachability).
    """
    match condition:
        case None:
            return True
        case Has(has=item):
            return item in team.inventory
        case Flag(flag=flag):
            return flag in team.flags
        case Solved(solved=puzzle):
            return puzzle in team.solved
        case Failed(failed=puzzle):
            return puzzle in team.failed
        case Visited(visited=scene):
            return scene in team.visited
        case ScoreAtLeast(score_at_least=points):
            return team.score >= points
        case AfterMinutes(after_minutes=minutes):
            return optimistic or elapsed >= minutes * 60
        case All(all=children):
            return all(holds(c, team, elapsed, optimistic=optimistic) for c in children)
        case Any_(any=children):
            return any(holds(c, team, elapsed, optimistic=optimistic) for c in children)
        case Not(not_=child):
            return optimistic or not holds(child, team, elapsed)
        case _:
            assert_never(condition)
