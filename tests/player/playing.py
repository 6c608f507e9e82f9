"""Helper of the player tests: a shipped game started as a room would, with its
walkthrough's players joined by the mouse."""

from __future__ import annotations

from pathlib import Path

from engine.player.app import App
from engine.player.driver import Driver
from engine.walkthrough import default_walkthrough, load_walkthrough


def start_playing(app: App, path: Path) -> Driver:
    """From the start screen to the first playing frame; returns the mouse driver."""
    driver = Driver(app, "mouse")
    app.frame()
    driver.press("start:play", None)
    for spec in load_walkthrough(default_walkthrough(path)).spec.players:
        driver.join(spec)
    driver.press("lobby:start", None)
    driver.frames(1)
    return driver
