"""``multiple_choice``: tick exactly the right options, in any order."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from engine.format.base import Id
from engine.puzzles.base import Option, PuzzleBase, PuzzleType, Reference, no_clue, no_pictures


class MultipleChoicePuzzle(PuzzleBase):
    type: Literal["multiple_choice"]
    options: list[Option] = Field(min_length=2)
    answers: list[Id] = Field(min_length=1)


def is_right(puzzle: MultipleChoicePuzzle, value: Any) -> bool:
    return (
        isinstance(value, tuple | list)
        and all(isinstance(v, str) for v in value)
        and set(value) == set(puzzle.answers)
    )


def references(puzzle: MultipleChoicePuzzle) -> list[Reference]:
    ids = frozenset(o.id for o in puzzle.options)
    return [Reference(("answers", k), a, ids, "choix") for k, a in enumerate(puzzle.answers)]


UNIT = PuzzleType(
    tag="multiple_choice",
    model=MultipleChoicePuzzle,
    is_right=is_right,
    right_answer=lambda p: tuple(p.answers),
    wrong_answers=lambda p: [(o.id,) for o in p.options],
    clue_answers=no_clue,
    references=references,
    choices=lambda p: [("options", [o.id for o in p.options])],
    pictures=no_pictures,
    example={
        "options": [
            {"id": "casque", "text": "Un casque"},
            {"id": "gants", "text": "Des gants"},
            {"id": "tongs", "text": "Des tongs"},
        ],
        "answers": ["casque", "gants"],
    },
)
