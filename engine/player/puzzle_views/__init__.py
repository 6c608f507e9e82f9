"""One view per puzzle type, keyed by its YAML ``type:`` tag.

Each module declares a ``VIEW`` (``base.PuzzleView``): its widgets, how input becomes
answer work, what "Valider" sends and how the test driver answers it. A test fails when a
puzzle type of the scenario format has no view here.
"""

from __future__ import annotations

from engine.format.puzzles import PuzzleBase
from engine.player.puzzle_views import (
    calculation,
    code,
    combine,
    find,
    multiple_choice,
    number,
    order,
    pairs,
    single_choice,
    text,
)
from engine.player.puzzle_views.base import PuzzleView

VIEWS: dict[str, PuzzleView] = {
    view.tag: view
    for view in (
        code.VIEW,
        single_choice.VIEW,
        multiple_choice.VIEW,
        order.VIEW,
        pairs.VIEW,
        text.VIEW,
        number.VIEW,
        calculation.VIEW,
        combine.VIEW,
        find.VIEW,
    )
}


def view_of(puzzle: PuzzleBase) -> PuzzleView:
    return VIEWS[puzzle.type]


__all__ = ["VIEWS", "PuzzleView", "view_of"]
