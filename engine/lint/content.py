"""Content checks of ``declic lint`` beyond solvability: evidence that means something
(W111, W112), play time of teams taking turns (W113), inclusive job titles (W114), one form
of address (W116) and text
answers that should be numbers (W115)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from engine.format.scenario import Scenario
from engine.lint.address import address_findings
from engine.lint.evidence import evidence_findings
from engine.lint.explore import Exploration, Move
from engine.lint.number_answers import number_answer_findings
from engine.lint.rally_time import Finding, rally_findings
from engine.lint.texts import scenario_texts
from engine.lint.titles import title_findings


def content_findings(
    scenario: Scenario, explorations: Mapping[str, Exploration]
) -> Iterator[Finding | str]:
    """Every content finding; a plain string is an info line, not a warning."""
    yield from evidence_findings(scenario)
    texts = scenario_texts(scenario)  # read once for both
    yield from title_findings(scenario, texts)
    yield from address_findings(scenario, texts)
    yield from number_answer_findings(scenario)
    if scenario.team_mode == "turns" and scenario.teams is not None:  # W113 reads them
        yield from rally_findings(scenario, _solutions(explorations))


def _solutions(explorations: Mapping[str, Exploration]) -> list[tuple[float, list[Move]]]:
    """(estimated seconds, moves) of the shortest solution from each start fully explored."""
    from engine.lint.checks import estimate_seconds  # checks calls us: import when run

    solutions = []
    for found in explorations.values():
        moves = found.shortest_solution() if found.complete else None
        if moves is not None:
            solutions.append((estimate_seconds(found.rules, moves), moves))
    return solutions
