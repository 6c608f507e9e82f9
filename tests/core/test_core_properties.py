"""Properties of the pure core, on random action sequences over each shipped scenario.

Actions are drawn from the scenario's own ids (so that games really progress, right answers
included) mixed with garbage ids and values. Whatever happens: ``step`` never raises, every
refusal is an explained ``Rejected`` event, the state survives a JSON round trip unchanged,
folding the emitted events from the initial state gives the stepped state, and every event
survives ``to_dict`` → JSON → ``event_from_dict``.
"""

from __future__ import annotations

import dataclasses
import json
import random
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any, get_type_hints

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.core import actions as ac
from engine.core import events as ev
from engine.core.answers import right_answer
from engine.core.apply import replay
from engine.core.refusals import REFUSALS
from engine.core.rules import Rules, _Step
from engine.core.state import (
    CLOCK,
    FACILITATOR,
    GameState,
    TeamFields,
    TeamState,
    from_json,
    to_json,
)
from engine.format.puzzles import (
    FindPuzzle,
    MultipleChoicePuzzle,
    OrderPuzzle,
    PairsPuzzle,
    SingleChoicePuzzle,
)
from engine.lint.autoplay import _Game
from engine.load.check import load_scenario
from engine.locale import refusal_text
from engine.shipped import shipped_scenarios
from tests.core.test_advance import narration

SCENARIOS = shipped_scenarios()
PLAYERS = ["p1", "p2", "b1"]
TEAMS = ["Renards", "Hiboux", "equipe"]
GARBAGE = st.sampled_from(["", "nope", "ZZZ", "é", "facilitator ", "0" * 70, "../x"]) | st.text(
    max_size=8
)
JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**6), 10**6)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=12),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4)
    ),
    max_leaves=12,
)


@cache
def rules_for(path: Path) -> Rules:
    loaded = load_scenario(path)
    assert loaded.scenario is not None, [d.format() for d in loaded.diagnostics]
    return Rules(loaded.scenario)


def ids_of(rules: Rules) -> dict[str, list[str]]:
    s = rules.scenario
    choices: list[str] = []
    for p in s.puzzles:
        if isinstance(p, SingleChoicePuzzle | MultipleChoicePuzzle):
            choices += [o.id for o in p.options]
        elif isinstance(p, OrderPuzzle):
            choices += [o.id for o in p.items]
        elif isinstance(p, PairsPuzzle):
            choices += [x.id for x in p.pairs]
        elif isinstance(p, FindPuzzle):
            choices += [a.id for a in p.areas]
    return {
        "scene": [x.id for x in s.scenes],
        "hotspot": [h.id for x in s.scenes for h in x.hotspots],
        "item": [x.id for x in s.items],
        "puzzle": [x.id for x in s.puzzles],
        "choice": choices or ["x"],
        "skill": ["equipe", "rigueur", "ecoute"],
    }


