"""What a phone shows, derived from the game state alone: a pure function, tested without
pygame or a browser. The page's JavaScript only draws this value as big buttons."""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Any

from engine.core import events as ev
from engine.core.conditions import holds
from engine.core.rules import ANNOUNCE_SECONDS, Rules
from engine.core.state import GameState, TeamState
from engine.format.puzzles import PuzzleBase
from engine.format.scenario import Role
from engine.typography import spaced

#: The answer field each puzzle type gets on a phone: a keyboard, a number keypad, or choices.
FIELD_OF = {
    "code": "number",
    "number": "number",
    "calculation": "number",  # the data stay on the projector's card
    "text": "text",
    "single_choice": "single",
    "find": "single",
    "multiple_choice": "multiple",
    "order": "order",
    "pairs": "pairs",
}


def puzzle_view(puzzle: PuzzleBase, hints_seen: int) -> dict[str, Any]:
    data = puzzle.model_dump()
    options = data.get("options") or data.get("areas") or data.get("items") or []
    choices = [
        {"id": o["id"], "text": o.get("text") or o.get("label") or o["id"]}
        for o in options
        if isinstance(o, dict) and "id" in o
    ]
    if puzzle.type == "order":  # written in the right order: shown in the alphabet's
        choices.sort(key=lambda c: (c["text"].casefold(), c["id"]))
    pairs = data.get("pairs") or []
    lefts = [{"id": p["id"], "text": p["left"]} for p in pairs]
    rights = sorted(
        ({"id": p["id"], "text": p["right"]} for p in pairs),
        key=lambda c: (c["text"].casefold(), c["id"]),
    )
    return {
        "id": puzzle.id,
        "type": puzzle.type,
        "field": FIELD_OF.get(puzzle.type, "text"),
        "title": puzzle.title,
        "prompt": data.get("prompt") or "",
        "choices": choices,
        "lefts": lefts,
        "rights": rights,
        "hints_left": max(0, len(data.get("hints") or []) - hints_seen),
        "hint": (data.get("hints") or [""])[hints_seen - 1] if hints_seen else "",
    }


def role_view(role: Role, team: TeamState, elapsed: float) -> dict[str, Any]:
    """A role's texts, with French no-break spaces (« Envoyez ! » never wraps before « ! »)."""
    return {
        "name": spaced(role.name),
        "text": spaced(role.text or ""),
        "clues": [spaced(c.text) for c in role.clues if holds(c.when, team, elapsed)],
    }


def phone_view(
    rules: Rules,
    state: GameState,
    player: str,
    elapsed: float,
    card: Callable[[str], dict[str, str] | None] = lambda _p: None,
    shared: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The phone of ``player``: who they are, the phase, and what they can do now.
    ``shared``, the team's part when already made (``team_view``). The roles shown are
    those the rules dealt to ``player`` (``roles_dealt``, kept in the team's state)."""
    who = state.players.get(player)
    if who is None:
        return {"phase": "gone"}
    view: dict[str, Any] = {
        "phase": state.phase,
        "you": {"pseudonym": who.pseudonym, "colour": who.colour, "avatar": who.avatar},
    }
    team = state.team_of(player)
    if state.phase == "ended":
        view["card"] = card(player)
        return view
    if state.phase != "playing" or team is None:
        return view
    view["roles"] = [
        role_view(rules.roles[r], team, elapsed)
        for r in team.roles.get(player, ())
        if r in rules.roles
    ]
    return view | (shared if shared is not None else team_view(rules, state, team, elapsed))


def team_view(rules: Rules, state: GameState, team: TeamState, elapsed: float) -> dict[str, Any]:
    """What every phone of ``team`` shows alike: the place, what to do there, the items and
    the open puzzle (made once for all the team's phones)."""
    scene = rules.scenes.get(team.scene or "")
    open_ = team.open_puzzle
    return {
        "scene": scene.title if scene is not None else "",
        "hotspots": [
            {"id": h.id, "label": h.label, "locked": rules.is_locked(team, h)}
            for h in rules.visible_hotspots(team, elapsed)
        ],
        "exits": [
            {"to": e.to, "label": e.label or rules.scenes[e.to].title}
            for e in rules.visible_exits(team, elapsed)
            if e.to in rules.scenes
        ],
        "items": [
            {"id": i, "name": rules.items[i].name} for i in team.inventory if i in rules.items
        ],
        "puzzle": (
            puzzle_view(rules.puzzle_for(open_, state, team.id), team.hints.get(open_, 0))
            if open_ in rules.puzzles
            else None
        ),
    }


def message_view(announced: ev.Announced | None, now: float) -> dict[str, Any] | None:
    """The facilitator's last message while the projector shows it too (``ANNOUNCE_SECONDS``):
    its text and the seconds it has left, for the phone to clear it on time by itself."""
    if announced is None:
        return None
    left = announced.t + ANNOUNCE_SECONDS - now
    if left <= 0:
        return None
    return {"text": spaced(announced.text), "left": round(left, 1)}


def phone_views(
    rules: Rules,
    state: GameState,
    phones: Collection[str],
    elapsed: float,
    card: Callable[[str], dict[str, str] | None] = lambda _p: None,
) -> dict[str, dict[str, Any]]:
    """Every phone's view, each team's shared part made once."""
    shared: dict[str, dict[str, Any]] = {}
    if state.phase == "playing":
        for player in phones:
            team = state.team_of(player)
            if team is not None and team.id not in shared:
                shared[team.id] = team_view(rules, state, team, elapsed)
    views = {}
    for player in phones:
        info = state.players.get(player)
        team_part = shared.get(info.team) if info is not None else None
        views[player] = phone_view(rules, state, player, elapsed, card, team_part)
    return views
