"""Action paths written as walkthrough steps, so that an author can paste and replay them.

Lint paths are played with no time between actions (``seconds_per_step: 0``); a ``wait``
step lets time pass until a timed event or an ``after_minutes`` condition.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import yaml

from engine.core import actions as ac
from engine.core.events import Event, Rejected
from engine.core.rules import Rules
from engine.core.state import CLOCK, GameState
from engine.lint.explore import Move, Wait, start_state
from engine.locale import refusal_text
from engine.walkthrough import parse_step


def move_steps(moves: Iterable[Move], start: float = 0.0) -> list[dict[str, Any]]:
    """``[Use(hotspot="casier"), …]`` → ``[{"player": "p1", "use": "casier"}, …]``."""
    steps: list[dict[str, Any]] = []
    now = start
    for move in moves:
        if isinstance(move, Wait):
            steps.append({"wait": round(move.until - now, 3)})
            now = move.until
        else:
            steps.append(action_step(move))
    return steps


def action_step(action: ac.Action) -> dict[str, Any]:
    step: dict[str, Any] = {"player": action.player}
    match action:
        case ac.Go(to=to):
            step["go"] = to
        case ac.Use(hotspot=hotspot, item=None):
            step["use"] = hotspot
        case ac.Use(hotspot=hotspot, item=item):
            step["use"] = {"hotspot": hotspot, "item": item}
        case ac.Answer(puzzle=puzzle, value=value):
            step["answer"] = {"puzzle": puzzle, "value": _plain(value)}
        case ac.Combine(first=first, second=second):
            step["combine"] = [first, second]
        case ac.Examine(item=item):
            step["examine"] = item
        case ac.SkipPuzzle(team=team, puzzle=puzzle):
            step["skip"] = {"team": team, "puzzle": puzzle}
        case ac.Announce(text=text):
            step["announce"] = text
        case _:
            step[action.key] = {}
    return step


def _plain(value: Any) -> Any:
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def format_step(step: dict[str, Any]) -> str:
    """One step in YAML flow style, as in a walkthrough file: ``{player: p1, use: casier}``."""
    text = yaml.safe_dump(
        step, default_flow_style=True, allow_unicode=True, sort_keys=False, width=1000
    )
    return text.strip()


def format_moves(moves: Iterable[Move], indent: str = "      ") -> str:
    return "\n".join(f"{indent}- {format_step(s)}" for s in move_steps(moves))


def parse_steps(steps: Sequence[dict[str, Any]]) -> list[Move]:
    """Walkthrough-style steps back to moves (through the walkthrough parser)."""
    moves: list[Move] = []
    now = 0.0
    for raw in steps:
        step = parse_step(raw)
        if step.action is None:
            now += step.wait
            moves.append(Wait(now))
        else:
            moves.append(step.action)
    return moves


def replay(rules: Rules, moves: Iterable[Move]) -> tuple[GameState, float, list[Event]]:
    """Play a lint path from the start through the core; raise if an action is rejected."""
    state = start_state(rules)
    now = 0.0
    events: list[Event] = []
    for move in moves:
        if isinstance(move, Wait):
            now = move.until
            action: ac.Action = ac.Tick(player=CLOCK)
        else:
            action = move
        state, produced = rules.step(state, action, now)
        events += produced
        rejected = [e for e in produced if isinstance(e, Rejected)]
        if rejected:
            raise ValueError(f"action refusée : {action} ({refusal_text(rejected[0])})")
    return state, now, events
