"""``text``: a free answer; case, accents and extra spaces do not matter."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from engine.format.base import Text
from engine.puzzles.base import PuzzleBase, PuzzleType, no_choices, no_pictures, no_references
from engine.puzzles.typed import normalise_text


class TextPuzzle(PuzzleBase):
    """A free answer; case, accents and extra spaces do not matter."""

    type: Literal["text"]
    answers: list[Text] = Field(min_length=1)


def is_right(puzzle: TextPuzzle, value: Any) -> bool:
    accepted = {normalise_text(a) for a in puzzle.answers}
    return isinstance(value, str) and normalise_text(value) in accepted


UNIT = PuzzleType(
    tag="text",
    model=TextPuzzle,
    is_right=is_right,
    right_answer=lambda p: p.answers[0],
    wrong_answers=lambda p: ["je ne sais pas", "?"],
    clue_answers=lambda p: list(p.answers),
    references=no_references,
    choices=no_choices,
    pictures=no_pictures,
    example={"answers": ["Rouen", "rouen centre"]},
)
