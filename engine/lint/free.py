"""Free items: always at hand in the one scene where they are of use.

An item is *free* when

* no condition reads it (it only appears as the ``needs_item`` of hotspots),
* nothing takes it away (no ``take``, no combination uses it) and examining it does nothing,
* every hotspot that needs it is in one scene, which also has a *giver*: a hotspot with no
  condition, lock, needed item or puzzle whose only effects are giving it (and ``say``).

Holding a free item or not then makes no difference to which endings can be reached: away from
its scene nothing reads it; in its scene, either the team holds it, or the giver was never used
(what it gave is never taken away) and can be used now. So the exploration leaves free items
out of its key, and a hotspot that needs one it does not hold is played as "use the giver, then
the hotspot" (``Explorer.uses``). The optional lamp of each room of ``bench/lint.py`` is free:
without this, each lamp doubled the states of its room.
"""

from __future__ import annotations

from engine.format import effects as fx
from engine.format import walk
from engine.format.conditions import Has
from engine.format.puzzles import CombinePuzzle
from engine.format.scenario import Scenario


def free_items(scenario: Scenario) -> dict[str, str]:
    """Each free item with the hotspot that gives it (the first giver, in scenario order)."""
    needed_in: dict[str, set[str]] = {}
    for scene in scenario.scenes:
        for hotspot in scene.hotspots:
            item = hotspot.needs_item
            if item:  # not ``setdefault``: a set made for each call
                if item in needed_in:
                    needed_in[item].add(scene.id)
                else:
                    needed_in[item] = {scene.id}
    unfree = {c.has for _, c in walk.conditions(scenario) if isinstance(c, Has)}
    for _, effect in walk.effects(scenario):
        if isinstance(effect, fx.Take):
            unfree.add(effect.take)
    for puzzle in scenario.puzzles:
        if isinstance(puzzle, CombinePuzzle):
            unfree |= set(puzzle.items)
    unfree |= {item.id for item in scenario.items if item.on_examine}
    found: dict[str, str] = {}
    for scene in scenario.scenes:
        for hotspot in scene.hotspots:
            plain = (
                hotspot.when is None
                and not hotspot.locked
                and hotspot.needs_item is None
                and hotspot.puzzle is None
            )
            if not plain:  # most hotspots: their effects need not be looked at
                continue
            gives = {e.give for e in hotspot.effects if isinstance(e, fx.Give)}
            only_gives = all(isinstance(e, fx.Give | fx.Say) for e in hotspot.effects)
            if not only_gives or len(gives) != 1:
                continue
            (item,) = gives
            if item not in unfree and needed_in.get(item) == {scene.id}:
                found.setdefault(item, hotspot.id)
    return found
