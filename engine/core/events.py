"""Events: immutable facts, the durable record of a game.

Every event carries the elapsed game time ``t`` (seconds), the acting ``player`` (or
``None`` for the clock) and the ``team`` it concerns. State is a fold of events
(``engine.core.apply``), so the log alone is enough to resume a game or replay a debrief.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, ClassVar

EVENT_TYPES: dict[str, type[Event]] = {}


@dataclass(frozen=True, kw_only=True)
class Event:
    kind: ClassVar[str] = "event"
    t: float
    player: str | None = None
    team: str | None = None

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        EVENT_TYPES[cls.kind] = cls

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"kind": self.kind}
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            data[f.name] = list(value) if isinstance(value, tuple) else value
        return data


def event_from_dict(data: dict[str, Any]) -> Event:
    """Rebuild an event from its JSON form (as stored in the session log).

    The event is filled in directly (what the dataclass's ``__init__`` does, one
    ``object.__setattr__`` a field, at a fifth of the cost): a hub rebuilds the cards of
    thousands of sessions from their logs. Data with a missing or unknown field goes through
    ``__init__``, which raises the same ``TypeError`` as ever."""
    values = dict(data)
    cls = EVENT_TYPES[values.pop("kind")]
    shape = _shape(cls)
    if not shape.required <= values.keys() <= shape.names:
        return cls(**values)
    for name, value in values.items():
        if isinstance(value, (list, dict)):
            values[name] = _frozen(value)  # same keys: the dict's size does not change
    event = object.__new__(cls)
    fields = event.__dict__
    fields.update(shape.defaults)
    fields.update(values)
    return event


@dataclass(frozen=True)
class _Shape:
    """What ``event_from_dict`` checks and fills in for one class of event."""

    names: frozenset[str]
    required: frozenset[str]
    defaults: dict[str, Any]


_SHAPES: dict[str, _Shape] = {}


def _shape(cls: type[Event]) -> _Shape:
    """A class's fields, asked once: a hub rebuilding cards reads millions of events. A field
    with a default factory (none yet) would need a call per event: it is then required, so
    such data goes through ``__init__``."""
    shape = _SHAPES.get(cls.kind)
    if shape is None:
        fields = dataclasses.fields(cls)
        shape = _SHAPES[cls.kind] = _Shape(
            names=frozenset(f.name for f in fields),
            required=frozenset(f.name for f in fields if f.default is dataclasses.MISSING),
            defaults={f.name: f.default for f in fields if f.default is not dataclasses.MISSING},
        )
    return shape


def _frozen(value: Any) -> Any:
    """JSON lists back to tuples, at any depth (an answer may be a list inside a mapping)."""
    if isinstance(value, list):
        return tuple([_frozen(v) if isinstance(v, (list, dict)) else v for v in value])
    if isinstance(value, dict):
        return {k: _frozen(v) if isinstance(v, (list, dict)) else v for k, v in value.items()}
    return value


@dataclass(frozen=True, kw_only=True)
class PlayerJoined(Event):
    kind: ClassVar[str] = "player_joined"
    pseudonym: str
    colour: str
    avatar: str
    team_name: str
    phone: bool = False


@dataclass(frozen=True, kw_only=True)
class RolesDealt(Event):
    """The team's roles, dealt between its players who hold a phone: ``roles`` pairs each
    player with the ids of the roles they hold (``engine.core.roles.deal``)."""

    kind: ClassVar[str] = "roles_dealt"
    roles: tuple[tuple[str, tuple[str, ...]], ...]


@dataclass(frozen=True, kw_only=True)
class GameStarted(Event):
    kind: ClassVar[str] = "game_started"
    at: float


@dataclass(frozen=True, kw_only=True)
class Moved(Event):
    kind: ClassVar[str] = "moved"
    scene: str
    first_visit: bool


@dataclass(frozen=True, kw_only=True)
class Said(Event):
    kind: ClassVar[str] = "said"
    text: str


@dataclass(frozen=True, kw_only=True)
class Blocked(Event):
    """A normal 'not yet' of the game (locked door, wrong object), shown to the players."""

    kind: ClassVar[str] = "blocked"
    text: str
    target: str


@dataclass(frozen=True, kw_only=True)
class HotspotUsed(Event):
    kind: ClassVar[str] = "hotspot_used"
    hotspot: str
    item: str | None = None
    first_time: bool = True


@dataclass(frozen=True, kw_only=True)
class ItemGained(Event):
    kind: ClassVar[str] = "item_gained"
    item: str


@dataclass(frozen=True, kw_only=True)
class ItemLost(Event):
    kind: ClassVar[str] = "item_lost"
    item: str


@dataclass(frozen=True, kw_only=True)
class ItemExamined(Event):
    kind: ClassVar[str] = "item_examined"
    item: str
    first_time: bool


@dataclass(frozen=True, kw_only=True)
class FlagSet(Event):
    kind: ClassVar[str] = "flag_set"
    flag: str


@dataclass(frozen=True, kw_only=True)
class FlagUnset(Event):
    kind: ClassVar[str] = "flag_unset"
    flag: str


@dataclass(frozen=True, kw_only=True)
class Unlocked(Event):
    kind: ClassVar[str] = "unlocked"
    target: str


@dataclass(frozen=True, kw_only=True)
class PuzzleOpened(Event):
    kind: ClassVar[str] = "puzzle_opened"
    puzzle: str


@dataclass(frozen=True, kw_only=True)
class PuzzleClosed(Event):
    kind: ClassVar[str] = "puzzle_closed"
    puzzle: str


@dataclass(frozen=True, kw_only=True)
class AnswerChecked(Event):
    kind: ClassVar[str] = "answer_checked"
    puzzle: str
    answer: Any
    correct: bool


@dataclass(frozen=True, kw_only=True)
class PuzzleSolved(Event):
    kind: ClassVar[str] = "puzzle_solved"
    puzzle: str
    participants: tuple[str, ...]
    hints: int
    wrong: int
    seconds: float


@dataclass(frozen=True, kw_only=True)
class PuzzleSkipped(Event):
    """The facilitator skipped the puzzle: the game goes on as if solved, with no evidence."""

    kind: ClassVar[str] = "puzzle_skipped"
    puzzle: str


@dataclass(frozen=True, kw_only=True)
class Announced(Event):
    """A message from the facilitator to all teams (``team`` is None)."""

    kind: ClassVar[str] = "announced"
    text: str


@dataclass(frozen=True, kw_only=True)
class PuzzleFailed(Event):
    kind: ClassVar[str] = "puzzle_failed"
    puzzle: str


@dataclass(frozen=True, kw_only=True)
class HintShown(Event):
    kind: ClassVar[str] = "hint_shown"
    puzzle: str
    level: int
    text: str
    pushed: bool = False


@dataclass(frozen=True, kw_only=True)
class ScoreChanged(Event):
    kind: ClassVar[str] = "score_changed"
    delta: int
    total: int


@dataclass(frozen=True, kw_only=True)
class EvidenceRecorded(Event):
    """A player showed a skill. ``source`` is ``game``, ``facilitator`` or ``self``."""

    kind: ClassVar[str] = "evidence_recorded"
    skill: str
    players: tuple[str, ...]
    text: str
    source: str
    puzzle: str | None = None
    rule: str | None = None


@dataclass(frozen=True, kw_only=True)
class SelfAssessed(Event):
    kind: ClassVar[str] = "self_assessed"
    skills: tuple[str, ...]


@dataclass(frozen=True, kw_only=True)
class TurnPassed(Event):
    """``team`` is the team whose turn it now is."""

    kind: ClassVar[str] = "turn_passed"


@dataclass(frozen=True, kw_only=True)
class TeamEnded(Event):
    kind: ClassVar[str] = "team_ended"
    ending: str


@dataclass(frozen=True, kw_only=True)
class GameEnded(Event):
    kind: ClassVar[str] = "game_ended"


@dataclass(frozen=True, kw_only=True)
class TimedEventFired(Event):
    kind: ClassVar[str] = "timed_event_fired"
    timed_event: str


@dataclass(frozen=True, kw_only=True)
class TimeUp(Event):
    kind: ClassVar[str] = "time_up"


@dataclass(frozen=True, kw_only=True)
class Paused(Event):
    kind: ClassVar[str] = "paused"
    at: float


@dataclass(frozen=True, kw_only=True)
class Resumed(Event):
    kind: ClassVar[str] = "resumed"
    at: float


@dataclass(frozen=True, kw_only=True)
class TimeAdjusted(Event):
    kind: ClassVar[str] = "time_adjusted"
    seconds: float


@dataclass(frozen=True, kw_only=True)
class Rejected(Event):
    """An action that the rules refuse; the state does not change.

    ``code`` names the refusal (``engine.core.refusals``) and ``params`` the values its text
    shows; the text itself, in the players' language, is ``engine.locale.refusal_text``. Logs
    written before refusal codes also carry the French ``reason`` that was shown then.
    """

    kind: ClassVar[str] = "rejected"
    action: str
    code: str
    params: tuple[tuple[str, str | int], ...] = ()
    reason: str = ""


def _quick_init(cls: type[Event]) -> None:
    """Give ``cls`` an ``__init__`` that fills the instance dict directly.

    The dataclass's own ``__init__`` of a frozen class sets each field through
    ``object.__setattr__``; this one (same keyword-only signature, same defaults, same
    ``TypeError`` for a missing or unknown field) stores them at half the cost: the lint's
    search builds tens of thousands of events. Equality, hash, ``repr`` and the frozen
    ``__setattr__`` stay the dataclass's. Written out as source, the way ``dataclasses``
    writes its own ``__init__``.
    """
    fields = dataclasses.fields(cls)
    if any(not f.init or f.default_factory is not dataclasses.MISSING for f in fields):
        return  # a field this does not fill as the dataclass would: its own ``__init__`` stays
    defaults = {f"_default_{f.name}": f.default for f in fields}
    params = ", ".join(
        f.name if f.default is dataclasses.MISSING else f"{f.name}=_default_{f.name}"
        for f in fields
    )
    body = "".join(f"\n    __values[{f.name!r}] = {f.name}" for f in fields)
    source = f"def __init__(__event, *, {params}):\n    __values = __event.__dict__{body}\n"
    namespace: dict[str, Any] = {}
    exec(source, defaults, namespace)  # the source is made of the field names above
    init = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__doc__ = cls.__init__.__doc__
    cls.__init__ = init  # type: ignore[method-assign]


#: every event class (keep this at the end of the module: a class below would be left out)
_EVENT_CLASSES: list[type[Event]] = [Event, *EVENT_TYPES.values()]
for _event_class in _EVENT_CLASSES:
    _quick_init(_event_class)
