"""``calculation``: a number the team works out from the data shown beside the keypad.

Quantities of a recipe for more guests, the kilometres of a delivery round, the change to give:
the ``givens`` (a label, a number, maybe a unit) are shown on a card next to the keypad, and the
answer is checked as a ``number`` puzzle's (``tolerance``, ``unit``; a comma for decimals).

``formula`` (optional) says how the answer is computed from the givens' ids
(``farine_4 / 4 * clients``, with ``+ - * /`` or ``× ÷`` and brackets): the loader computes it
and refuses a scenario whose formula does not give the answer, so a slip in the content's
arithmetic never reaches a room. The facilitator's answer key shows it.
"""

from __future__ import annotations

import ast
import operator
import re
from collections.abc import Callable, Mapping
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, ValidationInfo, field_validator

from engine.format.base import Id, Model, Text
from engine.puzzles.base import PuzzleType, no_clue, no_pictures, no_references
from engine.puzzles.number import EPSILON, Number, NumberPuzzle, is_right
from engine.puzzles.number import UNIT as NUMBER
from engine.puzzles.number import wrong_answers as number_wrong_answers
from engine.puzzles.typed import french_number


class Given(Model):
    """One number the team needs, shown on the card: « Farine pour 4 personnes : 250 g »."""

    id: Id
    label: Text
    value: Number
    unit: Annotated[str, StringConstraints(min_length=1, max_length=6)] | None = None


_OPERATORS: Mapping[type[ast.operator], Callable[[float, float], float]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
}


class FormulaError(ValueError):
    """A formula that cannot be computed; the message is French, for the author."""


def compute(formula: str, values: Mapping[str, float]) -> float:
    """The value of ``formula`` (givens' ids, numbers, + - * / × ÷, brackets), or FormulaError."""
    written = formula.replace("×", "*").replace("÷", "/").replace("−", "-").replace(",", ".")
    try:
        tree = ast.parse(written, mode="eval")
    except SyntaxError:
        raise FormulaError(
            f"calcul illisible « {formula} » : écrivez par ex. « farine_4 / 4 * clients »"
        ) from None
    return _value(tree.body, values, formula)


def _value(node: ast.expr, values: Mapping[str, float], formula: str) -> float:
    match node:
        case ast.Constant(value=int() | float() as number) if not isinstance(number, bool):
            return float(number)
        case ast.Name(id=name):
            if name not in values:
                known = ", ".join(f"« {k} »" for k in values)
                raise FormulaError(
                    f"« {name} » n'est pas une donnée de l'énigme (données : {known})"
                )
            return values[name]
        case ast.UnaryOp(op=ast.USub(), operand=operand):
            return -_value(operand, values, formula)
        case ast.BinOp(left=left, op=op, right=right) if type(op) in _OPERATORS:
            a, b = _value(left, values, formula), _value(right, values, formula)
            if isinstance(op, ast.Div) and b == 0:
                raise FormulaError(f"le calcul « {formula} » divise par zéro")
            return _OPERATORS[type(op)](a, b)
    raise FormulaError(
        f"calcul « {formula} » : seuls les noms des données, des nombres, + − × ÷ et des "
        "parenthèses sont permis"
    )


class CalculationPuzzle(NumberPuzzle):
    """A number worked out from ``givens`` shown on a card; right within ``tolerance``."""

    type: Literal["calculation"]  # type: ignore[assignment]
    givens: list[Given] = Field(min_length=1, max_length=5)
    formula: Annotated[str, StringConstraints(min_length=1, max_length=120)] | None = None

    @field_validator("formula")
    @classmethod
    def _formula_gives_the_answer(cls, formula: str | None, info: ValidationInfo) -> str | None:
        """Located at ``formula:``: the answer, tolerance and givens are validated before it."""
        data = info.data
        if formula is None or not {"givens", "answer", "tolerance"} <= data.keys():
            return formula
        result = compute(formula, {g.id: float(g.value) for g in data["givens"]})
        slack = data["tolerance"] + EPSILON * max(1.0, abs(data["answer"]))
        if abs(result - data["answer"]) > slack:
            raise FormulaError(
                f"le calcul « {formula} » donne {french_number(round(result, 6))}, "
                f"pas la réponse {french_number(data['answer'])} : corrigez l'un ou l'autre"
            )
        return formula


def written_out(puzzle: CalculationPuzzle) -> str | None:
    """The formula with the givens' numbers, as a facilitator reads it: « 250 ÷ 4 × 12 »."""
    if puzzle.formula is None:
        return None
    values = {g.id: french_number(g.value) for g in puzzle.givens}
    text = re.sub(r"[^\W\d]\w*", lambda m: values.get(m.group(), m.group()), puzzle.formula)
    text = text.replace("*", " × ").replace("/", " ÷ ")
    return " ".join(text.split())


def wrong_answers(puzzle: CalculationPuzzle) -> list[float]:
    """A given copied as it is (the step forgotten), then the number puzzle's near misses."""
    near = number_wrong_answers(puzzle)
    copied = [g.value for g in puzzle.givens if not is_right(puzzle, g.value)]
    return list(dict.fromkeys([*copied, *near]))


UNIT = PuzzleType(
    tag="calculation",
    model=CalculationPuzzle,
    is_right=is_right,
    right_answer=lambda p: p.answer,
    wrong_answers=wrong_answers,
    # the data are on the card, beside the keypad: no clue needed in the scenario's texts
    clue_answers=no_clue,
    references=no_references,
    choices=lambda p: [("givens", [g.id for g in p.givens])],
    pictures=no_pictures,
    example={
        "givens": [
            {"id": "farine_4", "label": "Farine pour 4 personnes", "value": 250, "unit": "g"},
            {"id": "clients", "label": "Clients ce midi", "value": 12},
        ],
        "formula": "farine_4 / 4 * clients",
        "answer": 750,
        "unit": "g",
    },
    field_hints={
        **NUMBER.field_hints,
        "givens": 'Les données s\'écrivent comme « - {id: clients, label: "Clients", value: 12} » : 1 à 5 données, montrées à côté du pavé.',
        "formula": "Le calcul utilise les « id » des données, des nombres, + - * / (ou × ÷) et des parenthèses : « farine_4 / 4 * clients ». Il doit donner la réponse.",
    },
)
