"""Is this answer right? One pure function per puzzle type."""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Mapping
from decimal import Decimal
from functools import lru_cache
from typing import Any

from engine.core.typed_numbers import same_quantity
from engine.format.puzzles import (
    CodePuzzle,
    FindPuzzle,
    MultipleChoicePuzzle,
    NumberPuzzle,
    OrderPuzzle,
    PairsPuzzle,
    PuzzleBase,
    SingleChoicePuzzle,
    TextPuzzle,
)


@lru_cache(maxsize=4096)
def normalise_text(text: str) -> str:
    """Case, accents, apostrophes and extra spaces do not matter to a young player typing.

    Memoised (a pure function of a string): the lint checks the same answers thousands of times.
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    plain = plain.replace("œ", "oe").replace("æ", "ae").replace("’", "'")
    plain = re.sub(r"[^\w']+", " ", plain)
    return " ".join(plain.split())


#: A number as a player types it: "600", "2,5" (the French comma; a dot too), "-18", ",5".
_TYPED_NUMBER = re.compile(r"^[-−]?([0-9]+([.,][0-9]*)?|[.,][0-9]+)$")
#: How far apart two numbers may be and still be equal: 0.1 + 0.2 is 0.3, not 0.30000000000000004.
_EPSILON = 1e-9


def parse_number(value: Any) -> float | None:
    """The number given as an int or a float, or typed by a player; None for any other shape.

    The unit is shown next to the keypad, not typed: "600 g" is not a number.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        typed = value.strip()
        if not _TYPED_NUMBER.match(typed):
            return None
        value = typed.replace("−", "-").replace(",", ".")
    elif not isinstance(value, int | float):
        return None
    try:
        number = float(value)
    except OverflowError:  # an int too big for a float
        return None
    return number if math.isfinite(number) else None


def french_number(value: float) -> str:
    """A number as the French write it: 600, 2,5, -18 (never 600.0 nor 1e-05)."""
    if float(value).is_integer():
        return str(int(value))
    return format(Decimal(repr(float(value))), "f").replace(".", ",")


def is_right_number(puzzle: NumberPuzzle, value: Any) -> bool:
    """Right when at most ``tolerance`` away from the answer, give or take float rounding."""
    number = parse_number(value)
    if number is None:
        return False
    slack = _EPSILON * max(1.0, abs(puzzle.answer))
    return abs(number - puzzle.answer) <= puzzle.tolerance + slack


def is_right(puzzle: PuzzleBase, value: Any) -> bool:
    """Whether ``value`` solves ``puzzle``; a value of the wrong shape is simply wrong."""
    if isinstance(puzzle, CodePuzzle):
        return isinstance(value, str | int) and str(value).strip().upper() == puzzle.answer.upper()
    if isinstance(puzzle, SingleChoicePuzzle | FindPuzzle):
        return bool(value == puzzle.answer)
    if isinstance(puzzle, MultipleChoicePuzzle):
        return (
            isinstance(value, tuple | list)
            and all(isinstance(v, str) for v in value)
            and set(value) == set(puzzle.answers)
        )
    if isinstance(puzzle, OrderPuzzle):
        return isinstance(value, tuple | list) and (
            list(value) == [i.id for i in puzzle.items] or list(value) in puzzle.also_right
        )
    if isinstance(puzzle, PairsPuzzle):
        return (
            isinstance(value, Mapping)
            and set(value) == {p.id for p in puzzle.pairs}
            and all(k == v for k, v in value.items())
        )
    if isinstance(puzzle, TextPuzzle):
        accepted = {normalise_text(a) for a in puzzle.answers}
        return isinstance(value, str) and (
            normalise_text(value) in accepted
            or any(same_quantity(a, value) for a in puzzle.answers)
        )
    if isinstance(puzzle, NumberPuzzle):
        return is_right_number(puzzle, value)
    return False


def right_answer(puzzle: PuzzleBase) -> Any:
    """The value that solves an answerable puzzle (used by lint, autoplay and tests)."""
    if isinstance(puzzle, CodePuzzle | SingleChoicePuzzle | FindPuzzle | NumberPuzzle):
        return puzzle.answer
    if isinstance(puzzle, MultipleChoicePuzzle):
        return tuple(puzzle.answers)
    if isinstance(puzzle, OrderPuzzle):
        return tuple(i.id for i in puzzle.items)
    if isinstance(puzzle, PairsPuzzle):
        return {p.id: p.id for p in puzzle.pairs}
    if isinstance(puzzle, TextPuzzle):
        return puzzle.answers[0]
    return None
