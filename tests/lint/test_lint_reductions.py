"""The reductions never change the verdict: compare with a naive search written here.

The naive search keeps every fact of the team in its key, opens puzzles as states of their
own, and plays every visible exit, hotspot, answer (right, and wrong where attempts are
limited), close, combination and examination, with no relevance, liveness, position merging
or sleep sets. Both must agree on which endings can be reached and on whether a dead end
exists, for every team start.
"""

from __future__ import annotations

from collections import deque
from itertools import combinations
from pathlib import Path
from typing import Any

import pytest

from engine.core import actions as ac
from engine.core.answers import right_answer
from engine.core.events import Rejected
from engine.core.rules import Rules
from engine.core.state import CLOCK, GameState
from engine.format.conditions import AfterMinutes
from engine.format.walk import conditions
from engine.lint.checks import rules_for_start, team_starts
from engine.lint.explore import PLAYER, Explorer, start_state, wrong_answer
from engine.load.check import load_scenario
from engine.shipped import shipped_scenarios

DATA = Path(__file__).parent / "data"
LIMIT = 20_000


def _key(state: GameState, tick: int) -> tuple[Any, ...]:
    t = next(iter(state.teams.values()))
    return (t.scene, frozenset(t.inventory), t.flags, t.unlocked, t.solved, t.failed, t.used,
            t.examined, t.visited, t.score, t.open_puzzle, t.ending, tick)  # fmt: skip


def _moves(rules: Rules, state: GameState, now: float) -> list[ac.Action]:
    team = next(iter(state.teams.values()))
    if team.open_puzzle:
        puzzle = rules.puzzles[team.open_puzzle]
        moves: list[ac.Action] = [ac.Close(player=PLAYER)]
        if right_answer(puzzle) is not None:
            moves.append(ac.Answer(player=PLAYER, puzzle=puzzle.id, value=right_answer(puzzle)))
        if puzzle.attempts:
            moves.append(ac.Answer(player=PLAYER, puzzle=puzzle.id, value=wrong_answer(puzzle)))
        return moves
    elapsed = state.clock.elapsed(now)
    moves = [ac.Go(player=PLAYER, to=e.to) for e in rules.visible_exits(team, elapsed)]
    moves += [
        ac.Use(player=PLAYER, hotspot=h.id, item=h.needs_item)
        for h in rules.visible_hotspots(team, elapsed)
    ]
    moves += [
        ac.Combine(player=PLAYER, first=a, second=b) for a, b in combinations(team.inventory, 2)
    ]
    moves += [ac.Examine(player=PLAYER, item=i) for i in team.inventory]
    return moves


def naive(rules: Rules) -> tuple[set[str], bool] | None:
    """(endings reached, has a dead end), or None past ``LIMIT`` states."""
    scenario = rules.scenario
    points = {e.at_minutes for e in scenario.timer.events}
    points |= {c.after_minutes for _, c in conditions(scenario) if isinstance(c, AfterMinutes)}
    limit = scenario.timer.limit_minutes
    times = sorted(p * 60 for p in points if p > 0 and (limit is None or p < limit))
    first = start_state(rules)
    keys = {_key(first, 0): 0}
    nodes: list[tuple[GameState, float, int]] = [(first, 0.0, 0)]
    edges: list[list[int]] = [[]]
    queue = deque([0])
    while queue:
        node = queue.popleft()
        state, now, tick = nodes[node]
        if next(iter(state.teams.values())).ending is not None:
            continue
        options: list[tuple[ac.Action, float, int]] = [
            (m, now, tick) for m in _moves(rules, state, now)
        ]
        if tick < len(times):
            options.append((ac.Tick(player=CLOCK), times[tick], tick + 1))
        for action, when, next_tick in options:
            child, events = rules.step(state, action, when)
            if any(isinstance(e, Rejected) for e in events):
                continue
            key = _key(child, next_tick)
            if key not in keys:
                if len(nodes) >= LIMIT:
                    return None
                keys[key] = len(nodes)
                nodes.append((child, when, next_tick))
                edges.append([])
                queue.append(keys[key])
            edges[node].append(keys[key])
    ended = {n for n, (s, _, _) in enumerate(nodes) if next(iter(s.teams.values())).ending}
    back: list[list[int]] = [[] for _ in nodes]
    for source, targets in enumerate(edges):
        for target in targets:
            back[target].append(source)
    alive, todo = set(ended), deque(ended)
    while todo:
        for source in back[todo.popleft()]:
            if source not in alive:
                alive.add(source)
                todo.append(source)
    endings = {e for s, _, _ in nodes if (e := next(iter(s.teams.values())).ending)}
    return endings, len(alive) < len(nodes)


def _cases() -> list[Any]:
    """Test scenarios and the small shipped demos; bigger games are out of the naive reach."""
    files = sorted(p for p in DATA.glob("*.yaml") if not p.name.endswith(".walkthrough.yaml"))
    files = [p for p in files if p.stem != "many_switches"]  # 2^24 naive states
    demos = [p for p in shipped_scenarios() if p.stem.startswith("demo-")]
    return [pytest.param(p, id=p.stem) for p in [*files, *demos]]


@pytest.mark.parametrize("path", _cases())
def test_reduced_search_agrees_with_naive_search(path: Path) -> None:
    loaded = load_scenario(path)
    assert loaded.scenario is not None
    compared = 0
    for start in team_starts(loaded.scenario):
        rules = rules_for_start(loaded.scenario, start)
        expected = naive(rules)
        if expected is None:
            continue  # too big for the naive search: the point of the reductions
        found = Explorer(rules).explore()
        assert found.complete
        assert (found.endings(), bool(found.dead_ends())) == expected
        assert len(found) <= LIMIT
        compared += 1
    assert compared, "the naive search should finish on this small scenario"
