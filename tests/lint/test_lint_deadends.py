"""Dead-end paths really lead into a dead end: replay them through the core, then re-explore."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from engine.core.rules import Rules
from engine.lint.checks import lint_file
from engine.lint.explore import Explorer
from engine.lint.paths import parse_steps, replay
from engine.load.check import load_scenario

DATA = Path(__file__).parent / "data"


def _printed_path(message: str) -> list[dict[str, object]]:
    """The walkthrough-style steps printed under an E102 message."""
    steps = re.findall(r"^\s+- (\{.*\})$", message, flags=re.MULTILINE)
    return [yaml.safe_load(step) for step in steps]


@pytest.mark.parametrize(
    ("name", "last_step"),
    [
        ("consumed_item.yaml", {"player": "p1", "use": {"hotspot": "placard", "item": "cle"}}),
        ("consumed_by_combine.yaml", {"player": "p1", "combine": ["couteau", "tomates"]}),
        ("one_way.yaml", {"player": "p1", "go": "couloir"}),
        ("free_lamp.yaml", {"player": "p1", "go": "tunnel"}),
    ],
)
def test_dead_end_path_replays_into_a_state_that_cannot_end(
    name: str, last_step: dict[str, object]
) -> None:
    report = lint_file(DATA / name)
    dead = [d for d in report.diagnostics if d.code == "E102"]
    assert len(dead) == 1
    steps = _printed_path(dead[0].message)
    assert steps[-1] == last_step
    loaded = load_scenario(DATA / name)
    assert loaded.scenario is not None
    rules = Rules(loaded.scenario)
    state, now, _ = replay(rules, parse_steps(steps))
    team = next(iter(state.teams.values()))
    assert team.ending is None
    again = Explorer(rules).explore(start=state, now=now)
    assert again.complete and again.endings() == set()
    # One step shorter, an ending was still reachable: the path is the point of no return.
    before, before_now, _ = replay(rules, parse_steps(steps[:-1]))
    assert Explorer(rules).explore(start=before, now=before_now).endings() == {"sortie"}


def test_shortest_dead_end_is_reported() -> None:
    report = lint_file(DATA / "one_way.yaml")
    found = next(iter(report.explorations.values()))
    dead = found.dead_ends()
    assert dead and len(found.path(dead[0])) == 1


def test_clean_scenario_has_no_dead_end_and_a_solution() -> None:
    report = lint_file(DATA / "unreachable_room.yaml")
    found = next(iter(report.explorations.values()))
    assert found.dead_ends() == []
    assert found.shortest_solution() is not None


def _dead_end_hint(name: str) -> str:
    dead = [d for d in lint_file(DATA / name).diagnostics if d.code == "E102"]
    assert len(dead) == 1
    return dead[0].hint


def test_an_item_used_up_by_a_combination_gets_an_aide_naming_consume() -> None:
    hint = _dead_end_hint("consumed_by_combine.yaml")
    assert "« couper_tomates »" in hint and "« couteau »" in hint
    assert "`consume: [tomates]` garde « couteau »" in hint and "`consume: false`" in hint
    assert "once: false" not in hint


def test_an_item_taken_back_gets_an_aide_naming_take_not_consume() -> None:
    hint = _dead_end_hint("consumed_item.yaml")
    assert "« cle »" in hint and "`take:`" in hint and "consume" not in hint


def test_a_one_way_exit_keeps_its_own_aide() -> None:
    hint = _dead_end_hint("one_way.yaml")
    assert "sortie de retour" in hint and "consume" not in hint
