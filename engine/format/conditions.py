"""Conditions: small one-key mappings that authors combine with ``all``/``any``/``not``.

Each condition is written as a one-key mapping (``{has: cle}``) so that YAML stays readable;
the key is the discriminator. ``CONDITION_TYPES`` is the one table that the loader's
suggestions, the core and the lint read.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Discriminator, Field, Tag

from engine.format.base import Id, Model


class Has(Model):
    """The team carries the item."""

    has: Id


class Flag(Model):
    """A flag was set by an effect (and not unset since)."""

    flag: Id


class Solved(Model):
    """The team solved the puzzle."""

    solved: Id


class Failed(Model):
    """The team used up the attempts of the puzzle."""

    failed: Id


class Visited(Model):
    """The team has been in the scene."""

    visited: Id


class ScoreAtLeast(Model):
    """The team's score is at least this many points."""

    score_at_least: int


class AfterMinutes(Model):
    """At least this many minutes of play have elapsed."""

    after_minutes: float = Field(ge=0)


class All(Model):
    """Every condition holds."""

    all: list[Condition] = Field(min_length=1)


class Any_(Model):
    """At least one condition holds."""

    any: list[Condition] = Field(min_length=1)


class Not(Model):
    """The condition does not hold."""

    not_: Condition = Field(alias="not")


def single_key_tag(value: Any) -> str | None:
    """Discriminate a one-key mapping (or an already built model) by its key."""
    if isinstance(value, dict):
        keys = [k for k in value if isinstance(k, str)]
        return keys[0] if len(keys) == 1 else None
    if isinstance(value, Model):
        return tag_of(value)
    return None


def tag_of(value: Model) -> str:
    """The YAML key of a condition or effect model (``Has(...)`` -> ``"has"``)."""
    name, field = next(iter(type(value).model_fields.items()))
    return field.alias or name


Condition = Annotated[
    Annotated[Has, Tag("has")]
    | Annotated[Flag, Tag("flag")]
    | Annotated[Solved, Tag("solved")]
    | Annotated[Failed, Tag("failed")]
    | Annotated[Visited, Tag("visited")]
    | Annotated[ScoreAtLeast, Tag("score_at_least")]
    | Annotated[AfterMinutes, Tag("after_minutes")]
    | Annotated[All, Tag("all")]
    | Annotated[Any_, Tag("any")]
    | Annotated[Not, Tag("not")],
    Discriminator(
        single_key_tag,
        custom_error_type="unknown_condition",
        custom_error_message="unknown condition",
    ),
]

# All, Any_ and Not name ``Condition`` before it exists: pydantic resolves it when they are
# first used (``defer_build``), not here, so importing the format builds no validator.

CONDITION_TYPES: dict[str, type[Model]] = {
    "has": Has,
    "flag": Flag,
    "solved": Solved,
    "failed": Failed,
    "visited": Visited,
    "score_at_least": ScoreAtLeast,
    "after_minutes": AfterMinutes,
    "all": All,
    "any": Any_,
    "not": Not,
}
