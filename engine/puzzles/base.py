"""What every puzzle type shares: the common fields, and the unit a type registers.

A puzzle type is one module that builds one :class:`PuzzleType`. Every part is required, so a
type cannot be registered without saying how it is answered, checked and linted;
``tests/core/test_puzzle_registry.py`` then runs every part on the type's ``example``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Annotated, Any, Generic, Literal, Self, TypeVar

from pydantic import Field, PrivateAttr, StringConstraints, ValidationError, model_validator
from pydantic_core import ErrorDetails

from engine.format.base import Id, Model, Text
from engine.format.effects import Effects, Say

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
    #: ``calculation`` only: the item or hotspot (with a text) where the givens' numbers are
    #: shown; the players can open it from the puzzle, and lint checks it is seen first (W124)
    document: Id | None = None


class PuzzleBase(Model):
    if TYPE_CHECKING:
        #: The YAML ``type:`` tag; each type declares it as its own literal field.
        type: str

    id: Id
    title: Text
    prompt: Text
    hints: list[Text] = Field(min_length=2, max_length=4)
    skills: list[EvidenceRule] = Field(default_factory=list)
    feedback: Feedback = Feedback.model_construct()  # defaults, no validator built at import
    attempts: int | None = Field(default=None, ge=1)
    points: int = 0
    clue: Clue | None = None
    on_solve: Effects
    on_fail: Effects
    #: Skills left to the facilitator's eye during this puzzle (no automatic evidence).
    observe: list[Observation] = Field(default_factory=list)
    #: Why the answer is right, for the facilitator's answer key (else ``feedback.right``).
    why: Text | None = None
    #: Other versions of the same question (a question pool): the first team gets the puzzle
    #: as written, the second team the first variant, and so on in turn, so that the next team
    #: cannot copy. A variant names only what changes (prompt, options, answer, hints…).
    variants: list[dict[str, Any]] = Field(default_factory=list, max_length=7)
    #: the variants made whole, built once at validation (the puzzle itself is not kept here,
    #: so a copy of the puzzle never answers with the original)
    _made: tuple[PuzzleBase, ...] = PrivateAttr(default=())

    @model_validator(mode="after")
    def _build_versions(self) -> Self:
        self._made = tuple(self._variant(n, v) for n, v in enumerate(self.variants, 2))
        return self

    def _variant(self, number: int, changes: dict[str, Any]) -> PuzzleBase:
        fixed = sorted(FIXED_IN_VARIANTS & changes.keys())
        if fixed:
            raise VariantError(
                f"variante {number} : « {fixed[0]} » est le même pour toutes les équipes ; "
                "une variante ne change que la question (prompt, options, answer, hints…)"
            )
        data = self.model_dump(exclude={"variants"}) | changes
        try:
            version = type(self).model_validate(data)
        except ValidationError as error:
            first = error.errors(include_url=False)[0]
            where = ".".join(str(part) for part in first["loc"])
            raise VariantError(f"variante {number}, champ « {where} »", first) from None
        for name in ("on_solve", "on_fail"):
            if _deeds(getattr(version, name)) != _deeds(getattr(self, name)):
                raise VariantError(
                    f"variante {number} : « {name} » ne peut changer que ses phrases (say) ; "
                    "ce que fait l'énigme reste le même pour toutes les équipes"
                )
        return version

    @property
    def versions(self) -> list[PuzzleBase]:
        """The puzzle as written, then each variant made whole."""
        if not self.variants:  # most puzzles: no trip through pydantic's private attributes
            return [self]
        return [self, *self._made]

    def version(self, ordinal: int) -> PuzzleBase:
        """The version the team that joined ``ordinal``-th (from 0) plays."""
        versions = self.versions
        return versions[ordinal % len(versions)]


def _deeds(effects: Effects) -> list[Any]:
    """What effects do, without what they say (a variant may word its feedback its own way)."""
    return [e.model_dump() for e in effects if not isinstance(e, Say)]


class VariantError(ValueError):
    """A variant that cannot be played: ``where`` it is wrong, and for a field that does not
    validate, pydantic's ``detail``, which the loader words in French like any other."""

    def __init__(self, where: str, detail: ErrorDetails | None = None) -> None:
        super().__init__(where if detail is None else f"{where} : {detail['msg']}")
        self.where = where
        self.detail = detail


#: What a variant may not change: what solving does and what it shows of a player stays the
#: same for every team, so that the game and the skills cards stay fair.
FIXED_IN_VARIANTS = frozenset({"id", "type", "skills", "observe", "points", "attempts", "variants"})


class Option(Model):
    id: Id
    text: Text


#: A card's picture: an icon name (Déclic's or OpenMoji's, as ``icon:`` takes) or an image
#: file beside the scenario, told apart by its ending (``.png``, ``.jpg``…).
CardPicture = Annotated[str, StringConstraints(min_length=1, max_length=200)]

IMAGE_ENDINGS = (".png", ".jpg", ".jpeg", ".webp", ".gif", ".bmp")


def is_image_file(picture: str) -> bool:
    """Whether a card's picture names an image file (else it is an icon's name)."""
    return picture.casefold().endswith(IMAGE_ENDINGS)


def card_files(pictures: list[tuple[Where, str | None]]) -> list[tuple[Where, str]]:
    """The image files among cards' pictures, for the loader's file check."""
    return [(where, name) for where, name in pictures if name and is_image_file(name)]


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


def no_icons(puzzle: PuzzleBase) -> list[tuple[Where, str]]:
    return []


def card_icons(pictures: list[tuple[Where, str | None]]) -> list[tuple[Where, str]]:
    """The icon names among cards' pictures (not image files), for the loader's W120."""
    return [(where, name) for where, name in pictures if name and not is_image_file(name)]


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
    #: Icon names it shows on its cards, as (where, name): unknown ones get W120.
    icons: Callable[[P], list[tuple[Where, str]]] = no_icons
