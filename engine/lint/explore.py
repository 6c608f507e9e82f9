"""Breadth-first search of the states one team can reach, through the real core.

Every transition is ``Rules.advance``, the code of ``Rules.step`` without the narration events
it would never read: the lint and the game cannot disagree. The search plays
one joined player of one team (teams never see each other's state, so each team's game is
this game; a scenario with several ``team_starts`` is explored once per start).

States are merged on an *abstract key* (see ``docs/lint.md``): scene, relevant and still
live items, flags, unlocked things, solved/failed puzzles, used once-hotspots, examined
items, visited scenes, score capped at the highest ``score_at_least``, ending, and how many
"time points" have passed. Time of day, player identity, hints, participants and wrong-answer
counts are abstracted away. Each key keeps the first concrete state found (so the shortest
path), which is what paths replay.

A puzzle opened by a hotspot is never a stored state: ``use`` is followed at once by the right
answer, by ``close``, or (limited attempts only) by wrong answers until the puzzle fails.
"""

from __future__ import annotations

import gc
import heapq
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from engine.core import actions as ac
from engine.core.answers import is_right, right_answer
from engine.core.conditions import holds
from engine.core.events import Event, Rejected
from engine.core.rules import Rules
from engine.core.state import CLOCK, FACILITATOR, GameState, TeamState, evolve
from engine.format.puzzles import PuzzleBase
from engine.format.scenario import Hotspot
from engine.lint.abstraction import Abstraction, Key
from engine.lint.independence import Footprints, MacroId
from engine.lint.judge import Judge
from engine.lint.relevance import Relevance, relevance
from engine.load.yaml_source import paused_gc
from engine.puzzles.registry import unit_of

DEFAULT_BUDGET = 200_000
_AWAKE: frozenset[Any] = frozenset()
PLAYER = "p1"
PSEUDONYM = "Lint"


@dataclass(frozen=True)
class Wait:
    """Let time pass until ``until`` seconds of play (a timed event or an ``after_minutes``)."""

    until: float


Move = ac.Action | Wait
Played = tuple[GameState, float, list[Event]]
Successor = tuple["MacroId", tuple[Move, ...], GameState, float, list[Event]]


@dataclass
class Exploration:
    """The explored graph: nodes in breadth-first order, node 0 is the start."""

    rules: Rules
    states: list[GameState] = field(default_factory=list)
    nows: list[float] = field(default_factory=list)
    parents: list[int] = field(default_factory=list)
    vias: list[tuple[Move, ...]] = field(default_factory=list)
    edges: list[list[tuple[int, tuple[Move, ...]]]] = field(default_factory=list)
    complete: bool = True
    steps: int = 0
    _dead: tuple[tuple[int, int], list[int]] | None = field(default=None, repr=False)

    def __len__(self) -> int:
        return len(self.states)

    def team(self, node: int) -> TeamState:
        return next(iter(self.states[node].teams.values()))

    def ending(self, node: int) -> str | None:
        return self.team(node).ending

    def teams(self) -> list[TeamState]:
        """The team of each node, in order."""
        return [next(iter(state.teams.values())) for state in self.states]

    def endings(self) -> set[str]:
        return {team.ending for team in self.teams() if team.ending is not None}

    def path(self, node: int) -> list[Move]:
        """The breadth-first (fewest transitions) path from the start to ``node``."""
        chunks: list[tuple[Move, ...]] = []
        while node > 0:
            chunks.append(self.vias[node])
            node = self.parents[node]
        return [move for chunk in reversed(chunks) for move in chunk]

    def can_end(self) -> list[bool]:
        """For each node: can an ending still be reached from it? (reverse reachability)"""
        back: list[list[int]] = [[] for _ in range(len(self))]
        for source, out in enumerate(self.edges):
            for target, _ in out:
                back[target].append(source)
        alive = [team.ending is not None for team in self.teams()]
        queue = deque(n for n, ok in enumerate(alive) if ok)
        while queue:
            node = queue.popleft()
            for source in back[node]:
                if not alive[source]:
                    alive[source] = True
                    queue.append(source)
        return alive

    def dead_ends(self) -> list[int]:
        """Nodes from which no ending can be reached, shallowest first (worked out again
        only when the search went on: the search and the report both ask)."""
        if not self.complete:
            return []
        stamp = (len(self.states), self.steps)  # edges are added only by steps
        if self._dead is None or self._dead[0] != stamp:
            alive = self.can_end()
            self._dead = (stamp, [n for n, ok in enumerate(alive) if not ok])
        return self._dead[1]

    def shortest_solution(self) -> list[Move] | None:
        """The path to an ending with the fewest actions (Dijkstra on action counts)."""
        best: dict[int, int] = {0: 0}
        back: dict[int, tuple[int, tuple[Move, ...]]] = {}
        heap = [(0, 0)]
        while heap:
            cost, node = heapq.heappop(heap)
            if cost > best.get(node, cost):
                continue
            if self.ending(node) is not None:
                moves: list[Move] = []
                while node in back:
                    node, via = back[node]
                    moves[:0] = via
                return moves
            for target, via in self.edges[node]:
                step = cost + sum(1 for m in via if not isinstance(m, Wait))
                if step < best.get(target, step + 1):
                    best[target] = step
                    back[target] = (node, via)
                    heapq.heappush(heap, (step, target))
        return None


