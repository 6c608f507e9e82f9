"""The facilitator's skip and free message, through ``Rules.step`` on a small real scenario.

Why a skip must show no skill: a card says what a young person did; a puzzle the facilitator
skipped was done by no one, so it earns no evidence and no points, only its effects (the door
it opens), so that the game can go on.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.core import actions as ac
from engine.core import events as ev
from engine.core.apply import replay
from engine.core.rules import MAX_ANNOUNCE, Rules
from engine.core.state import FACILITATOR, GameState, to_json
from engine.load.check import load_scenario
from engine.locale import refusal_text

SCENARIO = """
format: 1
id: skip
title: "Passer"
kind: escape
duration_minutes: 30
players: {min: 1, max: 6}
start: hall
scenes:
  - id: hall
    title: "Hall"
    text: "Le hall."
    hotspots: [{id: h, label: "Le cadenas", puzzle: q}]
    exits: [{to: jardin, id: porte, locked: true}]
  - id: jardin
    title: "Jardin"
    text: "Le jardin."
    hotspots: [{id: fin, label: "Finir", effects: [{end: gagne}]}]
puzzles:
  - id: q
    type: single_choice
    title: "La question"
    prompt: "?"
    options: [{id: a, text: "A"}, {id: b, text: "B"}]
    answer: b
    points: 10
    hints: ["Un.", "Deux."]
    on_solve: [{unlock: porte}, {say: "La porte s'ouvre."}]
    skills:
      - {skill: rigueur, when: solved}
endings:
  - {id: gagne, title: "Gagné", text: "Bravo."}
  - {id: perdu, title: "Perdu", text: "Dommage.", success: false}
"""


@pytest.fixture
def rules(tmp_path: Path) -> Rules:
    path = tmp_path / "scenario.yaml"
    path.write_text(SCENARIO, encoding="utf-8")
    loaded = load_scenario(path)
    assert loaded.ok and loaded.scenario is not None, [d.format() for d in loaded.diagnostics]
    return Rules(loaded.scenario)


def play(rules: Rules, actions: list[ac.Action]) -> tuple[GameState, list[ev.Event]]:
    state, log, now = rules.new_game(), [], 1000.0
    for action in actions:
        now += 7.0
        state, events = rules.step(state, action, now)
        log += events
    return state, log


OPEN = [
    ac.Join(player="p1", pseudonym="Sam"),
    ac.Join(player="p2", pseudonym="Lou"),
    ac.Start(player=FACILITATOR),
    ac.Use(player="p1", hotspot="h"),
    ac.Answer(player="p2", puzzle="q", value="a"),
]
SKIP = ac.SkipPuzzle(player=FACILITATOR, team="equipe", puzzle="q")


def test_a_skipped_puzzle_applies_its_effects_with_no_evidence_nor_points(rules: Rules) -> None:
    state, log = play(rules, [*OPEN, SKIP])
    skipped = [e for e in log if isinstance(e, ev.PuzzleSkipped)]
    assert [(e.puzzle, e.team, e.player) for e in skipped] == [("q", "equipe", FACILITATOR)]
    assert not [e for e in log if isinstance(e, ev.PuzzleSolved | ev.EvidenceRecorded)]
    assert not [e for e in log if isinstance(e, ev.ScoreChanged)]
    team = state.teams["equipe"]
    assert team.open_puzzle is None and "porte" in team.unlocked and team.score == 0
    assert "q" in team.solved, "conditions on the puzzle hold, so the game goes on"
    assert "La porte s'ouvre." in [e.text for e in log if isinstance(e, ev.Said)]
    moved, more = rules.step(state, ac.Go(player="p1", to="jardin"), 2000.0)
    assert moved.teams["equipe"].scene == "jardin", [e.kind for e in more]


def test_skip_replays_to_the_same_state_and_events(rules: Rules) -> None:
    state, log = play(rules, [*OPEN, SKIP])
    assert to_json(replay(rules.new_game(), log)) == to_json(state)
    again_state, again_log = play(rules, [*OPEN, SKIP])
    assert again_log == log and to_json(again_state) == to_json(state)
    stored = [ev.event_from_dict(e.to_dict()) for e in log]
    assert stored == log


@pytest.mark.parametrize(
    ("action", "code"),
    [
        (ac.SkipPuzzle(player="p1", team="equipe", puzzle="q"), "facilitator_only"),
        (ac.SkipPuzzle(player=FACILITATOR, team="autre", puzzle="q"), "unknown_team"),
        (ac.SkipPuzzle(player=FACILITATOR, team="equipe", puzzle="nope"), "not_in_progress"),
        (ac.Announce(player="p1", text="Bonjour"), "facilitator_only"),
        (ac.Announce(player=FACILITATOR, text="   "), "no_text"),
        (ac.Announce(player=FACILITATOR, text="a\u200bb"), "no_text"),
        (ac.Announce(player=FACILITATOR, text="x" * (MAX_ANNOUNCE + 1)), "long_text"),
    ],
)
def test_refused_facilitator_actions_change_nothing(
    rules: Rules, action: ac.Action, code: str
) -> None:
    before, _ = play(rules, OPEN)
    after, events = rules.step(before, action, 1100.0)
    assert [e.kind for e in events] == ["rejected"]
    refusal = events[0]
    assert isinstance(refusal, ev.Rejected) and refusal.code == code and refusal_text(refusal)
    assert to_json(after) == to_json(before)


def test_a_puzzle_is_skipped_once(rules: Rules) -> None:
    state, _ = play(rules, [*OPEN, SKIP])
    _, events = rules.step(state, SKIP, 1200.0)
    assert isinstance(events[0], ev.Rejected) and events[0].code == "not_in_progress"


def test_an_announcement_is_recorded_for_every_team(rules: Rules) -> None:
    state, log = play(rules, [*OPEN, ac.Announce(player=FACILITATOR, text="  Plus que  5 min ! ")])
    said = [e for e in log if isinstance(e, ev.Announced)]
    assert [(e.text, e.team, e.player) for e in said] == [("Plus que 5 min !", None, FACILITATOR)]
    assert to_json(replay(rules.new_game(), log)) == to_json(state)


def test_skip_and_announce_round_trip_as_walkthrough_actions() -> None:
    for action in (SKIP, ac.Announce(player=FACILITATOR, text="Bravo")):
        assert ac.action_from_dict(ac.action_to_dict(action)) == action
