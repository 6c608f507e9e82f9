"""The scenario format: pydantic models that are the single source of truth.

``declic schema`` prints their JSON Schema; the loader validates YAML against them; the core
and the lint read the validated objects.
"""

from engine.format.base import FORMAT_VERSION
from engine.format.conditions import CONDITION_TYPES, Condition
from engine.format.effects import EFFECT_TYPES, Effect
from engine.format.puzzles import PUZZLE_TYPES, Puzzle, PuzzleBase
from engine.format.scenario import Exit, Hotspot, Item, Scenario, Scene

__all__ = [
    "CONDITION_TYPES",
    "EFFECT_TYPES",
    "FORMAT_VERSION",
    "PUZZLE_TYPES",
    "Condition",
    "Effect",
    "Exit",
    "Hotspot",
    "Item",
    "Puzzle",
    "PuzzleBase",
    "Scenario",
    "Scene",
]
