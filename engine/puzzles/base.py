"""What every puzzle type shares: the common fields, and the unit a type registers.

A puzzle type is one module that builds one :class:`PuzzleType`. Every part is required, so a
type cannot be registered without saying how it is answered, checked and linted;
``tests/core/test_puzzle_registry.py`` then runs every part on the type's ``example``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeVar

from pydantic import Field

from engine.format.base import Id, Model, Text
from engine.format.effects import Effects

EvidenceWhen = Literal["solved", "no_hint", "first_try", "fast", "together"]


class EvidenceRule(Model):
    """A cross-cutting skill this puzzle shows, and when it counts.

    ``solved``: whenever the team solves it; ``no_hint``: solved without any hint;
    ``first_try``: solved with no wrong answer; ``fast``: solved within ``seconds`` of being
    opened; ``together``: at least ``players`` different players acted on it.
    """

    skill: str
    when: EvidenceWhen = "solved"
    seconds: int | None = Field(default=None, gt=0)
    players: int = Field(default=2, ge=2)
    text: Text | None = None
    #: The behaviour the skill needs besides ``when``: counts only after at least this many
    #: wrong answers (persévérance: tried, failed, kept going and succeeded).
    after_wrong: int | None = Field(default=None, ge=1)


class Observation(Model):
    """A skill the game cannot see (calm, ideas, leading): the facilitator watches for it
    during this puzzle and records it from the console; the sheet lists what to look for."""

    skill: str
    look_for: Text


class Feedback(Model):
    right: Text = "Bravo, c'est juste !"
    wrong: Text = "Pas encore. Essayez autre chose."


class Clue(Model):
    """Where a player can find the answer; lint checks it is reachable."""

    item: Id | None = None
    scene: Id | None = None
    hotspot: Id | None = None
    #: the answer is in the clues of this role (``roles:``), read on its holder's phone
    role: Id | None = None
    knowledge: bool = False


class PuzzleBase(Model):
    if TYPE_CHECKING:
        #: The YAML ``type:`` tag; each type declares it as its own literal field.
        type: str

    id: Id
    title: Text
    prompt: Text
    hints: list[Text] = Field(min_length=2, max_length=4)
    skills: list[EvidenceRule] = Field(default_factory=list)
    feedback: Feedback = Feedback()
    attempts: int | None = Field(default=None, ge=1)
    points: int = 0
    clue: Clue | None = None
    on_solve: Effects
    on_fail: Effects
    #: Skills left to the facilitator's eye during this puzzle (no automatic evidence).
    observe: list[Observation] = Field(default_factory=list)
    #: Why the answer is right, for the facilitator's answer key (else ``feedback.right``).
    why: Text | None = None


class Option(Model):
    id: Id
    text: Text


#: Where a value sits in the YAML, from the puzzle: ``("answers", 0)``.
Where = tuple[str | int, ...]

#: The scenario's item ids, for a reference that must name an item of the scenario.
SCENARIO_ITEMS: Literal["items"] = "items"


@dataclass(frozen=True)
class Reference:
    """An id a puzzle names, which must be one of ``among`` (or of the scenario's items)."""

    where: Where
    value: str
    among: frozenset[str] | Literal["items"]
    #: What the id names, in French, for the loader's message: "choix", "zone", "objet".
    what: str


P = TypeVar("P", bound=PuzzleBase)


def no_references(puzzle: PuzzleBase) -> list[Reference]:
    return []


def no_choices(puzzle: PuzzleBase) -> list[tuple[str, list[str]]]:
    return []


def no_pictures(puzzle: PuzzleBase) -> list[tuple[Where, str]]:
    return []


def no_clue(puzzle: PuzzleBase) -> list[str]:
    """Types that show their options need no clue: the answer is on screen."""
    return []


@dataclass(frozen=True)
class PuzzleType(Generic[P]):
    """One puzzle type: everything the engine needs to know about it, in one place."""

    #: The YAML ``type:`` tag.
    tag: str
    model: type[P]
    #: Whether ``value`` solves the puzzle; a value of the wrong shape is simply wrong.
    is_right: Callable[[P, Any], bool]
    #: The value that solves it through an ``Answer`` (None when it is not answered so).
    right_answer: Callable[[P], Any]
    #: Plausible values that do not solve it, best first (the lint uses up attempts with them).
    wrong_answers: Callable[[P], list[Any]]
    #: The answers a clue must give in the scenario's texts (none when options are shown).
    clue_answers: Callable[[P], list[str]]
    #: The ids the puzzle names, for the loader's reference check.
    references: Callable[[P], list[Reference]]
    #: Its lists of choices, as (field, ids): ids must be unique within each.
    choices: Callable[[P], list[tuple[str, list[str]]]]
    #: Picture files it shows, as (where, file name): they must exist beside the scenario.
    pictures: Callable[[P], list[tuple[Where, str]]]
    #: The fields of a small valid puzzle of this type beyond the common ones (tests, docs).
    example: Mapping[str, Any]
    #: Whether a hotspot opens it (``combine`` is solved by combining items instead).
    openable: bool = True
    #: Hints for mistakes in a field, in French, by field name (the loader's messages).
    field_hints: Mapping[str, str] = field(default_factory=dict)
