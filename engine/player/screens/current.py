"""Which screen the moment calls for, and its widgets."""

from __future__ import annotations

from typing import TYPE_CHECKING

from engine.player.screens import ending, lobby, overlays, play, puzzles, start
from engine.player.widgets import Widget

if TYPE_CHECKING:
    from engine.player.app import App


def screen_name(app: App) -> str:
    """start (until "Jouer"), lobby, ending (the game, or this team's part, is over) or play."""
    if app.ui.screen == "start":
        return "start"
    if app.state.phase == "lobby":
        return "lobby"
    team = app.team()
    if app.state.phase == "ended" or (team is not None and team.ending is not None):
        return "ending"
    return "play"


def open_puzzle(app: App) -> str | None:
    """The puzzle the core says is open (after a resume, or when the turn changes)."""
    team = app.team()
    wanted = team.open_puzzle if team is not None else None
    return wanted if wanted is not None and wanted in app.rules.puzzles else None


def build_screen(app: App) -> list[Widget]:
    """The widgets of ``app.ui.screen``, topmost last."""
    name = app.ui.screen
    if name == "start":
        return start.build(app)
    if name == "lobby":
        return lobby.build(app)
    if name == "ending":
        return ending.build(app)
    widgets = play.build(app)
    if app.ui.work.puzzle:
        widgets = puzzles.build(app, widgets)
    overlay = overlays.build(app)
    if overlay:
        widgets = [w if w.key.startswith("bar:") else puzzles.inert(w) for w in widgets] + overlay
    return widgets
