"""A small thread-safe least-recently-used map of things built from stored data, keyed by
what they were built from, so that a key read again reuses them and a change is a new key."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

V = TypeVar("V")


class Recent(Generic[V]):
    """``build`` runs outside the lock: two threads missing one key at once both build it."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.items: OrderedDict[Hashable, V] = OrderedDict()
        self.lock = threading.Lock()
        self.built = 0  # how many times ``build`` ran (the tests read it)

    def get(self, key: Hashable, build: Callable[[], V]) -> V:
        with self.lock:
            if key in self.items:
                self.items.move_to_end(key)
                return self.items[key]
        value = build()
        with self.lock:
            self.built += 1
            self.items[key] = value
            while len(self.items) > self.size:
                self.items.popitem(last=False)
        return value
