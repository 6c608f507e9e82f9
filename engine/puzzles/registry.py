"""Every puzzle type, keyed by its YAML ``type:`` tag, in the order the format lists them.

``PUZZLE_TYPES`` is the one list: the format's ``Puzzle`` union, the loader's messages, the
core's answer check, the lint and the player's views are all derived from it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from engine.puzzles import (
    calculation,
    code,
    combine,
    find,
    multiple_choice,
    number,
    order,
    pairs,
    single_choice,
    text,
)
from engine.puzzles.base import PuzzleBase, PuzzleType

_UNITS: tuple[PuzzleType[Any], ...] = (
    code.UNIT,
    single_choice.UNIT,
    multiple_choice.UNIT,
    order.UNIT,
    pairs.UNIT,
    text.UNIT,
    number.UNIT,
    calculation.UNIT,
    combine.UNIT,
    find.UNIT,
)

#: Tag -> unit. The player checks it has a view for every tag here.
PUZZLE_TYPES: Mapping[str, PuzzleType[Any]] = {unit.tag: unit for unit in _UNITS}

#: The types a hotspot opens (all but those solved otherwise, like ``combine``).
OPENABLE = frozenset(tag for tag, unit in PUZZLE_TYPES.items() if unit.openable)


def unit_of(puzzle: PuzzleBase) -> PuzzleType[Any]:
    """The unit of ``puzzle``'s type."""
    return PUZZLE_TYPES[puzzle.type]
