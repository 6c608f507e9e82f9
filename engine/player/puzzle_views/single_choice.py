"""``type: single_choice`` — one option card to pick, then "Valider"."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from engine.format.puzzles import SingleChoicePuzzle
from engine.player.puzzle_views.base import PuzzleView
from engine.player.puzzle_views.choices import choices
from engine.player.ui import PuzzleWork

if TYPE_CHECKING:
    from engine.player.driver import Driver


def value(_puzzle: SingleChoicePuzzle, work: PuzzleWork) -> object | None:
    return work.choice  # None: the room is asked to choose first


def drive(driver: Driver, who: str, _puzzle: SingleChoicePuzzle, answer: Any) -> None:
    driver.press(f"option:{answer}", who)


VIEW = PuzzleView("single_choice", "ok", choices, drive, value=value)
