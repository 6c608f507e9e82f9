"""Screens: each builds the list of widgets for one moment of the game.

``build_screen`` picks the screen from the game phase and what the room is doing; the
chrome (top bar, "Qui joue ?" strip, bag) is shared by the play screens.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING, TypeVar

from engine.player.widgets import Widget

if TYPE_CHECKING:
    from engine.player.app import App

T = TypeVar("T")


def build_screen(app: App) -> list[Widget]:
    from engine.player.screens import ending, lobby, overlays, play, puzzles, start

    if app.screen == "start":
        widgets = start.build(app)
    elif app.state.phase == "lobby":
        app.screen = "lobby"
        widgets = lobby.build(app)
    elif app.state.phase == "ended" or (app.team() is not None and app.team().ending is not None):  # type: ignore[union-attr]
        app.screen = "ending"
        widgets = ending.build(app)
    else:
        app.screen = "play"
        _sync_puzzle(app)
        widgets = play.build(app)
        if app.work.puzzle:
            widgets = puzzles.build(app, widgets)
        overlay = overlays.build(app)
        if overlay:
            widgets = [
                w if w.key.startswith("bar:") else puzzles.inert(w) for w in widgets
            ] + overlay
    keys = {w.key for w in widgets if w.interactive}
    if app.focus is not None and app.focus not in keys:
        app.focus = None
    if app.hover is not None and app.hover not in keys:
        app.hover = None
    return widgets


def memo(app: App, key: Hashable, make: Callable[[], T]) -> T:
    """A part of a screen that depends only on ``key`` is built once (map labels, the
    on-screen keyboard): rebuilding the widgets after every tap must stay cheap. The key
    carries the scale and style, so a resize or a bigger text size builds it again."""
    full = _sized(app, key)
    if full not in app.memo:
        if len(app.memo) > 256:
            app.memo.clear()
        app.memo[full] = make()
    return app.memo[full]  # type: ignore[no-any-return]


def part(
    app: App, name: str, state: object, key: Hashable, make: Callable[[], list[Widget]]
) -> list[Widget]:
    """A part of a screen kept until what it is built from changes: typing in a puzzle
    rebuilds the puzzle, not the scene behind it. ``state`` is the game state (replaced by
    every action, so compared by identity), ``key`` the rest ``make`` reads. A test compares
    kept parts with fresh builds along every shipped walkthrough."""
    full = _sized(app, key)
    found = app.parts.get(name)
    if found is not None and found[0] is state and found[1] == full:
        return found[2]  # type: ignore[no-any-return]
    widgets = make()
    app.parts[name] = (state, full, widgets)
    return widgets


def _sized(app: App, key: Hashable) -> Hashable:
    """``key`` with what changes every widget's size and text: scale, text size, font, language."""
    painter = app.painter
    style = painter.style
    return (key, painter.s, style.text_scale, style.fonts, app.options.language)


def _sync_puzzle(app: App) -> None:
    """The core says which puzzle is open (after a resume, or when the turn changes)."""
    from engine.player.app import PuzzleWork

    team = app.team()
    wanted = team.open_puzzle if team is not None else None
    if (app.work.puzzle or None) != wanted:
        if wanted is not None and wanted in app.rules.puzzles:
            app._open_work(wanted)
        else:
            app.work = PuzzleWork()