def start_state(rules: Rules) -> GameState:
    """One player joined, the game started at wall-clock 0."""
    state = rules.new_game()
    state, _ = rules.step(state, ac.Join(player=PLAYER, pseudonym=PSEUDONYM), 0.0)
    state, _ = rules.step(state, ac.Start(player=FACILITATOR), 0.0)
    return state


class Explorer:
    """Breadth-first search with an abstract key, a state budget and puzzle macros."""

    def __init__(self, rules: Rules, rel: Relevance | None = None) -> None:
        self.rules = rules
        self.rel = rel or relevance(rules.scenario)
        self.abstraction = Abstraction(rules, self.rel)
        self.footprints = Footprints(rules.scenario)
        self.combination_order = {pair: n for n, pair in enumerate(rules.combinations)}
        self.made: dict[tuple[Any, ...], tuple[Move, ...]] = {}
        self.walked: dict[Any, list[tuple[str, tuple[Move, ...], bool]]] = {}
        self.plans: dict[str, _Plan] = {}
        self.free_in = {  # scene -> the free items its hotspots need
            scene.id: tuple(
                dict.fromkeys(h.needs_item for h in scene.hotspots if h.needs_item in self.rel.free)
            )
            for scene in rules.scenario.scenes
        }
        hotspots = self.footprints.hotspots
        self.active_in = {  # the judge's readers' list (``Readers.active_in``), as hotspots
            scene: [hotspots[h] for h in ids]
            for scene, ids in self.abstraction.readers.active_in.items()
        }

    def explore(
        self, *, budget: int = DEFAULT_BUDGET, start: GameState | None = None, now: float = 0.0
    ) -> Exploration:
        """Breadth-first search with sleep sets; then dead candidates get their slept edges.

        The cyclic garbage collector is paused: the search makes millions of short-lived,
        acyclic objects, and the collector's passes over the growing graph cost a third of
        the time of a thousand-puzzle game. At the end, what is still alive (the graph and
        its memos, a hundred thousand objects that live as long as the report) goes straight
        to the collector's oldest generation (``gc.freeze`` then ``gc.unfreeze``): else its
        first pass after the pause visits them all, a tenth of the search. Nothing is lost
        to the collector, it only visits them later, with the other long-lived objects. Not
        when something else froze objects (the player's window, a hub worker, in the same
        process): unfreezing would give the collector back theirs too.
        """
        frozen_before = gc.get_freeze_count()
        with paused_gc():
            try:
                return self.search(budget, start, now)
            finally:
                if frozen_before == 0:
                    gc.freeze()
                    gc.unfreeze()

    def search(self, budget: int, start: GameState | None, now: float) -> Exploration:
        found = Exploration(self.rules)
        first = start if start is not None else start_state(self.rules)
        self.keys: dict[Key, int] = {}
        self.sleep: list[frozenset[MacroId]] = []
        self.expanded: list[bool] = []
        self.found = found
        self.budget = budget
        self.node_keys: list[Key] = []
        self.closures: list[frozenset[str] | None] = []
        self.add(self.abstraction.key(first, now), first, now, -1, (), frozenset())
        queue: deque[tuple[int, frozenset[MacroId] | None]] = deque([(0, None)])
        while queue:
            node, only = queue.popleft()
            if not self.expand(node, only, queue):
                found.complete = False
                return found
        self.wake_dead(queue)
        return found

    def add(
        self,
        key: Key,
        state: GameState,
        now: float,
        parent: int,
        via: tuple[Move, ...],
        sleep: frozenset[MacroId],
    ) -> int:
        found = self.found
        index = self.keys[key] = len(found.states)
        self.node_keys.append(key)
        scene = self.team_of(state).scene
        self.closures.append(self.abstraction.closure(scene) if scene is not None else None)
        found.states.append(self.compact(state, key) if parent >= 0 else state)
        found.nows.append(now)
        found.parents.append(parent)
        found.vias.append(via)
        found.edges.append([])
        self.sleep.append(sleep)
        self.expanded.append(False)
        return index

    def compact(self, state: GameState, key: Key) -> GameState:
        """The state with only the facts of its key: what the rest cannot change, it drops.

        The team's sets grow with the game and the core copies them at each event; keeping
        only live facts keeps every step as cheap at the thousandth puzzle as at the first.
        The free items the scene needs are held: the same future (``engine.lint.free``), and
        no ``use`` of their givers to play before each hotspot that needs them. Paths are
        always replayed from the real start, so reports show real states.
        """
        team = self.team_of(state)
        if key[0] == "end":
            return state
        kept = [i for i in team.inventory if i in key[1]]
        small = evolve(
            team,
            inventory=(*kept, *self.free_in.get(team.scene or "", ())),
            flags=key[2],
            unlocked=key[3],
            solved=key[4],
            failed=key[5],
            used=key[6],
            examined=key[7],
            visited=key[8],
            hints={},
            wrong={},
            opened_at={},
            participants={},
        )
        return evolve(state, teams={team.id: small})

    def expand(
        self,
        node: int,
        only: frozenset[MacroId] | None,
        queue: deque[tuple[int, frozenset[MacroId] | None]],
    ) -> bool:
        """Explore the awake macros of ``node`` (or exactly ``only``); False when over budget."""
        found = self.found
        state = found.states[node]
        if self.team_of(state).ending is not None:
            return True
        self.expanded[node] = True
        asleep = self.sleep[node]
        done: list[MacroId] = []
        base = self.node_keys[node]
        for mid, via, child, when, events in self.moves_of(
            state, found.nows[node], base, asleep, only
        ):
            child_sleep = self.sleep_after(asleep if only is None else _AWAKE, done, mid)
            done.append(mid)
            key = self.abstraction.key_after(base, events, child, when, self.closures[node])
            target = self.keys.get(key)
            if target is None:
                if len(found.states) >= self.budget:
                    return False
                target = self.add(key, child, when, node, via, child_sleep)
                queue.append((target, None))
            else:
                old = self.sleep[target]
                if not old <= child_sleep:
                    self.sleep[target] = old & child_sleep
                    if self.expanded[target]:
                        queue.append((target, old - child_sleep))
            if target != node:
                found.edges[node].append((target, via))
        return True

    def sleep_after(
        self, inherited: frozenset[MacroId], done: list[MacroId], mid: MacroId
    ) -> frozenset[MacroId]:
        """The sleep set after ``mid``: the inherited and already explored macros that commute
        with it (playing them after ``mid`` reaches what playing them first reached)."""
        if not inherited and not done:
            return _AWAKE
        commutes = self.footprints.row(mid)
        return frozenset([m for m in (*inherited, *done) if commutes[m]])

    def wake_dead(self, queue: deque[tuple[int, frozenset[MacroId] | None]]) -> None:
        """Slept edges are implied, not stored: add them where a node looks dead, to be sure."""
        while True:
            suspects = [n for n in self.found.dead_ends() if self.sleep[n] and self.expanded[n]]
            if not suspects:
                return
            for node in suspects:
                queue.append((node, self.sleep[node]))
                self.sleep[node] = frozenset()
            while queue:
                node, only = queue.popleft()
                if not self.expand(node, only, queue):
                    self.found.complete = False
                    return

    @staticmethod
    def team_of(state: GameState) -> TeamState:
        return next(iter(state.teams.values()))

    # --- transitions --------------------------------------------------------------------------

    def run(self, state: GameState, moves: Sequence[Move], now: float) -> Played | None:
        """Play ``moves`` through the core; None if the core rejects one of them."""
        produced: list[Event] = []
        for move in moves:
            if isinstance(move, Wait):
                now = move.until
                move = ac.Tick(player=CLOCK)
            state, events = self.rules.advance(state, move, now)
            self.found.steps += 1
            if events and isinstance(events[-1], Rejected):  # a rejection ends the step
                return None
            produced += events
        return state, now, produced

    def moves_of(
        self,
        state: GameState,
        now: float,
        key: Key,
        asleep: frozenset[MacroId],
        only: frozenset[MacroId] | None,
    ) -> Iterator[Successor]:
        """The macros of a node; a merged position plays them from each of its scenes."""
        position = key[0]
        judge = self.abstraction.judge_of[key]
        if not isinstance(position, tuple):
            yield from self.successors(state, now, judge, asleep, only, frozenset())
            return
        kind, scenes = position
        if kind == "walk":
            paths = self.walks(state, now, judge, scenes, through_group=False)
            yield from self.successors(state, now, judge, asleep, only, None)
            for target, path in sorted(paths.items()):
                mid: MacroId = ("go", target, "")
                if (mid in only) if only is not None else (mid not in asleep):
                    result = self.run(state, path, now)
                    if result is not None:
                        yield mid, path, *result
            return
        visited = key[8]
        for target, path, leaves in self.group_walks(state, now, judge, scenes):
            if path and not leaves and self.abstraction.exhausted(target, judge, visited):
                continue  # nothing to do there that the group does not already offer
            if not path:  # where the team stands
                yield from self.successors(state, now, judge, asleep, only, scenes)
                continue
            result = self.run(state, path, now)
            if result is None:
                continue
            moves = self.successors(result[0], now, judge, asleep, only, scenes, everywhere=False)
            for mid, via, child, when, events in moves:
                yield mid, (*path, *via), child, when, [*result[2], *events]

    def group_walks(
        self, state: GameState, now: float, judge: Judge, scenes: frozenset[str]
    ) -> list[tuple[str, tuple[Move, ...], bool]]:
        """The scenes of a merged group in order, each with the walk there from the team's
        scene and whether an open exit leaves the group from it. Memoised on the scene and the
        locks opened when no exit has a condition (the walks then read nothing else)."""
        team = self.team_of(state)
        memo = None if self.abstraction.conditional else (team.scene, scenes, team.unlocked)
        found = self.walked.get(memo) if memo is not None else None
        if found is not None:
            return found
        elapsed = state.clock.elapsed(now)
        paths = self.walks(state, now, judge, scenes, through_group=True)  # reads no judge
        found = [
            (
                target,
                path,
                any(
                    e.to not in scenes
                    and holds(e.passable, team, elapsed)
                    and not self.rules.is_locked(team, e)
                    for e in self.rules.scenes[target].exits
                ),
            )
            for target, path in sorted(paths.items())
        ]
        if memo is not None:
            self.walked[memo] = found
        return found

    def walks(
        self,
        state: GameState,
        now: float,
        judge: Judge,
        scenes: frozenset[str],
        *,
        through_group: bool,
    ) -> dict[str, tuple[Move, ...]]:
        """Shortest free walks (``go`` moves) to each scene of the group, or to each live scene."""
        team = self.team_of(state)
        elapsed = state.clock.elapsed(now)
        visited = team.visited
        start = team.scene or ""
        paths: dict[str, tuple[Move, ...]] = {start: ()} if through_group else {}
        seen = {start}
        queue: deque[tuple[str, tuple[Move, ...]]] = deque([(start, ())])
        while queue:
            here, path = queue.popleft()
            for exit_ in self.rules.scenes[here].exits:
                target = exit_.to
                if target in seen or not holds(exit_.passable, team, elapsed):
                    continue
                if self.rules.is_locked(team, exit_):
                    continue
                seen.add(target)
                route = (*path, ac.Go(player=PLAYER, to=target))
                if through_group:
                    if target in scenes:
                        paths[target] = route
                        queue.append((target, route))
                elif target in scenes:
                    paths[target] = route
                elif self.abstraction.exhausted(target, judge, visited) and not (
                    target in self.rel.visits and target not in visited
                ):
                    queue.append((target, route))
        return paths

    def successors(
        self,
        state: GameState,
        now: float,
        judge: Judge,
        asleep: frozenset[MacroId],
        only: frozenset[MacroId] | None,
        group: frozenset[str] | None,
        *,
        everywhere: bool = True,
    ) -> Iterator[Successor]:
        """Every awake macro of ``state`` with the state it leads to, in a fixed order.

        ``group``: scenes already covered by the merged position (no ``go`` to them); None
        means no ``go`` at all (the walk to live scenes is done by ``moves_of``).
        ``everywhere``: also the moves that do not depend on the scene (combine, examine,
        wait); a merged position offers them once, from where the team stands.
        """
        rules, rel = self.rules, self.rel
        team = self.team_of(state)
        elapsed = state.clock.elapsed(now)

        def awake(mid: MacroId) -> bool:
            return mid in only if only is not None else mid not in asleep

        candidates: list[tuple[MacroId, tuple[Move, ...]]] = []
        targets: set[str] = set()
        for exit_ in rules.visible_exits(team, elapsed) if group is not None else ():
            if group is not None and exit_.to in group:
                continue
            if (
                exit_.to not in targets
                and not rules.is_locked(team, exit_)
                and holds(exit_.passable, team, elapsed)
            ):
                targets.add(exit_.to)
                candidates.append((("go", exit_.to, ""), self.moves(ac.Go, to=exit_.to)))
        for pair in self.combinable(team.inventory) if everywhere else ():
            puzzle = rules.combinations[pair]
            if puzzle.id not in team.solved and judge.open_puzzle(puzzle.id):
                first, second = sorted(pair)
                combine = self.moves(ac.Combine, first=first, second=second)
                candidates.append((("combine", puzzle.id, ""), combine))
        for item in team.inventory if everywhere else ():
            if item in rel.examine and item not in team.examined:
                candidates.append((("examine", item, ""), self.moves(ac.Examine, item=item)))
        points = self.abstraction.time_points
        tick = self.abstraction.tick(now)
        if everywhere and tick < len(points):
            candidates.append((("wait", str(tick), ""), (Wait(points[tick]),)))
        for mid, moves in candidates:
            if awake(mid):
                result = self.run(state, moves, now)
                if result is not None:
                    yield mid, moves, *result
        yield from self.uses(state, team, elapsed, now, judge, awake)

    def combinable(self, inventory: Sequence[str]) -> list[frozenset[str]]:
        """The combinations of two carried items, in scenario order (not all combinations:
        their number grows with the game, the inventory of a compacted state does not)."""
        combinations = self.rules.combinations
        found = [
            pair
            for n, first in enumerate(inventory)
            for second in inventory[n + 1 :]
            if (pair := frozenset((first, second))) in combinations
        ]
        return sorted(found, key=self.combination_order.__getitem__)

    def moves(self, action: type[ac.Action], **fields: str) -> tuple[Move, ...]:
        """One action of the lint's player, made once (actions are immutable values)."""
        key = (action, *fields.items())
        found = self.made.get(key)
        if found is None:
            found = self.made[key] = (action(player=PLAYER, **fields),)
        return found

    def plan(self, hotspot: Hotspot) -> _Plan:
        """What the search plays with ``hotspot``, worked out once: its ``use``, the free
        item's giver to use first, and the moves after it (the right answer, ``close``, the
        failing answers), each with its macro id."""
        found = self.plans.get(hotspot.id)
        if found is not None:
            return found
        use = ac.Use(player=PLAYER, hotspot=hotspot.id, item=hotspot.needs_item)
        giver = self.rel.free.get(hotspot.needs_item or "")
        right: tuple[Move, ...] | None = None
        fail: tuple[Move, ...] | None = None
        puzzle = self.rules.puzzles.get(hotspot.puzzle or "")
        if puzzle is not None:
            value = right_answer(puzzle)
            if value is not None:
                right = (ac.Answer(player=PLAYER, puzzle=puzzle.id, value=value),)
            if puzzle.attempts is not None:
                wrong = ac.Answer(player=PLAYER, puzzle=puzzle.id, value=wrong_answer(puzzle))
                fail = (wrong,) * puzzle.attempts
        found = self.plans[hotspot.id] = _Plan(
            use=use,
            fetch=self.moves(ac.Use, hotspot=giver) if giver is not None else (),
            runs=hotspot.id in self.rel.effectful,
            puzzle=puzzle.id if puzzle is not None else None,
            right=(("use", hotspot.id, "right"), right) if right is not None else None,
            close=(("use", hotspot.id, "close"), self.moves(ac.Close)),
            fail=(("use", hotspot.id, "fail"), fail) if fail is not None else None,
            used=(("use", hotspot.id, "use"), ()),
        )
        return found

    def uses(
        self,
        state: GameState,
        team: TeamState,
        elapsed: float,
        now: float,
        judge: Judge,
        awake: Callable[[MacroId], bool],
    ) -> Iterator[Successor]:
        rules = self.rules
        for hotspot in self.active_in.get(team.scene or "", ()):
            if not judge.hotspot(hotspot.id):
                continue  # it can only change dead facts: same key, nothing to learn
            if hotspot.when is not None and not holds(hotspot.when, team, elapsed):
                continue
            if hotspot.locked and rules.is_locked(team, hotspot):
                continue
            plan = self.plan(hotspot)
            fetch = plan.fetch  # a free item: its giver is used first in the path
            needs = hotspot.needs_item
            if needs and not fetch and needs not in team.inventory:
                continue
            runs = plan.runs and (hotspot.id not in team.used or not hotspot.once)
            opens = (
                plan.puzzle is not None
                and plan.puzzle not in team.solved
                and plan.puzzle not in team.failed
            )
            if not runs and not opens:
                continue
            variants: list[tuple[MacroId, tuple[Move, ...]]] = []
            if opens:
                if plan.right is not None:
                    variants.append(plan.right)
                if runs or plan.right is None:
                    variants.append(plan.close)
                if plan.fail is not None:
                    variants.append(plan.fail)
            else:
                variants.append(plan.used)
            variants = [v for v in variants if awake(v[0])]
            if not variants:
                continue
            use = plan.use
            held = not fetch or needs in team.inventory
            result = self.run(state, (use,) if held else (*fetch, use), now)
            if result is None:
                continue
            opened_state, _, opening = result
            if self.team_of(opened_state).open_puzzle is None:
                yield plan.used[0], (*fetch, use), opened_state, now, opening
                continue
            for mid, moves in variants:
                done = self.run(opened_state, moves, now)
                if done is not None:
                    yield mid, (*fetch, use, *moves), done[0], now, [*opening, *done[2]]


class _Plan(NamedTuple):
    """A hotspot's moves in the search (``Explorer.plan``); a variant is (macro id, moves)."""

    use: ac.Use
    fetch: tuple[Move, ...]
    runs: bool  # it has effects that matter
    puzzle: str | None
    right: tuple[MacroId, tuple[Move, ...]] | None
    close: tuple[MacroId, tuple[Move, ...]]
    fail: tuple[MacroId, tuple[Move, ...]] | None
    used: tuple[MacroId, tuple[Move, ...]]  # no puzzle opened: the use alone


def wrong_answer(puzzle: PuzzleBase) -> Any:
    """A plausible value that does not solve ``puzzle`` (to use up limited attempts)."""
    candidates = unit_of(puzzle).wrong_answers(puzzle)
    for value in candidates:
        if not is_right(puzzle, value):
            return value
    return ""