def actions(rules: Rules) -> st.SearchStrategy[ac.Action]:
    ids = ids_of(rules)

    def pick(kind: str) -> st.SearchStrategy[str]:
        known = ids[kind]
        return (st.sampled_from(known) if known else GARBAGE) | GARBAGE

    player = st.sampled_from(PLAYERS) | st.just(FACILITATOR) | st.just(CLOCK) | GARBAGE
    in_game = st.sampled_from(PLAYERS) | st.just(FACILITATOR)

    def answer(puzzle: str, value: Any, who: str) -> ac.Answer:
        return ac.Answer(player=who, puzzle=puzzle, value=ac.normalise_value(value))

    right = st.builds(
        lambda p, who: ac.Answer(player=who, puzzle=p, value=right_answer(rules.puzzles[p])),
        st.sampled_from(ids["puzzle"]) if ids["puzzle"] else st.nothing(),
        in_game,
    )
    return st.one_of(
        st.builds(
            lambda p, name, team, phone: ac.Join(player=p, pseudonym=name, team=team, phone=phone),
            player,
            st.text(max_size=30),
            st.sampled_from(TEAMS) | GARBAGE,
            st.booleans(),  # from a phone: roles dealt (demo-escape has two)
        ),
        st.builds(lambda p: ac.Start(player=p), st.just(FACILITATOR) | player),
        st.builds(lambda p, to: ac.Go(player=p, to=to), in_game, pick("scene")),
        st.builds(
            lambda p, h, i: ac.Use(player=p, hotspot=h, item=i),
            in_game,
            pick("hotspot"),
            st.none() | pick("item"),
        ),
        st.builds(lambda p, i: ac.Examine(player=p, item=i), in_game, pick("item")),
        st.builds(
            lambda p, a, b: ac.Combine(player=p, first=a, second=b),
            in_game,
            pick("item"),
            pick("item"),
        ),
        right,
        right,
        st.builds(
            answer,
            pick("puzzle"),
            JSON_VALUES | pick("choice") | st.lists(pick("choice"), max_size=5),
            in_game,
        ),
        st.builds(lambda p, z: ac.Hint(player=p, puzzle=z), in_game, pick("puzzle")),
        st.builds(lambda p: ac.Close(player=p), in_game),
        st.builds(lambda p: ac.PassTurn(player=p), in_game),
        st.builds(lambda p: ac.Tick(player=p), st.just(CLOCK) | player),
        st.builds(lambda p: ac.Pause(player=p), player),
        st.builds(lambda p: ac.Resume(player=p), player),
        st.builds(
            lambda p, m: ac.AdjustTime(player=p, minutes=m),
            player,
            st.floats(allow_nan=True, allow_infinity=True),
        ),
        st.builds(
            lambda p, t, z: ac.PushHint(player=p, team=t, puzzle=z),
            player,
            st.sampled_from(TEAMS) | GARBAGE,
            pick("puzzle"),
        ),
        st.builds(
            lambda p, t, z: ac.SkipPuzzle(player=p, team=t, puzzle=z),
            player,
            st.sampled_from(TEAMS) | GARBAGE,
            pick("puzzle"),
        ),
        st.builds(lambda p, x: ac.Announce(player=p, text=x), player, st.text(max_size=200)),
        st.builds(
            lambda p, t, k, n: ac.Observe(player=p, target=t, skill=k, note=n),
            player,
            st.sampled_from(PLAYERS) | GARBAGE,
            pick("skill"),
            st.text(max_size=300),
        ),
        st.builds(
            lambda p, k: ac.SelfAssess(player=p, skills=tuple(k)),
            player,
            st.lists(pick("skill"), max_size=5),
        ),
    )


def game_plan(rules: Rules) -> st.SearchStrategy[list[tuple[ac.Action, float]]]:
    """Joins and a start first (most of the time), then random actions with time passing."""
    delays = st.floats(min_value=0, max_value=400, allow_nan=False) | st.sampled_from(
        [0.0, 1.0, 3600.0]
    )
    opening = st.lists(
        st.tuples(st.sampled_from(PLAYERS), st.sampled_from(TEAMS), st.booleans()),
        min_size=0,
        max_size=3,
    ).map(
        lambda joins: (
            [
                (ac.Join(player=p, pseudonym=p.upper(), team=t, phone=phone), 0.0)
                for p, t, phone in joins
            ]
            + [(ac.Start(player=FACILITATOR), 0.0)]
        )
    )
    steps = st.lists(st.tuples(actions(rules), delays), max_size=40)
    return st.tuples(opening, steps).map(lambda pair: pair[0] + pair[1])


RANDOM_GAMES = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def event_round_trip(event: ev.Event) -> ev.Event:
    return ev.event_from_dict(json.loads(json.dumps(event.to_dict(), ensure_ascii=False)))


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_random_games_never_raise_and_round_trip(path: Path) -> None:
    rules = rules_for(path)

    @RANDOM_GAMES
    @given(plan=game_plan(rules))
    def run(plan: list[tuple[ac.Action, float]]) -> None:
        initial = rules.new_game()
        state, now, log = initial, 1_700_000_000.0, []
        for action, delay in plan:
            now += delay
            state, events = rules.step(state, action, now)
            log += events
            assert from_json(to_json(state)) == state
            for event in events:
                assert event_round_trip(event) == event
                if isinstance(event, ev.Rejected):
                    assert refusal_text(event).strip() and event.code in REFUSALS
                    assert event.action == action.key
                elif event.player is not None:
                    assert event.player == action.player
        assert replay(initial, log) == state
        assert json.loads(to_json(state))["schema"] == state.schema

    run()


