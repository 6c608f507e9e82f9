"""``combine``: solved by combining two items of the inventory, not from a hotspot."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from engine.format.base import Id
from engine.puzzles.base import (
    SCENARIO_ITEMS,
    PuzzleBase,
    PuzzleType,
    Reference,
    no_choices,
    no_clue,
    no_pictures,
)


class CombinePuzzle(PuzzleBase):
    """Solved by combining two items from the inventory. ``consume``: both disappear
    (true, the default), none (false), or only those listed (a knife cuts the tomatoes:
    ``consume: [tomates]``, the knife stays)."""

    type: Literal["combine"]
    items: list[Id] = Field(min_length=2, max_length=2)
    consume: bool | list[Id] = True

    @property
    def consumed(self) -> list[str]:
        """The items the combination takes away."""
        if isinstance(self.consume, bool):
            return list(self.items) if self.consume else []
        return list(self.consume)


def references(puzzle: CombinePuzzle) -> list[Reference]:
    refs = [
        Reference(("items", k), item, SCENARIO_ITEMS, "objet")
        for k, item in enumerate(puzzle.items)
    ]
    if not isinstance(puzzle.consume, bool):
        refs += [
            Reference(("consume", k), item, frozenset(puzzle.items), "objet combiné")
            for k, item in enumerate(puzzle.consume)
        ]
    return refs


def never_answered(puzzle: CombinePuzzle, value: Any) -> bool:
    """A combination is made with a ``Combine`` action; no typed answer solves it."""
    return False


UNIT = PuzzleType(
    tag="combine",
    model=CombinePuzzle,
    is_right=never_answered,
    right_answer=lambda p: None,
    wrong_answers=lambda p: [],
    clue_answers=no_clue,
    references=references,
    choices=no_choices,
    pictures=no_pictures,
    example={"items": ["couteau", "tomates"], "consume": ["tomates"]},
    openable=False,
)
