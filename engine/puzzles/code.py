"""``code``: a padlock or keypad; digits and/or letters, case does not matter."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import StringConstraints

from engine.puzzles.base import PuzzleBase, PuzzleType, no_choices, no_pictures, no_references


class CodePuzzle(PuzzleBase):
    """A padlock or keypad: digits and/or letters."""

    type: Literal["code"]
    answer: Annotated[str, StringConstraints(pattern=r"^[0-9A-Za-z]{1,12}$")]


def is_right(puzzle: CodePuzzle, value: Any) -> bool:
    return isinstance(value, str | int) and str(value).strip().upper() == puzzle.answer.upper()


UNIT = PuzzleType(
    tag="code",
    model=CodePuzzle,
    is_right=is_right,
    right_answer=lambda p: p.answer,
    wrong_answers=lambda p: ["0" * len(p.answer), "1" * len(p.answer)],
    clue_answers=lambda p: [p.answer],
    references=no_references,
    choices=no_choices,
    pictures=no_pictures,
    example={"answer": "0472"},
)
