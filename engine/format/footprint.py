"""What each condition reads and each effect writes: read once, here, for the whole engine.

The lint's analyses (reachability, relevance, the liveness judge's readers, independence, the
graph) all ask the same questions of conditions and effects; they ask them here, so a new
condition or effect is described in one place. Every ``match`` ends in ``assert_never``: mypy
refuses a new type that this module does not handle.

A *fact* is a part of a team's state that conditions can read: ``Fact("item", "cle")``.
Kinds: ``item`` (in the inventory), ``flag``, ``solved`` and ``failed`` (a puzzle's status),
``visited`` (a scene), ``score`` (``amount``: the threshold read, the points added),
``time`` (``amount``: minutes), ``unlocked`` (a lock opened), ``scene`` (where the team goes),
``ending`` (the game ends there) and ``turn`` (the turn passes).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal, assert_never

from engine.format import effects as fx
from engine.format.conditions import (
    AfterMinutes,
    All,
    Any_,
    Condition,
    Failed,
    Flag,
    Has,
    Not,
    ScoreAtLeast,
    Solved,
    Visited,
)

FactKind = Literal[
    "item", "flag", "solved", "failed", "visited", "score", "time", "unlocked", "scene",
    "ending", "turn",
]  # fmt: skip


@dataclass(frozen=True)
class Fact:
    kind: FactKind
    name: str = ""
    amount: float = 0


def atoms(condition: Condition | None) -> Iterator[Condition]:
    """The leaf conditions of a (possibly nested) condition, in the order written."""
    match condition:
        case None:
            return
        case All(all=children) | Any_(any=children):
            for child in children:
                yield from atoms(child)
        case Not(not_=child):
            yield from atoms(child)
        case Has() | Flag() | Solved() | Failed() | Visited() | ScoreAtLeast() | AfterMinutes():
            yield condition
        case _:
            assert_never(condition)


def fact_read(atom: Condition) -> Fact:
    """The one fact a leaf condition reads."""
    match atom:
        case Has(has=item):
            return Fact("item", item)
        case Flag(flag=flag):
            return Fact("flag", flag)
        case Solved(solved=puzzle):
            return Fact("solved", puzzle)
        case Failed(failed=puzzle):
            return Fact("failed", puzzle)
        case Visited(visited=scene):
            return Fact("visited", scene)
        case ScoreAtLeast(score_at_least=points):
            return Fact("score", amount=points)
        case AfterMinutes(after_minutes=minutes):
            return Fact("time", amount=minutes)
        case All() | Any_() | Not():
            raise ValueError("not a leaf condition: read it through atoms()")
        case _:
            assert_never(atom)


def reads(condition: Condition | None) -> list[Fact]:
    """Every fact ``condition`` reads, in the order written (``not`` and ``any`` included)."""
    if condition is None:  # most hotspots and exits: the lint's analyses ask it of each
        return []
    return [fact_read(atom) for atom in atoms(condition)]


@dataclass(frozen=True)
class Footprint:
    """What running one effect changes: facts made true (or points added), facts made false
    (or points removed), and whether the team moves, ends its game or passes its turn."""

    adds: tuple[Fact, ...] = ()
    removes: tuple[Fact, ...] = ()
    moves: bool = False
    #: ``adds + removes``, joined once: the analyses ask it of every effect, often again.
    writes: tuple[Fact, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "writes", self.adds + self.removes)


#: Say and Evidence change no fact a condition can read (evidence goes to the skills cards).
NOTHING = Footprint()


def footprint(effect: fx.Effect) -> Footprint:
    """What ``effect`` writes (worked out once an effect: the lint's analyses and its search
    ask it of the same effects again and again)."""
    known = _KNOWN.get(id(effect))
    if known is not None and known[0] is effect:
        return known[1]
    found = _footprint(effect)
    if len(_KNOWN) >= _MOST_KNOWN:
        _KNOWN.clear()
    _KNOWN[id(effect)] = (effect, found)
    return found


#: Footprints by effect identity, each with its effect held so that its id is not reused; a
#: few scenarios' worth, then forgotten.
_KNOWN: dict[int, tuple[fx.Effect, Footprint]] = {}
_MOST_KNOWN = 20_000


def _footprint(effect: fx.Effect) -> Footprint:
    match effect:
        case fx.Give(give=item):
            return Footprint(adds=(Fact("item", item),))
        case fx.Take(take=item):
            return Footprint(removes=(Fact("item", item),))
        case fx.SetFlag(set=flag):
            return Footprint(adds=(Fact("flag", flag),))
        case fx.UnsetFlag(unset=flag):
            return Footprint(removes=(Fact("flag", flag),))
        case fx.Unlock(unlock=target):
            return Footprint(adds=(Fact("unlocked", target),))
        case fx.GoTo(go=scene):
            return Footprint(adds=(Fact("scene", scene),), moves=True)
        case fx.End(end=ending):
            return Footprint(adds=(Fact("ending", ending),), moves=True)
        case fx.EndTurn():
            return Footprint(adds=(Fact("turn"),), moves=True)
        case fx.AddScore(score=delta):
            points = (Fact("score", amount=delta),)
            return Footprint(removes=points) if delta < 0 else Footprint(adds=points)
        case fx.Say() | fx.Evidence():
            return NOTHING
        case _:
            assert_never(effect)
