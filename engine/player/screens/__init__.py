"""Screens: each builds the list of widgets for one moment of the game.

``build_screen`` picks the screen from the game phase and what the room is doing; the
chrome (top bar, "Qui joue ?" strip, bag) is shared by the play screens.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from engine.player.paint import Painter
from engine.player.widgets import Look, Widget

if TYPE_CHECKING:
    from engine.player.app import App


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


REST = Look()
MAX_REGIONS = 24
FULL_AREA = 0.45 * 1920 * 1080


def changed_regions(
    old: list[Widget], new: list[Widget]
) -> list[tuple[float, float, float, float]] | None:
    """Where the screen changed between two widget lists; None when it is simpler to redraw
    everything (first frame, or most of the screen changed)."""
    if not old:
        return None
    before = {w.key: w for w in old}
    after = {w.key: w for w in new}
    if len(before) != len(old) or len(after) != len(new):
        return None  # a key used twice: diffing by key would miss a change
    regions = []
    for key, widget in after.items():
        previous = before.get(key)
        if previous is None or previous.signature != widget.signature:
            regions.append(widget.paint)
            if previous is not None:
                regions.append(previous.paint)
    regions += [w.paint for key, w in before.items() if key not in after]
    if len(regions) > MAX_REGIONS or sum(r[2] * r[3] for r in regions) > FULL_AREA:
        return None
    return regions


def repaint(app: App, painter: Painter, regions: list[tuple[float, float, float, float]]) -> None:
    """Redraw only ``regions``: every widget touching one is drawn again, in order, clipped."""
    surface = painter.target
    bounds = surface.get_rect()
    for region in regions:
        clip = painter.px(region).clip(bounds)
        if clip.width <= 0 or clip.height <= 0:
            continue
        surface.set_clip(clip)
        surface.fill(painter.theme.background)
        for widget in app.widgets:
            if _overlap(widget.paint, region):
                widget.draw(painter, REST)
    surface.set_clip(None)


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


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


def draw_widgets(app: App, painter: Painter) -> None:
    """Every widget at rest (the cached layer)."""
    painter.fill(painter.theme.background)
    for widget in app.widgets:
        widget.draw(painter, REST)


def draw_looks(app: App, painter: Painter) -> None:
    """Only the widgets that are hovered, focused or pressed, over the cached layer."""
    pressed = set(app.pressed.values())
    for widget in app.widgets:
        look = Look(
            hovered=widget.key == app.hover or widget.key in app.pad_hover,
            focused=widget.key == app.focus,
            pressed=widget.key in pressed,
        )
        if look != REST:
            widget.draw(painter, look)
