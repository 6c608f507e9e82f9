"""A text puzzle whose answers are numbers (« 6,50 € », « 600 g »): the same number typed
another way is accepted (``engine.puzzles.typed``), but a ``number`` puzzle is better: a
keypad with the comma, the unit shown, a tolerance (W115)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from engine.format.puzzles import TextPuzzle
from engine.format.scenario import Scenario
from engine.lint.rally_time import Finding

#: A number, with a French or English decimal mark, maybe a unit or currency after it.
_NUMBER = re.compile(r"^\s*-?\d+(?:[.,]\d+)?\s*(?:€|euros?|[a-zA-Z°%]{1,3})?\s*$")


def number_answer_findings(scenario: Scenario) -> Iterator[Finding]:
    for i, puzzle in enumerate(scenario.puzzles):
        if isinstance(puzzle, TextPuzzle) and all(_NUMBER.match(a) for a in puzzle.answers):
            yield (
                ("puzzles", i, "type"),
                "W115",
                f"les réponses de « {puzzle.id} » sont des nombres ({', '.join(puzzle.answers)}) : "
                "une énigme « number » montre un pavé avec la virgule et l'unité",
                "Utilisez `type: number` avec `answer:`, `unit:` et au besoin `tolerance:`.",
            )
