"""What can still matter for finishing the game: the facts the exploration keeps in its key.

Two reductions, both sound for "can an ending still be reached?":

* **Static relevance** (a backward fixpoint from moves and endings): an item, flag, puzzle
  status, used hotspot, examined item or visited scene is *relevant* when it can change,
  directly or through a chain of conditions and effects, whether a ``go``, an ``end``, an exit
  or an ``unlock`` happens. An optional item that only opens a bonus puzzle worth points that
  no condition reads is irrelevant: carrying it or not leads to the same endings. So is a
  *free* item (``engine.lint.free``): the team can always take it where it is needed.
* **Scene liveness**: every relevant fact is read at *sites* (the scenes of the hotspots and
  exits whose conditions read it). When none of those scenes can be reached any more from the
  team's scene (in the static scene graph, all exits taken as open), the fact is dead and
  dropped from the key. Sites of items that can be combined or examined are global.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from engine.format import effects as fx
from engine.format.conditions import Condition
from engine.format.footprint import Fact, footprint, reads
from engine.format.puzzles import CombinePuzzle
from engine.format.scenario import Scenario
from engine.lint.free import free_items

GLOBAL = "*"
#: The kind of fact a condition reads -> the table of sites where it is read.
SITE_KINDS = {"item": "items", "flag": "flags", "solved": "puzzles", "failed": "puzzles"}
SITE_KINDS["visited"] = "visits"


@dataclass
class Relevance:
    """The relevant facts of a scenario, where each is read, and the static scene graph."""

    items: set[str] = field(default_factory=set)
    flags: set[str] = field(default_factory=set)
    puzzles: set[str] = field(default_factory=set)  # solved/failed status matters
    used: set[str] = field(default_factory=set)  # once-hotspots whose effects matter
    effectful: set[str] = field(default_factory=set)  # hotspots with relevant effects
    active: set[str] = field(default_factory=set)  # using the hotspot can matter
    examine: set[str] = field(default_factory=set)
    visits: set[str] = field(default_factory=set)
    unlocks: set[str] = field(default_factory=set)
    score: bool = False
    thresholds: set[int] = field(default_factory=set)
    minutes: set[float] = field(default_factory=set)  # after_minutes values read
    timed: set[str] = field(default_factory=set)  # timed events with relevant effects
    free: dict[str, str] = field(default_factory=dict)  # free item -> its giver (``free.py``)

    def effect(self, effect: fx.Effect) -> bool:
        """Whether running ``effect`` can change a relevant fact."""
        for fact in footprint(effect).writes:  # noqa: SIM110 - cheaper than any(), a hot path
            if self.fact(fact):
                return True
        return False

    def fact(self, fact: Fact) -> bool:
        """Whether changing ``fact`` can matter (moving and ending always do; a turn does not:
        the lint plays one team)."""
        match fact.kind:
            case "item":
                return fact.name in self.items
            case "flag":
                return fact.name in self.flags
            case "unlocked":
                return fact.name in self.unlocks
            case "scene" | "ending":
                return True
            case "score":
                return self.score
        return False

    def effects(self, effects: Iterable[fx.Effect]) -> bool:
        for effect in effects:  # noqa: SIM110 - as in ``effect``
            if self.effect(effect):
                return True
        return False

    def score_cap(self) -> int:
        return max(self.thresholds, default=0)


class _Writes:
    """What a list of effects writes, read once: whether it moves or ends (always relevant)
    and the other facts it changes."""

    __slots__ = ("always", "facts")

    def __init__(self, effects: Iterable[fx.Effect]) -> None:
        always = False
        facts: list[Fact] = []
        for effect in effects:  # one loop: a thousand-puzzle game has thousands of lists
            for fact in footprint(effect).writes:
                if fact.kind in _ALWAYS:
                    always = True
                elif fact.kind in _CAN_MATTER:
                    facts.append(fact)
        self.always = always
        self.facts = tuple(facts)

    def relevant(self, rel: Relevance) -> bool:
        """``rel.effects`` of the list, from what was read once (asked at each pass)."""
        if self.always:
            return True
        for fact in self.facts:  # noqa: SIM110 - as in ``Relevance.effect``
            if rel.fact(fact):
                return True
        return False


_ALWAYS = frozenset({"scene", "ending"})
_CAN_MATTER = frozenset({"item", "flag", "unlocked", "score"})
_NO_WRITES = _Writes(())


def _writes(effects: Sequence[fx.Effect]) -> _Writes:
    return _Writes(effects) if effects else _NO_WRITES


def relevance(scenario: Scenario) -> Relevance:
    """The backward fixpoint: start from moves and endings, add what can lead to them.

    Facts only accumulate, so what is already decided is not looked at again: after the
    first pass, a pass only asks the lists of effects that did not matter yet.
    """
    rel = Relevance(free=free_items(scenario))
    exit_ids = {e.id for s in scenario.scenes for e in s.exits if e.id}
    rel.unlocks |= exit_ids
    tested_puzzles: set[str] = set()

    marks = {"item": rel.items, "flag": rel.flags, "visited": rel.visits}
    marks |= {"solved": tested_puzzles, "failed": tested_puzzles}

    def mark(condition: Condition | None) -> None:
        for fact in reads(condition):
            if fact.kind in marks:
                marks[fact.kind].add(fact.name)
            elif fact.kind == "score":
                rel.score = True
                rel.thresholds.add(int(fact.amount))
            elif fact.kind == "time":
                rel.minutes.add(fact.amount)

    for scene in scenario.scenes:  # read whatever else matters
        for exit_ in scene.exits:
            mark(exit_.passable)
    firsts = [(scene.id, _writes(scene.on_first_visit)) for scene in scenario.scenes]
    hotspots = [(h, _writes(h.effects)) for scene in scenario.scenes for h in scene.hotspots]
    puzzles = [(p, _writes([*p.on_solve, *p.on_fail])) for p in scenario.puzzles]
    items = [(item.id, _writes(item.on_examine)) for item in scenario.items]
    events = [(event.id, _writes(event.effects)) for event in scenario.timer.events]
    before: tuple[int, ...] = ()
    while True:
        for scene_id, writes in firsts:
            if scene_id not in rel.visits and writes.relevant(rel):
                rel.visits.add(scene_id)
        for hotspot, writes in hotspots:
            if hotspot.id in rel.effectful:
                continue  # active too: nothing left to add
            effectful = writes.relevant(rel)
            if effectful:
                rel.effectful.add(hotspot.id)
                if hotspot.once:
                    rel.used.add(hotspot.id)
            if hotspot.id in rel.active:
                continue  # its condition, lock and item are read already
            if effectful or hotspot.puzzle in rel.puzzles:
                rel.active.add(hotspot.id)
                if hotspot.locked:
                    rel.unlocks.add(hotspot.id)
                mark(hotspot.when)
                if hotspot.needs_item and hotspot.needs_item not in rel.free:
                    rel.items.add(hotspot.needs_item)
        for puzzle, writes in puzzles:
            if puzzle.id in rel.puzzles:
                continue
            if (
                puzzle.id in tested_puzzles
                or writes.relevant(rel)
                or (puzzle.points != 0 and rel.score)
            ):
                rel.puzzles.add(puzzle.id)
                if isinstance(puzzle, CombinePuzzle):
                    rel.items |= set(puzzle.items)
        for item_id, writes in items:
            if item_id not in rel.examine and writes.relevant(rel):
                rel.examine.add(item_id)
                rel.items.add(item_id)
        for event_id, writes in events:
            if event_id not in rel.timed and writes.relevant(rel):
                rel.timed.add(event_id)
        size = _size(rel, tested_puzzles)
        if size == before:
            return rel
        before = size


def _size(rel: Relevance, tested: set[str]) -> tuple[int, ...]:
    return (
        len(rel.items),
        len(rel.flags),
        len(rel.puzzles),
        len(rel.used),
        len(rel.active),
        len(rel.examine),
        len(rel.visits),
        len(rel.unlocks),
        int(rel.score),
        len(tested),
        len(rel.timed),
    )


# --- where facts are read, and which scenes can still be reached ---------------------------


class Liveness:
    """Scene closures and the live facts of each, computed once per scenario."""

    def __init__(self, scenario: Scenario, rel: Relevance) -> None:
        self.rel = rel
        self.sites = _sites(scenario, rel)
        self.closure = _closures(scenario)
        self._facts: dict[tuple[str, str, frozenset[str]], bool] = {}
        self._relevant: dict[str, set[str]] = {
            "items": rel.items,
            "flags": rel.flags,
            "puzzles": rel.puzzles,
            "used": rel.used,
            "visits": rel.visits,
            "unlocks": rel.unlocks,
        }

    def is_live(self, kind: str, name: str, closure: frozenset[str]) -> bool:
        """Is ``name`` relevant and read somewhere in ``closure``? (memoised)"""
        key = (kind, name, closure)
        found = self._facts.get(key)
        if found is None:
            if kind == "examine":
                found = name in self.rel.examine
            else:
                sites = self.sites[kind].get(name, ())
                relevant = self._relevant[kind]
                found = name in relevant and (GLOBAL in sites or not closure.isdisjoint(sites))
            self._facts[key] = found
        return found


def _sites(scenario: Scenario, rel: Relevance) -> dict[str, dict[str, set[str]]]:
    sites: dict[str, dict[str, set[str]]] = {
        k: {} for k in ("items", "flags", "puzzles", "used", "visits", "unlocks")
    }

    def add(kind: str, name: str, where: str) -> None:
        table = sites[kind]
        found = table.get(name)
        if found is None:  # not ``setdefault``: a set made for each call, kept for few
            table[name] = {where}
        else:
            found.add(where)

    def read(condition: Condition | None, where: str) -> None:
        for fact in reads(condition):
            if fact.kind in SITE_KINDS:
                add(SITE_KINDS[fact.kind], fact.name, where)

    for scene in scenario.scenes:
        add("visits", scene.id, scene.id)
        for exit_ in scene.exits:
            read(exit_.passable, scene.id)
            if exit_.id:
                add("unlocks", exit_.id, scene.id)
        for hotspot in scene.hotspots:
            add("used", hotspot.id, scene.id)
            add("unlocks", hotspot.id, scene.id)
            if hotspot.id in rel.active:
                read(hotspot.when, scene.id)
                if hotspot.needs_item:
                    add("items", hotspot.needs_item, scene.id)
            if hotspot.puzzle:
                add("puzzles", hotspot.puzzle, scene.id)
    for puzzle in scenario.puzzles:
        if isinstance(puzzle, CombinePuzzle):
            add("puzzles", puzzle.id, GLOBAL)
            for item in puzzle.items:
                add("items", item, GLOBAL)
    for item in rel.examine:
        add("items", item, GLOBAL)
    return sites


def _add_go_targets(found: set[str], effects: Sequence[fx.Effect]) -> None:
    """Add the scenes ``effects`` send the team to (into ``found``: no set made per list)."""
    for effect in effects:
        if isinstance(effect, fx.GoTo):
            found.add(effect.go)


def _closures(scenario: Scenario) -> dict[str, frozenset[str]]:
    """For each scene, the scenes reachable from it if every exit were open."""
    puzzles = {p.id: p for p in scenario.puzzles}
    edges: dict[str, set[str]] = {s.id: set() for s in scenario.scenes}
    for scene in scenario.scenes:
        out = edges[scene.id]
        for exit_ in scene.exits:
            out.add(exit_.to)
        _add_go_targets(out, scene.on_first_visit)
        for hotspot in scene.hotspots:
            _add_go_targets(out, hotspot.effects)
            puzzle = puzzles.get(hotspot.puzzle or "")
            if puzzle is not None:
                _add_go_targets(out, puzzle.on_solve)
                _add_go_targets(out, puzzle.on_fail)
    anywhere: set[str] = set()
    for item in scenario.items:
        _add_go_targets(anywhere, item.on_examine)
    for puzzle in scenario.puzzles:
        if isinstance(puzzle, CombinePuzzle):
            _add_go_targets(anywhere, puzzle.on_solve)
    for event in scenario.timer.events:
        _add_go_targets(anywhere, event.effects)
    components = _scc(edges)
    return _reach(edges, anywhere, components)


def _scc(edges: dict[str, set[str]]) -> dict[str, int]:
    """Tarjan's strongly connected components, iteratively (scenes may be many)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    component: dict[str, int] = {}
    counter = 0
    components = 0
    for root in edges:
        if root in index:
            continue
        work: list[tuple[str, Iterator[str]]] = [(root, iter(sorted(edges[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in edges:
                    continue
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component[member] = components
                    if member == node:
                        break
                components += 1
    return component


def _reach(
    edges: dict[str, set[str]], anywhere: set[str], component: dict[str, int]
) -> dict[str, frozenset[str]]:
    """Reachable sets computed once per component, in reverse topological order."""
    members: dict[int, set[str]] = {}
    for scene, cid in component.items():
        members.setdefault(cid, set()).add(scene)
    # Tarjan numbers components in reverse topological order: successors come first.
    reach: dict[int, frozenset[str]] = {}
    for cid in sorted(members):
        found = set(members[cid])
        for scene in members[cid]:
            for target in edges[scene]:
                if target in component and component[target] != cid:
                    found |= reach[component[target]]
        reach[cid] = frozenset(found)
    extra: set[str] = set()
    for target in anywhere:
        if target in component:
            extra |= reach[component[target]]
    # One object per distinct closure: closures key memos, and equal but distinct frozensets
    # would be compared element by element on every lookup.
    full = {cid: reach[cid] | extra for cid in reach}
    return {scene: full[cid] for scene, cid in component.items()}
