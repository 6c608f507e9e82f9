"""Game state: plain immutable values, serialisable to JSON with a schema version.

State is never edited in place: ``engine.core.apply`` builds a new value from an old one and
an event. Mappings are ordinary dicts by convention never mutated after construction.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Literal, TypedDict, TypeVar, cast

_T = TypeVar("_T")
_new = object.__new__  # looked up once: values are made once an event
_set = object.__setattr__

STATE_SCHEMA = 1
FACILITATOR = "facilitator"
CLOCK = "clock"

Phase = Literal["lobby", "playing", "ended"]


@dataclass(frozen=True)
class Player:
    id: str
    pseudonym: str
    team: str
    colour: str
    avatar: str
    phone: bool = False  # joined from their own phone: may hold a role


@dataclass(frozen=True)
class Clock:
    """Game time: wall-clock seconds given by the caller, minus pauses, plus adjustments."""

    started_at: float | None = None
    paused_at: float | None = None
    paused_total: float = 0.0
    extra_seconds: float = 0.0

    def elapsed(self, now: float) -> float:
        if self.started_at is None:
            return 0.0
        until = self.paused_at if self.paused_at is not None else now
        elapsed = until - self.started_at - self.paused_total
        return elapsed if elapsed > 0.0 else 0.0  # ``max(0.0, …)``, without a call a step


@dataclass(frozen=True)
class TeamState:
    id: str
    name: str
    scene: str | None = None
    inventory: tuple[str, ...] = ()
    flags: frozenset[str] = frozenset()
    unlocked: frozenset[str] = frozenset()
    visited: frozenset[str] = frozenset()
    used: frozenset[str] = frozenset()
    examined: frozenset[str] = frozenset()
    solved: frozenset[str] = frozenset()
    failed: frozenset[str] = frozenset()
    open_puzzle: str | None = None
    hints: dict[str, int] = field(default_factory=dict)
    wrong: dict[str, int] = field(default_factory=dict)
    opened_at: dict[str, float] = field(default_factory=dict)
    participants: dict[str, frozenset[str]] = field(default_factory=dict)
    score: int = 0
    ending: str | None = None
    #: the roles dealt to the team's phones: player id → role ids (empty until dealt)
    roles: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def hints_total(self) -> int:
        return sum(self.hints.values())


class TeamFields(TypedDict):
    """A ``TeamState``'s fields, as ``engine.core.apply``'s team handlers change them: in a
    copy (``fields_of``) that becomes a new team (``team_from``), never in a stored team."""

    id: str
    name: str
    scene: str | None
    inventory: tuple[str, ...]
    flags: frozenset[str]
    unlocked: frozenset[str]
    visited: frozenset[str]
    used: frozenset[str]
    examined: frozenset[str]
    solved: frozenset[str]
    failed: frozenset[str]
    open_puzzle: str | None
    hints: dict[str, int]
    wrong: dict[str, int]
    opened_at: dict[str, float]
    participants: dict[str, frozenset[str]]
    score: int
    ending: str | None
    roles: dict[str, tuple[str, ...]]


def fields_of(team: TeamState) -> TeamFields:
    """A copy of ``team``'s fields, to change."""
    return cast(TeamFields, team.__dict__.copy())


def team_from(fields: TeamFields) -> TeamState:
    """The team whose fields are ``fields`` (the dict itself, not a copy: it is the team's)."""
    team = _new(TeamState)
    _set(team, "__dict__", fields)
    return team


@dataclass(frozen=True)
class GameState:
    scenario_id: str
    scenario_version: str
    schema: int = STATE_SCHEMA
    phase: Phase = "lobby"
    players: dict[str, Player] = field(default_factory=dict)
    teams: dict[str, TeamState] = field(default_factory=dict)
    active_team: str | None = None
    clock: Clock = Clock()
    fired: frozenset[str] = frozenset()
    self_assessed: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def team_of(self, player: str) -> TeamState | None:
        info = self.players.get(player)
        return self.teams.get(info.team) if info else None


def new_state(scenario_id: str, scenario_version: str) -> GameState:
    """The state before anyone joined."""
    return GameState(scenario_id=scenario_id, scenario_version=scenario_version)


def evolve(value: _T, **changes: Any) -> _T:
    """``dataclasses.replace`` for our frozen states, without re-running ``__init__``.

    The reducer makes a new state per event and the lint makes hundreds of thousands; copying
    the instance dict is about 10× cheaper than ``replace``, and every field keeps its type.
    """
    new = _new(value.__class__)
    fields = value.__dict__.copy()
    fields.update(changes)
    _set(new, "__dict__", fields)
    return new


# --- JSON -------------------------------------------------------------------------------------


def to_json(state: GameState) -> str:
    """A stable JSON text (sets sorted, dict order kept: it is the teams' turn order)."""
    return json.dumps(_encode(state), ensure_ascii=False, separators=(",", ":"))


def from_json(text: str) -> GameState:
    data = json.loads(text)
    if data.get("schema") != STATE_SCHEMA:
        raise ValueError(f"unsupported state schema {data.get('schema')!r}")
    return _decode_state(data)


def _encode(value: Any) -> Any:
    if isinstance(value, frozenset):
        return sorted(value)
    if isinstance(value, tuple):
        return [_encode(v) for v in value]
    if isinstance(value, dict):
        return {k: _encode(v) for k, v in value.items()}
    if hasattr(value, "__dataclass_fields__"):
        return {name: _encode(getattr(value, name)) for name in value.__dataclass_fields__}
    return value


def _decode_team(data: dict[str, Any]) -> TeamState:
    sets = ("flags", "unlocked", "visited", "used", "examined", "solved", "failed")
    values = dict(data)
    for name in sets:
        values[name] = frozenset(values[name])
    values["inventory"] = tuple(values["inventory"])
    values["participants"] = {k: frozenset(v) for k, v in values["participants"].items()}
    values["roles"] = {k: tuple(v) for k, v in values.get("roles", {}).items()}
    return TeamState(**values)


def _decode_state(data: dict[str, Any]) -> GameState:
    values = dict(data)
    values["players"] = {k: Player(**v) for k, v in values["players"].items()}
    values["teams"] = {k: _decode_team(v) for k, v in values["teams"].items()}
    values["clock"] = Clock(**values["clock"])
    values["fired"] = frozenset(values["fired"])
    values["self_assessed"] = {k: tuple(v) for k, v in values["self_assessed"].items()}
    return GameState(**values)
