"""The judge's verdicts, shared between states on the facts they actually read.

The liveness judge (``engine.lint.judge``) answers the same few questions in every state
("can this hotspot still matter?"), and a verdict reads only a handful of facts: in a game of a
thousand puzzles, those of one room. Each verdict is stored at the end of the path of the facts
its computation tested (a decision tree per question); a later state that agrees on every fact
along a path gets the stored verdict without working it out.

Sound whatever order facts are tested in: a stored verdict was computed from facts that are all
on its path, so every state that reaches it agrees with the state it was computed in on
everything the computation read, and would compute the same equations. (The judge cuts
cycles on the alive side, so a verdict is at least the least fixpoint in all of them.)
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import Any

Fact = tuple[int, str]  # (part of the state, name): "is name in that part?"


class _Missing:
    """No verdict stored on this branch yet."""


MISSING: Any = _Missing()
#: A tree: a stored verdict, MISSING, or [part, name, tree if absent, tree if present].


class Verdicts:
    """Decision trees of stored verdicts, one per question."""

    def __init__(self) -> None:
        self.trees: dict[Hashable, Any] = {}

    def find(self, question: Hashable, parts: Sequence[frozenset[str]]) -> Any:
        """The stored verdict for a state with these ``parts``, or ``MISSING``."""
        node = self.trees.get(question, MISSING)
        while node.__class__ is list:
            node = node[3] if node[1] in parts[node[0]] else node[2]
        return node

    def store(
        self, question: Hashable, parts: Sequence[frozenset[str]], read: list[Fact], answer: Any
    ) -> None:
        """Store ``answer``, worked out by reading the facts ``read`` of a state with ``parts``."""
        holder: Any = self.trees
        slot: Any = question
        node = holder.get(question, MISSING)
        on_path: set[Fact] = set()
        while node.__class__ is list:
            on_path.add((node[0], node[1]))
            slot = 3 if node[1] in parts[node[0]] else 2
            holder, node = node, node[slot]
        tree = answer
        for fact in reversed(list(dict.fromkeys(read))):
            if fact in on_path:
                continue
            part, name = fact
            branch = [part, name, MISSING, MISSING]
            branch[3 if name in parts[part] else 2] = tree
            tree = branch
        holder[slot] = tree
