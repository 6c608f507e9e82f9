"""A text answer that is a number (« 6,50 € », « 600 g ») refuses right answers typed another
way (« 6,5 », « 6.50 € »): suggest a ``number`` puzzle, whose keypad takes the comma and shows
the unit (W115)."""

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
                "une réponse juste tapée autrement (« 6,5 » au lieu de « 6,50 € ») serait refusée",
                "Utilisez `type: number` avec `answer:`, `unit:` et au besoin `tolerance:`.",
            )
