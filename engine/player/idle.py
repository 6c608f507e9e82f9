"""What a frame that shows nothing new does with its time, one piece per frame: paint the
screen a covering panel hides (it shows when the panel closes), collect garbage, draw the
looks a hover or a press will need, warm the fonts for the texts to come. That work would
otherwise land in the frame answering a tap."""

from __future__ import annotations

from collections.abc import Callable

from engine.player.garbage import IdleCollector
from engine.player.glyphs import GlyphWarmup
from engine.player.prepaint import PictureWarmup
from engine.player.widgets import Widget

WARM_BUDGET = 0.00025  # seconds of drawing ahead in a frame that shows nothing new
#: seconds of painting the hidden screen per idle frame: a few widgets, all of it within
#: a few frames, well before anyone can close the panel
OWED_BUDGET = 0.004


class IdleWork:
    def __init__(
        self,
        looks_ahead: PictureWarmup,
        glyphs: GlyphWarmup,
        owed: Callable[[float], bool] = lambda _budget: False,
    ) -> None:
        self.owed = owed
        self.looks_ahead = looks_ahead
        self.glyphs = glyphs
        self.garbage = IdleCollector()
        self.garbage.start()

    def step(self, widgets: list[Widget]) -> None:
        if self.owed(OWED_BUDGET):
            return
        if self.garbage.due:
            self.garbage.step()
        elif not self.looks_ahead.done(widgets):
            self.looks_ahead.step(widgets, WARM_BUDGET)
        elif not self.glyphs.done:
            self.glyphs.step(WARM_BUDGET)

    def stop(self) -> None:
        self.garbage.stop()
