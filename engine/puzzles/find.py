"""``find``: find the right spot on a picture (the scene's, unless ``image`` is given)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from engine.format.base import Id, Model, Text
from engine.puzzles.base import PuzzleBase, PuzzleType, Reference, Where, no_clue


class Area(Model):
    """A rectangle on a picture, as fractions of its width and height."""

    id: Id
    label: Text
    rect: tuple[float, float, float, float]


class FindPuzzle(PuzzleBase):
    """Find the right spot on a picture (the scene's, unless ``image`` is given)."""

    type: Literal["find"]
    areas: list[Area] = Field(min_length=2)
    answer: Id
    image: str | None = None


def is_right(puzzle: FindPuzzle, value: Any) -> bool:
    return bool(value == puzzle.answer)


def pictures(puzzle: FindPuzzle) -> list[tuple[Where, str]]:
    return [(("image",), puzzle.image)] if puzzle.image else []


UNIT = PuzzleType(
    tag="find",
    model=FindPuzzle,
    is_right=is_right,
    right_answer=lambda p: p.answer,
    wrong_answers=lambda p: [a.id for a in p.areas],
    clue_answers=no_clue,
    references=lambda p: [
        Reference(("answer",), p.answer, frozenset(a.id for a in p.areas), "zone")
    ],
    choices=lambda p: [("areas", [a.id for a in p.areas])],
    pictures=pictures,
    example={
        "areas": [
            {"id": "extincteur", "label": "L'extincteur", "rect": [0.1, 0.1, 0.2, 0.2]},
            {"id": "porte", "label": "La porte", "rect": [0.6, 0.1, 0.2, 0.5]},
        ],
        "answer": "extincteur",
    },
)
