"""Each text of a scenario that players read, with where it is written, read from the models.

What ``scenario.model_dump(by_alias=True, exclude_defaults=True)`` would give, walked for its
texts (strings under ``TEXT_KEYS``), without building the dump: dumping a large scenario cost
more than every content check that reads its texts. Fields are visited in the order pydantic
dumps them, by their YAML name (alias), and a field equal to its default is skipped as the
dump skips it, so that paths (hence lines and columns) are the dump's. Outside text keys, the
fields whose type cannot hold a text (ids, numbers, a ``give:``, a flag) are not looked at:
which they are is read once a class from the field types (when in doubt, a field is walked).
"""

from __future__ import annotations

from collections import abc
from types import UnionType
from typing import Annotated, Any, Literal, NamedTuple, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from engine.format.scenario import Scenario
from engine.load.yaml_source import Path_

#: Keys whose strings players read; ids, answers and file names are not titles.
TEXT_KEYS = frozenset(
    {
        "title",
        "text",
        "prompt",
        "label",
        "description",
        "say",
        "hints",
        "right",
        "wrong",
        "locked_text",
        "question",
        "intro",
        "summary",
        "message",
        "why",
        "look_for",
        "step",
        "goals",
        "introduction",
        "materials",
        "next_steps",
        "left",
        "word",
        "definition",
    }
)

#: Keys under which texts are for the facilitator, not the game speaking to the players: the
#: sheet, what to look for, why an answer is right, the message to bring out of a question.
FACILITATOR_KEYS = frozenset({"sheet", "look_for", "why", "message", "observe", "glossary"})

_NO_DEFAULT = object()


#: A text, its path in the file, and whether it lies under a ``FACILITATOR_KEYS`` key.
Text = tuple[Path_, str, bool]


def scenario_texts(scenario: Scenario) -> list[Text]:
    """Every text under ``TEXT_KEYS`` in the scenario, in the order of the dump."""
    found: list[Text] = []
    _model(scenario, (), False, False, found)
    return found


class _Field(NamedTuple):
    name: str  # the attribute
    key: str  # the YAML name (alias)
    default: Any  # or _NO_DEFAULT
    texty: bool  # the key is in TEXT_KEYS
    hidden: bool  # the key is in FACILITATOR_KEYS


class _Plan(NamedTuple):
    """The fields of a model class, all of them and those that can hold a text when the
    model is not under a text key (a give, a flag, an id…: not looked at)."""

    fields: tuple[_Field, ...]
    speaking: tuple[_Field, ...]


def _plan(cls: type[BaseModel]) -> _Plan:
    """Built once a class."""
    fields: list[_Field] = []
    speaking: list[_Field] = []
    _PLANNING.add(cls)
    for name, info in cls.model_fields.items():
        if info.default is not PydanticUndefined:
            default = info.default
        elif info.default_factory is not None:
            default = info.get_default(call_default_factory=True, validated_data={})
        else:
            default = _NO_DEFAULT
        key = info.alias or name
        field = _Field(name, key, default, key in TEXT_KEYS, key in FACILITATOR_KEYS)
        fields.append(field)
        if _can_hold_text(info.annotation, field.texty):
            speaking.append(field)
    _PLANNING.discard(cls)
    plan = _PLANS[cls] = _Plan(tuple(fields), tuple(speaking))
    return plan


_PLANS: dict[type[BaseModel], _Plan] = {}
#: Values that hold no text: not walked (the dump keeps them or not, no text either way).
_SCALARS = frozenset({int, float, bool, type(None)})


def _model(model: BaseModel, path: Path_, texty: bool, hidden: bool, out: list[Text]) -> None:
    cls = type(model)
    plan = _PLANS.get(cls) or _plan(cls)
    for field in plan.fields if texty else plan.speaking:  # in the order pydantic dumps them
        child = getattr(model, field.name)
        kind = type(child)
        if kind in _SCALARS or (kind is str and not (texty or field.texty)):
            continue
        if field.default is not _NO_DEFAULT and child == field.default:
            continue  # the dump leaves out what equals the default
        _value(child, (*path, field.key), texty or field.texty, hidden or field.hidden, out)


def _value(value: Any, path: Path_, texty: bool, hidden: bool, out: list[Text]) -> None:
    kind = type(value)
    if kind is str:
        if texty:
            out.append((path, value, hidden))
    elif kind is list or kind is tuple:
        for k, child in enumerate(value):
            item = type(child)
            if item is str:
                if texty:
                    out.append(((*path, k), child, hidden))
            elif item in _PLANS:  # most lists hold models: straight to them, if they speak
                if texty or _PLANS[item].speaking:  # (not a give, a flag, an unlock…)
                    _model(child, (*path, k), texty, hidden, out)
            elif item not in _SCALARS:
                _value(child, (*path, k), texty, hidden, out)
    elif kind is dict:
        for key, child in value.items():
            _value(
                child,
                (*path, key),
                texty or key in TEXT_KEYS,
                hidden or key in FACILITATOR_KEYS,
                out,
            )
    elif kind in _PLANS or isinstance(value, BaseModel):
        _model(value, path, texty, hidden, out)
    elif isinstance(value, str):  # a subclass (a text enum): a text in the dump too
        if texty:
            out.append((path, value, hidden))
    elif isinstance(value, list | tuple | dict):
        _value(dict(value) if isinstance(value, dict) else list(value), path, texty, hidden, out)


#: Model classes being planned: a recursive type (a condition in a condition) can hold text.
_PLANNING: set[type[BaseModel]] = set()


def _speaks(cls: type[BaseModel]) -> bool:
    """Whether a ``cls`` not under a text key can hold a text."""
    if cls in _PLANNING:
        return True
    return bool((_PLANS.get(cls) or _plan(cls)).speaking)


def _can_hold_text(kind: Any, texty: bool) -> bool:
    """Whether a value of type ``kind`` can hold a text to walk (when in doubt: yes)."""
    if kind in _SCALARS:
        return False
    if isinstance(kind, type):
        if issubclass(kind, str):
            return texty
        if issubclass(kind, BaseModel):
            return texty or _speaks(kind)
        if issubclass(kind, set | frozenset):
            return False  # not walked, in the dump either
    origin, args = get_origin(kind), get_args(kind)
    if origin is Annotated:
        return _can_hold_text(args[0], texty)
    if origin is Literal:
        return texty and any(isinstance(arg, str) for arg in args)
    if origin in (Union, UnionType, list, tuple, abc.Sequence):
        return any(_can_hold_text(arg, texty) for arg in args if arg is not Ellipsis)
    # a dict (its keys may be text keys), Any, a name not resolved…
    return origin not in (set, frozenset)
