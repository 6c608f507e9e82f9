"""The pure game core: no pygame, no I/O, no clock of its own.

``Rules(scenario).step(state, action, now) -> (state, events)``; ``apply`` folds events into
state; ``state.to_json``/``from_json`` serialise it. Everything here is deterministic.
"""

from engine.core.actions import Action, action_from_dict, action_to_dict
from engine.core.apply import apply, replay
from engine.core.events import Event, event_from_dict
from engine.core.rules import Rules, step
from engine.core.state import CLOCK, FACILITATOR, GameState, TeamState, from_json, to_json

__all__ = [
    "CLOCK",
    "FACILITATOR",
    "Action",
    "Event",
    "GameState",
    "Rules",
    "TeamState",
    "action_from_dict",
    "action_to_dict",
    "apply",
    "event_from_dict",
    "from_json",
    "replay",
    "step",
    "to_json",
]
