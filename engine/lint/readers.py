"""Static tables behind the liveness judge: who reads each relevant fact, what each thing does.

Built once per scenario from the static relevance (``engine.lint.relevance``). The judge
(``engine.lint.judge``) and the dependency cones of its questions (``engine.lint.cones``) read
the same tables, so the facts a cone lists are exactly the facts the judge can look at.
"""

from __future__ import annotations

from collections.abc import Iterable

from engine.format import effects as fx
from engine.format import walk
from engine.format.conditions import Condition, Failed, Flag, Has, Solved
from engine.format.puzzles import CombinePuzzle
from engine.format.scenario import Scenario
from engine.lint.relevance import Relevance, atoms

Site = tuple[str, str]  # ("h", hotspot) | ("x", scene of an exit) | ("c", combine) | ("e", item)
Op = tuple[str, str]  # a relevant effect, compiled: ("give", "cle"), ("move", ""), …


class Readers:
    """Who reads each fact (its *sites*), and the relevant effects of each thing."""

    def __init__(self, scenario: Scenario, rel: Relevance) -> None:
        self.rel = rel
        self.items: dict[str, list[Site]] = {}
        self.flags: dict[str, list[Site]] = {}
        self.puzzles: dict[str, list[Site]] = {}
        self.hotspots: dict[str, tuple[str, bool, list[Op], str | None]] = {}
        self.solve: dict[str, tuple[list[Op], list[Op], bool]] = {}
        self.examine: dict[str, list[Op]] = {}
        self.active_in: dict[str, list[str]] = {}  # scene -> hotspots whose use can matter
        self.taken: set[str] = set()
        self.unset: set[str] = set()

        def keep(effects: Iterable[fx.Effect]) -> list[Op]:
            return [_op(e) for e in effects if rel.effect(e)]

        def read(condition: Condition | None, site: Site) -> None:
            for atom in atoms(condition):
                match atom:
                    case Has(has=item):
                        self.items.setdefault(item, []).append(site)
                    case Flag(flag=flag):
                        self.flags.setdefault(flag, []).append(site)
                    case Solved(solved=puzzle) | Failed(failed=puzzle):
                        self.puzzles.setdefault(puzzle, []).append(site)

        for scene in scenario.scenes:
            self.active_in[scene.id] = [h.id for h in scene.hotspots if h.id in rel.active]
            for exit_ in scene.exits:
                read(exit_.when, ("x", scene.id))
            for h in scene.hotspots:
                self.hotspots[h.id] = (scene.id, h.once, keep(h.effects), h.puzzle)
                if h.id in rel.active:
                    read(h.when, ("h", h.id))
                    if h.needs_item:
                        self.items.setdefault(h.needs_item, []).append(("h", h.id))
        for p in scenario.puzzles:
            points = p.points != 0 and rel.score
            self.solve[p.id] = (keep(p.on_solve), keep(p.on_fail), points)
            if isinstance(p, CombinePuzzle):
                for item in p.items:
                    self.items.setdefault(item, []).append(("c", p.id))
                self.taken |= set(p.consumed)
        for thing in scenario.items:
            self.examine[thing.id] = keep(thing.on_examine)
            if thing.id in rel.examine:
                self.items.setdefault(thing.id, []).append(("e", thing.id))
        for _, effect in walk.effects(scenario):
            if isinstance(effect, fx.Take):
                self.taken.add(effect.take)
            elif isinstance(effect, fx.UnsetFlag):
                self.unset.add(effect.unset)


def _op(effect: fx.Effect) -> Op:
    match effect:
        case fx.Give(give=item):
            return ("give", item)
        case fx.Take(take=item):
            return ("take", item)
        case fx.SetFlag(set=flag):
            return ("set", flag)
        case fx.UnsetFlag(unset=flag):
            return ("unset", flag)
        case fx.Unlock(unlock=target):
            return ("unlock", target)
        case fx.AddScore():
            return ("score", "")
    return ("move", "")
