"""Is this answer right? Each puzzle type says so in its own module (``engine.puzzles``).

Kept as the core's one entry point, so that the rules, the lint and the tests ask the same
question the same way.
"""

from __future__ import annotations

from typing import Any

from engine.puzzles.base import PuzzleBase
from engine.puzzles.registry import unit_of
from engine.puzzles.typed import french_number, normalise_text, parse_number

__all__ = ["french_number", "is_right", "normalise_text", "parse_number", "right_answer"]


def is_right(puzzle: PuzzleBase, value: Any) -> bool:
    """Whether ``value`` solves ``puzzle``; a value of the wrong shape is simply wrong."""
    return unit_of(puzzle).is_right(puzzle, value)


def right_answer(puzzle: PuzzleBase) -> Any:
    """The value that solves an answerable puzzle (used by lint, autoplay and tests)."""
    return unit_of(puzzle).right_answer(puzzle)
