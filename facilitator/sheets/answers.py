"""Answers in words, for the answer key: option texts, orders, pairs, numbers with units."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from engine.core.answers import french_number, right_answer
from engine.format.puzzles import (
    CalculationPuzzle,
    CodePuzzle,
    CombinePuzzle,
    FindPuzzle,
    MultipleChoicePuzzle,
    NumberPuzzle,
    OrderPuzzle,
    PairsPuzzle,
    PuzzleBase,
    SingleChoicePuzzle,
    TextPuzzle,
)
from engine.format.scenario import Scenario
from engine.puzzles.calculation import written_out


def answer_words(puzzle: PuzzleBase, value: Any, scenario: Scenario) -> str:
    """How a facilitator reads ``value`` (a right answer of ``puzzle``) aloud."""
    if isinstance(puzzle, SingleChoicePuzzle):
        return _option(puzzle.options, value)
    if isinstance(puzzle, FindPuzzle):
        return next((a.label for a in puzzle.areas if a.id == value), str(value))
    if isinstance(puzzle, MultipleChoicePuzzle):
        chosen = set(value)  # the order of ticking does not matter: read them as listed
        return " ; ".join(o.text for o in puzzle.options if o.id in chosen)
    if isinstance(puzzle, OrderPuzzle):
        return " → ".join(_option(puzzle.items, v) for v in value)
    if isinstance(puzzle, PairsPuzzle):
        texts = {p.id: p for p in puzzle.pairs}
        assert isinstance(value, Mapping)
        return " ; ".join(f"{texts[k].left} = {texts[v].right}" for k, v in value.items())
    if isinstance(puzzle, NumberPuzzle):
        unit = f" {puzzle.unit}" if puzzle.unit else ""
        spread = f" (à {french_number(puzzle.tolerance)}{unit} près)" if puzzle.tolerance else ""
        amount = float(value)
        written = french_number(amount)
        if puzzle.unit == "€" and not amount.is_integer():
            written = f"{amount:.2f}".replace(".", ",")  # « 6,50 € », as a till says it
        formula = written_out(puzzle) if isinstance(puzzle, CalculationPuzzle) else None
        working = f" ; calcul : {formula}" if formula else ""
        return f"{written}{unit}{spread}{working}"
    if isinstance(puzzle, CombinePuzzle):
        names = {i.id: i.name for i in scenario.items}
        return " + ".join(names.get(i, i) for i in puzzle.items)
    if isinstance(puzzle, TextPuzzle | CodePuzzle):
        return str(value)
    return str(value)


def _option(options: list[Any], value: Any) -> str:
    return next((o.text for o in options if o.id == value), str(value))


def accepted_answers(puzzle: PuzzleBase, scenario: Scenario) -> list[str]:
    """Every right answer the key lists: the main one, then the others the game accepts."""
    main = right_answer(puzzle)
    values: list[Any] = [main] if main is not None or isinstance(puzzle, CombinePuzzle) else []
    if isinstance(puzzle, OrderPuzzle):
        values += [tuple(order) for order in puzzle.also_right]
    if isinstance(puzzle, TextPuzzle):
        values = list(puzzle.answers)
        return [" / ".join(f"« {a} »" for a in values)]
    return [answer_words(puzzle, v, scenario) for v in values]
