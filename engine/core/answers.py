"""Is this answer right? One pure function per puzzle type."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from engine.format.puzzles import (
    CodePuzzle,
    FindPuzzle,
    MultipleChoicePuzzle,
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
        return isinstance(value, tuple | list) and list(value) == [i.id for i in puzzle.items]
    if isinstance(puzzle, PairsPuzzle):
        return (
            isinstance(value, Mapping)
            and set(value) == {p.id for p in puzzle.pairs}
            and all(k == v for k, v in value.items())
        )
    if isinstance(puzzle, TextPuzzle):
        accepted = {normalise_text(a) for a in puzzle.answers}
        return isinstance(value, str) and normalise_text(value) in accepted
    return False


def right_answer(puzzle: PuzzleBase) -> Any:
    """The value that solves an answerable puzzle (used by lint, autoplay and tests)."""
    if isinstance(puzzle, CodePuzzle | SingleChoicePuzzle | FindPuzzle):
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
