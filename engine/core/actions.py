"""Actions: what a player (or the facilitator, or the clock) asks the game to do.

Every action carries the acting ``player`` id, so every event can be attributed. Actions are
written in walkthroughs as one-key mappings (``{player: p1, use: frigo}``); ``action_from_dict``
and ``action_to_dict`` are the one translation, used by walkthroughs, lint paths and storage.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any, ClassVar

ACTION_TYPES: dict[str, type[Action]] = {}


@dataclass(frozen=True, kw_only=True)
class Action:
    key: ClassVar[str] = "action"
    player: str

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        ACTION_TYPES[cls.key] = cls


@dataclass(frozen=True, kw_only=True)
class Join(Action):
    key: ClassVar[str] = "join"
    pseudonym: str
    team: str = "equipe"
    colour: str = "#0072b2"
    avatar: str = "cercle"
    #: joined from their own phone: can read a role's private clues (``roles:``)
    phone: bool = False


@dataclass(frozen=True, kw_only=True)
class Start(Action):
    key: ClassVar[str] = "start"


@dataclass(frozen=True, kw_only=True)
class Go(Action):
    key: ClassVar[str] = "go"
    to: str


@dataclass(frozen=True, kw_only=True)
class Use(Action):
    key: ClassVar[str] = "use"
    hotspot: str
    item: str | None = None


@dataclass(frozen=True, kw_only=True)
class Examine(Action):
    key: ClassVar[str] = "examine"
    item: str


@dataclass(frozen=True, kw_only=True)
class Combine(Action):
    key: ClassVar[str] = "combine"
    first: str
    second: str


@dataclass(frozen=True, kw_only=True)
class Answer(Action):
    """``value``: text for code/text; option id; tuple of ids (multiple, order); dict for pairs."""

    key: ClassVar[str] = "answer"
    puzzle: str
    value: Any


@dataclass(frozen=True, kw_only=True)
class Hint(Action):
    key: ClassVar[str] = "hint"
    puzzle: str


@dataclass(frozen=True, kw_only=True)
class Close(Action):
    key: ClassVar[str] = "close"


@dataclass(frozen=True, kw_only=True)
class PassTurn(Action):
    key: ClassVar[str] = "pass_turn"


@dataclass(frozen=True, kw_only=True)
class Tick(Action):
    """Time passes; timed events and the time limit are checked."""

    key: ClassVar[str] = "tick"


@dataclass(frozen=True, kw_only=True)
class Pause(Action):
    key: ClassVar[str] = "pause"


@dataclass(frozen=True, kw_only=True)
class Resume(Action):
    key: ClassVar[str] = "resume"


@dataclass(frozen=True, kw_only=True)
class AdjustTime(Action):
    key: ClassVar[str] = "adjust_time"
    minutes: float


@dataclass(frozen=True, kw_only=True)
class PushHint(Action):
    """The facilitator sends the next hint of a team's puzzle to the screen."""

    key: ClassVar[str] = "push_hint"
    team: str
    puzzle: str


@dataclass(frozen=True, kw_only=True)
class SkipPuzzle(Action):
    """The facilitator moves a stuck team past a puzzle: its effects apply, nobody earns a skill."""

    key: ClassVar[str] = "skip_puzzle"
    team: str
    puzzle: str


@dataclass(frozen=True, kw_only=True)
class Announce(Action):
    """A short message the facilitator types on the console, shown to every team."""

    key: ClassVar[str] = "announce"
    text: str


@dataclass(frozen=True, kw_only=True)
class Observe(Action):
    """The facilitator saw ``target`` show ``skill``; ``note`` is an optional short text."""

    key: ClassVar[str] = "observe"
    target: str
    skill: str
    note: str = ""


@dataclass(frozen=True, kw_only=True)
class SelfAssess(Action):
    key: ClassVar[str] = "self_assess"
    skills: tuple[str, ...]


def normalise_value(value: Any) -> Any:
    """Lists become tuples so that answers compare and hash the same after a JSON trip."""
    if isinstance(value, list):
        return tuple(normalise_value(v) for v in value)
    if isinstance(value, dict):
        return {str(k): normalise_value(v) for k, v in value.items()}
    return value


def action_to_dict(action: Action) -> dict[str, Any]:
    data: dict[str, Any] = {"action": action.key}
    for f in fields(action):
        value = getattr(action, f.name)
        data[f.name] = list(value) if isinstance(value, tuple) else value
    return data


class ActionError(ValueError):
    """A walkthrough or stored action that does not describe a known action."""


def action_from_dict(data: dict[str, Any]) -> Action:
    """Build an action from its stored form (``{"action": "use", "player": …, "hotspot": …}``)."""
    values = dict(data)
    key = values.pop("action", None)
    cls = ACTION_TYPES.get(str(key))
    if cls is None:
        raise ActionError(f"action inconnue « {key} »")
    names = {f.name for f in fields(cls)}
    unknown = set(values) - names
    if unknown:
        raise ActionError(
            f"{'champs inconnus' if len(unknown) > 1 else 'champ inconnu'} pour « {key} » : {', '.join(sorted(unknown))}"
        )
    if "value" in values:
        values["value"] = normalise_value(values["value"])
    if "skills" in values:
        values["skills"] = tuple(values["skills"])
    try:
        return cls(**values)
    except TypeError as exc:
        raise ActionError(f"action « {key} » incomplète : {exc}") from None
