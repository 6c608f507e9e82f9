"""Dynamic liveness: which true facts of a state can still change anything.

The judge answers questions about one *coarse* state (its closure-filtered facts, ``Parts``).
Every fact it reads goes through ``Judge.test``, which records it, so verdicts can be shared
between states that agree on what was read (``engine.lint.verdicts``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from engine.lint.readers import Op, Readers, Site
from engine.lint.verdicts import MISSING, Fact, Verdicts

_NOTHING: tuple[list[Op], list[Op], bool] = ([], [], False)

#: The closure-filtered facts of a state, in ``PARTS`` order; the judge reads nothing else.
Parts = tuple[frozenset[str], ...]
PARTS = ("closure", "inventory", "flags", "unlocked", "solved", "failed", "used", "examined")
CLOSURE, INVENTORY, FLAGS, UNLOCKED, SOLVED, FAILED, USED, EXAMINED = range(len(PARTS))

_NO_MEMO: dict[tuple[str, str, str], bool] = {}  # never written: ``ask`` replaces it first
_NO_READS: list[Fact] = []

Question = tuple[str, str]  # ("i", item), ("f", flag), ("p"/"o", puzzle), ("u"/"h", hotspot)…


class Judge:
    """Decides, for one coarse state, which true facts can still change anything.

    A fact is alive while some *reader* of it is alive: an exit in a reachable scene, a
    hotspot that can still run a live effect or open a live puzzle, an unsolved combination,
    an item not examined yet. An effect is dead when it is a permanent no-op (unlocking what
    is unlocked, giving an item never taken that the team holds) or only changes dead facts.
    Everything it reads is monotone or dead, so a dead fact stays dead: dropping it from the
    key merges states with the same future. Cycles are assumed alive (the safe side): an
    answer is then at least the least fixpoint of these equations, whatever the order.

    Each question is worked out afresh (its own memo) and stored in the shared ``Verdicts``
    with the facts it read; questions are asked once per state.
    """

    __slots__ = ("asked", "memo", "parts", "r", "read", "shared")

    def __init__(self, readers: Readers, parts: Parts, shared: Verdicts | None = None) -> None:
        self.r = readers
        self.parts = parts
        self.shared = shared if shared is not None else Verdicts()
        self.asked: dict[Question, bool] = {}
        #: the memo and the facts read of the question being worked out (``ask`` makes them:
        #: most judges find every answer in the shared trees and never need them)
        self.memo: dict[tuple[str, str, str], bool] = _NO_MEMO
        self.read: list[Fact] = _NO_READS

    # --- the explorer's questions ---------------------------------------------------------

    def item(self, item: str) -> bool:
        return self.ask(("i", item))

    def flag(self, flag: str) -> bool:
        return self.ask(("f", flag))

    def status(self, puzzle: str) -> bool:
        """Would it matter whether ``puzzle`` is solved or failed?"""
        return self.ask(("p", puzzle))

    def open_puzzle(self, puzzle: str) -> bool:
        """Can solving or failing ``puzzle`` still change something alive?"""
        return self.ask(("o", puzzle))

    def used(self, hotspot: str) -> bool:
        """Would it matter whether ``hotspot`` already ran its once-only effects?"""
        return self.ask(("u", hotspot))

    def hotspot(self, hotspot: str) -> bool:
        """Can using ``hotspot`` still change something alive?"""
        return self.ask(("h", hotspot))

    def idle(self, scene: str) -> bool:
        """No hotspot of ``scene`` can change anything alive."""
        for hotspot in self.r.active_in.get(scene, ()):  # noqa: SIM110 - hot path
            if self.ask(("h", hotspot)):
                return False
        return True

    def kept(self, kind: str, names: frozenset[str]) -> frozenset[str]:
        """The ``names`` whose question ``(kind, name)`` is alive (``"i"``: items, ``"f"``,
        ``"p"``, ``"u"``); ``names`` itself when none is dead, so that keys share their sets.
        A key is made of these, once a successor: asked here in one loop."""
        if not names:
            return names
        ask = self.ask
        kept = frozenset([name for name in names if ask((kind, name))])
        return names if len(kept) == len(names) else kept

    def ask(self, question: Question) -> bool:
        """The answer, from this state's memo, the shared trees, or worked out (and shared)."""
        found = self.asked.get(question)
        if found is None:
            found = self.shared.find(question, self.parts)
            if found is MISSING:
                self.memo, self.read = {}, []
                found = self.compute(question)
                self.shared.store(question, self.parts, self.read, found)
                self.memo, self.read = _NO_MEMO, _NO_READS  # kept judges keep no working memory
            self.asked[question] = found
        return found

    def compute(self, question: Question) -> bool:
        kind, name = question
        if kind == "i":
            return self._item(name)
        if kind == "f":
            return self._flag(name)
        if kind == "p":
            return self._status(name)
        if kind == "o":
            return self._open(name, "")
        if kind == "u":
            scene, _, effects, _ = self.r.hotspots[name]
            return self.test(CLOSURE, scene) and self.effects(effects, "")
        return self._hotspot(name, "")

    def test(self, part: int, name: str) -> bool:
        """Is ``name`` in that part of the state? Every read of the state comes here."""
        self.read.append((part, name))
        return name in self.parts[part]

    # --- the equations; each is memoised and counts as alive while computed (cycles) ------

    def _memo(
        self, key: tuple[str, str, str], work: Callable[[Any, str], bool], arg: Any, exclude: str
    ) -> bool:
        """``work(arg, exclude)``, once per ``key`` (no closure to build at each call)."""
        found = self.memo.get(key)
        if found is None:
            self.memo[key] = True
            found = self.memo[key] = work(arg, exclude)
        return found

    def _item(self, item: str) -> bool:
        return self._memo(("i", item, ""), self.sites, self.r.items.get(item, ()), item)

    def _flag(self, flag: str) -> bool:
        return self._memo(("f", flag, ""), self.sites, self.r.flags.get(flag, ()), flag)

    def _status(self, puzzle: str) -> bool:
        return self._memo(("p", puzzle, ""), self._outcome, puzzle, "")

    def _open(self, puzzle: str, exclude: str) -> bool:
        if self.test(SOLVED, puzzle) or self.test(FAILED, puzzle):
            return False
        return self._memo(("o", puzzle, exclude), self._outcome, puzzle, exclude)

    def _outcome(self, puzzle: str, exclude: str) -> bool:
        on_solve, on_fail, points = self.r.solve.get(puzzle, _NOTHING)
        return (
            points
            or self.effects(on_solve, exclude)
            or self.effects(on_fail, exclude)
            or self.sites(self.r.puzzles.get(puzzle, ()), exclude)
        )

    def _hotspot(self, hotspot: str, exclude: str) -> bool:
        if hotspot not in self.r.rel.active:
            return False
        return self._memo(("h", hotspot, exclude), self._use, hotspot, exclude)

    def _use(self, hotspot: str, exclude: str) -> bool:
        scene, once, effects, puzzle = self.r.hotspots[hotspot]
        if not self.test(CLOSURE, scene):
            return False
        if effects and not (once and self.test(USED, hotspot)) and self.effects(effects, exclude):
            return True
        return puzzle is not None and self._open(puzzle, exclude)

    def sites(self, sites: Iterable[Site], exclude: str) -> bool:
        for site in sites:  # noqa: SIM110 - a loop is cheaper than any() here, a hot path
            if self.site(site, exclude):
                return True
        return False

    def site(self, site: Site, exclude: str) -> bool:
        kind, ref = site
        if kind == "x":
            return self.test(CLOSURE, ref)
        if kind == "h":
            return self._hotspot(ref, exclude)
        if kind == "c":
            return self._open(ref, exclude)
        if self.test(EXAMINED, ref):
            return False
        return self.effects(self.r.examine.get(ref, []), exclude)

    def effects(self, ops: Iterable[Op], exclude: str) -> bool:
        for op in ops:  # noqa: SIM110 - as in ``sites``
            if self.effect(op, exclude):
                return True
        return False

    def effect(self, op: Op, exclude: str) -> bool:
        kind, name = op
        if kind == "give":
            if name == exclude or (name not in self.r.taken and self.test(INVENTORY, name)):
                return False
            return self._item(name)
        if kind == "take":
            return name != exclude and self._item(name)
        if kind == "set":
            if name == exclude or (name not in self.r.unset and self.test(FLAGS, name)):
                return False
            return self._flag(name)
        if kind == "unset":
            return name != exclude and self._flag(name)
        if kind == "unlock":
            return not self.test(UNLOCKED, name)
        if kind == "score":
            return self.r.rel.score
        return True
