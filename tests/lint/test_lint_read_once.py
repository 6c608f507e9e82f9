"""What the lint's analyses share is worked out once and stays right: the footprint of an
effect (kept by identity, forgotten past a bound), and the walk of a scenario's effects and
conditions (kept for the last scenario, by identity, so that a changed copy is walked again)."""

from __future__ import annotations

import pytest

from engine.format import effects as fx
from engine.format import footprint as fp
from engine.format import walk
from engine.format.footprint import Fact, footprint
from engine.load.check import load_scenario
from engine.shipped import shipped_scenarios


def test_a_footprint_is_worked_out_once_and_equal_effects_agree() -> None:
    give = fx.Give(give="cle")
    first = footprint(give)
    assert footprint(give) is first
    assert first.adds == (Fact("item", "cle"),) and not first.removes
    twin = fx.Give(give="cle")  # equal, another object: its own entry, the same answer
    assert footprint(twin) == first
    assert footprint(fx.Take(take="cle")).removes == (Fact("item", "cle"),)


def test_past_the_bound_footprints_are_forgotten_and_still_right(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(fp, "_MOST_KNOWN", 5)
    effects = [fx.SetFlag(set=f"f{k}") for k in range(12)]
    for effect in effects * 2:
        assert footprint(effect).adds == (Fact("flag", effect.set),)
    assert len(fp._KNOWN) <= 5


def test_a_scenario_is_walked_once_and_a_changed_copy_again() -> None:
    loaded = load_scenario(shipped_scenarios()[0])
    scenario = loaded.scenario
    assert scenario is not None
    effects = walk.effects(scenario)
    assert walk.effects(scenario) is effects
    assert walk.conditions(scenario) is walk.conditions(scenario)
    assert effects == tuple(
        ((*path, k), e) for path, items in walk.effect_lists(scenario) for k, e in enumerate(items)
    )
    first = scenario.puzzles[0]
    assert first.on_solve  # so that the copy below has fewer effects
    fewer = scenario.model_copy(update={"puzzles": scenario.puzzles[1:]})
    assert len(walk.effects(fewer)) == len(effects) - len(first.on_solve) - len(first.on_fail)
    assert walk.effects(scenario) == effects  # back to the first: walked again, same answer
