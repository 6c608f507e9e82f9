"""Every registered puzzle type has every engine-side part, and each part works on its example.

A type is one module under ``engine/puzzles``; this test runs its answer check, its right and
wrong answers, its references, choices and pictures on the small puzzle it declares.
"""

from __future__ import annotations

import subprocess
import sys
import typing
from pathlib import Path

import pytest
from pydantic import TypeAdapter

from engine.core.answers import is_right, right_answer
from engine.format.puzzles import Puzzle
from engine.lint.explore import wrong_answer
from engine.puzzles.base import PuzzleBase, PuzzleType
from engine.puzzles.registry import OPENABLE, PUZZLE_TYPES

PUZZLES = Path(__file__).resolve().parents[2] / "engine" / "puzzles"
#: Modules of the package that are not puzzle types.
SHARED = {"__init__", "base", "registry", "typed"}

COMMON = {
    "id": "exemple",
    "title": "Exemple",
    "prompt": "Que faut-il répondre ?",
    "hints": ["Cherchez.", "Cherchez encore."],
}


def example(unit: PuzzleType[typing.Any]) -> PuzzleBase:
    puzzle = TypeAdapter(Puzzle).validate_python({**COMMON, "type": unit.tag, **unit.example})
    assert isinstance(puzzle, unit.model)
    return puzzle


def test_every_module_of_the_package_is_a_registered_type() -> None:
    modules = {p.stem for p in PUZZLES.glob("*.py")} - SHARED
    assert modules == set(PUZZLE_TYPES)


@pytest.mark.parametrize("tag", list(PUZZLE_TYPES))
def test_a_type_declares_every_part_and_each_works(tag: str) -> None:
    unit = PUZZLE_TYPES[tag]
    assert unit.tag == tag
    assert typing.get_args(unit.model.model_fields["type"].annotation) == (tag,)
    module = sys.modules[unit.model.__module__]
    assert module.__doc__ and module.__name__ == f"engine.puzzles.{tag}"
    puzzle = example(unit)
    if unit.openable:
        assert tag in OPENABLE
        assert right_answer(puzzle) is not None
        assert is_right(puzzle, right_answer(puzzle))
        wrong = wrong_answer(puzzle)
        assert not is_right(puzzle, wrong)
        assert any(not is_right(puzzle, w) for w in unit.wrong_answers(puzzle))
    else:
        assert tag not in OPENABLE
        assert right_answer(puzzle) is None
    items = {str(i) for i in unit.example.get("items", [])}
    for ref in unit.references(puzzle):
        assert ref.value in (items if isinstance(ref.among, str) else ref.among), ref
        assert ref.what
    for field, ids in unit.choices(puzzle):
        assert field in unit.model.model_fields
        assert len(ids) == len(set(ids)) >= 2
    for where, name in unit.pictures(puzzle):
        assert where[0] in unit.model.model_fields and name
    for answer in unit.clue_answers(puzzle):
        assert isinstance(answer, str) and answer
    for field in unit.field_hints:
        assert field in unit.model.model_fields


def test_a_wrong_shape_is_wrong_for_every_type() -> None:
    for unit in PUZZLE_TYPES.values():
        puzzle = example(unit)
        for value in (None, 3.5j, object()):
            assert not is_right(puzzle, value), unit.tag


@pytest.mark.parametrize(
    "first", ["engine.puzzles.registry", "engine.format", "engine.puzzles.code"]
)
def test_the_registry_and_the_format_import_in_either_order(first: str) -> None:
    """The format builds its union from the registry, whose units use the format's parts."""
    code = f"import {first}; from engine.format.scenario import Scenario; print(len(Scenario.model_fields))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
