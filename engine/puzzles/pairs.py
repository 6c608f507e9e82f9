"""``pairs``: match each left text with its right text; ``pairs`` is written already matched."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from pydantic import Field

from engine.format.base import Id, Model, Text
from engine.puzzles.base import (
    CardPicture,
    PuzzleBase,
    PuzzleType,
    Where,
    card_files,
    card_icons,
    no_clue,
    no_references,
)


class Pair(Model):
    id: Id
    left: Text
    right: Text
    #: A picture on each card: an icon name or an image file beside the scenario.
    left_picture: CardPicture | None = None
    right_picture: CardPicture | None = None


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


def _pictures(puzzle: PairsPuzzle) -> list[tuple[Where, str | None]]:
    found: list[tuple[Where, str | None]] = []
    for k, pair in enumerate(puzzle.pairs):
        found.append((("pairs", k, "left_picture"), pair.left_picture))
        found.append((("pairs", k, "right_picture"), pair.right_picture))
    return found


UNIT = PuzzleType(
    tag="pairs",
    model=PairsPuzzle,
    is_right=is_right,
    right_answer=lambda p: {pair.id: pair.id for pair in p.pairs},
    wrong_answers=wrong_answers,
    clue_answers=no_clue,
    references=no_references,
    choices=lambda p: [("pairs", [pair.id for pair in p.pairs])],
    pictures=lambda p: card_files(_pictures(p)),
    icons=lambda p: card_icons(_pictures(p)),
    example={
        "pairs": [
            {"id": "four", "left": "Four", "right": "Cuire", "left_picture": "four"},
            {"id": "frigo", "left": "Frigo", "right": "Garder au frais"},
        ]
    },
)
