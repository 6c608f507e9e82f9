"""The facilitator console (a second window or an overlay) and its hook into the game window.

``attach(app)`` is called once by ``App``: it adds the console's event filter and its layer,
and the debrief state the ending screen opens. Nothing else in the player knows about them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from engine.player.console.host import Console, ConsoleSettings
from engine.player.screens.debrief import Debrief
from engine.player.ui import Layer

if TYPE_CHECKING:
    from engine.player.app import App


def attach(app: App) -> Console:
    console = Console(app)
    app.event_filters.append(console.filter)
    app.layers.append(Layer(console.draw, console.layer_signature))
    app.ui.debrief = Debrief()
    return console


__all__ = ["Console", "ConsoleSettings", "attach"]
