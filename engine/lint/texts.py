"""Each text of a scenario that players read, with where it is written, read from the models.

What ``scenario.model_dump(by_alias=True, exclude_defaults=True)`` would give, walked for its
texts (strings under ``TEXT_KEYS``), without building the dump: dumping a large scenario cost
more than every content check that reads its texts. Fields are visited in the order pydantic
dumps them, by their YAML name (alias), and a field equal to its default is skipped as the
dump skips it, so that paths (hence lines and columns) are the dump's.
"""

from __future__ import annotations

from typing import Any, NamedTuple

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
    key: str  # the YAML name (alias)
    default: Any  # or _NO_DEFAULT
    texty: bool  # the key is in TEXT_KEYS
    hidden: bool  # the key is in FACILITATOR_KEYS


def _fields(cls: type[BaseModel]) -> dict[str, _Field]:
    """Each field of ``cls`` by attribute name, built once a class."""
    known = _PLANS.get(cls)
    if known is None:
        known = {}
        for name, info in cls.model_fields.items():
            if info.default is not PydanticUndefined:
                default = info.default
            elif info.default_factory is not None:
                default = info.get_default(call_default_factory=True, validated_data={})
            else:
                default = _NO_DEFAULT
            key = info.alias or name
            known[name] = _Field(key, default, key in TEXT_KEYS, key in FACILITATOR_KEYS)
        _PLANS[cls] = known
    return known


_PLANS: dict[type[BaseModel], dict[str, _Field]] = {}
#: Values that hold no text: not walked (the dump keeps them or not, no text either way).
_SCALARS = frozenset({int, float, bool, type(None)})


def _model(model: BaseModel, path: Path_, texty: bool, hidden: bool, out: list[Text]) -> None:
    fields = _PLANS.get(type(model)) or _fields(type(model))
    # the fields, in the order pydantic dumps them (a cached property also lands here)
    for name, child in model.__dict__.items():
        field = fields.get(name)
        kind = type(child)
        if field is None or kind in _SCALARS or (kind is str and not (texty or field.texty)):
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
            if type(child) is str:
                if texty:
                    out.append(((*path, k), child, hidden))
            elif type(child) not in _SCALARS:
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
