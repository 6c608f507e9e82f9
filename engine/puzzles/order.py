"""``order``: put the items in order; ``items`` is written in the right order."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, model_validator

from engine.format.base import Id
from engine.puzzles.base import (
    CardPicture,
    Option,
    PuzzleBase,
    PuzzleType,
    Where,
    card_files,
    card_icons,
    no_clue,
    no_references,
)


class OrderItem(Option):
    """A card to put in order, maybe with a picture (an icon name or an image file)."""

    picture: CardPicture | None = None


class OrderPuzzle(PuzzleBase):
    """Put the items in order; ``items`` is written in the right order."""

    type: Literal["order"]
    items: list[OrderItem] = Field(min_length=2)
    #: Other orders that are just as right (two steps whose order good practice leaves free),
    #: each listing every item id once.
    also_right: list[list[Id]] = Field(default_factory=list)

    @model_validator(mode="after")
    def _alternatives_are_orders(self) -> OrderPuzzle:
        ids = sorted(i.id for i in self.items)
        for order in self.also_right:
            if sorted(order) != ids:
                raise ValueError(
                    "chaque ordre de « also_right » doit citer une fois chaque élément : "
                    + ", ".join(ids)
                )
        return self


def is_right(puzzle: OrderPuzzle, value: Any) -> bool:
    """The written order, or one of the orders ``also_right`` lists."""
    return isinstance(value, tuple | list) and (
        list(value) == [i.id for i in puzzle.items] or list(value) in puzzle.also_right
    )


def wrong_answers(puzzle: OrderPuzzle) -> list[Any]:
    """The written order reversed, then turned round by one step or more: those that
    ``also_right`` does not accept (with two items both right, there is none)."""
    ids = [i.id for i in puzzle.items]
    candidates = [ids[::-1]] + [ids[k:] + ids[:k] for k in range(1, len(ids))]
    return [tuple(c) for c in candidates if not is_right(puzzle, c)][:1]


def _pictures(puzzle: OrderPuzzle) -> list[tuple[Where, str | None]]:
    return [(("items", k, "picture"), item.picture) for k, item in enumerate(puzzle.items)]


UNIT = PuzzleType(
    tag="order",
    model=OrderPuzzle,
    is_right=is_right,
    right_answer=lambda p: tuple(i.id for i in p.items),
    wrong_answers=wrong_answers,
    clue_answers=no_clue,
    references=no_references,
    choices=lambda p: [("items", [i.id for i in p.items])],
    pictures=lambda p: card_files(_pictures(p)),
    icons=lambda p: card_icons(_pictures(p)),
    example={
        "items": [
            {"id": "laver", "text": "Se laver les mains", "picture": "savon"},
            {"id": "couper", "text": "Couper les légumes"},
        ]
    },
)
