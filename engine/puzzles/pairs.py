"""``pairs``: match each left text with its right text; ``pairs`` is written already matched."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from pydantic import Field

from engine.format.base import Id, Model, Text
from engine.puzzles.base import PuzzleBase, PuzzleType, no_clue, no_pictures, no_references


class Pair(Model):
    id: Id
    left: Text
    right: Text


class PairsPuzzle(PuzzleBase):
    """Match each left text with its right text; ``pairs`` is written already matched."""

    type: Literal["pairs"]
    pairs: list[Pair] = Field(min_length=2)


def is_right(puzzle: PairsPuzzle, value: Any) -> bool:
    return (
        isinstance(value, Mapping)
        and set(value) == {p.id for p in puzzle.pairs}
        and all(k == v for k, v in value.items())
    )


def wrong_answers(puzzle: PairsPuzzle) -> list[Any]:
    """Each left text matched with the next one's right text."""
    ids = [p.id for p in puzzle.pairs]
    return [dict(zip(ids, ids[1:] + ids[:1], strict=True))]


UNIT = PuzzleType(
    tag="pairs",
    model=PairsPuzzle,
    is_right=is_right,
    right_answer=lambda p: {pair.id: pair.id for pair in p.pairs},
    wrong_answers=wrong_answers,
    clue_answers=no_clue,
    references=no_references,
    choices=lambda p: [("pairs", [pair.id for pair in p.pairs])],
    pictures=no_pictures,
    example={
        "pairs": [
            {"id": "four", "left": "Four", "right": "Cuire"},
            {"id": "frigo", "left": "Frigo", "right": "Garder au frais"},
        ]
    },
)
