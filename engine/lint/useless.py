"""Content that plays but serves nothing: an item given and never used (W121), a puzzle whose
solving changes nothing (W122), a hotspot whose use shows nothing and changes nothing (W123).

Static and deliberately narrow, so that a warning is worth reading: an item counts as used
when anything reads it (a condition ``has:``, ``needs_item``, a combination, a puzzle's
``clue: {item: …}`` or reference, a ``take:``) or when examining it runs effects. A puzzle
matters when it gives points, records a skill, moves or ends the game, unlocks something,
writes an item that is used or a flag that is read, or when a condition reads its status. A
hotspot matters when it shows a text (its ``text`` or a ``say``), opens a puzzle, or runs an
effect that matters in the same sense.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from engine.format import effects as fx
from engine.format.footprint import footprint, reads
from engine.format.puzzles import CombinePuzzle
from engine.format.scenario import Scenario
from engine.format.walk import Path, effects, top_conditions
from engine.puzzles.registry import unit_of


def used_items(s: Scenario, read: set[tuple[str, str]] | None = None) -> set[str]:
    """Items something reads, takes or examines with effects (a reward that does nothing is not).

    ``read``: the facts conditions read (``_read_facts``), when the caller has them already.
    """
    facts = _read_facts(s) if read is None else read
    used = {name for kind, name in facts if kind == "item"}
    for scene in s.scenes:
        for h in scene.hotspots:
            if h.needs_item:
                used.add(h.needs_item)
    used |= {i.id for i in s.items if i.on_examine}
    for p in s.puzzles:
        if p.clue is not None:
            used |= {name for name in (p.clue.item, p.clue.document) if name}
        used |= {ref.value for ref in unit_of(p).references(p)}
        if isinstance(p, CombinePuzzle):  # (an order puzzle's items are its cards, not objects)
            used |= set(p.items)
    used |= {e.take for _, e in effects(s) if isinstance(e, fx.Take)}
    return used


@dataclass(frozen=True)
class Usage:
    """What the three checks read: the items used and the facts conditions read (worked out
    once per lint: on a thousand-puzzle game each walk of the scenario costs a few ms)."""

    items: set[str]
    read: set[tuple[str, str]]


def usage(s: Scenario) -> Usage:
    read = _read_facts(s)  # one walk of the conditions for both
    return Usage(used_items(s, read), read)


def unused_items(s: Scenario, known: Usage | None = None) -> Iterator[tuple[Path, str, int]]:
    """Items an effect gives that nothing uses, with how many effects give them (W121).

    An item marked ``keepsake: true`` is a souvenir on purpose and is left alone.
    """
    given: dict[str, int] = {}
    for _, e in effects(s):
        if isinstance(e, fx.Give):
            given[e.give] = given.get(e.give, 0) + 1
    if not given:
        return
    used = known.items if known is not None else used_items(s)
    for i, item in enumerate(s.items):
        if item.id in given and item.id not in used and not item.keepsake:
            yield ("items", i, "id"), item.id, given[item.id]


def idle_puzzles(s: Scenario, known: Usage | None = None) -> Iterator[tuple[Path, str]]:
    """Puzzles whose solving changes nothing a player, a card or a condition can see."""
    found = known or usage(s)
    items, read = found.items, found.read
    for i, p in enumerate(s.puzzles):
        if p.points or p.skills or ("solved", p.id) in read or ("failed", p.id) in read:
            continue
        if any(_matters(e, items, read) for e in p.on_solve):
            continue
        yield ("puzzles", i, "id"), p.id


def idle_hotspots(s: Scenario, known: Usage | None = None) -> Iterator[tuple[Path, str]]:
    """Hotspots whose use shows no text, opens no puzzle and changes nothing that counts."""
    found = known or usage(s)
    items, read = found.items, found.read
    for i, scene in enumerate(s.scenes):
        for j, h in enumerate(scene.hotspots):
            if h.puzzle or h.text or any(isinstance(e, fx.Say) for e in h.effects):
                continue
            if any(_matters(e, items, read) for e in h.effects):
                continue
            yield ("scenes", i, "hotspots", j, "id"), h.id


def _read_facts(s: Scenario) -> set[tuple[str, str]]:
    return {(f.kind, f.name) for _, c in top_conditions(s) for f in reads(c)}


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
