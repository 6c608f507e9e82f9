"""What can be reached at all, by a relaxed, monotone over-approximation.

Facts only accumulate (``take`` and ``unset`` are ignored), ``not`` conditions and
``after_minutes`` count as true, every answer can be given. What this analysis cannot reach
cannot be reached by any real game, so the warnings it gives (W101, W103, W105) are never
false alarms. The exact search (``explore``) is the judge for endings and dead ends.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from engine.core.conditions import holds
from engine.format import effects as fx
from engine.format import walk
from engine.format.conditions import Condition, Flag
from engine.format.footprint import footprint
from engine.format.puzzles import CombinePuzzle
from engine.format.scenario import Scenario


@dataclass
class Reached:
    scenes: set[str] = field(default_factory=set)
    hotspots: set[str] = field(default_factory=set)
    items: set[str] = field(default_factory=set)
    flags: set[str] = field(default_factory=set)
    opened: set[str] = field(default_factory=set)
    solved: set[str] = field(default_factory=set)
    failed: set[str] = field(default_factory=set)
    unlocked: set[str] = field(default_factory=set)
    endings: set[str] = field(default_factory=set)
    score: int = 0

    @property
    def inventory(self) -> set[str]:
        """Read by conditions (``engine.core.conditions.Facts``)."""
        return self.items

    @property
    def visited(self) -> set[str]:
        return self.scenes

    def size(self) -> tuple[int, ...]:
        return (
            len(self.scenes),
            len(self.hotspots),
            len(self.items),
            len(self.flags),
            len(self.opened),
            len(self.solved),
            len(self.failed),
            len(self.unlocked),
            len(self.endings),
            self.score,
        )


def optimistic(condition: Condition | None, r: Reached) -> bool:
    """Could ``condition`` ever be true, given what can be reached? (The core's evaluator,
    optimistic: ``not`` and ``after_minutes`` count as true.)"""
    return holds(condition, r, 0.0, optimistic=True)


def relaxed(scenario: Scenario, starts: Iterable[str], withheld: str | None = None) -> Reached:
    """The fixpoint of everything a team could ever get, from any of ``starts``.

    ``withheld`` (an item or hotspot id) is never obtained or used: what is still reached
    then can be reached without it (W124: a puzzle opened before its document is seen).
    """
    r = Reached()
    puzzles = {p.id: p for p in scenario.puzzles}
    items = {i.id: i for i in scenario.items}
    positive = sum(max(0, fx_.score) for _, fx_ in _scores(scenario))
    positive += sum(max(0, p.points) for p in scenario.puzzles)

    grows = {"item": r.items, "flag": r.flags, "unlocked": r.unlocked, "scene": r.scenes}
    grows["ending"] = r.endings

    def run(effects: Iterable[fx.Effect]) -> None:
        for effect in effects:
            for fact in footprint(effect).adds:  # facts only accumulate: removals are ignored
                if fact.kind in grows and not (fact.kind == "item" and fact.name == withheld):
                    grows[fact.kind].add(fact.name)
                elif fact.kind == "score" and fact.amount > 0:
                    r.score = positive

    def solve(puzzle_id: str) -> None:
        puzzle = puzzles.get(puzzle_id)
        if puzzle is None or puzzle_id in r.solved:  # solving again changes nothing
            return
        r.opened.add(puzzle_id)
        r.solved.add(puzzle_id)
        if puzzle.points > 0:
            r.score = positive
        run(puzzle.on_solve)
        if puzzle.attempts is not None:
            r.failed.add(puzzle_id)
            run(puzzle.on_fail)

    # Facts only grow, so what was done once (a scene entered, a hotspot used, a puzzle
    # solved, an item examined, a timed event) is not done again: a pass only looks at the rest.
    entered: set[str] = set()
    examined: set[str] = set()
    limit = scenario.timer.limit_minutes
    for event in scenario.timer.events:
        if limit is None or event.at_minutes < limit:
            run(event.effects)
    combined = [p for p in scenario.puzzles if isinstance(p, CombinePuzzle)]
    r.scenes |= set(starts)
    before: tuple[int, ...] = ()
    while before != r.size():  # scenes in file order: usually a few passes, not one per scene
        before = r.size()
        for scene in scenario.scenes:
            if scene.id not in r.scenes:
                continue
            if scene.id not in entered:
                entered.add(scene.id)
                run(scene.on_first_visit)
            for hotspot in scene.hotspots:
                if hotspot.id in r.hotspots:
                    continue
                if not optimistic(hotspot.when, r):
                    continue
                if hotspot.locked and hotspot.id not in r.unlocked:
                    continue
                if hotspot.needs_item and hotspot.needs_item not in r.items:
                    continue
                if hotspot.id == withheld:
                    continue
                r.hotspots.add(hotspot.id)
                run(hotspot.effects)
                if hotspot.puzzle:
                    solve(hotspot.puzzle)
            for exit_ in scene.exits:
                if exit_.to in r.scenes:
                    continue
                if optimistic(exit_.passable, r) and (not exit_.locked or exit_.id in r.unlocked):
                    r.scenes.add(exit_.to)
        for puzzle in combined:
            if puzzle.id not in r.solved and set(puzzle.items) <= r.items:
                solve(puzzle.id)
        for item_id in list(r.items):
            item = items.get(item_id)
            if item is not None and item_id not in examined:
                examined.add(item_id)
                run(item.on_examine)
    return r


def _scores(scenario: Scenario) -> Iterator[tuple[walk.Path, fx.AddScore]]:
    for path, effect in walk.effects(scenario):
        if isinstance(effect, fx.AddScore):
            yield path, effect


def tested_flags(scenario: Scenario) -> Iterator[tuple[walk.Path, str]]:
    """Every ``flag:`` condition with its path."""
    for path, condition in walk.conditions(scenario):
        if isinstance(condition, Flag):
            yield path, condition.flag
