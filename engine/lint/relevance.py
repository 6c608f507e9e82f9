"""What can still matter for finishing the game: the facts the exploration keeps in its key.

Two reductions, both sound for "can an ending still be reached?":

* **Static relevance** (a backward fixpoint from moves and endings): an item, flag, puzzle
  status, used hotspot, examined item or visited scene is *relevant* when it can change,
  directly or through a chain of conditions and effects, whether a ``go``, an ``end``, an exit
  or an ``unlock`` happens. An optional item that only opens a bonus puzzle worth points that
  no condition reads is irrelevant: carrying it or not leads to the same endings.
* **Scene liveness**: every relevant fact is read at *sites* (the scenes of the hotspots and
  exits whose conditions read it). When none of those scenes can be reached any more from the
  team's scene (in the static scene graph, all exits taken as open), the fact is dead and
  dropped from the key. Sites of items that can be combined or examined are global.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from engine.format import effects as fx
from engine.format import walk
from engine.format.conditions import (
    AfterMinutes,
    All,
    Any_,
    Condition,
    Failed,
    Flag,
    Has,
    Not,
    ScoreAtLeast,
    Solved,
    Visited,
)
from engine.format.puzzles import CombinePuzzle
from engine.format.scenario import Scenario

GLOBAL = "*"


def atoms(condition: Condition | None) -> Iterator[Condition]:
    """The leaf conditions of a (possibly nested) condition."""
    if condition is None:
        return
    if isinstance(condition, All):
        for child in condition.all:
            yield from atoms(child)
    elif isinstance(condition, Any_):
        for child in condition.any:
            yield from atoms(child)
    elif isinstance(condition, Not):
        yield from atoms(condition.not_)
    else:
        yield condition


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

    def effect(self, effect: fx.Effect) -> bool:
        """Whether running ``effect`` can change a relevant fact."""
        match effect:
            case fx.Give(give=item) | fx.Take(take=item):
                return item in self.items
            case fx.SetFlag(set=flag) | fx.UnsetFlag(unset=flag):
                return flag in self.flags
            case fx.Unlock(unlock=target):
                return target in self.unlocks
            case fx.GoTo() | fx.End():
                return True
            case fx.AddScore():
                return self.score
        return False

    def effects(self, effects: Iterable[fx.Effect]) -> bool:
        return any(self.effect(e) for e in effects)

    def score_cap(self) -> int:
        return max(self.thresholds, default=0)


def relevance(scenario: Scenario) -> Relevance:
    """The backward fixpoint: start from moves and endings, add what can lead to them."""
    rel = Relevance()
    exit_ids = {e.id for s in scenario.scenes for e in s.exits if e.id}
    rel.unlocks |= exit_ids
    tested_puzzles: set[str] = set()

    def mark(condition: Condition | None) -> None:
        for atom in atoms(condition):
            match atom:
                case Has(has=item):
                    rel.items.add(item)
                case Flag(flag=flag):
                    rel.flags.add(flag)
                case Solved(solved=puzzle) | Failed(failed=puzzle):
                    tested_puzzles.add(puzzle)
                case Visited(visited=scene):
                    rel.visits.add(scene)
                case ScoreAtLeast(score_at_least=points):
                    rel.score = True
                    rel.thresholds.add(points)
                case AfterMinutes(after_minutes=minutes):
                    rel.minutes.add(minutes)

    before: tuple[int, ...] = ()
    while True:
        for scene in scenario.scenes:
            for exit_ in scene.exits:
                mark(exit_.when)
            if rel.effects(scene.on_first_visit):
                rel.visits.add(scene.id)
            for hotspot in scene.hotspots:
                effectful = rel.effects(hotspot.effects)
                if effectful:
                    rel.effectful.add(hotspot.id)
                    if hotspot.once:
                        rel.used.add(hotspot.id)
                if effectful or hotspot.puzzle in rel.puzzles:
                    rel.active.add(hotspot.id)
                    if hotspot.locked:
                        rel.unlocks.add(hotspot.id)
                    mark(hotspot.when)
                    if hotspot.needs_item:
                        rel.items.add(hotspot.needs_item)
        for puzzle in scenario.puzzles:
            if (
                puzzle.id in tested_puzzles
                or rel.effects(puzzle.on_solve)
                or rel.effects(puzzle.on_fail)
                or (puzzle.points != 0 and rel.score)
            ):
                rel.puzzles.add(puzzle.id)
                if isinstance(puzzle, CombinePuzzle):
                    rel.items |= set(puzzle.items)
        for item in scenario.items:
            if rel.effects(item.on_examine):
                rel.examine.add(item.id)
                rel.items.add(item.id)
        for event in scenario.timer.events:
            if rel.effects(event.effects):
                rel.timed.add(event.id)
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


@dataclass(frozen=True)
class Live:
    """The relevant facts that can still matter while the team is in a given closure."""

    items: frozenset[str]
    flags: frozenset[str]
    puzzles: frozenset[str]
    used: frozenset[str]
    examine: frozenset[str]
    visits: frozenset[str]
    unlocks: frozenset[str]


class Liveness:
    """Scene closures and the live facts of each, computed once per scenario."""

    def __init__(self, scenario: Scenario, rel: Relevance) -> None:
        self.rel = rel
        self.sites = _sites(scenario, rel)
        self.closure = _closures(scenario)
        self._live: dict[frozenset[str], Live] = {}
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

    def live(self, scene: str) -> Live:
        closure = self.closure.get(scene, frozenset({scene}))
        found = self._live.get(closure)
        if found is None:
            found = self._live[closure] = self._compute(closure)
        return found

    def _compute(self, closure: frozenset[str]) -> Live:
        def keep(kind: str, names: Iterable[str]) -> frozenset[str]:
            table = self.sites[kind]
            return frozenset(
                n
                for n in names
                if GLOBAL in table.get(n, ()) or not closure.isdisjoint(table.get(n, ()))
            )

        rel = self.rel
        return Live(
            items=keep("items", rel.items),
            flags=keep("flags", rel.flags),
            puzzles=keep("puzzles", rel.puzzles),
            used=keep("used", rel.used),
            examine=frozenset(rel.examine),
            visits=keep("visits", rel.visits),
            unlocks=keep("unlocks", rel.unlocks),
        )


def _sites(scenario: Scenario, rel: Relevance) -> dict[str, dict[str, set[str]]]:
    sites: dict[str, dict[str, set[str]]] = {
        k: {} for k in ("items", "flags", "puzzles", "used", "visits", "unlocks")
    }

    def add(kind: str, name: str, where: str) -> None:
        sites[kind].setdefault(name, set()).add(where)

    def read(condition: Condition | None, where: str) -> None:
        for atom in atoms(condition):
            match atom:
                case Has(has=item):
                    add("items", item, where)
                case Flag(flag=flag):
                    add("flags", flag, where)
                case Solved(solved=puzzle) | Failed(failed=puzzle):
                    add("puzzles", puzzle, where)
                case Visited(visited=scene):
                    add("visits", scene, where)

    for scene in scenario.scenes:
        add("visits", scene.id, scene.id)
        for exit_ in scene.exits:
            read(exit_.when, scene.id)
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


def _go_targets(effects: Sequence[fx.Effect]) -> Iterator[str]:
    for effect in effects:
        if isinstance(effect, fx.GoTo):
            yield effect.go


def _closures(scenario: Scenario) -> dict[str, frozenset[str]]:
    """For each scene, the scenes reachable from it if every exit were open."""
    puzzles = {p.id: p for p in scenario.puzzles}
    edges: dict[str, set[str]] = {s.id: set() for s in scenario.scenes}
    for scene in scenario.scenes:
        out = edges[scene.id]
        out |= {e.to for e in scene.exits}
        out |= set(_go_targets(scene.on_first_visit))
        for hotspot in scene.hotspots:
            out |= set(_go_targets(hotspot.effects))
            puzzle = puzzles.get(hotspot.puzzle or "")
            if puzzle is not None:
                out |= set(_go_targets(puzzle.on_solve)) | set(_go_targets(puzzle.on_fail))
    anywhere: set[str] = set()
    for item in scenario.items:
        anywhere |= set(_go_targets(item.on_examine))
    for puzzle in scenario.puzzles:
        if isinstance(puzzle, CombinePuzzle):
            anywhere |= set(_go_targets(puzzle.on_solve))
    for event in scenario.timer.events:
        anywhere |= set(_go_targets(event.effects))
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
    return {scene: reach[cid] | extra for scene, cid in component.items()}


# --- dynamic liveness: facts that can no longer change anything ---------------------------

Site = tuple[str, str]  # ("h", hotspot) | ("x", scene of an exit) | ("c", combine) | ("e", item)


@dataclass(frozen=True)
class Coarse:
    """The closure-filtered facts of a state; the judge reads nothing else."""

    closure: frozenset[str]
    inventory: frozenset[str]
    flags: frozenset[str]
    unlocked: frozenset[str]
    solved: frozenset[str]
    failed: frozenset[str]
    used: frozenset[str]
    examined: frozenset[str]


class Readers:
    """Static tables for the judge: who reads each fact, what each thing does."""

    def __init__(self, scenario: Scenario, rel: Relevance) -> None:
        self.rel = rel
        self.items: dict[str, list[Site]] = {}
        self.flags: dict[str, list[Site]] = {}
        self.puzzles: dict[str, list[Site]] = {}
        self.hotspots: dict[str, tuple[str, bool, list[Op], str | None]] = {}
        self.solve: dict[str, tuple[list[Op], list[Op], bool]] = {}
        self.examine: dict[str, list[Op]] = {}
        self.taken: set[str] = set()
        self.unset: set[str] = set()

        def keep(effects: Iterable[fx.Effect]) -> list[Op]:
            return [_op(e) for e in effects if rel.effect(e)]

        def read(condition: Condition | None, site: Site) -> None:
            for atom in atoms(condition):
                match atom:
                    case Has(has=item):
                        self.items.setdefault(item, []).append(site)
                    case Flag(flag=flag):
                        self.flags.setdefault(flag, []).append(site)
                    case Solved(solved=puzzle) | Failed(failed=puzzle):
                        self.puzzles.setdefault(puzzle, []).append(site)

        for scene in scenario.scenes:
            for exit_ in scene.exits:
                read(exit_.when, ("x", scene.id))
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
                if p.consume:
                    self.taken |= set(p.items)
        for thing in scenario.items:
            self.examine[thing.id] = keep(thing.on_examine)
            if thing.id in rel.examine:
                self.items.setdefault(thing.id, []).append(("e", thing.id))
        for _, effect in _all_effects(scenario):
            if isinstance(effect, fx.Take):
                self.taken.add(effect.take)
            elif isinstance(effect, fx.UnsetFlag):
                self.unset.add(effect.unset)


Op = tuple[str, str]  # a relevant effect, compiled: ("give", "cle"), ("go", ""), …


def _op(effect: fx.Effect) -> Op:
    match effect:
        case fx.Give(give=item):
            return ("give", item)
        case fx.Take(take=item):
            return ("take", item)
        case fx.SetFlag(set=flag):
            return ("set", flag)
        case fx.UnsetFlag(unset=flag):
            return ("unset", flag)
        case fx.Unlock(unlock=target):
            return ("unlock", target)
        case fx.AddScore():
            return ("score", "")
    return ("move", "")


def _all_effects(scenario: Scenario) -> Iterator[tuple[walk.Path, fx.Effect]]:
    yield from walk.effects(scenario)


_NOTHING: tuple[list[Op], list[Op], bool] = ([], [], False)


class Judge:
    """Decides, for one coarse state, which true facts can still change anything.

    A fact is alive while some *reader* of it is alive: an exit in a reachable scene, a
    hotspot that can still run a live effect or open a live puzzle, an unsolved combination,
    an item not examined yet. An effect is dead when it is a permanent no-op (unlocking what
    is unlocked, giving an item never taken that the team holds) or only changes dead facts.
    Everything it reads is monotone or dead, so a dead fact stays dead: dropping it from the
    key merges states with the same future. Cycles are assumed alive (the safe side).
    """

    def __init__(self, readers: Readers, coarse: Coarse) -> None:
        self.r = readers
        self.c = coarse
        self.memo: dict[tuple[str, str, str], bool] = {}
        self.scenes: dict[str, bool] = {}  # scene -> exhausted (filled by the explorer)

    # Each query is memoised; while it is being computed it counts as alive (cycles).

    def item(self, item: str) -> bool:
        key = ("i", item, "")
        found = self.memo.get(key)
        if found is None:
            self.memo[key] = True
            found = self.memo[key] = self.sites(self.r.items.get(item, ()), item)
        return found

    def flag(self, flag: str) -> bool:
        key = ("f", flag, "")
        found = self.memo.get(key)
        if found is None:
            self.memo[key] = True
            found = self.memo[key] = self.sites(self.r.flags.get(flag, ()), flag)
        return found

    def status(self, puzzle: str) -> bool:
        """Would it matter whether ``puzzle`` is solved or failed?"""
        key = ("p", puzzle, "")
        found = self.memo.get(key)
        if found is None:
            self.memo[key] = True
            on_solve, on_fail, points = self.r.solve.get(puzzle, _NOTHING)
            found = self.memo[key] = (
                points
                or self.effects(on_solve, "")
                or self.effects(on_fail, "")
                or self.sites(self.r.puzzles.get(puzzle, ()), "")
            )
        return found

    def open_puzzle(self, puzzle: str, exclude: str) -> bool:
        """Can solving or failing ``puzzle`` still change something alive?"""
        if puzzle in self.c.solved or puzzle in self.c.failed:
            return False
        key = ("o", puzzle, exclude)
        found = self.memo.get(key)
        if found is None:
            self.memo[key] = True
            on_solve, on_fail, points = self.r.solve.get(puzzle, _NOTHING)
            found = self.memo[key] = (
                points
                or self.effects(on_solve, exclude)
                or self.effects(on_fail, exclude)
                or self.sites(self.r.puzzles.get(puzzle, ()), exclude)
            )
        return found

    def used(self, hotspot: str) -> bool:
        """Would it matter whether ``hotspot`` already ran its once-only effects?"""
        scene, _, effects, _ = self.r.hotspots[hotspot]
        return scene in self.c.closure and self.effects(effects, "")

    def hotspot(self, hotspot: str, exclude: str) -> bool:
        """Can using ``hotspot`` still change something alive?"""
        if hotspot not in self.r.rel.active:
            return False
        key = ("h", hotspot, exclude)
        found = self.memo.get(key)
        if found is None:
            self.memo[key] = True
            scene, once, effects, puzzle = self.r.hotspots[hotspot]
            if scene not in self.c.closure:
                found = False
            elif (
                effects and not (once and hotspot in self.c.used) and self.effects(effects, exclude)
            ):
                found = True
            else:
                found = puzzle is not None and self.open_puzzle(puzzle, exclude)
            self.memo[key] = found
        return found

    def sites(self, sites: Iterable[Site], exclude: str) -> bool:
        for site in sites:  # noqa: SIM110 - hot path
            if self.site(site, exclude):
                return True
        return False

    def site(self, site: Site, exclude: str) -> bool:
        kind, ref = site
        if kind == "x":
            return ref in self.c.closure
        if kind == "h":
            return self.hotspot(ref, exclude)
        if kind == "c":
            return self.open_puzzle(ref, exclude)
        return ref not in self.c.examined and self.effects(self.r.examine.get(ref, []), exclude)

    def effects(self, ops: Iterable[Op], exclude: str) -> bool:
        for op in ops:  # noqa: SIM110 - a plain loop: this is the hottest path of the lint
            if self.effect(op, exclude):
                return True
        return False

    def effect(self, op: Op, exclude: str) -> bool:
        kind, name = op
        if kind == "give":
            if name == exclude or (name in self.c.inventory and name not in self.r.taken):
                return False
            return self.item(name)
        if kind == "take":
            return name != exclude and self.item(name)
        if kind == "set":
            if name == exclude or (name in self.c.flags and name not in self.r.unset):
                return False
            return self.flag(name)
        if kind == "unset":
            return name != exclude and self.flag(name)
        if kind == "unlock":
            return name not in self.c.unlocked
        if kind == "score":
            return self.r.rel.score
        return True
