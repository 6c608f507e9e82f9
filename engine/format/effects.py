"""Effects: what happens when a hotspot is used, a puzzle solved, a scene first visited…

Written like conditions, as one-key mappings (``{give: cle}``), and run in order.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Discriminator, Field, Tag

from engine.format.base import Id, Model, Text
from engine.format.conditions import single_key_tag


class Give(Model):
    """Put an item in the team's inventory."""

    give: Id


class Take(Model):
    """Remove an item from the team's inventory (it is used up)."""

    take: Id


class SetFlag(Model):
    """Remember that something happened."""

    set: Id


class UnsetFlag(Model):
    """Forget a flag."""

    unset: Id


class Say(Model):
    """Show a narration text."""

    say: Text


class Unlock(Model):
    """Unlock a locked exit or hotspot, by its id."""

    unlock: Id


class GoTo(Model):
    """Move the team to another scene."""

    go: Id


class AddScore(Model):
    """Add points to the team's score (negative to remove)."""

    score: int


class EvidenceSpec(Model):
    skill: str
    text: Text


class Evidence(Model):
    """Record that the acting player showed a skill."""

    evidence: EvidenceSpec


class End(Model):
    """End the game for the team with a named ending."""

    end: Id


class EndTurn(Model):
    """In ``turns`` mode, hand the screen to the next team."""

    end_turn: Literal[True]


Effect = Annotated[
    Annotated[Give, Tag("give")]
    | Annotated[Take, Tag("take")]
    | Annotated[SetFlag, Tag("set")]
    | Annotated[UnsetFlag, Tag("unset")]
    | Annotated[Say, Tag("say")]
    | Annotated[Unlock, Tag("unlock")]
    | Annotated[GoTo, Tag("go")]
    | Annotated[AddScore, Tag("score")]
    | Annotated[Evidence, Tag("evidence")]
    | Annotated[End, Tag("end")]
    | Annotated[EndTurn, Tag("end_turn")],
    Discriminator(
        single_key_tag,
        custom_error_type="unknown_effect",
        custom_error_message="unknown effect",
    ),
]

EFFECT_TYPES: dict[str, type[Model]] = {
    "give": Give,
    "take": Take,
    "set": SetFlag,
    "unset": UnsetFlag,
    "say": Say,
    "unlock": Unlock,
    "go": GoTo,
    "score": AddScore,
    "evidence": Evidence,
    "end": End,
    "end_turn": EndTurn,
}

Effects = Annotated[list[Effect], Field(default_factory=list)]
