"""Random play reports crashes and broken invariants with the seed that replays them."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from engine.core.rules import Rules
from engine.lint.autoplay import autoplay, invariant_problem
from engine.lint.explore import start_state
from engine.load.check import load_scenario

DATA = Path(__file__).parent / "data"


def _scenario(name: str):  # type: ignore[no-untyped-def]
    loaded = load_scenario(DATA / name)
    assert loaded.scenario is not None
    return loaded.scenario


def test_same_seed_same_games() -> None:
    scenario = _scenario("consumed_item.yaml")
    first = autoplay(scenario, runs=5, seed=11, max_steps=60)
    second = autoplay(scenario, runs=5, seed=11, max_steps=60)
    assert (first.actions, first.rejected, first.endings) == (
        second.actions,
        second.rejected,
        second.endings,
    )


def test_a_stuck_game_is_reported_with_its_seed() -> None:
    # consumed_item has no timer: a team that wasted the key can do nothing useful, but it can
    # still click, so it is not "stuck"; a game that is over is not stuck either.
    summary = autoplay(_scenario("consumed_item.yaml"), runs=20, seed=0, max_steps=80)
    assert all(f.seed in range(0, 20) for f in summary.failures)
    assert summary.runs == 20


def test_invariants_catch_a_corrupt_state() -> None:
    rules = Rules(_scenario("one_way.yaml"))
    state = start_state(rules)
    assert invariant_problem(rules, state) is None
    team = next(iter(state.teams.values()))
    broken = replace(state, teams={team.id: replace(team, inventory=("badge", "badge"))})
    assert "double" in (invariant_problem(rules, broken) or "")
    broken = replace(state, teams={team.id: replace(team, scene="nulle_part")})
    assert "scène inconnue" in (invariant_problem(rules, broken) or "")


def test_exceptions_are_reported_not_raised() -> None:
    scenario = _scenario("one_way.yaml")
    rules = Rules(scenario)

    class Exploding(Rules):
        def step(self, state, action, now):  # type: ignore[no-untyped-def, override]
            if action.key == "go":
                raise RuntimeError("boum")
            return super().step(state, action, now)

    from engine.lint import autoplay as module

    original = module.Rules
    module.Rules = Exploding  # type: ignore[misc]
    try:
        summary = autoplay(scenario, runs=10, seed=0, max_steps=50)
    finally:
        module.Rules = original  # type: ignore[misc]
    assert summary.failures and summary.failures[0].kind == "exception"
    assert "boum" in summary.failures[0].detail
    assert rules.scenario is scenario
