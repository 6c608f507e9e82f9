"""``single_choice``: one right option among those shown."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from engine.format.base import Id
from engine.puzzles.base import Option, PuzzleBase, PuzzleType, Reference, no_clue, no_pictures


class SingleChoicePuzzle(PuzzleBase):
    type: Literal["single_choice"]
    options: list[Option] = Field(min_length=2)
    answer: Id


def is_right(puzzle: SingleChoicePuzzle, value: Any) -> bool:
    return bool(value == puzzle.answer)


UNIT = PuzzleType(
    tag="single_choice",
    model=SingleChoicePuzzle,
    is_right=is_right,
    right_answer=lambda p: p.answer,
    wrong_answers=lambda p: [o.id for o in p.options],
    clue_answers=no_clue,
    references=lambda p: [
        Reference(("answer",), p.answer, frozenset(o.id for o in p.options), "choix")
    ],
    choices=lambda p: [("options", [o.id for o in p.options])],
    pictures=no_pictures,
    example={
        "options": [{"id": "oui", "text": "Oui"}, {"id": "non", "text": "Non"}],
        "answer": "oui",
    },
)
