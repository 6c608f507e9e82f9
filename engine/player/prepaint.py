"""Idle frames draw ahead the pictures the next input is likely to need.

A pictured widget (a button, a key, an answer) is drawn once per look and blitted after
(engine/player/repaint.paint). Without this, the first hover or press of each button would
draw its picture in the very frame that answers the player. When nothing moves on screen,
those pictures are drawn a few at a time, within a small time budget per frame.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from engine.player.repaint import prepare
from engine.player.widgets import Look, Widget

if TYPE_CHECKING:
    from engine.player.paint import Painter

#: the looks an input gives a widget: a mouse or a pad pointing then pressing, a finger
#: pressing, the keyboard's focus
LIKELY = (
    Look(hovered=True),
    Look(hovered=True, pressed=True),
    Look(focused=True),
    Look(pressed=True),
)


class PictureWarmup:
    """The pictures still to draw for the widgets on screen, most likely looks first."""

    def __init__(self, painter: Painter) -> None:
        self.painter = painter
        self.todo: list[tuple[Widget, Look]] = []
        self.planned: tuple[list[Widget] | None, float, object] = (None, 0.0, None)
        #: how long a picture takes per pixel (the slowest lately): what fits in a budget
        self.per_pixel = 1e-8

    def done(self, widgets: list[Widget]) -> bool:
        return not self.todo and self._planned_for(widgets)

    def _planned_for(self, widgets: list[Widget]) -> bool:
        listed, s, style = self.planned
        return listed is widgets and (s, style) == (self.painter.s, self.painter.style)

    def step(self, widgets: list[Widget], budget: float) -> None:
        """Draw pictures for about ``budget`` seconds: a picture that would not fit (judged
        by its size and the time pictures took so far) waits for the next frame, unless it
        is the frame's first (so that the work always moves on)."""
        if not self._planned_for(widgets):
            self.planned = (widgets, self.painter.s, self.painter.style)
            ready = [w for w in widgets if w.pictured and w.interactive]
            self.todo = [(w, look) for look in reversed(LIKELY) for w in reversed(ready)]
        painter = self.painter
        start = time.perf_counter()
        spent = 0.0
        while self.todo:
            widget, look = self.todo[-1]
            reach = widget.reach(look)
            box = painter.px(reach)
            pixels = box.width * box.height
            if spent and spent + self.per_pixel * pixels > budget:
                return
            self.todo.pop()
            began = time.perf_counter()
            if prepare(painter, widget, look):
                took = time.perf_counter() - began
                self.per_pixel = max(took / max(1, pixels), 0.8 * self.per_pixel)
            spent = time.perf_counter() - start