def checked_step(
    rules: Rules, state: GameState, action: ac.Action, now: float
) -> tuple[GameState, list[ev.Event]]:
    """``rules.step``, checked: a step builds its state its own way (a team copied once and
    changed in place, the game state built once), so its state must be exactly the plain
    fold of its events over the state before, which it leaves as it was; it must decide as
    if each event made a new team (no decision reads a team that an event changed since);
    and ``advance`` must reach the same state with the same events but the narration."""
    before = to_json(state)
    stepped, events = rules.step(state, action, now)
    assert to_json(state) == before
    assert replay(state, events) == stepped
    advanced, told = rules.advance(state, action, now)
    assert advanced == stepped
    assert told == [e for e in events if not narration(e)]
    with pytest.MonkeyPatch.context() as patch:  # a new team at each event instead
        patch.setattr(_Step, "IN_PLACE", False)
        assert rules.step(state, action, now) == (stepped, events)
    return stepped, events


class _CheckedGame(_Game):
    """Autoplay's random game (players who mostly play sensibly), each step checked."""

    def __init__(self, rules: Rules, seed: int, rng: random.Random) -> None:
        super().__init__(rules, seed)
        self.rng = rng  # hypothesis's: the actions it draws
        self.kinds: Counter[str] = Counter()

    def act(self, action: ac.Action) -> None:
        _, events = checked_step(self.rules, self.state, action, self.now)
        self.kinds.update(e.kind for e in events)
        super().act(action)


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_each_random_step_is_its_events_applied(path: Path) -> None:
    """Random actions, nonsense and facilitator's included (``checked_step``)."""
    rules = rules_for(path)

    @RANDOM_GAMES
    @given(plan=game_plan(rules))
    def run(plan: list[tuple[ac.Action, float]]) -> None:
        state, now = rules.new_game(), 1_700_000_000.0
        for action, delay in plan:
            now += delay
            state, _ = checked_step(rules, state, action, now)

    run()


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_each_step_of_random_play_is_its_events_applied(path: Path) -> None:
    """Whole random games (``engine.lint.autoplay``: puzzles opened, solved, failed, items
    gained and combined, hints, pauses, the end), each step checked (``checked_step``)."""
    rules = rules_for(path)
    kinds: Counter[str] = Counter()

    @settings(
        max_examples=12,
        deadline=None,
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.large_base_example,
        ],
    )
    @given(seed=st.integers(0, 2**16), rng=st.randoms(use_true_random=False))
    def run(seed: int, rng: random.Random) -> None:
        game = _CheckedGame(rules, seed, rng)
        assert game.play(120) is None
        kinds.update(game.kinds)

    run()
    assert kinds["puzzle_solved"] and kinds["moved"] > 1  # real play, not only refusals


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_state_json_is_stable(path: Path) -> None:
    """Serialising twice gives the same text, and the text is what storage would keep."""
    rules = rules_for(path)
    state = rules.new_game()
    for action in (
        ac.Join(player="p1", pseudonym="Lina", team="Renards"),
        ac.Join(player="p2", pseudonym="Sam", team="Hiboux"),
        ac.Start(player=FACILITATOR),
    ):
        state, _ = rules.step(state, action, 10.0)
    text = to_json(state)
    assert to_json(from_json(text)) == text
    assert from_json(text) == state


def test_the_team_handlers_fields_are_the_teams() -> None:
    """``TeamFields`` spells ``TeamState``'s fields for the handlers of ``apply``: the same
    names with the same types, in the same order."""
    fields = get_type_hints(TeamFields)
    assert fields == get_type_hints(TeamState)
    assert list(fields) == [f.name for f in dataclasses.fields(TeamState)]


def test_an_unknown_state_schema_is_refused() -> None:
    rules = rules_for(SCENARIOS[0])
    data = json.loads(to_json(rules.new_game()))
    data["schema"] = 999
    with pytest.raises(ValueError, match="schema"):
        from_json(json.dumps(data))
