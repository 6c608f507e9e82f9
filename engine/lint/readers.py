"""Static tables behind the liveness judge: who reads each relevant fact, what each thing does.

Built once per scenario from the static relevance (``engine.lint.relevance``). The judge
(``engine.lint.judge``) and the dependency cones of its questions (``engine.lint.cones``) read
the same tables, so the facts a cone lists are exactly the facts the judge can look at.
"""

from __future__ import annotations

from collections.abc import Sequence

from engine.format import effects as fx
from engine.format import walk
from engine.format.conditions import Condition
from engine.format.footprint import Footprint, footprint, reads
from engine.format.puzzles import CombinePuzzle
from engine.format.scenario import Scenario
from engine.lint.relevance import Relevance

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

        def keep(effects: Sequence[fx.Effect]) -> list[Op]:
            kept: list[Op] = []
            for effect in effects:  # each footprint looked up once, for both questions
                change = footprint(effect)
                for fact in change.writes:
                    if rel.fact(fact):
                        kept.append(_op(change))
                        break
            return kept

        tables = {"item": self.items, "flag": self.flags}
        tables |= {"solved": self.puzzles, "failed": self.puzzles}

        def read(condition: Condition | None, site: Site) -> None:
            for fact in reads(condition):
                if fact.kind in tables:
                    tables[fact.kind].setdefault(fact.name, []).append(site)

        for scene in scenario.scenes:
            self.active_in[scene.id] = [h.id for h in scene.hotspots if h.id in rel.active]
            for exit_ in scene.exits:
                read(exit_.passable, ("x", scene.id))
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


def _op(change: Footprint) -> Op:
    """A relevant effect, compiled from its footprint."""
    for fact in change.adds:
        if fact.kind in _ADD_OPS:
            return (_ADD_OPS[fact.kind], fact.name)
    for fact in change.removes:
        if fact.kind in _REMOVE_OPS:
            return (_REMOVE_OPS[fact.kind], fact.name)
    return ("move", "")


_ADD_OPS = {"item": "give", "flag": "set", "unlocked": "unlock", "score": "score"}
_REMOVE_OPS = {"item": "take", "flag": "unset", "score": "score"}
