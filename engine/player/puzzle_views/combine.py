"""``type: combine`` — two items of the bag used together; no panel stays open (the core
opens, checks and closes the puzzle in one step), so there is no body to lay out."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from engine.format.puzzles import CombinePuzzle
from engine.player.puzzle_views.base import PuzzleView

if TYPE_CHECKING:
    from engine.player.app import App
    from engine.player.driver import Driver
    from engine.player.widgets import Widget


def body(_app: App, _puzzle: CombinePuzzle) -> list[Widget]:
    return []


def drive(driver: Driver, who: str, puzzle: CombinePuzzle, _answer: Any) -> None:
    """Answered as the room does: the two items, one after the other, in the bag."""
    first, second = puzzle.items
    driver.press(f"item:{first}", who)
    driver.press(f"item:{second}", who)


VIEW = PuzzleView("combine", "main", body, drive, submits=False, panel=False)
