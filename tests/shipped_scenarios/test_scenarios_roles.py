"""The demo escape has roles: with phones, the commis reads the fridge's temperature and the
waiter the chef's call; the walkthrough still plays to its ending with or without phones, and
each holder is credited when the puzzle needing their clue is solved by a teammate."""

from __future__ import annotations

from engine.core import events as ev
from engine.core.roles import SHARED_CLUE_RULE
from engine.core.rules import Rules
from engine.load.check import load_scenario
from engine.shipped import resolve_scenario
from engine.walkthrough import RunResult, default_walkthrough, load_walkthrough, run

SCENARIO = resolve_scenario("demo-escape")


def played(*, phones: bool) -> tuple[Rules, RunResult]:
    scenario = load_scenario(SCENARIO).scenario
    assert scenario is not None
    walkthrough = load_walkthrough(default_walkthrough(SCENARIO))
    players = [p.model_copy(update={"phone": phones}) for p in walkthrough.spec.players]
    walkthrough.spec = walkthrough.spec.model_copy(update={"players": players})
    rules = Rules(scenario)
    return rules, run(rules, walkthrough)


def shared(result: RunResult) -> list[tuple[str | None, tuple[str, ...], str]]:
    return [
        (e.puzzle, e.players, e.text)
        for e in result.events
        if isinstance(e, ev.EvidenceRecorded) and e.rule == SHARED_CLUE_RULE
    ]


def test_the_demo_deals_its_two_roles_to_the_two_phones_and_credits_each_holder() -> None:
    rules, result = played(phones=True)
    assert result.ended and not result.rejected
    assert result.state.teams["equipe"].ending == "service_ouvert"
    assert result.state.teams["equipe"].roles == {"p1": ("commis",), "p2": ("serveur",)}
    # p2 answers the fridge with Lina's (p1) clue; p1 calls the service with Sam's (p2)
    assert shared(result) == [
        (
            "temperature",
            ("p1",),
            "A partagé son indice de rôle (Le commis) pour résoudre « La bonne température »",
        ),
        (
            "mot_service",
            ("p2",),
            "A partagé son indice de rôle (Le serveur) pour résoudre « Le mot du chef »",
        ),
    ]
    for role in rules.scenario.roles:  # short clues in plain French
        assert all(len(clue.text) <= 80 for clue in role.clues)


def test_without_phones_the_demo_still_ends_and_credits_no_role() -> None:
    _rules, result = played(phones=False)
    assert result.ended and not result.rejected
    assert result.state.teams["equipe"].ending == "service_ouvert"
    assert result.state.teams["equipe"].roles == {}
    assert shared(result) == []
