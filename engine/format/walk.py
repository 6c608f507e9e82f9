"""Walk a scenario's conditions and effects with their paths in the YAML.

The loader uses the paths to locate reference errors; the lint uses the same walk to learn
what sets which flag, gives which item, and so on. One walk, so that both agree.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Generic, TypeVar

from engine.format.conditions import All, Any_, Condition, Has, Not
from engine.format.effects import Effect
from engine.format.scenario import Scenario

Path = tuple[str | int, ...]


def effect_lists(scenario: Scenario) -> Iterator[tuple[Path, Sequence[Effect]]]:
    """Every list of effects in the scenario, with the path of the list."""
    for i, scene in enumerate(scenario.scenes):
        yield ("scenes", i, "on_first_visit"), scene.on_first_visit
        for j, hotspot in enumerate(scene.hotspots):
            yield ("scenes", i, "hotspots", j, "effects"), hotspot.effects
    for i, item in enumerate(scenario.items):
        yield ("items", i, "on_examine"), item.on_examine
    for i, puzzle in enumerate(scenario.puzzles):
        yield ("puzzles", i, "on_solve"), puzzle.on_solve
        yield ("puzzles", i, "on_fail"), puzzle.on_fail
    for i, event in enumerate(scenario.timer.events):
        yield ("timer", "events", i, "effects"), event.effects


def effects(scenario: Scenario) -> tuple[tuple[Path, Effect], ...]:
    """Every single effect with its own path (walked once per scenario: see ``_Last``)."""
    return _last_effects.get(scenario, _effects)


def _effects(scenario: Scenario) -> tuple[tuple[Path, Effect], ...]:
    return tuple(
        ((*path, k), effect)
        for path, items in effect_lists(scenario)
        for k, effect in enumerate(items)
    )


def top_conditions(scenario: Scenario) -> Iterator[tuple[Path, Condition]]:
    """Every ``when`` written in the scenario, and each item an exit requires (as ``has:``)."""
    for i, scene in enumerate(scenario.scenes):
        for j, hotspot in enumerate(scene.hotspots):
            if hotspot.when is not None:
                yield ("scenes", i, "hotspots", j, "when"), hotspot.when
        for j, exit_ in enumerate(scene.exits):
            if exit_.when is not None:
                yield ("scenes", i, "exits", j, "when"), exit_.when
            for k, item in enumerate(exit_.requires_items):
                yield ("scenes", i, "exits", j, "requires_items", k), Has(has=item)
    for i, role in enumerate(scenario.roles):
        for j, clue in enumerate(role.clues):
            if clue.when is not None:
                yield ("roles", i, "clues", j, "when"), clue.when


def conditions(scenario: Scenario) -> tuple[tuple[Path, Condition], ...]:
    """Every condition, nested ones included, with its path (walked once per scenario)."""
    return _last_conditions.get(scenario, _conditions)


def _conditions(scenario: Scenario) -> tuple[tuple[Path, Condition], ...]:
    return tuple(
        found for path, condition in top_conditions(scenario) for found in _nested(path, condition)
    )


def _nested(path: Path, condition: Condition) -> Iterator[tuple[Path, Condition]]:
    yield path, condition
    if isinstance(condition, All):
        for k, child in enumerate(condition.all):
            yield from _nested((*path, "all", k), child)
    elif isinstance(condition, Any_):
        for k, child in enumerate(condition.any):
            yield from _nested((*path, "any", k), child)
    elif isinstance(condition, Not):
        yield from _nested((*path, "not"), condition.not_)


T = TypeVar("T")


class _Last(Generic[T]):
    """The walk of the last scenario asked: a scenario is frozen, and the checks and the lint
    (about ten analyses) walk the same one in turn. Kept by identity, with the scenario held
    so that its id cannot be reused; one scenario at a time, so nothing grows."""

    def __init__(self) -> None:
        self.last: tuple[Scenario, T] | None = None  # one tuple: threads see both or neither

    def get(self, scenario: Scenario, walk: Callable[[Scenario], T]) -> T:
        last = self.last
        if last is not None and last[0] is scenario:
            return last[1]
        found = walk(scenario)
        self.last = (scenario, found)
        return found


_last_effects: _Last[tuple[tuple[Path, Effect], ...]] = _Last()
_last_conditions: _Last[tuple[tuple[Path, Condition], ...]] = _Last()
