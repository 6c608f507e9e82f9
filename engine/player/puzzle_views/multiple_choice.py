"""``type: multiple_choice`` — option cards to tick (several may be right), then "Valider"."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from engine.format.puzzles import MultipleChoicePuzzle
from engine.player.puzzle_views.base import PuzzleView
from engine.player.puzzle_views.choices import choices
from engine.player.ui import PuzzleWork

if TYPE_CHECKING:
    from engine.player.driver import Driver


def value(puzzle: MultipleChoicePuzzle, work: PuzzleWork) -> object | None:
    return tuple(o.id for o in puzzle.options if o.id in work.choices)


def drive(driver: Driver, who: str, puzzle: MultipleChoicePuzzle, answer: Any) -> None:
    """Choices stay ticked after a wrong try: toggle the difference."""
    wanted = set(answer)
    ticked = driver.app.ui.work.choices
    for option in [o.id for o in puzzle.options if (o.id in wanted) != (o.id in ticked)]:
        driver.press(f"option:{option}", who)


VIEW = PuzzleView("multiple_choice", "ok", choices, drive, value=value)
