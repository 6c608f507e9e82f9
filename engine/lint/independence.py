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
from typing import NamedTuple

from engine.format import effects as fx
from engine.format.conditions import Condition
from engine.format.footprint import footprint, reads
from engine.format.puzzles import CombinePuzzle
from engine.format.scenario import Hotspot, Scenario

MacroId = tuple[str, str, str]  # (kind, target, variant)
SCORE = "score"


class Footprint(NamedTuple):
    """What a macro reads and writes; ``touched``: what another macro must not write (what
    this one reads or writes, but points added: they commute with points added). A tuple:
    thousands are made, and compared thousands of times."""

    reads: frozenset[str]
    writes: frozenset[str]
    mover: bool
    touched: frozenset[str]


def _footprint(reads: frozenset[str], writes: frozenset[str], mover: bool) -> Footprint:
    return Footprint(reads, writes, mover, reads | (writes - {SCORE}))


#: How a fact is named in a footprint; a fact not listed is the game time.
_KEYS = {"item": "i:", "flag": "f:", "solved": "p:", "failed": "p:", "visited": "v:"}
_WRITTEN = {"item": "i:", "flag": "f:", "unlocked": "u:"}


def _reads(condition: Condition | None) -> set[str]:
    found: set[str] = set()
    for fact in reads(condition):
        if fact.kind in _KEYS:
            found.add(_KEYS[fact.kind] + fact.name)
        else:
            found.add(SCORE if fact.kind == "score" else "time")
    return found


def _writes(effects: Iterable[fx.Effect]) -> tuple[set[str], bool]:
    found: set[str] = set()
    mover = False
    for effect in effects:
        change = footprint(effect)
        mover = mover or change.moves
        for fact in change.writes:
            if fact.kind in _WRITTEN:
                found.add(_WRITTEN[fact.kind] + fact.name)
            elif fact.kind == "score":
                found.add(SCORE)
    return found, mover


class Footprints:
    """Footprints of the macros of a scenario, each worked out the first time it is asked
    (a thousand-puzzle game has thousands of macros; the sleep sets compare a third of them),
    and a memoised independence test."""

    def __init__(self, scenario: Scenario) -> None:
        self.table: dict[MacroId, Footprint | None] = {}
        self._rows: dict[MacroId, _Row] = {}
        self.puzzles = {p.id: p for p in scenario.puzzles}
        self.hotspots = {h.id: h for scene in scenario.scenes for h in scene.hotspots}
        self.items = {i.id: i for i in scenario.items}

    def of(self, macro: MacroId) -> Footprint | None:
        """The footprint of ``macro`` (None: no such macro, it depends on everything)."""
        if macro in self.table:
            return self.table[macro]
        kind, target, variant = macro
        found: Footprint | None = None
        if kind == "use" and target in self.hotspots:
            found = self._use(self.hotspots[target], variant)
        elif kind == "combine" and isinstance(self.puzzles.get(target), CombinePuzzle):
            found = _combine(self.puzzles[target])  # type: ignore[arg-type]
        elif kind == "examine" and target in self.items and not variant:
            item = self.items[target]
            writes, mover = _writes(item.on_examine)
            found = _footprint(
                frozenset({f"i:{item.id}", f"e:{item.id}"}),
                frozenset(writes | {f"e:{item.id}"}),
                mover,
            )
        self.table[macro] = found
        return found

    def _use(self, h: Hotspot, variant: str) -> Footprint | None:
        """``use`` of a hotspot; with a puzzle, then its right answer, its failure or close."""
        use = self.table.get(("use", h.id, "use"))  # what every variant starts with
        if use is None:
            reads = _reads(h.when) | {f"h:{h.id}"}
            if h.needs_item:
                reads.add(f"i:{h.needs_item}")
            if h.locked:
                reads.add(f"u:{h.id}")
            writes, mover = _writes(h.effects)
            writes.add(f"h:{h.id}")
            use = self.table["use", h.id, "use"] = _footprint(
                frozenset(reads), frozenset(writes), mover
            )
        if variant == "use":
            return use
        puzzle = self.puzzles.get(h.puzzle or "")
        if puzzle is None or variant not in ("right", "fail", "close"):
            return None
        effects = (
            puzzle.on_solve if variant == "right" else puzzle.on_fail if variant == "fail" else ()
        )
        more, moves = _writes(effects)
        extra = {f"p:{puzzle.id}"} if variant != "close" else set()
        if variant == "right" and puzzle.points:
            extra.add(SCORE)
        return _footprint(
            use.reads | {f"p:{puzzle.id}"}, use.writes | more | extra, use.mover or moves
        )

    def independent(self, a: MacroId, b: MacroId) -> bool:
        return self.row(b)[a]

    def row(self, macro: MacroId) -> _Row:
        """Which macros commute with ``macro``: ``row[other]``, worked out on first reading
        (the sleep sets read a row per explored macro, thousands of times)."""
        found = self._rows.get(macro)
        if found is None:
            found = self._rows[macro] = _Row(self, macro)
        return found

    def _commute(self, a: MacroId, b: MacroId) -> bool:
        fa, fb = self.of(a), self.of(b)
        return (
            a != b
            and fa is not None
            and fb is not None
            and not fa.mover
            and not fb.mover
            and fa.writes.isdisjoint(fb.touched)
            and fb.writes.isdisjoint(fa.reads)
        )


class _Row(dict[MacroId, bool]):
    """One macro's row of the independence memo (symmetric: both rows are filled)."""

    def __init__(self, footprints: Footprints, macro: MacroId) -> None:
        super().__init__()
        self.footprints = footprints
        self.macro = macro

    def __missing__(self, other: MacroId) -> bool:
        found = self[other] = self.footprints._commute(other, self.macro)
        self.footprints.row(other)[self.macro] = found
        return found


def _combine(p: CombinePuzzle) -> Footprint:
    reads = {f"i:{i}" for i in p.items} | {f"p:{p.id}"}
    writes, mover = _writes(p.on_solve)
    writes |= {f"p:{p.id}"} | {f"i:{i}" for i in p.consumed}
    if p.points:
        writes.add(SCORE)
    return _footprint(frozenset(reads), frozenset(writes), mover)
