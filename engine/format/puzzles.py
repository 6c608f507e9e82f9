"""Puzzle types in the scenario format: the ``Puzzle`` union, built from the registry.

Each type lives in its own module under ``engine.puzzles``; this module keeps the names the
rest of the engine imports, and the order of the union (the JSON Schema's) is the registry's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Union

from pydantic import Field

from engine.format.conditions import Condition
from engine.puzzles.base import (
    Clue,
    EvidenceRule,
    EvidenceWhen,
    Feedback,
    Observation,
    Option,
    PuzzleBase,
)
from engine.puzzles.calculation import CalculationPuzzle, Given
from engine.puzzles.code import CodePuzzle
from engine.puzzles.combine import CombinePuzzle
from engine.puzzles.find import Area, FindPuzzle
from engine.puzzles.multiple_choice import MultipleChoicePuzzle
from engine.puzzles.number import Number, NumberPuzzle
from engine.puzzles.order import OrderItem, OrderPuzzle
from engine.puzzles.pairs import Pair, PairsPuzzle
from engine.puzzles.registry import OPENABLE, PUZZLE_TYPES
from engine.puzzles.single_choice import SingleChoicePuzzle
from engine.puzzles.text import TextPuzzle

if TYPE_CHECKING:
    Puzzle = PuzzleBase
else:
    Puzzle = Annotated[
        Union[tuple(unit.model for unit in PUZZLE_TYPES.values())],  # noqa: UP007
        Field(discriminator="type"),
    ]

__all__ = [
    "OPENABLE",
    "PUZZLE_TYPES",
    "Area",
    "CalculationPuzzle",
    "Clue",
    "CodePuzzle",
    "CombinePuzzle",
    "Condition",
    "EvidenceRule",
    "EvidenceWhen",
    "Feedback",
    "FindPuzzle",
    "Given",
    "MultipleChoicePuzzle",
    "Number",
    "NumberPuzzle",
    "Observation",
    "Option",
    "OrderItem",
    "OrderPuzzle",
    "Pair",
    "PairsPuzzle",
    "Puzzle",
    "PuzzleBase",
    "SingleChoicePuzzle",
    "TextPuzzle",
]
