"""Content that plays but serves nothing: a puzzle whose solving changes nothing (W122).

Static and deliberately narrow, so that a warning is worth reading: an item counts as used
when anything reads it (a condition ``has:``, ``needs_item``, a combination, a puzzle's
``clue: {item: …}`` or reference, a ``take:``) or when examining it runs effects. A puzzle
matters when it gives points, records a skill, moves or ends the game, unlocks something,
writes an item that is used or a flag that is read, or when a condition reads its status.
"""

from __future__ import annotations

from collections.abc import Iterator

from engine.format import effects as fx
from engine.format.footprint import footprint, reads
from engine.format.scenario import Scenario
from engine.format.walk import Path, effects, top_conditions
from engine.puzzles.registry import unit_of


def used_items(s: Scenario) -> set[str]:
    """Items something reads, takes or examines with effects (a reward that does nothing is not)."""
    used: set[str] = set()
    for _, condition in top_conditions(s):
        for fact in reads(condition):
            if fact.kind == "item":
                used.add(fact.name)
    for scene in s.scenes:
        used |= {h.needs_item for h in scene.hotspots if h.needs_item}
    used |= {i.id for i in s.items if i.on_examine}
    for p in s.puzzles:
        if p.clue is not None and p.clue.item:
            used.add(p.clue.item)
        used |= {ref.value for ref in unit_of(p).references(p)}
        used |= set(getattr(p, "items", []) or [])
    used |= {e.take for _, e in effects(s) if isinstance(e, fx.Take)}
    return used


def idle_puzzles(s: Scenario) -> Iterator[tuple[Path, str]]:
    """Puzzles whose solving changes nothing a player, a card or a condition can see."""
    items = used_items(s)
    read: set[tuple[str, str]] = {(f.kind, f.name) for _, c in top_conditions(s) for f in reads(c)}
    for i, p in enumerate(s.puzzles):
        if p.points or p.skills or ("solved", p.id) in read or ("failed", p.id) in read:
            continue
        if any(_matters(e, items, read) for e in p.on_solve):
            continue
        yield ("puzzles", i, "id"), p.id


def _matters(effect: fx.Effect, items: set[str], read: set[tuple[str, str]]) -> bool:
    if isinstance(effect, fx.Evidence):
        return True
    fp = footprint(effect)
    if fp.moves:
        return True
    for fact in fp.writes:
        if fact.kind in ("unlocked", "score"):
            return True
        if fact.kind == "item" and fact.name in items:
            return True
        if fact.kind == "flag" and ("flag", fact.name) in read:
            return True
    return False
