"""What is drawn before the first frame, so that no later frame pays for it.

The first drawing of a screen was the player's worst frame (bench/frames.py: 30 to 50 ms,
where a frame at 60 Hz has 16.7): the scenes' big pictures, the pictograms' table read at
the first icon, the lobby's seventy keys each rendered into its picture, the ending's
backdrop. They are made
here, once, right after the first frame is on screen (``App.settle_in``): the room sees
the start screen sooner, and no later frame pays for them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from engine.player.repaint import REST, prepare
from engine.player.screens import lobby
from engine.player.screens.ending import LOST, WON
from engine.player.screens.overlays import CHEER_CARD, HANDOVER_CARD, HANDOVER_STAGE
from engine.player.screens.play import TURN_BANNER, pictures_ahead
from engine.player.screens.puzzles import PANEL_HEAD

if TYPE_CHECKING:
    from engine.player.app import App


def draw_ahead(app: App) -> None:
    pictures_ahead(app)
    # the gradients of the screens to come: the ending's backdrop, the puzzle panel's
    # title band, the hand-over's stage and card, the points' card and the rally's banner
    gradients = [((0.0, 0.0, 1920.0, 1080.0), top, bottom, 0.0) for top, bottom in (WON, LOST)]
    gradients += [PANEL_HEAD, HANDOVER_STAGE, HANDOVER_CARD, CHEER_CARD, TURN_BANNER]
    for rect, top, bottom, radius in gradients:
        app.painter.gradient_ahead(rect, top, bottom, radius)
    if app.ui.screen == "start":  # the lobby comes next: its keys and buttons, at rest
        for widget in lobby.build(app):
            if widget.pictured:
                prepare(app.painter, widget, REST)
    app.idle.garbage.settle()
