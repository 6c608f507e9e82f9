"""``calculation``: the answer is checked as a number (tolerance, French comma); the formula is
computed from the givens and must give the answer; anything else in it is refused, in French."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import TypeAdapter, ValidationError

from engine.core.answers import is_right
from engine.format.puzzles import CalculationPuzzle, Puzzle
from engine.puzzles.calculation import FormulaError, compute, written_out, wrong_answers

ROUND = {
    "id": "tournee",
    "type": "calculation",
    "title": "La tournée",
    "prompt": "Combien de kilomètres fait la tournée ?",
    "hints": ["Additionnez les trajets.", "Aller et retour."],
    "givens": [
        {"id": "aller", "label": "Dépôt → Évreux", "value": 23.5, "unit": "km"},
        {"id": "retour", "label": "Évreux → dépôt", "value": 23.5, "unit": "km"},
        {"id": "detour", "label": "Détour par Louviers", "value": 7, "unit": "km"},
    ],
    "formula": "(aller + retour) + detour",
    "answer": 54,
    "tolerance": 0.5,
    "unit": "km",
}


def puzzle(**changes: Any) -> CalculationPuzzle:
    found = TypeAdapter(Puzzle).validate_python({**ROUND, **changes})
    assert isinstance(found, CalculationPuzzle)
    return found


def test_the_answer_is_a_number_within_the_tolerance() -> None:
    p = puzzle()
    assert is_right(p, "54") and is_right(p, "53,5") and is_right(p, 54.4)
    assert not is_right(p, "53") and not is_right(p, "54 km")
    assert all(not is_right(p, w) for w in wrong_answers(p))
    assert 23.5 in wrong_answers(p)  # a given copied as it is comes first


@pytest.mark.parametrize(
    ("formula", "value"),
    [
        ("aller × 2 + detour", 54),
        ("(aller + retour) ÷ 2", 23.5),
        ("-detour + 10", 3),
        ("aller*2,0", 47),  # a French decimal comma in a number
    ],
)
def test_formulas_compute_with_french_signs(formula: str, value: float) -> None:
    assert compute(formula, {"aller": 23.5, "retour": 23.5, "detour": 7}) == value


@pytest.mark.parametrize(
    ("formula", "message"),
    [
        ("aller + retour", "donne 47, pas la réponse 54"),
        ("aller + depot", "« depot » n'est pas une donnée de l'énigme"),
        ("aller ** 2", "seuls les noms des données"),
        ("__import__('os')", "seuls les noms des données"),
        ("aller / (retour - retour)", "divise par zéro"),
        ("aller +", "calcul illisible"),
    ],
)
def test_a_formula_that_does_not_give_the_answer_is_refused(formula: str, message: str) -> None:
    with pytest.raises(ValidationError) as caught:
        puzzle(formula=formula)
    assert message in str(caught.value)
    assert caught.value.errors()[0]["loc"][-1] == "formula"


def test_no_formula_is_fine_and_errors_are_value_errors() -> None:
    assert puzzle(formula=None).formula is None
    assert issubclass(FormulaError, ValueError)


def test_the_answer_key_reads_the_formula_with_the_numbers() -> None:
    from facilitator.sheets.answers import answer_words

    assert written_out(puzzle(formula="aller*2 + detour")) == "23,5 × 2 + 7"
    assert written_out(puzzle(formula=None)) is None
    words = answer_words(puzzle(formula="aller × 2 + detour"), 54, None)  # type: ignore[arg-type]
    assert words == "54 km (à 0,5 km près) ; calcul : 23,5 × 2 + 7"
