"""Garbage is collected in frames that show nothing new, not in the frame answering a tap.

CPython collects its young objects after every 700 allocations or so, which happens while
a screen is rebuilt: in the very frames where the room waits for an answer to a tap. While
the window is open, the automatic threshold is raised twenty-fold and ``IdleCollector``
collects at the usual pace in still frames instead; a long busy spell (a pad cursor moving
for minutes) still collects, automatically, past the raised threshold.
"""

from __future__ import annotations

import gc

#: how many times the usual allocation count a busy spell may reach before CPython collects
BUSY_FACTOR = 20


class IdleCollector:
    def __init__(self) -> None:
        self.usual = gc.get_threshold()
        self.open = False

    def start(self) -> None:
        if not self.open:
            self.usual = gc.get_threshold()
            gc.set_threshold(self.usual[0] * BUSY_FACTOR, *self.usual[1:])
            self.open = True

    def stop(self) -> None:
        if self.open:
            gc.set_threshold(*self.usual)
            gc.unfreeze()  # what ``settle`` set aside may be collected again
            self.open = False

    def settle(self) -> None:
        """Collect once, then set aside what lives on (the scenario, the fonts' tables, the
        pictograms' index): a full collection in a still frame then walks only what was
        made since, not the tens of thousands of objects a window opens with (28 ms)."""
        gc.collect()
        gc.freeze()

    @property
    def due(self) -> bool:
        """As CPython would have collected by now."""
        return self.open and gc.get_count()[0] >= self.usual[0]

    def step(self) -> None:
        """Collect the oldest generation that is due, as CPython's own policy does."""
        count = gc.get_count()
        generation = next((g for g in (2, 1) if count[g] >= self.usual[g]), 0)
        gc.collect(generation)
