"""The abstract key of an explored state: what two states must share to be merged.

A key is ``(position, items, flags, unlocks, solved, failed, used, examined, visited, score,
time points passed)`` (see ``docs/lint.md``). It is made in two steps: the *coarse* key keeps
the facts that are relevant and read somewhere the team can still go (``Liveness``); the key
then drops the facts the judge (``engine.lint.judge``) finds dead and merges positions. A
successor's key is built from its parent's key and the events of the transition, so its cost
does not grow with how far the game went.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from functools import partial
from typing import Any

from engine.core import events as ev
from engine.core.conditions import holds
from engine.core.events import Event
from engine.core.rules import Rules
from engine.core.state import GameState, TeamState, evolve
from engine.lint.judge import Judge
from engine.lint.readers import Readers
from engine.lint.relevance import Liveness, Relevance
from engine.lint.verdicts import Verdicts

Key = tuple[Any, ...]

#: The facts of a key (``key[1:9]``), with the ``Liveness`` kind that filters each.
KINDS = ("items", "flags", "unlocks", "puzzles", "puzzles", "used", "examine", "visits")

#: Events that change a fact: (index in ``KINDS``, field naming the fact, added or removed).
FACT_EVENTS: dict[type[Event], tuple[int, str, bool]] = {
    ev.ItemGained: (0, "item", True),
    ev.ItemLost: (0, "item", False),
    ev.FlagSet: (1, "flag", True),
    ev.FlagUnset: (1, "flag", False),
    ev.Unlocked: (2, "target", True),
    ev.PuzzleSolved: (3, "puzzle", True),
    ev.PuzzleFailed: (4, "puzzle", True),
    ev.HotspotUsed: (5, "hotspot", True),
    ev.ItemExamined: (6, "item", True),
    ev.Moved: (7, "scene", True),
}


def _kept(names: frozenset[str], keep: Callable[[str], bool]) -> frozenset[str]:
    """The ``names`` that ``keep`` keeps; ``names`` itself when nothing is dropped: keys then
    share their sets, and the search keeps fewer objects for the collector to visit (as
    ``Judge.kept``)."""
    if not names:
        return names
    kept = frozenset(filter(keep, names))
    return names if len(kept) == len(names) else kept


class Abstraction:
    """Keys of states, and the judge kept with each (its position was worked out with it)."""

    def __init__(self, rules: Rules, rel: Relevance) -> None:
        self.rules = rules
        self.rel = rel
        self.liveness = Liveness(rules.scenario, rel)
        timer = rules.scenario.timer
        points = set(rel.minutes) | {e.at_minutes for e in timer.events if e.id in rel.timed}
        limit = timer.limit_minutes
        self.time_points = sorted(p * 60 for p in points if p > 0 and (limit is None or p < limit))
        self.cap = rel.score_cap()
        self.readers = Readers(rules.scenario, rel)
        self.verdicts = Verdicts()
        #: key -> the judge of its live facts, kept with what it was asked while the key was
        #: made (the position asks about the scenes and hotspots the search then plays)
        self.judge_of: dict[Key, Judge] = {}
        self.closures = dict(self.liveness.closure)
        self.exits = {
            scene.id: [
                (e.to, e.passable, (e.id or "") if e.locked else None)
                for e in scene.exits
                if e.to in rules.scenes
            ]
            for scene in rules.scenario.scenes
        }
        self.blank = TeamState(id="lint", name="lint")
        self.conditional = any(
            e.passable is not None for s in rules.scenario.scenes for e in s.exits
        )
        self.groups: dict[Key, frozenset[str]] = {}
        self.positions: dict[Key, Any] = {}

    def closure(self, scene: str) -> frozenset[str]:
        """The scenes reachable from ``scene`` if every exit were open (one object each)."""
        found = self.closures.get(scene)
        if found is None:
            found = self.closures[scene] = frozenset({scene})
        return found

    def tick(self, now: float) -> int:
        """How many time points have passed at ``now``."""
        return bisect_right(self.time_points, now)

    def key(self, state: GameState, now: float) -> Key:
        """The key of a state read in full (the start): see ``key_after``."""
        team = next(iter(state.teams.values()))
        facts = [
            frozenset(team.inventory),
            team.flags,
            team.unlocked,
            team.solved,
            team.failed,
            team.used,
            team.examined,
            team.visited,
        ]
        return self.finish(facts, True, state, now)

    def key_after(
        self,
        base: Key,
        events: Sequence[Event],
        state: GameState,
        now: float,
        closure: frozenset[str] | None,
    ) -> Key:
        """The key of a successor: its parent's key ``base`` plus what the events changed.

        Dropped facts were dead, and dead facts stay dead. ``closure`` is the closure the
        parent's facts were filtered with: when the successor's is the same, only the facts
        the events add need filtering.
        """
        team = next(iter(state.teams.values()))
        here = self.closure(team.scene or "")
        same = here is closure
        live = self.liveness.is_live
        facts = list(base[1:9])
        for event in events:
            change = FACT_EVENTS.get(type(event))
            if change is None:
                continue
            part, field, added = change
            name = getattr(event, field)
            names = facts[part]
            if added:
                if name not in names and (not same or live(KINDS[part], name, here)):
                    facts[part] = names | {name}
            elif name in names:
                facts[part] = names - {name}
        return self.finish(facts, not same, state, now)

    def finish(
        self, facts: list[frozenset[str]], refilter: bool, state: GameState, now: float
    ) -> Key:
        """Closure filter (the coarse key), then dead facts dropped (the key)."""
        team = next(iter(state.teams.values()))
        if team.ending is not None:
            return ("end", team.ending)
        scene = team.scene or ""
        if refilter:
            closure = self.closure(scene)
            live = self.liveness.is_live
            for part, names in enumerate(facts):
                kind = KINDS[part]
                facts[part] = _kept(names, partial(live, kind, closure=closure))
        score = min(team.score, self.cap) if self.rel.score else 0
        coarse = (scene, *facts, score, self.tick(now))
        return self.refine(coarse)  # not memoised: a successor's coarse key is nearly always new

    def judge(self, coarse: Key) -> Judge:
        """A judge of a coarse key (it shares its verdicts with the other states)."""
        scene, inventory, flags, unlocked, solved, failed, used, examined = coarse[:8]
        parts = (self.closure(scene), inventory, flags, unlocked, solved, failed, used, examined)
        return Judge(self.readers, parts, self.verdicts)

    def refine(self, coarse: Key) -> Key:
        """Dead facts dropped, then the position worked out from what is left.

        States that differ only in dead facts have the same future, so the position of the
        state without them is theirs too (and is shared by all of them: every way out of a
        room leads to one state). The judge of the live facts is kept with the key: a
        state's stored facts are its key's (``Explorer.compact``), and they have the same
        verdicts on everything alive as the coarse facts (dead facts stay dead).
        """
        scene, inventory, flags, unlocked, solved, failed, used = coarse[:7]
        judge = self.judge(coarse)
        alive = (
            scene,
            judge.kept("i", inventory),
            judge.kept("f", flags),
            unlocked,
            judge.kept("p", solved),
            judge.kept("p", failed),
            judge.kept("u", used),
            *coarse[7:],
        )
        position = self.positions.get(alive)
        if position is not None:
            return (position, *alive[1:])
        # nothing dead (subsets of equal size): the same facts, the same judge and answers
        if sum(map(len, alive[1:7])) != sum(map(len, coarse[1:7])):
            judge = self.judge(alive)
        position = self.positions[alive] = self.position(alive, judge)
        fine = (position, *alive[1:])
        self.judge_of.setdefault(fine, judge)  # a merged position: its first state's
        return fine

    def walker(self, coarse: Key) -> Callable[[str], list[str]]:
        """The scenes one can walk to from a scene: visible, unlocked exits, no first visit
        that matters."""
        exits, visits = self.exits, self.rel.visits
        unlocked, visited = coarse[3], coarse[8]
        team = self.blank
        if self.conditional:  # exit conditions read the team's facts
            team = evolve(
                team,
                inventory=tuple(coarse[1]),
                flags=coarse[2],
                unlocked=unlocked,
                solved=coarse[4],
                failed=coarse[5],
                visited=visited,
                score=coarse[9],
            )
        tick = coarse[10]
        elapsed = self.time_points[tick - 1] if tick else 0.0

        def free(here: str) -> list[str]:
            return [
                to
                for to, when, lock in exits[here]
                if (when is None or holds(when, team, elapsed))
                and (lock is None or lock in unlocked)
                and (to not in visits or to in visited)
            ]

        return free

    def group(self, coarse: Key, free: Callable[[str], list[str]]) -> frozenset[str]:
        """The scenes one can walk to from the team's scene and back.

        Memoised on what the walk reads: the unlocked exits and visited scenes (and the
        facts exit conditions read, when the scenario has any).
        """
        scene = coarse[0]
        key = (
            scene,
            coarse[3],
            coarse[8],
            *(coarse[1:6] + coarse[9:11] if self.conditional else ()),
        )
        found = self.groups.get(key)
        if found is not None:
            return found
        ahead, back = {scene}, {scene: set[str]()}
        stack = [scene]
        while stack:
            here = stack.pop()
            for target in free(here):
                back.setdefault(target, set()).add(here)
                if target not in ahead:
                    ahead.add(target)
                    stack.append(target)
        group, stack = {scene}, [scene]
        while stack:
            for source in back.get(stack.pop(), ()):
                if source not in group:
                    group.add(source)
                    stack.append(source)
        found = self.groups[key] = frozenset(group)
        return found

    def exhausted(self, scene: str, judge: Judge, visited: frozenset[str]) -> bool:
        """Nothing left to do here: every hotspot is dead, no first visit that matters."""
        if scene in self.rel.visits and scene not in visited:
            return False
        return judge.idle(scene)

    def position(self, coarse: Key, judge: Judge) -> Any:
        """Where the team stands, up to moves that change nothing.

        Scenes the team can walk between freely (visible, unlocked exits both ways, no first
        visit that matters) are one position. A group of such scenes where nothing is left to
        do is worth exactly the live scenes one can walk to from it: those positions merge too.
        """
        scene = coarse[0]
        if scene not in self.rules.scenes:
            return scene
        visited = coarse[8]
        free = self.walker(coarse)
        group = self.group(coarse, free)
        if not self.exhausted(scene, judge, visited) or any(
            not self.exhausted(s, judge, visited) for s in group
        ):
            return scene if len(group) == 1 else ("at", group)
        frontier: set[str] = set()
        seen, stack = set(group), list(group)
        while stack:
            for target in free(stack.pop()):
                if target in seen:
                    continue
                seen.add(target)
                if self.exhausted(target, judge, visited):
                    stack.append(target)
                else:
                    frontier.add(target)
        return ("walk", frozenset(frontier))
