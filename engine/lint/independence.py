"""Which macro-actions commute: the static footprints behind the sleep-set reduction.

Two macros (``use`` a hotspot then answer/close/fail its puzzle, ``combine``, ``examine``)
are *independent* when neither moves the team or ends the game and neither writes a fact the
other reads or writes (adding points commutes, unless a condition reads the score). Then
playing them in either order gives the same abstract state, and both stay possible after the
other: the search explores only one order (sleep sets, Godefroid 1996). ``go`` and ``wait``
depend on everything.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from engine.format import effects as fx
from engine.format.conditions import Condition, Failed, Flag, Has, ScoreAtLeast, Solved, Visited
from engine.format.puzzles import CombinePuzzle, PuzzleBase
from engine.format.scenario import Scenario
from engine.lint.relevance import atoms

MacroId = tuple[str, str, str]  # (kind, target, variant)
SCORE = "score"


@dataclass(frozen=True)
class Footprint:
    reads: frozenset[str]
    writes: frozenset[str]
    mover: bool


def _reads(condition: Condition | None) -> set[str]:
    found: set[str] = set()
    for atom in atoms(condition):
        match atom:
            case Has(has=item):
                found.add(f"i:{item}")
            case Flag(flag=flag):
                found.add(f"f:{flag}")
            case Solved(solved=p) | Failed(failed=p):
                found.add(f"p:{p}")
            case Visited(visited=s):
                found.add(f"v:{s}")
            case ScoreAtLeast():
                found.add(SCORE)
            case _:
                found.add("time")
    return found


def _writes(effects: Iterable[fx.Effect]) -> tuple[set[str], bool]:
    found: set[str] = set()
    mover = False
    for effect in effects:
        match effect:
            case fx.Give(give=item) | fx.Take(take=item):
                found.add(f"i:{item}")
            case fx.SetFlag(set=flag) | fx.UnsetFlag(unset=flag):
                found.add(f"f:{flag}")
            case fx.Unlock(unlock=target):
                found.add(f"u:{target}")
            case fx.AddScore():
                found.add(SCORE)
            case fx.GoTo() | fx.End() | fx.EndTurn():
                mover = True
    return found, mover


class Footprints:
    """Footprints of every macro of a scenario, and a memoised independence test."""

    def __init__(self, scenario: Scenario) -> None:
        self.table: dict[MacroId, Footprint] = {}
        self._independent: dict[tuple[MacroId, MacroId], bool] = {}
        puzzles = {p.id: p for p in scenario.puzzles}
        for scene in scenario.scenes:
            for h in scene.hotspots:
                reads = _reads(h.when) | {f"h:{h.id}"}
                if h.needs_item:
                    reads.add(f"i:{h.needs_item}")
                if h.locked:
                    reads.add(f"u:{h.id}")
                writes, mover = _writes(h.effects)
                writes.add(f"h:{h.id}")
                puzzle = puzzles.get(h.puzzle or "")
                self.table[("use", h.id, "use")] = Footprint(
                    frozenset(reads), frozenset(writes), mover
                )
                if puzzle is not None:
                    self._puzzle_variants(h.id, puzzle, reads, writes, mover)
        for p in scenario.puzzles:
            if isinstance(p, CombinePuzzle):
                reads = {f"i:{i}" for i in p.items} | {f"p:{p.id}"}
                writes, mover = _writes(p.on_solve)
                writes |= {f"p:{p.id}"} | {f"i:{i}" for i in p.consumed}
                if p.points:
                    writes.add(SCORE)
                self.table[("combine", p.id, "")] = Footprint(
                    frozenset(reads), frozenset(writes), mover
                )
        for item in scenario.items:
            writes, mover = _writes(item.on_examine)
            self.table[("examine", item.id, "")] = Footprint(
                frozenset({f"i:{item.id}", f"e:{item.id}"}),
                frozenset(writes | {f"e:{item.id}"}),
                mover,
            )

    def _puzzle_variants(
        self, hotspot: str, puzzle: PuzzleBase, reads: set[str], writes: set[str], mover: bool
    ) -> None:
        base_reads = reads | {f"p:{puzzle.id}"}
        for variant, effects in (
            ("right", puzzle.on_solve),
            ("fail", puzzle.on_fail),
            ("close", []),
        ):
            more, moves = _writes(effects)
            extra = {f"p:{puzzle.id}"} if variant != "close" else set()
            if variant == "right" and puzzle.points:
                extra.add(SCORE)
            self.table[("use", hotspot, variant)] = Footprint(
                frozenset(base_reads), frozenset(writes | more | extra), mover or moves
            )

    def independent(self, a: MacroId, b: MacroId) -> bool:
        found = self._independent.get((a, b))
        if found is None:
            fa, fb = self.table.get(a), self.table.get(b)
            found = (
                a != b
                and fa is not None
                and fb is not None
                and not fa.mover
                and not fb.mover
                and not (fa.writes & (fb.reads | (fb.writes - {SCORE})))
                and not (fb.writes & fa.reads)
            )
            self._independent[(a, b)] = self._independent[(b, a)] = found
        return found
