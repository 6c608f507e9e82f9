"""``number``: a quantity, weight, temperature or price typed on a keypad."""

from __future__ import annotations

import math
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BeforeValidator, Field, StringConstraints
from pydantic_core import PydanticCustomError

from engine.puzzles.base import PuzzleBase, PuzzleType, no_choices, no_pictures, no_references
from engine.puzzles.typed import french_number, parse_number


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

#: How far apart two numbers may be and still be equal: 0.1 + 0.2 is 0.3, not 0.30000000000000004.
EPSILON = 1e-9


class NumberPuzzle(PuzzleBase):
    """A quantity, a weight, a temperature, a price: a number typed on a keypad.

    Right when it is at most ``tolerance`` away from ``answer``; ``unit`` ("g", "°C", "€") is
    shown after the typed number. Players type decimals with a comma.
    """

    type: Literal["number"]
    answer: Number
    tolerance: Number = Field(default=0, ge=0)
    unit: Annotated[str, StringConstraints(min_length=1, max_length=6)] | None = None


def is_right(puzzle: NumberPuzzle, value: Any) -> bool:
    """Right when at most ``tolerance`` away from the answer, give or take float rounding."""
    number = parse_number(value)
    if number is None:
        return False
    slack = EPSILON * max(1.0, abs(puzzle.answer))
    return abs(number - puzzle.answer) <= puzzle.tolerance + slack


def wrong_answers(puzzle: NumberPuzzle) -> list[Any]:
    off = puzzle.tolerance + 1
    return [puzzle.answer + off, puzzle.answer - off]


UNIT = PuzzleType(
    tag="number",
    model=NumberPuzzle,
    is_right=is_right,
    right_answer=lambda p: p.answer,
    wrong_answers=wrong_answers,
    # "2,5 L" in a text gives 2.5
    clue_answers=lambda p: [french_number(p.answer)],
    references=no_references,
    choices=no_choices,
    pictures=no_pictures,
    example={"answer": 2.5, "tolerance": 0.1, "unit": "L"},
    field_hints={
        "answer": "Écrivez le nombre sans guillemets ni unité, avec un point pour les décimales : « answer: 2.5 » (les joueurs, eux, tapent 2,5).",
        "tolerance": "La tolérance est l'écart accepté autour de la réponse, 0 ou plus : avec « answer: 600 » et « tolerance: 10 », toute réponse de 590 à 610 est juste.",
        "unit": "L'unité s'affiche après le nombre tapé : quelques caractères, comme « g », « °C », « € » ou « L ».",
    },
)
