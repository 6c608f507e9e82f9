"""The rally's podium: teams grouped by score, ties on the same step. Pure, no pygame.

Why: two teams with the same score shown as « 1. » and « 2. » tell one of them it lost when
it did not; standard competition ranking (1, 1, 3) is what a sports podium does.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Step:
    """One step of the podium: its rank (1 for the top), the teams on it, their score."""

    rank: int
    teams: tuple[str, ...]
    score: int


def podium(scores: Sequence[tuple[str, int]]) -> list[Step]:
    """Every step, best first; a step's rank counts the teams above it (1, 1, 3)."""
    steps: list[Step] = []
    above = 0
    for score in sorted({s for _, s in scores}, reverse=True):
        teams = tuple(name for name, s in scores if s == score)
        steps.append(Step(above + 1, teams, score))
        above += len(teams)
    return steps
