"""A text answer that is a quantity accepts the same number typed another way (issue 23:
« 6,5 € » was refused), with its unit or none, and nothing else."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from engine.core.answers import is_right
from engine.puzzles.typed import quantity, same_quantity
from tests.core.test_core_rules import rules_of


@pytest.mark.parametrize(
    ("expected", "typed", "right"),
    [
        ("6,50 €", "6,5", True),
        ("6,50 €", "6.50€", True),
        ("6,50 €", "6 euros 50", True),
        ("6,50 €", "6€50", True),
        ("6,50 €", "6,50 euros", True),
        ("6,50 €", "7", False),
        ("6,50 €", "6,5 g", False),  # another unit is another answer
        ("600 g", "600", True),
        ("-18 °C", "−18 °c", True),
        ("niveau", "6", False),
        ("6", "six", False),
    ],
)
def test_same_quantity(expected: str, typed: str, right: bool) -> None:
    assert same_quantity(expected, typed) is right


@given(st.integers(min_value=0, max_value=10_000), st.integers(min_value=0, max_value=99))
def test_euros_and_cents_read_every_way(euros: int, cents: int) -> None:
    value = euros + cents / 100
    for typed in (f"{euros},{cents:02d}", f"{euros}.{cents:02d} €", f"{euros} euros {cents:02d}"):
        parsed = quantity(typed)
        assert parsed is not None and abs(parsed[0] - value) < 1e-9


def test_a_text_puzzle_accepts_its_number_typed_another_way(tmp_path: Path) -> None:
    rules = rules_of(
        tmp_path,
        """
start: caisse
scenes:
  - {id: caisse, title: "La caisse", text: "Rendre la monnaie.", hotspots: [{id: c, label: "C", puzzle: monnaie}]}
puzzles:
  - id: monnaie
    type: text
    title: "La monnaie"
    prompt: "Combien rendez-vous ?"
    answers: ["6,50 €"]
    hints: ["Comptez.", "6,50 €."]
    on_solve: [{end: gagne}]
""",
    )
    puzzle = rules.puzzles["monnaie"]
    assert is_right(puzzle, "6,5") and is_right(puzzle, "6,50 €") and is_right(puzzle, "6 euros 50")
    assert not is_right(puzzle, "6") and not is_right(puzzle, "65")
