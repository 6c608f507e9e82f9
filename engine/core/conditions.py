"""Evaluate a condition for a team: pure, no side effects."""

from __future__ import annotations

from engine.core.state import TeamState
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


def holds(condition: Condition | None, team: TeamState, elapsed: float) -> bool:
    """Whether ``condition`` is true for ``team`` at ``elapsed`` seconds of play."""
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
            return elapsed >= minutes * 60
        case All(all=children):
            return all(holds(c, team, elapsed) for c in children)
        case Any_(any=children):
            return any(holds(c, team, elapsed) for c in children)
        case Not(not_=child):
            return not holds(child, team, elapsed)
    return False  # pragma: no cover - the format admits no other condition
