"""``order``: put the items in order; ``items`` is written in the right order."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from engine.puzzles.base import Option, PuzzleBase, PuzzleType, no_clue, no_pictures, no_references


class OrderPuzzle(PuzzleBase):
    """Put the items in order; ``items`` is written in the right order."""

    type: Literal["order"]
    items: list[Option] = Field(min_length=2)


def is_right(puzzle: OrderPuzzle, value: Any) -> bool:
    return isinstance(value, tuple | list) and list(value) == [i.id for i in puzzle.items]


UNIT = PuzzleType(
    tag="order",
    model=OrderPuzzle,
    is_right=is_right,
    right_answer=lambda p: tuple(i.id for i in p.items),
    wrong_answers=lambda p: [tuple(reversed([i.id for i in p.items]))],
    clue_answers=no_clue,
    references=no_references,
    choices=lambda p: [("items", [i.id for i in p.items])],
    pictures=no_pictures,
    example={
        "items": [
            {"id": "laver", "text": "Se laver les mains"},
            {"id": "couper", "text": "Couper les légumes"},
        ]
    },
)
