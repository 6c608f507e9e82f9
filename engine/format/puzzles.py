"""Puzzle types. Each has feedback, tiered hints and the skill evidence it produces.

Answers are checked by ``engine.core.answers``; this module only says what a puzzle *is*.
"""

from __future__ import annotations

import math
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BeforeValidator, Field, StringConstraints, model_validator
from pydantic_core import PydanticCustomError

from engine.format.base import Id, Model, Text
from engine.format.conditions import Condition
from engine.format.effects import Effects

EvidenceWhen = Literal["solved", "no_hint", "first_try", "fast", "together"]


class EvidenceRule(Model):
    """A cross-cutting skill this puzzle shows, and when it counts.

    ``solved``: whenever the team solves it; ``no_hint``: solved without any hint;
    ``first_try``: solved with no wrong answer; ``fast``: solved within ``seconds`` of being
    opened; ``together``: at least ``players`` different players acted on it.
    """

    skill: str
    when: EvidenceWhen = "solved"
    seconds: int | None = Field(default=None, gt=0)
    players: int = Field(default=2, ge=2)
    text: Text | None = None
    #: The behaviour the skill needs besides ``when``: counts only after at least this many
    #: wrong answers (persévérance: tried, failed, kept going and succeeded).
    after_wrong: int | None = Field(default=None, ge=1)


class Observation(Model):
    """A skill the game cannot see (calm, ideas, leading): the facilitator watches for it
    during this puzzle and records it from the console; the sheet lists what to look for."""

    skill: str
    look_for: Text


class Feedback(Model):
    right: Text = "Bravo, c'est juste !"
    wrong: Text = "Pas encore. Essayez autre chose."


class Clue(Model):
    """Where a player can find the answer; lint checks it is reachable."""

    item: Id | None = None
    scene: Id | None = None
    hotspot: Id | None = None
    knowledge: bool = False


class PuzzleBase(Model):
    id: Id
    title: Text
    prompt: Text
    hints: list[Text] = Field(min_length=2, max_length=4)
    skills: list[EvidenceRule] = Field(default_factory=list)
    feedback: Feedback = Feedback()
    attempts: int | None = Field(default=None, ge=1)
    points: int = 0
    clue: Clue | None = None
    on_solve: Effects
    on_fail: Effects
    #: Skills left to the facilitator's eye during this puzzle (no automatic evidence).
    observe: list[Observation] = Field(default_factory=list)
    #: Why the answer is right, for the facilitator's answer key (else ``feedback.right``).
    why: Text | None = None


class Option(Model):
    id: Id
    text: Text


class CodePuzzle(PuzzleBase):
    """A padlock or keypad: digits and/or letters."""

    type: Literal["code"]
    answer: Annotated[str, StringConstraints(pattern=r"^[0-9A-Za-z]{1,12}$")]


class SingleChoicePuzzle(PuzzleBase):
    type: Literal["single_choice"]
    options: list[Option] = Field(min_length=2)
    answer: Id


class MultipleChoicePuzzle(PuzzleBase):
    type: Literal["multiple_choice"]
    options: list[Option] = Field(min_length=2)
    answers: list[Id] = Field(min_length=1)


class OrderPuzzle(PuzzleBase):
    """Put the items in order; ``items`` is written in the right order."""

    type: Literal["order"]
    items: list[Option] = Field(min_length=2)
    #: Other orders that are just as right (two steps whose order good practice leaves free),
    #: each listing every item id once.
    also_right: list[list[Id]] = Field(default_factory=list)

    @model_validator(mode="after")
    def _alternatives_are_orders(self) -> OrderPuzzle:
        ids = sorted(i.id for i in self.items)
        for order in self.also_right:
            if sorted(order) != ids:
                raise ValueError(
                    "each order in 'also_right' must list every item id once: " + ", ".join(ids)
                )
        return self


class Pair(Model):
    id: Id
    left: Text
    right: Text


class PairsPuzzle(PuzzleBase):
    """Match each left text with its right text; ``pairs`` is written already matched."""

    type: Literal["pairs"]
    pairs: list[Pair] = Field(min_length=2)


class TextPuzzle(PuzzleBase):
    """A free answer; case, accents and extra spaces do not matter."""

    type: Literal["text"]
    answers: list[Text] = Field(min_length=1)


def _written_as_a_number(value: Any) -> Any:
    """``answer: true`` is a slip, not the number 1, and ``answer: "600"`` is a text (editors
    using the JSON Schema underline it too): the same error as any other non-number."""
    if isinstance(value, bool | str):
        raise PydanticCustomError("float_type", "Input should be a valid number")
    return value


def _plain(value: float) -> float:
    """``600`` and ``600.0`` stay ``600``: answers show (and lint paths print) as written."""
    return int(value) if math.isfinite(value) and value.is_integer() else value


#: A finite number written in the YAML (``600``, ``2.5``, ``-18``); integral ones stay ints.
Number = Annotated[
    float, BeforeValidator(_written_as_a_number), Field(allow_inf_nan=False), AfterValidator(_plain)
]


class NumberPuzzle(PuzzleBase):
    """A quantity, a weight, a temperature, a price: a number typed on a keypad.

    Right when it is at most ``tolerance`` away from ``answer``; ``unit`` ("g", "°C", "€") is
    shown after the typed number. Players type decimals with a comma.
    """

    type: Literal["number"]
    answer: Number
    tolerance: Number = Field(default=0, ge=0)
    unit: Annotated[str, StringConstraints(min_length=1, max_length=6)] | None = None


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


Puzzle = Annotated[
    CodePuzzle
    | SingleChoicePuzzle
    | MultipleChoicePuzzle
    | OrderPuzzle
    | PairsPuzzle
    | TextPuzzle
    | NumberPuzzle
    | CombinePuzzle
    | FindPuzzle,
    Field(discriminator="type"),
]

PUZZLE_TYPES: dict[str, type[PuzzleBase]] = {
    "code": CodePuzzle,
    "single_choice": SingleChoicePuzzle,
    "multiple_choice": MultipleChoicePuzzle,
    "order": OrderPuzzle,
    "pairs": PairsPuzzle,
    "text": TextPuzzle,
    "number": NumberPuzzle,
    "combine": CombinePuzzle,
    "find": FindPuzzle,
}

#: Kept for lint and the player: which puzzle types open from a hotspot.
OPENABLE = frozenset(set(PUZZLE_TYPES) - {"combine"})

__all__ = ["PUZZLE_TYPES", "Condition", "Puzzle", "PuzzleBase"]
